"""Stored payloads are read back for ever: each event keeps its type, class, fields and their order."""

from __future__ import annotations

import dataclasses
import types
import typing

from domain.agreement import Agreement
from domain.indicator import Indicator
from domain.initiative import Initiative
from domain.party import Party
from domain.person import Person
from domain.quality import Defect
from domain.registry import EVENTS
from domain.theme import Theme

# Written out from the events as released (envelope fields left out): topic -> (class, "field: type, ...").
STORED: dict[str, tuple[str, str]] = {
    "agreement.drafted": ("Drafted",
        "code: str, title: dict[str, LocalizedString], authentic_language: str, "
        "instrument_type: InstrumentType, period: Period | None, drafted_by: UUID | None, "
        "drafted_on: date | None, text_not_held: str | None"),
    "agreement.party_added": ("PartyAdded", "party_id: UUID, role: PartyRole"),
    "agreement.area_defined": ("AreaDefined",
        "code: str, title: dict[str, LocalizedString], aliases: tuple[str, ...], "
        "aim: dict[str, LocalizedString] | None"),
    "agreement.commitment_defined": ("CommitmentDefined",
        "code: str, area_code: str, text: dict[str, LocalizedString], modality: Modality, nature: Nature, "
        "responsibilities: tuple[Responsibility, ...], responsibility_basis: str | None, "
        "nature_inferred: bool | None, nature_basis: str | None, responsibility_inferred: bool | None"),
    "agreement.opened_for_signature": ("OpenedForSignature", "text_digest: str, opened_on: date | None"),
    "agreement.signed_by_party": ("SignedByParty",
        "party_id: UUID, signed_on: date, place: str | None, text_digest: str, "
        "signed_on_inferred: bool | None, signed_on_basis: str | None"),
    "agreement.fully_signed": ("FullySigned",
        "signed_on: date, signed_on_inferred: bool | None, signed_on_basis: str | None"),
    "agreement.entered_into_force": ("EnteredIntoForce", "entry: EntryIntoForce"),
    "agreement.commitment_started": ("CommitmentStarted",
        "commitment_code: str, party_id: UUID, on_behalf_of: UUID | None, started_on: date"),
    "agreement.commitment_put_on_hold": ("CommitmentPutOnHold",
        "commitment_code: str, party_id: UUID, on_behalf_of: UUID | None, reason: str, held_on: date"),
    "agreement.commitment_resumed": ("CommitmentResumed",
        "commitment_code: str, party_id: UUID, on_behalf_of: UUID | None, resumed_on: date"),
    "agreement.progress_reported": ("ProgressReported",
        "report_id: UUID, commitment_code: str, party_id: UUID, on_behalf_of: UUID | None, as_of: date, "
        "level: CompletionLevel, health: Health, narrative: dict[str, LocalizedString], "
        "evidence: tuple[Evidence, ...], next_steps: tuple[NextStep, ...], own_share: bool, "
        "reported_on: date, contact_person: PersonalText | None"),
    "agreement.report_retracted": ("ReportRetracted",
        "report_id: UUID, commitment_code: str, party_id: UUID, on_behalf_of: UUID | None, reason: str, "
        "retracted_on: date"),
    "agreement.report_corrected": ("ReportCorrected",
        "report_id: UUID, correction_id: UUID, commitment_code: str, party_id: UUID, "
        "on_behalf_of: UUID | None, as_of: date, level: CompletionLevel, health: Health, "
        "narrative: dict[str, LocalizedString], evidence: tuple[Evidence, ...], "
        "next_steps: tuple[NextStep, ...], own_share: bool, reason: str, corrected_on: date, "
        "contact_person: PersonalText | None"),
    "agreement.due_date_set": ("DueDateSet",
        "commitment_code: str, old_due: DueDate | None, due: DueDate, reason: str | None, "
        "party_id: UUID | None, on_behalf_of: UUID | None, amendment_id: UUID | None, set_on: date"),
    "agreement.milestone_defined": ("MilestoneDefined",
        "commitment_code: str, milestone_code: str, title: dict[str, LocalizedString], due: DueDate, "
        "deliverable: dict[str, LocalizedString] | None, party_id: UUID, on_behalf_of: UUID | None, "
        "defined_on: date"),
    "agreement.milestone_achieved": ("MilestoneAchieved",
        "commitment_code: str, milestone_code: str, achieved_on: date, evidence: tuple[Evidence, ...], "
        "party_id: UUID, on_behalf_of: UUID | None, reported_on: date"),
    "agreement.milestone_rescheduled": ("MilestoneRescheduled",
        "commitment_code: str, milestone_code: str, old_due: DueDate, new_due: DueDate, reason: str, "
        "party_id: UUID, on_behalf_of: UUID | None, rescheduled_on: date"),
    "agreement.completion_claimed": ("CompletionClaimed",
        "claim_id: UUID, commitment_code: str, party_id: UUID, on_behalf_of: UUID | None, "
        "completed_on: date, claimed_on: date, evidence: tuple[Evidence, ...], "
        "narrative: dict[str, LocalizedString] | None, counterparties: tuple[UUID, ...], "
        "policy: VerificationPolicy"),
    "agreement.completion_acknowledged": ("CompletionAcknowledged",
        "claim_id: UUID, commitment_code: str, party_id: UUID, acknowledged_on: date"),
    "agreement.completion_disputed": ("CompletionDisputed",
        "claim_id: UUID, commitment_code: str, party_id: UUID, reason: str, disputed_on: date"),
    "agreement.claim_withdrawn": ("ClaimWithdrawn",
        "claim_id: UUID, commitment_code: str, party_id: UUID, on_behalf_of: UUID | None, "
        "reason: str | None, withdrawn_on: date"),
    "agreement.commitment_completed": ("CommitmentCompleted",
        "claim_id: UUID, commitment_code: str, completed_on: date, verification: Verification, "
        "policy: VerificationPolicy"),
    "agreement.commitment_reopened": ("CommitmentReopened",
        "commitment_code: str, party_id: UUID, on_behalf_of: UUID | None, reason: str, reopened_on: date"),
    "agreement.verification_policy_set": ("VerificationPolicySet",
        "commitment_code: str | None, policy: VerificationPolicy, amendment_id: UUID | None"),
    "agreement.assessment_recorded": ("AssessmentRecorded",
        "assessment_id: UUID, commitment_code: str, party_id: UUID, assessed_on: date, "
        "level: CompletionLevel, findings: dict[str, LocalizedString], evidence: tuple[Evidence, ...], "
        "claim_id: UUID | None"),
    "agreement.suspended": ("Suspended", "suspended_on: date, reason: str"),
    "agreement.resumed": ("Resumed", "resumed_on: date"),
    "agreement.period_ended": ("PeriodEnded", "ended_on: date, final_report_due: date"),
    "agreement.commitment_closed_incomplete": ("CommitmentClosedIncomplete",
        "commitment_code: str, final_level: CompletionLevel, closed_on: date"),
    "agreement.closed": ("Closed", "closed_on: date"),
    "agreement.terminated": ("Terminated", "terminated_on: date, reason: str"),
    "agreement.superseded": ("Superseded", "by_agreement_id: UUID, superseded_on: date"),
    "agreement.comment_added": ("CommentAdded",
        "comment_id: UUID, party_id: UUID, commitment_code: str | None, text: dict[str, LocalizedString], "
        "commented_on: date"),
    "agreement.amendment_proposed": ("AmendmentProposed",
        "amendment_id: UUID, party_id: UUID, changes: tuple[AmendmentChange, ...], "
        "summary: dict[str, LocalizedString] | None, proposed_on: date"),
    "agreement.amendment_signed": ("AmendmentSigned", "amendment_id: UUID, party_id: UUID, signed_on: date"),
    "agreement.amendment_withdrawn": ("AmendmentWithdrawn",
        "amendment_id: UUID, party_id: UUID, reason: str, withdrawn_on: date"),
    "agreement.commitment_added": ("CommitmentAdded",
        "commitment_code: str, area_code: str, text: dict[str, LocalizedString], modality: Modality, "
        "nature: Nature, responsibilities: tuple[Responsibility, ...], amendment_id: UUID"),
    "agreement.commitment_revised": ("CommitmentRevised",
        "commitment_code: str, text: dict[str, LocalizedString], modality: Modality, nature: Nature, "
        "responsibilities: tuple[Responsibility, ...], amendment_id: UUID"),
    "agreement.commitment_cancelled": ("CommitmentCancelled",
        "commitment_code: str, reason: str, amendment_id: UUID"),
    "agreement.amendment_applied": ("AmendmentApplied",
        "amendment_id: UUID, applied_on: date, text_version: int, text_digest: str"),
    "agreement.reporting_right_delegated": ("ReportingRightDelegated",
        "principal_id: UUID, delegate_id: UUID, commitment_codes: tuple[str, ...], delegated_on: date"),
    "agreement.reporting_right_revoked": ("ReportingRightRevoked",
        "principal_id: UUID, delegate_id: UUID, revoked_on: date"),
    "commitment.deadline_approaching": ("DeadlineApproaching",
        "commitment_code: str, milestone_code: str | None, due: DueDate, deadline: date, days_before: int, "
        "responsible: tuple[UUID, ...], reminded_on: date"),
    "commitment.deadline_passed": ("DeadlinePassed",
        "commitment_code: str, milestone_code: str | None, due: DueDate, deadline: date, "
        "responsible: tuple[UUID, ...], reminded_on: date"),
    "party.registered": ("Registered",
        "code: str, names: dict[str, LocalizedString], jurisdiction: str | None, parent_id: UUID | None"),
    "party.renamed": ("Renamed", "names: dict[str, LocalizedString]"),
    "indicator.defined": ("Defined", "code: str, definition: Definition"),
    "indicator.definition_revised": ("DefinitionRevised", "definition: Definition, reason: str"),
    "indicator.observation_recorded": ("ObservationRecorded",
        "observation_id: UUID, observation: Observation, definition_version: int"),
    "indicator.observation_corrected": ("ObservationCorrected",
        "observation_id: UUID, quantity: Quantity, resolves: tuple[FlagKind, ...], reason: str"),
    "indicator.observation_retracted": ("ObservationRetracted", "observation_id: UUID, reason: str"),
    "indicator.observation_flagged": ("ObservationFlagged", "observation_id: UUID, flag: Flag"),
    "person.erased": ("Erased", "person_id: UUID, reason: str"),
    "theme.defined": ("Defined", "code: ThemeCode, name: dict[str, LocalizedString]"),
    "theme.assigned": ("Assigned", "target: ThemeTarget, basis: str, inferred: bool"),
    "theme.unassigned": ("Unassigned", "target: ThemeTarget, reason: str"),
    "data_quality.defect_noted": ("Noted",
        "source: SourceRef, subject: Subject, kind: DefectKind, raw: str, probable: str | None, "
        "note: str | None, resolve_by: str"),
    "data_quality.defect_resolved": ("Resolved", "resolution: str, reason: str"),
    "initiative.recorded": ("Recorded",
        "code: str, content: InitiativeContent, agreement_ids: tuple[UUID, ...], link_basis: str | None"),
    "initiative.linked_to_agreement": ("LinkedToAgreement", "agreement_id: UUID, basis: str | None"),
}
ENVELOPE = {"originator_id", "originator_version", "timestamp", "originator_topic"}


