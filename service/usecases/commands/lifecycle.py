"""Commands on the agreement after signing: its lifecycle, comments, reporting rights, amendments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.agreement import Agreement
from domain.agreement.values import AmendmentChange
from domain.values import LocalizedText
from service.usecases.authz import responsible_for
from service.usecases.commands.base import AgreementCommand, CreatesRecord


@dataclass(frozen=True, kw_only=True)
class SuspendAgreement(AgreementCommand):
    suspended_on: date
    reason: str


@dataclass(frozen=True, kw_only=True)
class ResumeAgreement(AgreementCommand):
    resumed_on: date


@dataclass(frozen=True, kw_only=True)
class EndPeriod(AgreementCommand):
    ended_on: date
    final_report_due: date


@dataclass(frozen=True, kw_only=True)
class CloseOutAgreement(AgreementCommand):
    closed_on: date


@dataclass(frozen=True, kw_only=True)
class TerminateAgreement(AgreementCommand):
    terminated_on: date
    reason: str


@dataclass(frozen=True, kw_only=True)
class SupersedeAgreement(AgreementCommand):
    by_agreement_id: UUID
    superseded_on: date


@dataclass(frozen=True, kw_only=True)
class AddComment(AgreementCommand, CreatesRecord):
    text: LocalizedText
    commitment_code: str | None = None  # None: on the agreement as a whole

    def commitment(self, agreement: Agreement, party: UUID | None) -> str | None:
        return self.commitment_code


@dataclass(frozen=True, kw_only=True)
class DelegateReportingRight(AgreementCommand):
    delegate_id: UUID
    commitment_codes: tuple[str, ...] = ()  # none: every commitment the caller is responsible for

    def commitment(self, agreement: Agreement, party: UUID | None) -> str | None:
        """The caller speaks for its own responsibilities: the first of them the command covers."""
        return responsible_for(agreement, party, self.commitment_codes)


@dataclass(frozen=True, kw_only=True)
class RevokeReportingRight(AgreementCommand):
    delegate_id: UUID

    def commitment(self, agreement: Agreement, party: UUID | None) -> str | None:
        return responsible_for(agreement, party)


@dataclass(frozen=True, kw_only=True)
class ProposeAmendment(AgreementCommand, CreatesRecord):
    changes: tuple[AmendmentChange, ...]
    summary: LocalizedText | None = None


@dataclass(frozen=True, kw_only=True)
class SignAmendment(AgreementCommand):
    amendment_id: UUID
    signed_on: date


@dataclass(frozen=True, kw_only=True)
class WithdrawAmendment(AgreementCommand):
    amendment_id: UUID
    reason: str
