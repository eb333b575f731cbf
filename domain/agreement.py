"""The Agreement aggregate: drafting, parties, areas, commitments, signature and entry into force.

Implementation (progress, milestones, completion, assessments, lifecycle after signing, amendments,
delegations) comes from the mixins it inherits: each declares its events with the state change they make
(`apply`, run on replay too), and eventsourcing redefines those events on Agreement, so
`Agreement.ProgressReported` is the class that is triggered, stored and projected.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, is_dataclass
from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.amendments import Amendments
from domain.assessments import Assessments
from domain.completion import Completion
from domain.delegation import Delegation
from domain.errors import (
    AlreadyInForce,
    AlreadySignedByParty,
    AreaAlreadyDefined,
    CommitmentAlreadyDefined,
    DateInFuture,
    InvalidLeadership,
    NoCommitments,
    NoResponsibleParty,
    NotASignatory,
    NotEnoughSignatories,
    NotOpenForSignature,
    NotSigned,
    PartyAlreadyAdded,
    ResponsibleNotAParty,
    StructureFrozen,
    UnknownArea,
)
from domain.lifecycle import Lifecycle
from domain.milestones import Milestones
from domain.progress import Progress
from domain.progress_state import Amendment, Claim, CommitmentProgress, Report
from domain.progress_values import DEFAULT_POLICY, CommitmentLifecycle, VerificationPolicy
from domain.rules import require_authentic_text
from domain.values import (
    AgreementStatus,
    Area,
    Commitment,
    EntryIntoForce,
    InstrumentType,
    LocalizedText,
    Modality,
    Nature,
    PartyRole,
    Period,
    Responsibility,
    ResponsibilityRole,
)

MIN_SIGNATORIES = 2


class Agreement(Progress, Milestones, Completion, Assessments, Lifecycle, Amendments, Delegation,
                Aggregate):
    """One cooperation agreement and everything that happens to it, as one event stream."""

    class Drafted(Aggregate.Created):
        TOPIC = "agreement.drafted"
        code: str
        title: LocalizedText
        authentic_language: str
        instrument_type: InstrumentType
        period: Period | None
        drafted_by: UUID | None

    class PartyAdded(Aggregate.Event):
        TOPIC = "agreement.party_added"
        party_id: UUID
        role: PartyRole

    class AreaDefined(Aggregate.Event):
        TOPIC = "agreement.area_defined"
        code: str
        title: LocalizedText
        aliases: tuple[str, ...]
        aim: LocalizedText | None

    class CommitmentDefined(Aggregate.Event):
        TOPIC = "agreement.commitment_defined"
        code: str
        area_code: str
        text: LocalizedText
        modality: Modality
        nature: Nature
        responsibilities: tuple[Responsibility, ...]
        responsibility_basis: str | None

    class OpenedForSignature(Aggregate.Event):
        TOPIC = "agreement.opened_for_signature"
        text_digest: str

    class SignedByParty(Aggregate.Event):
        TOPIC = "agreement.signed_by_party"
        party_id: UUID
        signed_on: date
        place: str | None
        text_digest: str

    class FullySigned(Aggregate.Event):
        TOPIC = "agreement.fully_signed"
        signed_on: date

    class EnteredIntoForce(Aggregate.Event):
        TOPIC = "agreement.entered_into_force"
        entry: EntryIntoForce

    @event(Drafted)
    def __init__(self, code: str, title: LocalizedText, authentic_language: str,
                 instrument_type: InstrumentType, period: Period | None, drafted_by: UUID | None) -> None:
        self.code = code
        self.title = title
        self.authentic_language = authentic_language
        self.instrument_type = instrument_type
        self.period = period
        self.drafted_by = drafted_by
        self.status = AgreementStatus.DRAFT
        self.parties: dict[UUID, PartyRole] = {}
        self.areas: dict[str, Area] = {}
        self.commitments: dict[str, Commitment] = {}
        self.text_digest: str | None = None
        self.signatures: dict[UUID, date] = {}
        self.signed_on: date | None = None
        self.entry_into_force: EntryIntoForce | None = None
        # implementation (see the mixins)
        self.text_version = 1
        self.policy: VerificationPolicy = DEFAULT_POLICY
        self.policy_overrides: dict[str, VerificationPolicy] = {}
        self.progress: dict[str, CommitmentProgress] = {}
        self.reports: dict[UUID, Report] = {}
        self.claims: dict[UUID, Claim] = {}
        self.amendments: dict[UUID, Amendment] = {}
        self.delegations: dict[tuple[UUID, UUID], tuple[str, ...]] = {}
        self.used_ids: set[UUID] = set()  # ids given to reports, claims, assessments, comments, amendments
        self.suspended_on: date | None = None
        self.ended_on: date | None = None
        self.final_report_due: date | None = None
        self.closed_on: date | None = None
        self.superseded_by: UUID | None = None

    # -- commands ---------------------------------------------------------------------------

    @classmethod
    def draft(cls, id: UUID, code: str, title: LocalizedText, authentic_language: str,
              instrument_type: InstrumentType, period: Period | None = None,
              drafted_by: UUID | None = None) -> Agreement:
        require_authentic_text(title, authentic_language)
        return cls._create(cls.Drafted, id=id, code=code, title=title,
                           authentic_language=authentic_language, instrument_type=instrument_type,
                           period=period, drafted_by=drafted_by)

    def add_party(self, party_id: UUID, role: PartyRole) -> None:
        self._require_draft()
        if party_id in self.parties:
            raise PartyAlreadyAdded(f"party {party_id} is already a {self.parties[party_id]}")
        self._party_added(party_id=party_id, role=role)

    def define_area(self, code: str, title: LocalizedText, aliases: tuple[str, ...] = (),
                    aim: LocalizedText | None = None) -> None:
        self._require_draft()
        require_authentic_text(title, self.authentic_language)
        if code in self.areas:
            raise AreaAlreadyDefined(f"area {code} already exists")
        self._area_defined(code=code, title=title, aliases=tuple(aliases), aim=aim)

    def define_commitment(self, code: str, area_code: str, text: LocalizedText, modality: Modality,
                          nature: Nature, responsibilities: tuple[Responsibility, ...],
                          responsibility_basis: str | None = None) -> None:
        self._require_draft()
        require_authentic_text(text, self.authentic_language)
        if code in self.commitments:
            raise CommitmentAlreadyDefined(f"commitment {code} already exists")
        if area_code not in self.areas:
            raise UnknownArea(f"no area {area_code}")
        self._check_responsibilities(responsibilities)
        self._commitment_defined(code=code, area_code=area_code, text=text, modality=modality,
                                 nature=nature, responsibilities=tuple(responsibilities),
                                 responsibility_basis=responsibility_basis)

    def open_for_signature(self) -> None:
        self._require_draft()
        if len(self.signatories) < MIN_SIGNATORIES:
            raise NotEnoughSignatories(f"{len(self.signatories)} signatory parties")
        if not self.commitments:
            raise NoCommitments("the agreement defines no commitment")
        self._opened_for_signature(text_digest=self.digest_of_text())

    def sign(self, party_id: UUID, signed_on: date, today: date, place: str | None = None) -> None:
        if self.status is not AgreementStatus.OPEN_FOR_SIGNATURE:
            raise NotOpenForSignature(f"the agreement is {self.status}")
        if party_id not in self.signatories:
            raise NotASignatory(f"party {party_id} is not a signatory")
        if party_id in self.signatures:
            raise AlreadySignedByParty(f"party {party_id} signed on {self.signatures[party_id]}")
        if signed_on > today:
            raise DateInFuture(f"signature dated {signed_on}, recorded on {today}")
        self._signed_by_party(party_id=party_id, signed_on=signed_on, place=place,
                              text_digest=self.text_digest)
        if set(self.signatures) == self.signatories:
            self._fully_signed(signed_on=max(self.signatures.values()))

    def enter_into_force(self, entry: EntryIntoForce, today: date) -> None:
        if self.entry_into_force is not None:
            raise AlreadyInForce(f"in force since {self.entry_into_force.effective_on}")
        if self.status is not AgreementStatus.SIGNED:
            raise NotSigned(f"the agreement is {self.status}")
        if entry.effective_on > today:
            raise DateInFuture(f"entry into force on {entry.effective_on}, recorded on {today}")
        self._entered_into_force(entry=entry)

    # -- rules ------------------------------------------------------------------------------

    @property
    def signatories(self) -> set[UUID]:
        return {p for p, role in self.parties.items() if role == PartyRole.SIGNATORY}

    def _require_draft(self) -> None:
        if self.status is not AgreementStatus.DRAFT:
            raise StructureFrozen(f"the agreement is {self.status}")

    def _check_responsibilities(self, responsibilities: tuple[Responsibility, ...]) -> None:
        outsiders = [r.party_id for r in responsibilities if r.party_id not in self.parties]
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

    def digest_of_text(self) -> str:
        """SHA-256 of the agreement's text and structure: what the signatories sign."""
        text = {
            "code": self.code, "title": self.title,
            "parties": sorted([str(p), role.value] for p, role in self.parties.items()),
            "areas": list(self.areas.values()), "commitments": list(self.commitments.values()),
        }
        # Added only when present, so a text without them keeps the digest it was signed under.
        extras = {
            "due_dates": {c: p.text_due for c, p in sorted(self.progress.items()) if p.text_due},
            "policy": self.policy if self.policy != DEFAULT_POLICY else None,
            "policy_overrides": dict(sorted(self.policy_overrides.items())),
            "cancelled": [c for c, p in sorted(self.progress.items())
                          if p.lifecycle is CommitmentLifecycle.CANCELLED],
        }
        text.update({key: value for key, value in extras.items() if value})
        canonical = json.dumps(text, sort_keys=True, ensure_ascii=False, default=_plain)
        return hashlib.sha256(canonical.encode()).hexdigest()

    # -- state changes (also run on replay) -------------------------------------------------

    @event(PartyAdded)
    def _party_added(self, party_id: UUID, role: PartyRole) -> None:
        self.parties[party_id] = role

    @event(AreaDefined)
    def _area_defined(self, code: str, title: LocalizedText, aliases: tuple[str, ...],
                      aim: LocalizedText | None) -> None:
        self.areas[code] = Area(code, title, aliases, aim)

    @event(CommitmentDefined)
    def _commitment_defined(self, code: str, area_code: str, text: LocalizedText, modality: Modality,
                            nature: Nature, responsibilities: tuple[Responsibility, ...],
                            responsibility_basis: str | None) -> None:
        self.commitments[code] = Commitment(code, area_code, text, modality, nature,
                                            responsibilities, responsibility_basis)
        self.progress[code] = CommitmentProgress()

    @event(OpenedForSignature)
    def _opened_for_signature(self, text_digest: str) -> None:
        self.text_digest = text_digest
        self.status = AgreementStatus.OPEN_FOR_SIGNATURE

    @event(SignedByParty)
    def _signed_by_party(self, party_id: UUID, signed_on: date, place: str | None,
                         text_digest: str) -> None:
        self.signatures[party_id] = signed_on

    @event(FullySigned)
    def _fully_signed(self, signed_on: date) -> None:
        self.signed_on = signed_on
        self.status = AgreementStatus.SIGNED

    @event(EnteredIntoForce)
    def _entered_into_force(self, entry: EntryIntoForce) -> None:
        self.entry_into_force = entry
        self.status = AgreementStatus.IN_FORCE


def _plain(value: object) -> object:
    """JSON for the digest: dataclasses as objects, everything else (dates, ids, enums) as text."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return str(value)
