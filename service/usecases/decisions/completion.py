"""Handlers of completion and verification: claims and their answers, reopening, assessments, policies."""

from __future__ import annotations

from domain.agreement import Agreement
from service.usecases.commands import (
    AcknowledgeCompletion,
    ClaimCompletion,
    ConfirmDeemedCompletion,
    DisputeCompletion,
    RecordAssessment,
    ReopenCommitment,
    SetVerificationPolicy,
    WithdrawClaim,
)
from service.usecases.context import Decision


def claim_completion(a: Agreement, c: ClaimCompletion, d: Decision) -> None:
    a.claim_completion(d.new_record, c.code, d.party, c.completed_on, c.evidence, d.today, c.narrative,
                       c.on_behalf_of)


def acknowledge_completion(a: Agreement, c: AcknowledgeCompletion, d: Decision) -> None:
    a.acknowledge_completion(c.claim_id, d.party, d.today)


def dispute_completion(a: Agreement, c: DisputeCompletion, d: Decision) -> None:
    a.dispute_completion(c.claim_id, d.party, c.reason, d.today)


def withdraw_claim(a: Agreement, c: WithdrawClaim, d: Decision) -> None:
    a.withdraw_claim(c.claim_id, d.party, d.today, c.reason, c.on_behalf_of)


def confirm_deemed_completion(a: Agreement, c: ConfirmDeemedCompletion, d: Decision) -> None:
    a.confirm_deemed_completion(c.claim_id, d.today)


def reopen_commitment(a: Agreement, c: ReopenCommitment, d: Decision) -> None:
    a.reopen_commitment(c.code, d.party, c.reason, d.today, c.on_behalf_of)


def record_assessment(a: Agreement, c: RecordAssessment, d: Decision) -> None:
    a.record_assessment(d.new_record, c.code, d.party, c.assessed_on, c.level, c.findings, d.today,
                        c.evidence)


def set_verification_policy(a: Agreement, c: SetVerificationPolicy, d: Decision) -> None:
    a.set_verification_policy(c.policy, c.commitment_code)
