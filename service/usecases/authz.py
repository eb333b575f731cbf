"""Who may do what: the roles a caller holds, the groups of roles commands allow, and the checks."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from uuid import UUID

from domain.agreement import Agreement
from domain.values import PartyRole, ResponsibilityRole
from service.usecases.context import Caller
from service.usecases.errors import AggregateNotFound, Forbidden


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
RESPONSIBLE = frozenset({R.LEAD, R.CO_LEAD, R.SUPPORTING})
LEADING = frozenset({R.LEAD, R.CO_LEAD})
WORKING = RESPONSIBLE | {R.DELEGATE}  # the responsible parties, or a coordinator holding one's right
CLAIMING = LEADING | {R.DELEGATE}
SIGNATORIES = frozenset({R.SIGNATORY})
GOVERNING = frozenset({R.SIGNATORY, R.ADMIN})  # the agreement as a whole
DRAFTING = frozenset({R.SIGNATORY, R.COORDINATOR, R.ADMIN})
SPEAKING = frozenset({R.SIGNATORY, R.COORDINATOR, R.ASSESSOR, R.OBSERVER, R.ADMIN})
SYSTEM = frozenset({R.ADMIN})  # what only the system's own admin caller sends (the reminder scheduler)


def admit(agreement: Agreement, caller: Caller) -> None:
    """Not found unless the caller is a party of the agreement (or an admin key): to anyone else the
    agreement does not exist, whatever its state."""
    if not (caller.is_admin or caller.party_id in agreement.parties):
        raise AggregateNotFound("agreement", agreement.id)


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
    allowed: frozenset[Role],
    agreement: Agreement,
    caller: Caller,
    commitment: str | None = None,
    on_behalf_of: UUID | None = None,
) -> None:
    """Forbidden unless the caller holds one of the roles `allowed` for `command`."""
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
