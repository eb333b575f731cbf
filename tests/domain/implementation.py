"""Factories for the events of implementation: reports, claims, lifecycle, amendments, delegations."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain.agreement import Agreement
from domain.agreement.values import (
    DEFAULT_POLICY,
    CompletionLevel,
    DueDate,
    Evidence,
    Health,
    Verification,
    VerificationPolicy,
)
from domain.values import LocalizedText
from tests.domain.scenario import JIANGMEN, ZHONGSHAN, ZHUHAI, event, zh

TODAY = date(2025, 6, 1)
REPORT = UUID("00000000-0000-4000-8000-0000000000b1")
REPORT_2 = UUID("00000000-0000-4000-8000-0000000000b2")
CLAIM = UUID("00000000-0000-4000-8000-0000000000c1")
CLAIM_2 = UUID("00000000-0000-4000-8000-0000000000c2")
AMENDMENT = UUID("00000000-0000-4000-8000-0000000000d1")
OTHER_ID = UUID("00000000-0000-4000-8000-0000000000e1")
NOTICE = Evidence("平台上线通知", url="https://example.gov.cn/notice", sha256="ab" * 32)
EVIDENCE = (NOTICE,)
NARRATIVE = zh("平台已完成需求调研")


def started(code: str = "C1", party: UUID = ZHUHAI, on: date = date(2025, 3, 1)) -> Any:
    return event(
        Agreement.CommitmentStarted, commitment_code=code, party_id=party, on_behalf_of=None, started_on=on
    )


def reported(
    report_id: UUID = REPORT,
    code: str = "C1",
    party: UUID = ZHUHAI,
    level: CompletionLevel = CompletionLevel.LIMITED,
    as_of: date = date(2025, 4, 1),
    health: Health = Health.ON_TRACK,
    own_share: bool = False,
    on_behalf_of: UUID | None = None,
) -> Any:
    return event(
        Agreement.ProgressReported,
        report_id=report_id,
        commitment_code=code,
        party_id=party,
        on_behalf_of=on_behalf_of,
        as_of=as_of,
        level=level,
        health=health,
        narrative=NARRATIVE,
        evidence=(),
        next_steps=(),
        own_share=own_share,
        reported_on=as_of,
    )


def claimed(
    claim_id: UUID = CLAIM,
    code: str = "C1",
    party: UUID = ZHUHAI,
    policy: VerificationPolicy = DEFAULT_POLICY,
    claimed_on: date = date(2025, 5, 1),
) -> Any:
    counterparties = tuple(sorted({ZHUHAI, ZHONGSHAN, JIANGMEN} - {party}, key=str))
    return event(
        Agreement.CompletionClaimed,
        claim_id=claim_id,
        commitment_code=code,
        party_id=party,
        on_behalf_of=None,
        completed_on=date(2025, 4, 30),
        claimed_on=claimed_on,
        evidence=EVIDENCE,
        narrative=None,
        counterparties=counterparties,
        policy=policy,
    )


def acknowledged(party: UUID, claim_id: UUID = CLAIM, code: str = "C1", on: date = date(2025, 5, 2)) -> Any:
    return event(
        Agreement.CompletionAcknowledged,
        claim_id=claim_id,
        commitment_code=code,
        party_id=party,
        acknowledged_on=on,
    )


def disputed(party: UUID, claim_id: UUID = CLAIM, code: str = "C1") -> Any:
    return event(
        Agreement.CompletionDisputed,
        claim_id=claim_id,
        commitment_code=code,
        party_id=party,
        reason="平台尚未上线",
        disputed_on=date(2025, 5, 3),
    )


def withdrawn(claim_id: UUID = CLAIM, code: str = "C1", party: UUID = ZHUHAI) -> Any:
    return event(
        Agreement.ClaimWithdrawn,
        claim_id=claim_id,
        commitment_code=code,
        party_id=party,
        on_behalf_of=None,
        reason=None,
        withdrawn_on=date(2025, 5, 3),
    )


def completed(claim_id: UUID = CLAIM, code: str = "C1", policy: VerificationPolicy = DEFAULT_POLICY) -> Any:
    return event(
        Agreement.CommitmentCompleted,
        claim_id=claim_id,
        commitment_code=code,
        completed_on=date(2025, 4, 30),
        verification=Verification.ACKNOWLEDGED,
        policy=policy,
    )


def suspended(on: date = date(2025, 4, 15)) -> Any:
    return event(Agreement.Suspended, suspended_on=on, reason="重大公共卫生事件")


def period_ended(on: date = date(2025, 5, 1), final_report_due: date = date(2025, 7, 1)) -> Any:
    return event(Agreement.PeriodEnded, ended_on=on, final_report_due=final_report_due)


def terminated(on: date = date(2025, 5, 1)) -> Any:
    return event(Agreement.Terminated, terminated_on=on, reason="各方协商一致")


def delegated(principal: UUID, delegate: UUID, codes: tuple[str, ...] = ()) -> Any:
    return event(
        Agreement.ReportingRightDelegated,
        principal_id=principal,
        delegate_id=delegate,
        commitment_codes=codes,
        delegated_on=date(2025, 3, 1),
    )


def milestone_defined(
    code: str = "C1",
    milestone: str = "M1",
    due: DueDate = DueDate(date(2025, 9, 30)),
    party: UUID = ZHUHAI,
    title: LocalizedText | None = None,
) -> Any:
    return event(
        Agreement.MilestoneDefined,
        commitment_code=code,
        milestone_code=milestone,
        title=title or zh("完成需求调研"),
        due=due,
        deliverable=None,
        party_id=party,
        on_behalf_of=None,
        defined_on=date(2025, 3, 1),
    )


def policy_set(policy: VerificationPolicy, code: str | None = None) -> Any:
    return event(Agreement.VerificationPolicySet, commitment_code=code, policy=policy, amendment_id=None)


def cancelled(code: str = "C1") -> Any:
    return event(Agreement.CommitmentCancelled, commitment_code=code, reason="并入C2", amendment_id=AMENDMENT)


def report(
    agreement: Any, party: UUID = ZHUHAI, code: str = "C1", report_id: UUID = REPORT, **changes: Any
) -> None:
    """Report progress on C1 (by default) as of May, at a limited level."""
    content = dict(
        as_of=date(2025, 5, 1), level="limited", health="on_track", narrative=NARRATIVE, today=TODAY
    )
    agreement.report_progress(report_id, code, party, **{**content, **changes})
