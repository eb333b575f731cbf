"""A year of implementation of the seeded ZZJ pact, told through the service's commands.

Each step sends a command (no HTTP), decided as on the day it happens: that day is the command's `today`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from uuid import UUID

from domain.agreement.values import (
    CompletionLevel,
    DatePrecision,
    DueDate,
    Evidence,
    Health,
    add_commitment,
)
from domain.party import Party
from domain.values import LocalizedString, Modality, Nature, Responsibility, ResponsibilityRole, TextKind
from service.seed import ZZJ, agreement_id_for
from service.system import System
from service.usecases.commands import (
    AchieveMilestone,
    AcknowledgeCompletion,
    ClaimCompletion,
    CloseOutAgreement,
    Command,
    CorrectReport,
    DefineMilestone,
    DisputeCompletion,
    EndPeriod,
    ProposeAmendment,
    ReportProgress,
    ResumeAgreement,
    SetDueDate,
    SignAmendment,
    StartCommitment,
    SuspendAgreement,
)
from service.usecases.context import BUSINESS_TIME, Caller, Context
from service.usecases.dispatch import Outcome

PACT = agreement_id_for(ZZJ)
ZH, ZS, JM, GD = (Party.id_for(c) for c in ("ZH-HRSS", "ZS-HRSS", "JM-HRSS", "GD-HRSS"))
EVIDENCE = (Evidence("联盟成立通知", url="https://hrss.zhuhai.gov.cn/notice/1"),)
MORE_EVIDENCE = (*EVIDENCE, Evidence("会议纪要", document_id="ZZJ-2025-017"))


def zh(text: str) -> dict[str, LocalizedString]:
    return {"zh-Hans": LocalizedString(text, TextKind.AUTHENTIC)}


def now() -> datetime:
    return datetime.now(UTC)


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12), BUSINESS_TIME)


class Story:
    def __init__(self, system: System) -> None:
        self.system = system
        self.ids: dict[str, UUID] = {}

    async def by(self, party: UUID | None, day: date, command: Command) -> Outcome:
        """`party` (an admin key when None) sends `command`, decided as on `day`, recorded now."""
        caller = Caller(key_id=None, party_id=party, is_admin=party is None, user="story")
        return await self.system.commands.execute(command, Context(caller, now=noon(day), occurred_at=now()))

    async def created(self, name: str, party: UUID, day: date, command: Command) -> int:
        outcome = await self.by(party, day, command)
        assert outcome.record_id is not None
        self.ids[name] = outcome.record_id
        return outcome.saved.position

    async def report(self, party: UUID, code: str, level: str, health: str, on: date,
                     own_share: bool = False, evidence: tuple[Evidence, ...] = ()) -> int:
        return await self.created(f"{code}:{party}:{on}", party, on, ReportProgress(
            agreement_id=PACT, code=code, as_of=on, level=CompletionLevel(level), health=Health(health),
            narrative=zh("进展说明"), evidence=evidence, own_share=own_share))

    async def planned(self) -> None:
        """February 2025: due dates, a start and milestones."""
        today = date(2025, 2, 10)
        await self.by(ZH, today, SetDueDate(agreement_id=PACT, code="A1.1", due=DueDate(date(2025, 6, 30)),
                                            reason="工作计划"))
        await self.by(ZH, today, SetDueDate(agreement_id=PACT, code="A2.4", reason="工作计划",
                                            due=DueDate(date(2025, 9, 1), DatePrecision.MONTH)))
        await self.by(ZH, today, StartCommitment(agreement_id=PACT, code="A1.1", started_on=date(2025, 2, 1)))
        await self.by(JM, today, DefineMilestone(agreement_id=PACT, code="A4.2", milestone_code="M1",
                                                 title=zh("生态圈方案"), due=DueDate(date(2025, 4, 30))))
        await self.by(ZS, today, DefineMilestone(agreement_id=PACT, code="A5.2", milestone_code="M1",
                                                 title=zh("线索移送办法"), due=DueDate(date(2025, 3, 31))))

    async def first_reports(self) -> None:
        """March 2025: the first reports, one of them off track; a milestone achieved."""
        await self.report(ZH, "A1.1", "limited", "on_track", date(2025, 3, 1), evidence=EVIDENCE)
        await self.report(JM, "A5.1", "limited", "off_track", date(2025, 3, 1))
        await self.by(ZS, date(2025, 3, 25), AchieveMilestone(
            agreement_id=PACT, code="A5.2", milestone_code="M1", achieved_on=date(2025, 3, 20),
            evidence=EVIDENCE))

    async def claimed(self) -> None:
        """May 2025: A1.1 substantial, then claimed complete; Zhongshan acknowledges."""
        today = date(2025, 5, 15)
        await self.report(ZH, "A1.1", "substantial", "on_track", today)
        await self.created("claim-1", ZH, today, ClaimCompletion(
            agreement_id=PACT, code="A1.1", completed_on=date(2025, 5, 10), evidence=MORE_EVIDENCE))
        claim = self.ids["claim-1"]
        await self.by(ZS, date(2025, 5, 16), AcknowledgeCompletion(agreement_id=PACT, claim_id=claim))

    async def disputed(self) -> None:
        claim = self.ids["claim-1"]
        await self.by(JM, date(2025, 5, 18), DisputeCompletion(agreement_id=PACT, claim_id=claim,
                                                               reason="培训记录不全"))

    async def completed(self) -> None:
        """June 2025: claimed again with the missing records; both counterparties acknowledge."""
        today = date(2025, 6, 1)
        await self.created("claim-2", ZH, today, ClaimCompletion(
            agreement_id=PACT, code="A1.1", completed_on=date(2025, 5, 31), evidence=MORE_EVIDENCE))
        claim = self.ids["claim-2"]
        await self.by(ZS, today, AcknowledgeCompletion(agreement_id=PACT, claim_id=claim))
        await self.by(JM, date(2025, 6, 3), AcknowledgeCompletion(agreement_id=PACT, claim_id=claim))

    async def shares(self) -> None:
        """June 2025: each city reports its own share of the joint A2.4."""
        for party, level in ((ZH, "substantial"), (ZS, "limited"), (JM, "complete")):
            await self.report(party, "A2.4", level, "on_track", date(2025, 6, 10), own_share=True)

    async def suspended(self) -> None:
        day = date(2025, 7, 1)
        await self.by(None, day, SuspendAgreement(agreement_id=PACT, suspended_on=day, reason="机构调整"))

    async def resumed(self) -> None:
        day = date(2025, 7, 15)
        await self.by(None, day, ResumeAgreement(agreement_id=PACT, resumed_on=day))

    async def amended(self) -> None:
        """August 2025: an amendment adds A6.6, due by the end of November."""
        leads = tuple(Responsibility(p, ResponsibilityRole.CO_LEAD) for p in (ZH, ZS, JM))
        change = add_commitment("A6.6", "A6", zh("共建技能人才数据库"), Modality.BUILD, Nature.DELIVERABLE,
                                leads, DueDate(date(2025, 11, 30)))
        await self.created("amendment", ZH, date(2025, 8, 1),
                           ProposeAmendment(agreement_id=PACT, changes=(change,)))
        for party in (ZH, ZS, JM):
            signed = date(2025, 8, 5)
            await self.by(party, signed, SignAmendment(
                agreement_id=PACT, amendment_id=self.ids["amendment"], signed_on=signed))

    async def share_corrected(self) -> None:
        """September 2025: Zhongshan corrects its share of A2.4 upwards."""
        original = self.ids[f"A2.4:{ZS}:{date(2025, 6, 10)}"]
        today = date(2025, 9, 12)
        await self.created("correction", ZS, today, CorrectReport(
            agreement_id=PACT, report_id=original, reason="统计口径更正", as_of=today,
            level=CompletionLevel.SUBSTANTIAL, health=Health.ON_TRACK, narrative=zh("更正")))

    async def closed_out(self) -> None:
        """The period ends with 2025; a final report in January; closed out on 1 February 2026."""
        await self.by(None, date(2026, 1, 5), EndPeriod(
            agreement_id=PACT, ended_on=date(2025, 12, 31), final_report_due=date(2026, 1, 31)))
        await self.report(ZS, "A6.6", "limited", "at_risk", date(2026, 1, 10))
        closed = date(2026, 2, 1)
        await self.by(None, closed, CloseOutAgreement(agreement_id=PACT, closed_on=closed))
