"""A commitment's story, told from its agreement's events: reports, milestones, claims, assessments, dates."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, TypeVar
from uuid import UUID

import msgspec

from domain.agreement.values import ClaimStatus
from domain.errors import UnknownCommitment
from service.reads.agreement_views import ResponsibilityView
from service.reads.event_views import actor_of
from service.reads.story_views import (
    ClaimAnswerView,
    CommitmentStoryView,
    DueDateChangeView,
    EvidenceView,
    LifecycleStepView,
    RecordedView,
    RescheduleView,
    StoryAssessmentView,
    StoryClaimView,
    StoryMilestoneView,
    StoryReportView,
    person_view,
)
from service.reads.wire import LocalizedTextView
from service.store.mapper import StoredEvent

T = TypeVar("T")
Told = tuple[StoredEvent, Any]  # a stored event and the domain event decoded from it
STEPS = {  # events of the commitment's own state, and the payload field that dates each
    "agreement.commitment_started": "started_on", "agreement.commitment_put_on_hold": "held_on",
    "agreement.commitment_resumed": "resumed_on", "agreement.commitment_completed": "completed_on",
    "agreement.commitment_reopened": "reopened_on", "agreement.commitment_closed_incomplete": "closed_on",
    "agreement.commitment_revised": None, "agreement.commitment_cancelled": None,
}
ENDINGS = {"agreement.period_ended", "agreement.terminated", "agreement.superseded", "agreement.closed"}


def make(into: type[T], **fields: Any) -> T:
    """A view from Python values and domain values (dataclasses become their views)."""
    return msgspec.convert(SimpleNamespace(**fields), into, from_attributes=True)


def wire(value: Any, into: Any) -> Any:
    """A domain value as its view type."""
    return msgspec.convert(value, into, from_attributes=True)


def recorded(stored: StoredEvent, event: Any) -> RecordedView:
    return RecordedView(version=stored.version, type=stored.event_type, occurred_at=stored.occurred_at,
                        recorded_at=stored.recorded_at, actor=actor_of(stored, event))


def commitment_story(agreement_id: UUID, code: str, told: list[Told]) -> CommitmentStoryView:
    """The story of commitment `code`; UnknownCommitment when the agreement never had it."""
    story: CommitmentStoryView | None = None
    reports: dict[UUID, StoryReportView] = {}
    milestones: dict[str, StoryMilestoneView] = {}
    claims: dict[UUID, StoryClaimView] = {}
    for stored, e in told:
        kind, when = stored.event_type, recorded(stored, e)
        if kind in ENDINGS and story is not None:
            _lapse(claims.values(), when)
        if getattr(e, "commitment_code", getattr(e, "code", None)) != code:
            continue
        if kind in ("agreement.commitment_defined", "agreement.commitment_added"):
            story = make(CommitmentStoryView, agreement_id=agreement_id, code=code, area_code=e.area_code,
                         text=e.text, modality=e.modality, nature=e.nature,
                         responsibilities=e.responsibilities, defined=when, reports=[], milestones=[],
                         claims=[], assessments=[], due_date_changes=[], lifecycle=[])
        elif story is None:
            continue
        elif kind in ("agreement.progress_reported", "agreement.report_corrected"):
            corrects = e.report_id if kind == "agreement.report_corrected" else None
            report_id = e.correction_id if corrects else e.report_id
            reports[report_id] = make(
                StoryReportView, report_id=report_id, party_id=e.party_id, as_of=e.as_of,
                reported_on=getattr(e, "reported_on", None) or e.corrected_on, level=e.level, health=e.health,
                own_share=e.own_share, narrative=e.narrative, next_steps=e.next_steps, evidence=e.evidence,
                contact_person=person_view(e.contact_person), status="active", corrects=corrects,
                corrected_by=None, reason=getattr(e, "reason", None), recorded=when, ended=None)
            if corrects in reports:
                reports[corrects].status, reports[corrects].corrected_by = "corrected", report_id
                reports[corrects].ended = when
        elif kind == "agreement.report_retracted" and e.report_id in reports:
            report = reports[e.report_id]
            report.status, report.reason, report.ended = "retracted", e.reason, when
        elif kind == "agreement.milestone_defined":
            milestones[e.milestone_code] = make(
                StoryMilestoneView, code=e.milestone_code, title=e.title, due=e.due,
                deliverable=e.deliverable, achieved_on=None, evidence=[], reschedules=[], recorded=when,
                achieved=None)
        elif kind == "agreement.milestone_achieved" and e.milestone_code in milestones:
            m = milestones[e.milestone_code]
            m.achieved_on, m.achieved = e.achieved_on, when
            m.evidence = wire(e.evidence, list[EvidenceView])
        elif kind == "agreement.milestone_rescheduled" and e.milestone_code in milestones:
            m = milestones[e.milestone_code]
            m.reschedules.append(make(RescheduleView, old_due=e.old_due, new_due=e.new_due, reason=e.reason,
                                      rescheduled_on=e.rescheduled_on, recorded=when))
            m.due = m.reschedules[-1].new_due
        elif kind == "agreement.completion_claimed":
            claims[e.claim_id] = make(
                StoryClaimView, claim_id=e.claim_id, party_id=e.party_id, completed_on=e.completed_on,
                claimed_on=e.claimed_on, counterparties=e.counterparties, narrative=e.narrative,
                evidence=e.evidence, status=ClaimStatus.OPEN, acknowledgements=[], disputes=[], recorded=when,
                ended=None)
        elif kind in ("agreement.completion_acknowledged", "agreement.completion_disputed"):
            claim = claims[e.claim_id]
            answer = ClaimAnswerView(party_id=e.party_id, on=getattr(e, "acknowledged_on", None)
                                     or e.disputed_on, reason=getattr(e, "reason", None), recorded=when)
            if kind == "agreement.completion_disputed":
                claim.disputes.append(answer)
                claim.status, claim.ended = ClaimStatus.DISPUTED, when
            else:
                claim.acknowledgements.append(answer)
        elif kind == "agreement.claim_withdrawn":
            claims[e.claim_id].status, claims[e.claim_id].ended = ClaimStatus.WITHDRAWN, when
        elif kind == "agreement.assessment_recorded":
            story.assessments.append(make(
                StoryAssessmentView, assessment_id=e.assessment_id, party_id=e.party_id,
                assessed_on=e.assessed_on, level=e.level, findings=e.findings, evidence=e.evidence,
                claim_id=e.claim_id, recorded=when))
        elif kind == "agreement.due_date_set":
            story.due_date_changes.append(make(
                DueDateChangeView, old_due=e.old_due, due=e.due, reason=e.reason, set_on=e.set_on,
                amendment_id=e.amendment_id, recorded=when))
        if kind in STEPS:
            _step(story, kind, e, when, claims)
    if story is None:
        raise UnknownCommitment(f"no commitment {code}")
    story.reports, story.milestones = list(reports.values()), list(milestones.values())
    story.claims = list(claims.values())
    return story


def _step(story: CommitmentStoryView, kind: str, e: Any, when: RecordedView,
          claims: dict[UUID, StoryClaimView]) -> None:
    field = STEPS[kind]
    story.lifecycle.append(LifecycleStepView(on=getattr(e, field) if field else None,
                                             reason=getattr(e, "reason", None), recorded=when))
    if kind == "agreement.commitment_completed" and e.claim_id in claims:
        claims[e.claim_id].status, claims[e.claim_id].ended = ClaimStatus.COMPLETED, when
    if kind == "agreement.commitment_revised":
        story.text, story.modality, story.nature = wire(e.text, LocalizedTextView), e.modality, e.nature
        story.responsibilities = wire(e.responsibilities, list[ResponsibilityView])
    if kind == "agreement.commitment_cancelled":
        _lapse(claims.values(), when)


def _lapse(claims: Any, when: RecordedView) -> None:
    for claim in claims:
        if claim.status is ClaimStatus.OPEN:
            claim.status, claim.ended = ClaimStatus.LAPSED, when

