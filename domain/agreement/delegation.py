"""Reporting rights: a responsible party lets a coordinator party report on its behalf."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.agreement.rules import require_not_ended, require_party, responsible_parties
from domain.agreement.state import AgreementEvent, AgreementState
from domain.errors import NoSuchDelegation, NotACoordinator, NotResponsible, SelfDelegation
from domain.values import PartyRole


class ReportingRightDelegated(AgreementEvent):
    TOPIC = "agreement.reporting_right_delegated"
    principal_id: UUID
    delegate_id: UUID
    commitment_codes: tuple[str, ...]  # empty: every commitment the principal is responsible for
    delegated_on: date

    def apply(self, agreement: AgreementState) -> None:
        agreement.delegations[(self.principal_id, self.delegate_id)] = self.commitment_codes


class ReportingRightRevoked(AgreementEvent):
    TOPIC = "agreement.reporting_right_revoked"
    principal_id: UUID
    delegate_id: UUID
    revoked_on: date

    def apply(self, agreement: AgreementState) -> None:
        del agreement.delegations[(self.principal_id, self.delegate_id)]


class Delegation(AgreementState):
    def delegate_reporting_right(self, principal_id: UUID, delegate_id: UUID, today: date,
                                 commitment_codes: tuple[str, ...] = ()) -> None:
        """Delegating again to the same coordinator replaces the earlier delegation's scope."""
        require_not_ended(self)
        require_party(self, principal_id)
        if principal_id == delegate_id:
            raise SelfDelegation(f"party {principal_id} delegates to itself")
        if self.parties.get(delegate_id) is not PartyRole.COORDINATOR:
            raise NotACoordinator(f"party {delegate_id} is not a coordinator of the agreement")
        codes = tuple(dict.fromkeys(commitment_codes))
        for code in codes:
            if principal_id not in responsible_parties(self, code):
                raise NotResponsible(f"party {principal_id} is not responsible for commitment {code}")
        if not codes and not any(principal_id in responsible_parties(self, c) for c in self.commitments):
            raise NotResponsible(f"party {principal_id} is responsible for no commitment")
        self.trigger_event(ReportingRightDelegated, principal_id=principal_id, delegate_id=delegate_id,
                           commitment_codes=codes, delegated_on=today)

    def revoke_reporting_right(self, principal_id: UUID, delegate_id: UUID, today: date) -> None:
        require_not_ended(self)
        if (principal_id, delegate_id) not in self.delegations:
            raise NoSuchDelegation(f"party {principal_id} has not delegated to party {delegate_id}")
        self.trigger_event(ReportingRightRevoked, principal_id=principal_id, delegate_id=delegate_id,
                           revoked_on=today)
