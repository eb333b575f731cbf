"""Who may do what: the one table of command permissions, and the roles a caller holds."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from uuid import UUID

from domain.agreement import Agreement
from domain.values import PartyRole, ResponsibilityRole
from service.usecases.context import Caller
from service.usecases.errors import Forbidden


class Role(StrEnum):
    """A caller's standing towards an agreement, or towards one of its commitments."""

    LEAD = "lead"
    CO_LEAD = "co_lead"
    SUPPORTING = "supporting"
    SIGNATORY = "signatory"  # any signatory, for commands on the agreement as a whole
    OTHER_SIGNATORY = "other_signatory"  # a signatory without responsibility for the commitment
    COORDINATOR = "coordinator"
    DELEGATE = "coordinator_with_delegation"  # a coordinator reporting for a responsible party
    ASSESSOR = "assessor"
    OBSERVER = "observer"
    ADMIN = "admin"


R = Role
RESPONSIBLE = {R.LEAD, R.CO_LEAD, R.SUPPORTING}
LEADING = {R.LEAD, R.CO_LEAD}

PERMISSIONS: dict[str, frozenset[Role]] = {
    name: frozenset(roles)
    for name, roles in {
        "add_party": {R.SIGNATORY, R.COORDINATOR, R.ADMIN},
        "define_area": {R.SIGNATORY, R.COORDINATOR, R.ADMIN},
        "define_commitment": {R.SIGNATORY, R.COORDINATOR, R.ADMIN},
        "open_for_signature": {R.SIGNATORY, R.COORDINATOR, R.ADMIN},
        "sign": {R.SIGNATORY},
        "enter_into_force": {R.SIGNATORY, R.ADMIN},
        # implementation: the responsible parties, or a coordinator holding one's reporting right
        "start_commitment": RESPONSIBLE | {R.DELEGATE},
        "put_commitment_on_hold": RESPONSIBLE | {R.DELEGATE},
        "resume_commitment": RESPONSIBLE | {R.DELEGATE},
        "report_progress": RESPONSIBLE | {R.DELEGATE},
        "retract_report": RESPONSIBLE | {R.DELEGATE},
        "correct_report": RESPONSIBLE | {R.DELEGATE},
        "define_milestone": RESPONSIBLE | {R.DELEGATE},
        "achieve_milestone": RESPONSIBLE | {R.DELEGATE},
        "reschedule_milestone": RESPONSIBLE | {R.DELEGATE},
        "set_due_date": LEADING | {R.ADMIN},
        # completion: claimed by the leads; answered by the signatories (the domain names who may not)
        "claim_completion": LEADING | {R.DELEGATE},
        "withdraw_claim": LEADING | {R.DELEGATE},
        "reopen_commitment": LEADING | {R.DELEGATE},
        "acknowledge_completion": {R.SIGNATORY},
        "dispute_completion": {R.SIGNATORY},
        "confirm_deemed_completion": {R.SIGNATORY, R.ADMIN},
        "record_assessment": {R.ASSESSOR},
        "set_verification_policy": {R.SIGNATORY, R.ADMIN},
        # the agreement as a whole
        "suspend": {R.SIGNATORY, R.ADMIN},
        "resume": {R.SIGNATORY, R.ADMIN},
        "end_period": {R.SIGNATORY, R.ADMIN},
        "close_out": {R.SIGNATORY, R.ADMIN},
        "terminate": {R.SIGNATORY, R.ADMIN},
        "supersede": {R.SIGNATORY, R.ADMIN},
        "propose_amendment": {R.SIGNATORY},
        "sign_amendment": {R.SIGNATORY},
        "withdraw_amendment": {R.SIGNATORY},
        "delegate_reporting_right": RESPONSIBLE,  # the caller is the principal
        "revoke_reporting_right": RESPONSIBLE,
        "add_comment": {R.SIGNATORY, R.COORDINATOR, R.ASSESSOR, R.OBSERVER, R.ADMIN},
    }.items()
}


def roles_of(
    agreement: Agreement, caller: Caller, commitment: str | None = None, on_behalf_of: UUID | None = None
) -> set[Role]:
    """The roles `caller` holds on the agreement (and on `commitment`, if the command names one)."""
    if caller.is_admin and caller.party_id is None:
        return {Role.ADMIN}
    roles = {Role.ADMIN} if caller.is_admin else set()
    party_role = agreement.parties.get(caller.party_id)
    if party_role is None:
        return roles
    if party_role == PartyRole.SIGNATORY:
        roles.add(Role.SIGNATORY)
        held = _responsibility(agreement, commitment, caller.party_id) if commitment else None
        if commitment:
            roles.add(Role(held.value) if held else Role.OTHER_SIGNATORY)
    elif party_role == PartyRole.COORDINATOR:
        roles.add(Role.COORDINATOR)
        if on_behalf_of and _delegated(agreement, on_behalf_of, caller.party_id, commitment):
            roles.add(Role.DELEGATE)
    else:
        roles.add(Role(party_role.value))
    return roles


def authorize(
    command: str,
    agreement: Agreement,
    caller: Caller,
    commitment: str | None = None,
    on_behalf_of: UUID | None = None,
) -> None:
    """Forbidden unless the caller holds a role the table allows for `command`."""
    allowed = PERMISSIONS[command]
    held = roles_of(agreement, caller, commitment, on_behalf_of)
    if not held & allowed:
        raise Forbidden(
            f"{command} needs one of the roles {_names(allowed)}; "
            f"the caller holds {_names(held) or 'none on this agreement'}"
        )


def responsible_for(agreement: Agreement, party: UUID | None, codes: Iterable[str] = ()) -> str | None:
    """The first of `codes` (of all commitments when none) that `party` is responsible for, if any.

    For commands that speak for the caller's responsibilities without naming one commitment (delegations).
    """
    if party is None:
        return None
    candidates = tuple(codes) or tuple(agreement.commitments)
    return next((c for c in candidates if _responsibility(agreement, c, party)), None)


def _responsibility(agreement: Agreement, commitment: str, party: UUID) -> ResponsibilityRole | None:
    found = agreement.commitments.get(commitment)
    if found is None:
        return None
    return next((r.role for r in found.responsibilities if r.party_id == party), None)


def _delegated(agreement: Agreement, principal: UUID, delegate: UUID, commitment: str | None) -> bool:
    holds = getattr(agreement, "holds_delegation", None)
    return bool(holds and holds(delegate, principal, commitment))


def _names(roles: Iterable[Role]) -> str:
    return ", ".join(sorted(r.value for r in roles))
