"""What every command on an agreement has: the agreement, and the commitment its roles depend on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.agreement import Agreement
from domain.errors import UnknownClaim, UnknownReport


@dataclass(frozen=True, kw_only=True)
class AgreementCommand:
    """A command on an existing agreement."""

    agreement_id: UUID

    def commitment(self, agreement: Agreement, party: UUID | None) -> str | None:
        """The commitment whose roles decide who may send the command; None: the agreement's roles."""
        return None


@dataclass(frozen=True, kw_only=True)
class CommitmentCommand(AgreementCommand):
    """A command on one commitment, named by its code."""

    code: str

    def commitment(self, agreement: Agreement, party: UUID | None) -> str | None:
        return self.code


@dataclass(frozen=True, kw_only=True)
class ReportCommand(AgreementCommand):
    """A command on a progress report: it acts on the report's commitment."""

    report_id: UUID

    def commitment(self, agreement: Agreement, party: UUID | None) -> str | None:
        if self.report_id not in agreement.reports:
            raise UnknownReport(f"no report {self.report_id}")
        return agreement.reports[self.report_id].commitment_code


@dataclass(frozen=True, kw_only=True)
class ClaimCommand(AgreementCommand):
    """A command on a completion claim: it acts on the claim's commitment."""

    claim_id: UUID

    def commitment(self, agreement: Agreement, party: UUID | None) -> str | None:
        if self.claim_id not in agreement.claims:
            raise UnknownClaim(f"no claim {self.claim_id}")
        return agreement.claims[self.claim_id].commitment_code


@dataclass(frozen=True, kw_only=True)
class Delegable:
    """A command a coordinator may send for a responsible party whose reporting right it holds."""

    on_behalf_of: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class Backdated:
    """A command whose caller may say when it happened, if before it is recorded (never after)."""

    occurred_at: datetime | None = None


class CreatesRecord:
    """A command that adds a record to the agreement (a report, a claim ...), named by a new id.

    The id derives from the Idempotency-Key when there is one, so a repeat names the same record."""
