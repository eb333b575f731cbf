"""Rules the Agreement's commands share: when it takes what, who acts for whom; they never change state."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from domain.agreement.state import AgreementState, CommitmentProgress
from domain.agreement.values import CLOSED_LIFECYCLES, CommitmentLifecycle, DueDate, VerificationPolicy
from domain.errors import (
    AgreementEnded,
    AgreementSuspended,
    CommitmentAlreadyCompleted,
    CommitmentClosed,
    DueBeforeStart,
    FinalReportWindowClosed,
    IdAlreadyUsed,
    InvalidLeadership,
    NoDelegation,
    NoResponsibleParty,
    NotAParty,
    NotASignatory,
    NotInForce,
    NotResponsible,
    NotSigned,
    ResponsibleNotAParty,
    StructureFrozen,
    UnknownCommitment,
)
from domain.values import AgreementStatus, Commitment, PartyRole, Responsibility, ResponsibilityRole

S = AgreementStatus
ENDED = frozenset({S.CLOSED, S.TERMINATED, S.SUPERSEDED, S.WITHDRAWN})
LEADING = frozenset({ResponsibilityRole.LEAD, ResponsibilityRole.CO_LEAD})


# -- what the agreement holds -----------------------------------------------------------------

def signatories(agreement: AgreementState) -> set[UUID]:
    return {p for p, role in agreement.parties.items() if role == PartyRole.SIGNATORY}


def commitment(agreement: AgreementState, code: str) -> Commitment:
    try:
        return agreement.commitments[code]
    except KeyError:
        raise UnknownCommitment(f"no commitment {code}") from None


def responsible_parties(
    agreement: AgreementState, code: str, roles: Iterable[ResponsibilityRole] | None = None
) -> set[UUID]:
    wanted = set(roles) if roles is not None else set(ResponsibilityRole)
    return {r.party_id for r in commitment(agreement, code).responsibilities if r.role in wanted}


def holds_delegation(
    agreement: AgreementState, delegate: UUID, principal: UUID, code: str | None = None
) -> bool:
    """Whether `delegate` may report for `principal` (on commitment `code`, or on anything if None)."""
    codes = agreement.delegations.get((principal, delegate))
    if codes is None:
        return False
    return not codes or code is None or code in codes


def policy_for(agreement: AgreementState, code: str) -> VerificationPolicy:
    return agreement.policy_overrides.get(code, agreement.policy)


def starts_on(agreement: AgreementState) -> date | None:
    """When the agreement starts: its entry into force, else the start of its period, if known."""
    entry, period = agreement.entry_into_force, agreement.period
    return entry.effective_on if entry else period.starts_on if period else None


# -- when it takes what -----------------------------------------------------------------------

def require_draft(agreement: AgreementState) -> None:
    if agreement.status is not S.DRAFT:
        raise StructureFrozen(f"the agreement is {agreement.status}")


def require_not_ended(agreement: AgreementState) -> None:
    if agreement.status in ENDED:
        raise AgreementEnded(f"the agreement is {agreement.status}")


def require_signed(agreement: AgreementState) -> None:
    """Changes after signing (amendments, moved due dates): signed, in force, suspended, finalising."""
    require_not_ended(agreement)
    if agreement.status in (S.DRAFT, S.OPEN_FOR_SIGNATURE):
        raise NotSigned(f"the agreement is {agreement.status}")


def require_reporting_open(agreement: AgreementState, today: date) -> None:
    """Rule 3: reports, claims and assessments only in force, or finalising before the deadline."""
    require_not_ended(agreement)
    if agreement.status is S.SUSPENDED:
        raise AgreementSuspended("no reporting while the agreement is suspended")
    if agreement.status is S.FINALISING:
        due = agreement.final_report_due
        if due is not None and today > due:
            raise FinalReportWindowClosed(f"final reports were due by {due}")
    elif agreement.status is not S.IN_FORCE:
        raise NotInForce(f"the agreement is {agreement.status}")


def require_new_id(agreement: AgreementState, record_id: UUID) -> None:
    if record_id in agreement.used_ids:
        raise IdAlreadyUsed(f"{record_id} is already used in this agreement")


def live_commitment(agreement: AgreementState, code: str) -> CommitmentProgress:
    """A commitment that is not cancelled, superseded or closed incomplete."""
    commitment(agreement, code)
    progress = agreement.progress[code]
    if progress.lifecycle in CLOSED_LIFECYCLES:
        raise CommitmentClosed(f"commitment {code} is {progress.lifecycle}")
    return progress


def open_commitment(agreement: AgreementState, code: str) -> CommitmentProgress:
    """A commitment that still takes reports: neither completed nor closed."""
    progress = live_commitment(agreement, code)
    if progress.lifecycle is CommitmentLifecycle.COMPLETED:
        raise CommitmentAlreadyCompleted(f"commitment {code} was completed on {progress.completed_on}")
    return progress


def require_due_after_start(agreement: AgreementState, due: DueDate) -> None:
    starts = starts_on(agreement)
    if starts is not None and due.deadline < starts:
        raise DueBeforeStart(f"due {due.on} ({due.precision}); the agreement starts on {starts}")


# -- who acts for whom ------------------------------------------------------------------------

def require_party(agreement: AgreementState, party_id: UUID) -> None:
    if party_id not in agreement.parties:
        raise NotAParty(f"party {party_id} is not a party of the agreement")


def require_signatory(agreement: AgreementState, party_id: UUID) -> None:
    if party_id not in signatories(agreement):
        raise NotASignatory(f"party {party_id} is not a signatory")


def acting_for(agreement: AgreementState, code: str, party_id: UUID, on_behalf_of: UUID | None) -> UUID:
    """The party a command speaks for: the acting party, or the principal whose right it holds."""
    require_party(agreement, party_id)
    if on_behalf_of is None:
        return party_id
    if not holds_delegation(agreement, party_id, on_behalf_of, code):
        raise NoDelegation(f"party {party_id} holds no reporting right of {on_behalf_of} for {code}")
    return on_behalf_of


def reporter(agreement: AgreementState, code: str, party_id: UUID, on_behalf_of: UUID | None) -> UUID:
    """Rule 4: the responsible party a report speaks for (the acting party, or its principal)."""
    principal = acting_for(agreement, code, party_id, on_behalf_of)
    if principal not in responsible_parties(agreement, code):
        raise NotResponsible(f"party {principal} is not responsible for commitment {code}")
    return principal


def reporting_on(
    agreement: AgreementState, code: str, party_id: UUID, on_behalf_of: UUID | None, today: date
) -> tuple[CommitmentProgress, UUID]:
    """Reporting is open and the commitment takes reports: its progress, and whom the report speaks for."""
    require_reporting_open(agreement, today)
    progress = open_commitment(agreement, code)
    return progress, reporter(agreement, code, party_id, on_behalf_of)


def check_responsibilities(agreement: AgreementState, responsibilities: tuple[Responsibility, ...]) -> None:
    outsiders = [r.party_id for r in responsibilities if r.party_id not in agreement.parties]
    if outsiders:
        raise ResponsibleNotAParty(f"not parties of the agreement: {', '.join(map(str, outsiders))}")
    roles = [r.role for r in responsibilities]
    leads, co_leads = roles.count(ResponsibilityRole.LEAD), roles.count(ResponsibilityRole.CO_LEAD)
    if leads + co_leads == 0:
        raise NoResponsibleParty("no lead or co-lead named")
    if len({r.party_id for r in responsibilities}) != len(responsibilities):
        raise InvalidLeadership("a party is named more than once")
    if leads > 1 or (leads and co_leads) or co_leads == 1:
        raise InvalidLeadership(f"{leads} lead(s) and {co_leads} co-lead(s)")
