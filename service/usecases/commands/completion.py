"""Commands of completion and verification: claims and their answers, reopening, assessments, policies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.agreement import Agreement
from domain.agreement.values import CompletionLevel, Evidence, VerificationPolicy
from domain.values import LocalizedText
from service.usecases.commands.base import (
    AgreementCommand,
    ClaimCommand,
    CommitmentCommand,
    CreatesRecord,
    Delegable,
)


@dataclass(frozen=True, kw_only=True)
class ClaimCompletion(CommitmentCommand, Delegable, CreatesRecord):
    completed_on: date
    evidence: tuple[Evidence, ...]
    narrative: LocalizedText | None = None


@dataclass(frozen=True, kw_only=True)
class AcknowledgeCompletion(ClaimCommand):
    pass


@dataclass(frozen=True, kw_only=True)
class DisputeCompletion(ClaimCommand):
    reason: str


@dataclass(frozen=True, kw_only=True)
class WithdrawClaim(ClaimCommand, Delegable):
    reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class ConfirmDeemedCompletion(ClaimCommand):
    pass


@dataclass(frozen=True, kw_only=True)
class ReopenCommitment(CommitmentCommand, Delegable):
    reason: str


@dataclass(frozen=True, kw_only=True)
class RecordAssessment(CommitmentCommand, CreatesRecord):
    assessed_on: date
    level: CompletionLevel
    findings: LocalizedText
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, kw_only=True)
class SetVerificationPolicy(AgreementCommand):
    policy: VerificationPolicy
    commitment_code: str | None = None  # None: the agreement's policy

    def commitment(self, agreement: Agreement, party: UUID | None) -> str | None:
        return self.commitment_code
