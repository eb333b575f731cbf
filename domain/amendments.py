"""Amendments: proposed with a list of changes, signed by every signatory, then applied as a new text version.

The amendment applies itself when the last signatory signs: that signature, the change events (each with
the amendment's id) and `amendment_applied` (the new text version and digest) are one command's events.
One amendment is pending at a time, so its changes are checked against the text they will change.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.errors import (
    AmendmentAlreadySigned,
    AmendmentNotPending,
    AmendmentPending,
    CommitmentAlreadyDefined,
    DateOutOfOrder,
    EmptyAmendment,
    InvalidAmendmentChange,
    NotASignatory,
    NotTheProposer,
    UnknownAmendment,
    UnknownArea,
)
from domain.progress_state import Amendment, AmendmentStatus, CommitmentProgress
from domain.progress_values import AmendmentChange, ChangeKind, CommitmentLifecycle
from domain.rules import (
    Rules,
    checked_policy,
    end_commitment,
    not_in_future,
    require_authentic_text,
    require_reason,
)
from domain.values import Commitment, LocalizedText, Modality, Nature, Responsibility

C = ChangeKind
NEEDS = {
    C.ADD_COMMITMENT: ("commitment_code", "area_code", "text", "modality", "nature", "responsibilities"),
    C.REVISE_COMMITMENT: ("commitment_code",),
    C.CANCEL_COMMITMENT: ("commitment_code", "reason"),
    C.CHANGE_DUE_DATE: ("commitment_code", "due"),
    C.SET_VERIFICATION_POLICY: ("policy",),
}
REVISABLE = ("text", "modality", "nature", "responsibilities")


class Amendments(Rules):
    class AmendmentProposed(Aggregate.Event):
        TOPIC = "agreement.amendment_proposed"
        amendment_id: UUID
        party_id: UUID
        changes: tuple[AmendmentChange, ...]
        summary: LocalizedText | None
        proposed_on: date

        def apply(self, agreement: Any) -> None:
            agreement.amendments[self.amendment_id] = Amendment(
                self.amendment_id, self.party_id, self.changes, self.proposed_on
            )
            agreement.used_ids.add(self.amendment_id)

    class AmendmentSigned(Aggregate.Event):
        TOPIC = "agreement.amendment_signed"
        amendment_id: UUID
        party_id: UUID
        signed_on: date

        def apply(self, agreement: Any) -> None:
            agreement.amendments[self.amendment_id].signatures[self.party_id] = self.signed_on

    class AmendmentWithdrawn(Aggregate.Event):
        TOPIC = "agreement.amendment_withdrawn"
        amendment_id: UUID
        party_id: UUID
        reason: str
        withdrawn_on: date

        def apply(self, agreement: Any) -> None:
            agreement.amendments[self.amendment_id].status = AmendmentStatus.WITHDRAWN

    class CommitmentAdded(Aggregate.Event):
        TOPIC = "agreement.commitment_added"
        commitment_code: str
        area_code: str
        text: LocalizedText
        modality: Modality
        nature: Nature
        responsibilities: tuple[Responsibility, ...]
        amendment_id: UUID

        def apply(self, agreement: Any) -> None:
            agreement.commitments[self.commitment_code] = Commitment(
                self.commitment_code,
                self.area_code,
                self.text,
                self.modality,
                self.nature,
                self.responsibilities,
                None,
            )
            agreement.progress[self.commitment_code] = CommitmentProgress()

    class CommitmentRevised(Aggregate.Event):
        TOPIC = "agreement.commitment_revised"
        commitment_code: str
        text: LocalizedText
        modality: Modality
        nature: Nature
        responsibilities: tuple[Responsibility, ...]
        amendment_id: UUID

        def apply(self, agreement: Any) -> None:
            code = self.commitment_code
            agreement.commitments[code] = replace(
                agreement.commitments[code],
                text=self.text,
                modality=self.modality,
                nature=self.nature,
                responsibilities=self.responsibilities,
            )

    class CommitmentCancelled(Aggregate.Event):
        TOPIC = "agreement.commitment_cancelled"
        commitment_code: str
        reason: str
        amendment_id: UUID

        def apply(self, agreement: Any) -> None:
            end_commitment(agreement, self.commitment_code, CommitmentLifecycle.CANCELLED)

    class AmendmentApplied(Aggregate.Event):
        TOPIC = "agreement.amendment_applied"
        amendment_id: UUID
        applied_on: date
        text_version: int
        text_digest: str

        def apply(self, agreement: Any) -> None:
            agreement.amendments[self.amendment_id].status = AmendmentStatus.APPLIED
            agreement.text_version, agreement.text_digest = self.text_version, self.text_digest

    # -- commands ---------------------------------------------------------------------------

    def propose_amendment(
        self,
        amendment_id: UUID,
        party_id: UUID,
        changes: tuple[AmendmentChange, ...],
        today: date,
        summary: LocalizedText | None = None,
    ) -> None:
        self._require_signed()
        self._require_signatory(party_id)
        pending = self.pending_amendment()
        if pending is not None:
            raise AmendmentPending(f"amendment {pending.amendment_id} awaits signatures")
        self._require_new_id(amendment_id)
        self._check_changes(tuple(changes))
        self.trigger_event(
            self.AmendmentProposed,
            amendment_id=amendment_id,
            party_id=party_id,
            changes=tuple(changes),
            summary=summary,
            proposed_on=today,
        )

    def sign_amendment(self, amendment_id: UUID, party_id: UUID, signed_on: date, today: date) -> None:
        amendment = self._pending(amendment_id)
        self._require_signatory(party_id)
        if party_id in amendment.signatures:
            raise AmendmentAlreadySigned(f"party {party_id} signed on {amendment.signatures[party_id]}")
        not_in_future(signed_on, today, "amendment signed on")
        if signed_on < amendment.proposed_on:
            raise DateOutOfOrder(f"signed on {signed_on}, proposed on {amendment.proposed_on}")
        last = set(amendment.signatures) | {party_id} == self.signatories
        if last:
            self._check_changes(amendment.changes)  # the text may have moved on since the proposal
        self.trigger_event(
            self.AmendmentSigned, amendment_id=amendment_id, party_id=party_id, signed_on=signed_on
        )
        if last:
            self._apply_amendment(amendment, today)

    def withdraw_amendment(self, amendment_id: UUID, party_id: UUID, reason: str, today: date) -> None:
        amendment = self._pending(amendment_id)
        if party_id != amendment.proposed_by:
            raise NotTheProposer(f"amendment {amendment_id} was proposed by party {amendment.proposed_by}")
        require_reason(reason, "withdrawing an amendment")
        self.trigger_event(
            self.AmendmentWithdrawn,
            amendment_id=amendment_id,
            party_id=party_id,
            reason=reason,
            withdrawn_on=today,
        )

    def pending_amendment(self) -> Amendment | None:
        return next((a for a in self.amendments.values() if a.status is AmendmentStatus.PENDING), None)

    # -- rules ------------------------------------------------------------------------------

    def _apply_amendment(self, amendment: Amendment, today: date) -> None:
        aid = amendment.amendment_id
        for change in amendment.changes:
            code = change.commitment_code
            if change.kind is C.ADD_COMMITMENT:
                self.trigger_event(
                    self.CommitmentAdded,
                    commitment_code=code,
                    area_code=change.area_code,
                    text=change.text,
                    modality=change.modality,
                    nature=change.nature,
                    responsibilities=change.responsibilities,
                    amendment_id=aid,
                )
            elif change.kind is C.REVISE_COMMITMENT:
                revised = {f: getattr(change, f) or getattr(self.commitments[code], f) for f in REVISABLE}
                self.trigger_event(self.CommitmentRevised, commitment_code=code, amendment_id=aid, **revised)
            elif change.kind is C.CANCEL_COMMITMENT:
                self.trigger_event(
                    self.CommitmentCancelled, commitment_code=code, reason=change.reason, amendment_id=aid
                )
            elif change.kind is C.SET_VERIFICATION_POLICY:
                self.trigger_event(
                    self.VerificationPolicySet, commitment_code=code, policy=change.policy, amendment_id=aid
                )
            if change.due is not None:  # a changed due date, or the due date of an added commitment
                self._due_date_set(code, change.due, today, change.reason, None, None, aid)
        self.trigger_event(
            self.AmendmentApplied,
            amendment_id=aid,
            applied_on=max(amendment.signatures.values()),
            text_version=self.text_version + 1,
            text_digest=self.digest_of_text(),
        )

    def _check_changes(self, changes: tuple[AmendmentChange, ...]) -> None:
        if not changes:
            raise EmptyAmendment("the amendment changes nothing")
        added: set[str] = set()
        for change in changes:
            missing = [f for f in NEEDS[change.kind] if getattr(change, f) in (None, "", ())]
            if missing or (
                change.kind is C.REVISE_COMMITMENT and not any(getattr(change, f) for f in REVISABLE)
            ):
                raise InvalidAmendmentChange(f"{change.kind} without {', '.join(missing) or 'any revision'}")
            code = change.commitment_code
            if change.kind is C.ADD_COMMITMENT:
                if code in self.commitments or code in added:
                    raise CommitmentAlreadyDefined(f"commitment {code} already exists")
                if change.area_code not in self.areas:
                    raise UnknownArea(f"no area {change.area_code}")
                added.add(code)
            elif code is not None or change.kind is not C.SET_VERIFICATION_POLICY:
                self._open_commitment(code)
            if change.text is not None:
                require_authentic_text(change.text, self.authentic_language)
            if change.responsibilities is not None:
                self._check_responsibilities(change.responsibilities)
            if change.kind is C.CANCEL_COMMITMENT:
                require_reason(change.reason, "cancelling a commitment")
            if change.due is not None:
                self._require_due_after_start(change.due)
            if change.policy is not None:
                checked_policy(change.policy)

    def _pending(self, amendment_id: UUID) -> Amendment:
        amendment = self.amendments.get(amendment_id)
        if amendment is None:
            raise UnknownAmendment(f"no amendment {amendment_id}")
        self._require_signed()
        if amendment.status is not AmendmentStatus.PENDING:
            raise AmendmentNotPending(f"amendment {amendment_id} is {amendment.status}")
        return amendment

    def _require_signatory(self, party_id: UUID) -> None:
        if party_id not in self.signatories:
            raise NotASignatory(f"party {party_id} is not a signatory")
