"""Drafting: the text and its structure (parties, areas, commitments) before it opens for signature."""

from __future__ import annotations

from datetime import date
from typing import Self
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.agreement.checks import not_in_future, require_authentic_text
from domain.agreement.rules import check_responsibilities, require_draft
from domain.agreement.state import AgreementEvent, AgreementState, CommitmentProgress
from domain.agreement.values import DEFAULT_POLICY
from domain.errors import (
    AreaAlreadyDefined,
    CommitmentAlreadyDefined,
    InferenceWithoutBasis,
    PartyAlreadyAdded,
    UnknownArea,
)
from domain.values import (
    AgreementStatus,
    Area,
    Commitment,
    InstrumentType,
    LocalizedText,
    Modality,
    Nature,
    PartyRole,
    Period,
    Responsibility,
)


class Drafted(AgreementEvent, Aggregate.Created):
    TOPIC = "agreement.drafted"
    code: str
    title: LocalizedText
    authentic_language: str
    instrument_type: InstrumentType
    period: Period | None
    drafted_by: UUID | None
    drafted_on: date | None = None  # added later: events stored before carry no date
    text_not_held: str | None = None  # why no commitments are recorded (the source reports only the act)

    def apply(self, agreement: AgreementState) -> None:
        agreement.code = self.code
        agreement.title = self.title
        agreement.authentic_language = self.authentic_language
        agreement.instrument_type = self.instrument_type
        agreement.period = self.period
        agreement.drafted_by = self.drafted_by
        agreement.drafted_on = self.drafted_on
        agreement.text_not_held = self.text_not_held
        agreement.opened_on = None
        agreement.status = AgreementStatus.DRAFT
        agreement.parties = {}
        agreement.areas = {}
        agreement.commitments = {}
        agreement.text_digest = None
        agreement.signatures = {}
        agreement.signed_on = None
        agreement.entry_into_force = None
        agreement.text_version = 1
        agreement.policy = DEFAULT_POLICY
        agreement.policy_overrides = {}
        agreement.progress = {}
        agreement.reports = {}
        agreement.claims = {}
        agreement.amendments = {}
        agreement.delegations = {}
        agreement.used_ids = set()
        agreement.suspended_on = None
        agreement.ended_on = None
        agreement.final_report_due = None
        agreement.closed_on = None
        agreement.superseded_by = None


class PartyAdded(AgreementEvent):
    TOPIC = "agreement.party_added"
    party_id: UUID
    role: PartyRole

    def apply(self, agreement: AgreementState) -> None:
        agreement.parties[self.party_id] = self.role


class AreaDefined(AgreementEvent):
    TOPIC = "agreement.area_defined"
    code: str
    title: LocalizedText
    aliases: tuple[str, ...]
    aim: LocalizedText | None

    def apply(self, agreement: AgreementState) -> None:
        agreement.areas[self.code] = Area(self.code, self.title, self.aliases, self.aim)


class CommitmentDefined(AgreementEvent):
    TOPIC = "agreement.commitment_defined"
    code: str
    area_code: str
    text: LocalizedText
    modality: Modality
    nature: Nature
    responsibilities: tuple[Responsibility, ...]
    responsibility_basis: str | None
    nature_inferred: bool | None = None  # added later: None in events stored before
    nature_basis: str | None = None
    responsibility_inferred: bool | None = None

    def apply(self, agreement: AgreementState) -> None:
        agreement.commitments[self.code] = Commitment(
            self.code, self.area_code, self.text, self.modality, self.nature, self.responsibilities,
            self.responsibility_basis, self.nature_inferred, self.nature_basis, self.responsibility_inferred)
        agreement.progress[self.code] = CommitmentProgress()


class Drafting(AgreementState):
    @classmethod
    def draft(cls, id: UUID, code: str, title: LocalizedText, authentic_language: str,
              instrument_type: InstrumentType, period: Period | None = None,
              drafted_by: UUID | None = None, drafted_on: date | None = None,
              today: date | None = None, text_not_held: str | None = None) -> Self:
        """`drafted_on`: the day drafting began, when known; never after `today`, the day it is recorded.

        `text_not_held`: why the record holds no commitments (the source reports the act, not the text)."""
        require_authentic_text(title, authentic_language)
        if drafted_on is not None and today is not None:
            not_in_future(drafted_on, today, "drafted on")
        if text_not_held is not None and not text_not_held.strip():
            raise InferenceWithoutBasis("an agreement recorded without its text says why")
        return cls._create(Drafted, id=id, code=code, title=title, authentic_language=authentic_language,
                           instrument_type=instrument_type, period=period, drafted_by=drafted_by,
                           drafted_on=drafted_on, text_not_held=text_not_held)

    def add_party(self, party_id: UUID, role: PartyRole) -> None:
        require_draft(self)
        if party_id in self.parties:
            raise PartyAlreadyAdded(f"party {party_id} is already a {self.parties[party_id]}")
        self.trigger_event(PartyAdded, party_id=party_id, role=role)

    def define_area(self, code: str, title: LocalizedText, aliases: tuple[str, ...] = (),
                    aim: LocalizedText | None = None) -> None:
        require_draft(self)
        require_authentic_text(title, self.authentic_language)
        if code in self.areas:
            raise AreaAlreadyDefined(f"area {code} already exists")
        self.trigger_event(AreaDefined, code=code, title=title, aliases=tuple(aliases), aim=aim)

    def define_commitment(self, code: str, area_code: str, text: LocalizedText, modality: Modality,
                          nature: Nature, responsibilities: tuple[Responsibility, ...],
                          responsibility_basis: str | None = None, nature_basis: str | None = None,
                          responsibility_inferred: bool = False) -> None:
        """`nature_basis` marks the nature inferred (from the verb); inferred leads need their basis."""
        require_draft(self)
        if responsibility_inferred and not (responsibility_basis or "").strip():
            raise InferenceWithoutBasis("inferred responsibilities say on what basis")
        require_authentic_text(text, self.authentic_language)
        if code in self.commitments:
            raise CommitmentAlreadyDefined(f"commitment {code} already exists")
        if area_code not in self.areas:
            raise UnknownArea(f"no area {area_code}")
        check_responsibilities(self, responsibilities)
        self.trigger_event(CommitmentDefined, code=code, area_code=area_code, text=text, modality=modality,
                           nature=nature, responsibilities=tuple(responsibilities),
                           responsibility_basis=responsibility_basis,
                           nature_inferred=nature_basis is not None, nature_basis=nature_basis,
                           responsibility_inferred=responsibility_inferred)
