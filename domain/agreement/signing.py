"""Signing: the frozen text opens for signature, each signatory signs it, and it enters into force."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, is_dataclass
from datetime import date
from uuid import UUID

from domain.agreement.rules import require_draft, require_signatory, signatories
from domain.agreement.state import AgreementEvent, AgreementState
from domain.agreement.values import DEFAULT_POLICY, CommitmentLifecycle
from domain.errors import (
    AlreadyInForce,
    AlreadySignedByParty,
    DateInFuture,
    InferenceWithoutBasis,
    NoCommitments,
    NotEnoughSignatories,
    NotOpenForSignature,
    NotRetroactive,
    NotSigned,
    RetroactiveEntryNotMarked,
    SignedBeforeTextFrozen,
    TextFrozenBeforeDrafted,
)
from domain.values import AgreementStatus, Commitment, EntryIntoForce

MIN_SIGNATORIES = 2


class OpenedForSignature(AgreementEvent):
    TOPIC = "agreement.opened_for_signature"
    text_digest: str
    opened_on: date | None = None  # added later: events stored before carry no date

    def apply(self, agreement: AgreementState) -> None:
        agreement.text_digest = self.text_digest
        agreement.opened_on = self.opened_on
        agreement.status = AgreementStatus.OPEN_FOR_SIGNATURE


class SignedByParty(AgreementEvent):
    TOPIC = "agreement.signed_by_party"
    party_id: UUID
    signed_on: date
    place: str | None
    text_digest: str
    # added later: None in events stored before the recorder marked how it knew the date
    signed_on_inferred: bool | None = None
    signed_on_basis: str | None = None

    def apply(self, agreement: AgreementState) -> None:
        agreement.signatures[self.party_id] = self.signed_on


class FullySigned(AgreementEvent):
    TOPIC = "agreement.fully_signed"
    signed_on: date
    signed_on_inferred: bool | None = None  # added later, as on the signatures
    signed_on_basis: str | None = None

    def apply(self, agreement: AgreementState) -> None:
        agreement.signed_on = self.signed_on
        agreement.status = AgreementStatus.SIGNED


class EnteredIntoForce(AgreementEvent):
    TOPIC = "agreement.entered_into_force"
    entry: EntryIntoForce

    def apply(self, agreement: AgreementState) -> None:
        agreement.entry_into_force = self.entry
        agreement.status = AgreementStatus.IN_FORCE


class Signing(AgreementState):
    def open_for_signature(self, opened_on: date | None = None, today: date | None = None) -> None:
        """Freeze the text on `opened_on` (None: unknown), not before drafting, never after `today`."""
        require_draft(self)
        if len(signatories(self)) < MIN_SIGNATORIES:
            raise NotEnoughSignatories(f"{len(signatories(self))} signatory parties")
        if not self.commitments and self.text_not_held is None:
            raise NoCommitments("the agreement defines no commitment (nor says why its text is not held)")
        if opened_on is not None:
            if today is not None and opened_on > today:
                raise DateInFuture(f"text frozen on {opened_on}, recorded on {today}")
            if self.drafted_on is not None and opened_on < self.drafted_on:
                raise TextFrozenBeforeDrafted(f"text frozen on {opened_on}, drafted on {self.drafted_on}")
        self.trigger_event(OpenedForSignature, text_digest=text_digest(self), opened_on=opened_on)

    def sign(self, party_id: UUID, signed_on: date, today: date, place: str | None = None,
             inferred_basis: str | None = None) -> None:
        """`inferred_basis`: the date is not stated by the source but inferred, on this basis."""
        if inferred_basis is not None and not inferred_basis.strip():
            raise InferenceWithoutBasis("an inferred signing date says on what basis")
        if self.status is not AgreementStatus.OPEN_FOR_SIGNATURE:
            raise NotOpenForSignature(f"the agreement is {self.status}")
        require_signatory(self, party_id)
        if party_id in self.signatures:
            raise AlreadySignedByParty(f"party {party_id} signed on {self.signatures[party_id]}")
        if signed_on > today:
            raise DateInFuture(f"signature dated {signed_on}, recorded on {today}")
        if self.opened_on is not None and signed_on < self.opened_on:
            raise SignedBeforeTextFrozen(f"signature dated {signed_on}, text frozen on {self.opened_on}")
        self.trigger_event(SignedByParty, party_id=party_id, signed_on=signed_on, place=place,
                           text_digest=self.text_digest, signed_on_inferred=inferred_basis is not None,
                           signed_on_basis=inferred_basis)
        if set(self.signatures) == signatories(self):
            last = max(self.signatures.values())
            # The last signature dates the whole, and its mark carries over.
            inferred = inferred_basis if signed_on == last else None
            self.trigger_event(FullySigned, signed_on=last, signed_on_inferred=inferred is not None,
                               signed_on_basis=inferred)

    def enter_into_force(self, entry: EntryIntoForce, today: date) -> None:
        if self.entry_into_force is not None:
            raise AlreadyInForce(f"in force since {self.entry_into_force.effective_on}")
        if self.status is not AgreementStatus.SIGNED:
            raise NotSigned(f"the agreement is {self.status}")
        if entry.effective_on > today:
            raise DateInFuture(f"entry into force on {entry.effective_on}, recorded on {today}")
        require_truthful_retroactivity(entry, self.signed_on)
        self.trigger_event(EnteredIntoForce, entry=entry)


def require_truthful_retroactivity(entry: EntryIntoForce, signed_on: date | None) -> None:
    """In force before the last signature only when marked retroactive, with its basis; marked only then."""
    before = signed_on is not None and entry.effective_on < signed_on
    if before and not (entry.retroactive and entry.basis):
        raise RetroactiveEntryNotMarked(
            f"in force on {entry.effective_on}, before the last signature on {signed_on}: "
            "mark it retroactive and give its basis")
    if entry.retroactive and not before:
        raise NotRetroactive(
            f"in force on {entry.effective_on}, not before the last signature on {signed_on}")


def text_digest(agreement: AgreementState) -> str:
    """SHA-256 of the agreement's text and structure: what the signatories sign."""
    text = {
        "code": agreement.code, "title": agreement.title,
        "parties": sorted([str(p), role.value] for p, role in agreement.parties.items()),
        "areas": list(agreement.areas.values()),
        "commitments": [signed_form(c) for c in agreement.commitments.values()],
    }
    progress = sorted(agreement.progress.items())
    # Added only when present, so a text without them keeps the digest it was signed under.
    extras = {
        "due_dates": {c: p.text_due for c, p in progress if p.text_due},
        "policy": agreement.policy if agreement.policy != DEFAULT_POLICY else None,
        "policy_overrides": dict(sorted(agreement.policy_overrides.items())),
        "cancelled": [c for c, p in progress if p.lifecycle is CommitmentLifecycle.CANCELLED],
    }
    text.update({key: value for key, value in extras.items() if value})
    canonical = json.dumps(text, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(canonical.encode()).hexdigest()


# How the recorder knows a commitment's nature and leads: its own marks, not the text the parties sign.
RECORDER_MARKS = ("nature_inferred", "nature_basis", "responsibility_inferred")


def signed_form(commitment: Commitment) -> dict[str, object]:
    form = asdict(commitment)
    for mark in RECORDER_MARKS:
        form.pop(mark)
    return form


def _plain(value: object) -> object:
    """JSON for the digest: dataclasses as objects, everything else (dates, ids, enums) as text."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return str(value)
