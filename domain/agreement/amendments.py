"""Amendments: proposed as changes, signed by every signatory, then applied as a new text version."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import UUID

from domain.agreement.assessments import VerificationPolicySet
from domain.agreement.checks import checked_policy, not_in_future, require_authentic_text, require_reason
from domain.agreement.milestones import DueDateSet
from domain.agreement.rules import (
    check_responsibilities,
    open_commitment,
    require_due_after_start,
    require_new_id,
    require_signatory,
    require_signed,
    signatories,
)
from domain.agreement.signing import text_digest
from domain.agreement.state import (
    AgreementEvent,
    AgreementState,
    Amendment,
    AmendmentStatus,
    CommitmentProgress,
    end_commitment,
)
from domain.agreement.values import AmendmentChange, ChangeKind, CommitmentLifecycle
from domain.errors import (
    AmendmentAlreadySigned,
    AmendmentNotPending,
    AmendmentPending,
    CommitmentAlreadyDefined,
    DateOutOfOrder,
    EmptyAmendment,
    InvalidAmendmentChange,
    NotTheProposer,
    UnknownAmendment,
    UnknownArea,
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


class AmendmentProposed(AgreementEvent):
    TOPIC = "agreement.amendment_proposed"
    amendment_id: UUID
    party_id: UUID
    changes: tuple[AmendmentChange, ...]
    summary: LocalizedText | None
    proposed_on: date

    def apply(self, agreement: AgreementState) -> None:
        agreement.amendments[self.amendment_id] = Amendment(self.amendment_id, self.party_id, self.changes,
                                                            self.proposed_on)
        agreement.used_ids.add(self.amendment_id)


class AmendmentSigned(AgreementEvent):
    TOPIC = "agreement.amendment_signed"
    amendment_id: UUID
    party_id: UUID
    signed_on: date

    def apply(self, agreement: AgreementState) -> None:
        agreement.amendments[self.amendment_id].signatures[self.party_id] = self.signed_on


class AmendmentWithdrawn(AgreementEvent):
    TOPIC = "agreement.amendment_withdrawn"
    amendment_id: UUID
    party_id: UUID
    reason: str
    withdrawn_on: date

    def apply(self, agreement: AgreementState) -> None:
        agreement.amendments[self.amendment_id].status = AmendmentStatus.WITHDRAWN


class CommitmentAdded(AgreementEvent):
    TOPIC = "agreement.commitment_added"
    commitment_code: str
    area_code: str
    text: LocalizedText
    modality: Modality
    nature: Nature
    responsibilities: tuple[Responsibility, ...]
    amendment_id: UUID

    def apply(self, agreement: AgreementState) -> None:
        code = self.commitment_code
        agreement.commitments[code] = Commitment(code, self.area_code, self.text, self.modality, self.nature,
                                                 self.responsibilities, None)
        agreement.progress[self.commitment_code] = CommitmentProgress()


class CommitmentRevised(AgreementEvent):
    TOPIC = "agreement.commitment_revised"
    commitment_code: str
    text: LocalizedText
    modality: Modality
    nature: Nature
    responsibilities: tuple[Responsibility, ...]
    amendment_id: UUID

    def apply(self, agreement: AgreementState) -> None:
        code = self.commitment_code
        agreement.commitments[code] = replace(agreement.commitments[code], text=self.text,
                                              modality=self.modality, nature=self.nature,
                                              responsibilities=self.responsibilities)


class CommitmentCancelled(AgreementEvent):
    TOPIC = "agreement.commitment_cancelled"
    commitment_code: str
    reason: str
    amendment_id: UUID

    def apply(self, agreement: AgreementState) -> None:
        end_commitment(agreement, self.commitment_code, CommitmentLifecycle.CANCELLED)


class AmendmentApplied(AgreementEvent):
    TOPIC = "agreement.amendment_applied"
    amendment_id: UUID
    applied_on: date
    text_version: int
    text_digest: str

    def apply(self, agreement: AgreementState) -> None:
        agreement.amendments[self.amendment_id].status = AmendmentStatus.APPLIED
        agreement.text_version, agreement.text_digest = self.text_version, self.text_digest


class Amendments(AgreementState):
    def propose_amendment(self, amendment_id: UUID, party_id: UUID, changes: tuple[AmendmentChange, ...],
                          today: date, summary: LocalizedText | None = None) -> None:
        require_signed(self)
        require_signatory(self, party_id)
        pending = pending_amendment(self)
        # One amendment at a time, so its changes are checked against the text they will change.
        if pending is not None:
            raise AmendmentPending(f"amendment {pending.amendment_id} awaits signatures")
        require_new_id(self, amendment_id)
        _check_changes(self, tuple(changes))
        self.trigger_event(AmendmentProposed, amendment_id=amendment_id, party_id=party_id,
                           changes=tuple(changes), summary=summary, proposed_on=today)

    def sign_amendment(self, amendment_id: UUID, party_id: UUID, signed_on: date, today: date) -> None:
        amendment = _pending(self, amendment_id)
        require_signatory(self, party_id)
        if party_id in amendment.signatures:
            raise AmendmentAlreadySigned(f"party {party_id} signed on {amendment.signatures[party_id]}")
        not_in_future(signed_on, today, "amendment signed on")
        if signed_on < amendment.proposed_on:
            raise DateOutOfOrder(f"signed on {signed_on}, proposed on {amendment.proposed_on}")
        last = set(amendment.signatures) | {party_id} == signatories(self)
        if last:
            _check_changes(self, amendment.changes)  # the text may have moved on since the proposal
        self.trigger_event(AmendmentSigned, amendment_id=amendment_id, party_id=party_id, signed_on=signed_on)
        if last:  # the last signature, the changes and `amendment_applied` are one command's events
            _apply(self, amendment, today)

    def withdraw_amendment(self, amendment_id: UUID, party_id: UUID, reason: str, today: date) -> None:
        amendment = _pending(self, amendment_id)
        if party_id != amendment.proposed_by:
            raise NotTheProposer(f"amendment {amendment_id} was proposed by party {amendment.proposed_by}")
        require_reason(reason, "withdrawing an amendment")
        self.trigger_event(AmendmentWithdrawn, amendment_id=amendment_id, party_id=party_id, reason=reason,
                           withdrawn_on=today)


def pending_amendment(agreement: AgreementState) -> Amendment | None:
    return next((a for a in agreement.amendments.values() if a.status is AmendmentStatus.PENDING), None)


def _apply(agreement: AgreementState, amendment: Amendment, today: date) -> None:
    aid, trigger = amendment.amendment_id, agreement.trigger_event
    for change in amendment.changes:
        code = change.commitment_code
        if change.kind is C.ADD_COMMITMENT:
            trigger(CommitmentAdded, commitment_code=code, area_code=change.area_code, text=change.text,
                    modality=change.modality, nature=change.nature, responsibilities=change.responsibilities,
                    amendment_id=aid)
        elif change.kind is C.REVISE_COMMITMENT:
            revised = {f: getattr(change, f) or getattr(agreement.commitments[code], f) for f in REVISABLE}
            trigger(CommitmentRevised, commitment_code=code, amendment_id=aid, **revised)
        elif change.kind is C.CANCEL_COMMITMENT:
            trigger(CommitmentCancelled, commitment_code=code, reason=change.reason, amendment_id=aid)
        elif change.kind is C.SET_VERIFICATION_POLICY:
            trigger(VerificationPolicySet, commitment_code=code, policy=change.policy, amendment_id=aid)
        if change.due is not None:  # a changed due date, or the due date of an added commitment
            trigger(DueDateSet, commitment_code=code, old_due=agreement.progress[code].due, due=change.due,
                    reason=change.reason, party_id=None, on_behalf_of=None, amendment_id=aid, set_on=today)
    trigger(AmendmentApplied, amendment_id=aid, applied_on=max(amendment.signatures.values()),
            text_version=agreement.text_version + 1, text_digest=text_digest(agreement))


def _check_changes(agreement: AgreementState, changes: tuple[AmendmentChange, ...]) -> None:
    if not changes:
        raise EmptyAmendment("the amendment changes nothing")
    added: set[str] = set()
    for change in changes:
        missing = [f for f in NEEDS[change.kind] if getattr(change, f) in (None, "", ())]
        if missing or (change.kind is C.REVISE_COMMITMENT and not any(getattr(change, f) for f in REVISABLE)):
            raise InvalidAmendmentChange(f"{change.kind} without {', '.join(missing) or 'any revision'}")
        code = change.commitment_code
        if change.kind is C.ADD_COMMITMENT:
            if code in agreement.commitments or code in added:
                raise CommitmentAlreadyDefined(f"commitment {code} already exists")
            if change.area_code not in agreement.areas:
                raise UnknownArea(f"no area {change.area_code}")
            added.add(code)
        elif code is not None or change.kind is not C.SET_VERIFICATION_POLICY:
            open_commitment(agreement, code)
        if change.text is not None:
            require_authentic_text(change.text, agreement.authentic_language)
        if change.responsibilities is not None:
            check_responsibilities(agreement, change.responsibilities)
        if change.kind is C.CANCEL_COMMITMENT:
            require_reason(change.reason, "cancelling a commitment")
        if change.due is not None:
            require_due_after_start(agreement, change.due)
        if change.policy is not None:
            checked_policy(change.policy)


def _pending(agreement: AgreementState, amendment_id: UUID) -> Amendment:
    amendment = agreement.amendments.get(amendment_id)
    if amendment is None:
        raise UnknownAmendment(f"no amendment {amendment_id}")
    require_signed(agreement)
    if amendment.status is not AmendmentStatus.PENDING:
        raise AmendmentNotPending(f"amendment {amendment_id} is {amendment.status}")
    return amendment
