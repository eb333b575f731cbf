"""What a commitment's story and an agreement's amendments are made of: each fact with when and by whom."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from msgspec import Meta

from domain.agreement.values import (
    AmendmentChange,
    ClaimStatus,
    CompletionLevel,
    DueDate,
    Evidence,
    Health,
    NextStep,
)
from domain.person import PersonalText
from domain.values import Modality, Nature
from service.reads.agreement_views import ResponsibilityView
from service.reads.event_views import HistoryActorView, wire_type
from service.reads.wire import LocalizedTextView, View

EvidenceView = wire_type(Evidence)
NextStepView = wire_type(NextStep)
DueDateView = wire_type(DueDate)
AmendmentChangeView = wire_type(AmendmentChange)


class RecordedView(View):
    """The event that told the fact: its version, when it happened, when it was recorded, and by whom."""

    version: int
    type: str
    occurred_at: datetime
    recorded_at: datetime
    actor: HistoryActorView


class PersonView(View):
    """A person named in the record (personal data). Once the person is erased, `name` is null and
    `erased` true: their key is deleted, so the sealed name stored in the events reads as nothing."""

    person_id: UUID
    name: str | None
    erased: bool


def person_view(person: PersonalText | None) -> PersonView | None:
    return None if person is None else PersonView(person_id=person.person_id, name=person.text,
                                                  erased=person.erased)


class StoryReportView(View):
    """A progress report; `status` says whether it still counts, was corrected (by `correctedBy`) or
    retracted. A correction is a report of its own that names the one it `corrects`."""

    report_id: UUID
    party_id: UUID
    as_of: date
    reported_on: date
    level: CompletionLevel
    health: Health
    own_share: bool
    narrative: LocalizedTextView
    next_steps: list[NextStepView]  # type: ignore[valid-type]
    evidence: list[EvidenceView]  # type: ignore[valid-type]
    contact_person: Annotated[PersonView | None, Meta(extra_json_schema={"x-personal": True})]
    status: Literal["active", "corrected", "retracted"]
    corrects: UUID | None
    corrected_by: UUID | None
    reason: str | None
    recorded: RecordedView
    ended: RecordedView | None


class RescheduleView(View):
    old_due: DueDateView  # type: ignore[valid-type]
    new_due: DueDateView  # type: ignore[valid-type]
    reason: str
    rescheduled_on: date
    recorded: RecordedView


class StoryMilestoneView(View):
    code: str
    title: LocalizedTextView
    due: DueDateView  # type: ignore[valid-type]
    deliverable: LocalizedTextView | None
    achieved_on: date | None
    evidence: list[EvidenceView]  # type: ignore[valid-type]
    reschedules: list[RescheduleView]
    recorded: RecordedView
    achieved: RecordedView | None


class ClaimAnswerView(View):
    """A counterparty's acknowledgement, or its dispute with the reason."""

    party_id: UUID
    on: date
    reason: str | None
    recorded: RecordedView


class StoryClaimView(View):
    claim_id: UUID
    party_id: UUID
    completed_on: date
    claimed_on: date
    counterparties: list[UUID]
    narrative: LocalizedTextView | None
    evidence: list[EvidenceView]  # type: ignore[valid-type]
    status: ClaimStatus
    acknowledgements: list[ClaimAnswerView]
    disputes: list[ClaimAnswerView]
    recorded: RecordedView
    ended: RecordedView | None


class StoryAssessmentView(View):
    assessment_id: UUID
    party_id: UUID
    assessed_on: date
    level: CompletionLevel
    findings: LocalizedTextView
    evidence: list[EvidenceView]  # type: ignore[valid-type]
    claim_id: UUID | None
    recorded: RecordedView


class DueDateChangeView(View):
    old_due: DueDateView | None  # type: ignore[valid-type]
    due: DueDateView  # type: ignore[valid-type]
    reason: str | None
    set_on: date
    amendment_id: UUID | None
    recorded: RecordedView


class LifecycleStepView(View):
    """A change of the commitment's own state: started, on hold, resumed, completed, reopened, revised,
    cancelled or closed incomplete, named by the event's stable type."""

    on: date | None
    reason: str | None
    recorded: RecordedView


class CommitmentStoryView(View):
    """One commitment as its events tell it, each fact with both clocks and its actor."""

    agreement_id: UUID
    code: str
    area_code: str
    text: LocalizedTextView
    modality: Modality
    nature: Nature
    responsibilities: list[ResponsibilityView]
    defined: RecordedView
    reports: list[StoryReportView]
    milestones: list[StoryMilestoneView]
    claims: list[StoryClaimView]
    assessments: list[StoryAssessmentView]
    due_date_changes: list[DueDateChangeView]
    lifecycle: list[LifecycleStepView]


class AmendmentSignatureView(View):
    party_id: UUID
    signed_on: date
    recorded: RecordedView


class AmendmentHistoryView(View):
    """An amendment: its changes, who signed it, and whether it is pending, applied or withdrawn."""

    amendment_id: UUID
    proposed_by: UUID
    proposed_on: date
    summary: LocalizedTextView | None
    changes: list[AmendmentChangeView]  # type: ignore[valid-type]
    state: Literal["pending", "applied", "withdrawn"]
    signatures: list[AmendmentSignatureView]
    applied_on: date | None
    text_version: int | None
    withdrawal_reason: str | None
    recorded: RecordedView
    ended: RecordedView | None


class AmendmentList(View):
    items: list[AmendmentHistoryView]