def spelled(hint: object) -> str:
    """A type as the table spells it: bare class names, `X | None`, `tuple[X, ...]`."""
    if hint is type(None):
        return "None"
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return " | ".join(spelled(arg) for arg in typing.get_args(hint))
    if (origin := typing.get_origin(hint)) is not None:
        args = ", ".join("..." if arg is Ellipsis else spelled(arg) for arg in typing.get_args(hint))
        return f"{origin.__name__}[{args}]"
    return hint.__name__  # type: ignore[attr-defined]


def stored_fields(cls: type) -> str:
    hints = typing.get_type_hints(cls)
    return ", ".join(f"{f.name}: {spelled(hints[f.name])}" for f in dataclasses.fields(cls)
                     if f.name not in ENVELOPE)


def test_every_event_keeps_its_topic_class_and_payload_fields():
    events = {topic: (cls.__name__, stored_fields(cls)) for topic, cls in EVENTS.items()}

    assert events == STORED


def test_every_event_class_is_reachable_on_its_aggregate():
    aggregates = {"agreement": Agreement, "commitment": Agreement, "party": Party, "indicator": Indicator,
                  "person": Person, "theme": Theme, "data_quality": Defect,
                  "initiative": Initiative}

    reached = {topic: getattr(aggregates[topic.split(".")[0]], name) for topic, (name, _) in STORED.items()}

    assert reached == EVENTS
