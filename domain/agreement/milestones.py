"""Due dates and milestones of commitments: set, defined, achieved and rescheduled."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.agreement.checks import checked_evidence, not_in_future, require_reason, require_text
from domain.agreement.rules import (
    commitment,
    open_commitment,
    reporter,
    reporting_on,
    require_due_after_start,
    require_not_ended,
)
from domain.agreement.state import AgreementEvent, AgreementState, Milestone
from domain.agreement.values import DueDate, Evidence
from domain.errors import (
    EvidenceRequired,
    MilestoneAlreadyAchieved,
    MilestoneAlreadyDefined,
    NotResponsible,
    StructureFrozen,
    UnknownMilestone,
)
from domain.values import AgreementStatus, LocalizedText


class DueDateSet(AgreementEvent):
    TOPIC = "agreement.due_date_set"
    commitment_code: str
    old_due: DueDate | None
    due: DueDate
    reason: str | None
    party_id: UUID | None
    on_behalf_of: UUID | None
    amendment_id: UUID | None
    set_on: date

    def apply(self, agreement: AgreementState) -> None:
        progress = agreement.progress[self.commitment_code]
        progress.due = self.due
        if agreement.status is AgreementStatus.DRAFT or self.amendment_id is not None:
            progress.text_due = self.due


class MilestoneDefined(AgreementEvent):
    TOPIC = "agreement.milestone_defined"
    commitment_code: str
    milestone_code: str
    title: LocalizedText
    due: DueDate
    deliverable: LocalizedText | None
    party_id: UUID
    on_behalf_of: UUID | None
    defined_on: date

    def apply(self, agreement: AgreementState) -> None:
        milestones = agreement.progress[self.commitment_code].milestones
        code = self.milestone_code
        milestones[code] = Milestone(code, self.title, self.due, self.deliverable)


class MilestoneAchieved(AgreementEvent):
    TOPIC = "agreement.milestone_achieved"
    commitment_code: str
    milestone_code: str
    achieved_on: date
    evidence: tuple[Evidence, ...]
    party_id: UUID
    on_behalf_of: UUID | None
    reported_on: date

    def apply(self, agreement: AgreementState) -> None:
        milestone = agreement.progress[self.commitment_code].milestones[self.milestone_code]
        milestone.achieved_on = self.achieved_on


class MilestoneRescheduled(AgreementEvent):
    TOPIC = "agreement.milestone_rescheduled"
    commitment_code: str
    milestone_code: str
    old_due: DueDate
    new_due: DueDate
    reason: str
    party_id: UUID
    on_behalf_of: UUID | None
    rescheduled_on: date

    def apply(self, agreement: AgreementState) -> None:
        agreement.progress[self.commitment_code].milestones[self.milestone_code].due = self.new_due


class Milestones(AgreementState):
    def set_due_date(self, code: str, due: DueDate, today: date, party_id: UUID | None = None,
                     reason: str | None = None, on_behalf_of: UUID | None = None) -> None:
        """While drafting, part of the text; after signing, moved by a responsible party with a reason."""
        require_not_ended(self)
        if self.status is AgreementStatus.OPEN_FOR_SIGNATURE:
            raise StructureFrozen(
                "the text is open for signature; due dates change after signing or by amendment")
        if self.status is AgreementStatus.DRAFT:
            commitment(self, code)
        else:
            open_commitment(self, code)
            if party_id is None:
                raise NotResponsible("a due date moved after signing names the responsible party moving it")
            reporter(self, code, party_id, on_behalf_of)
            require_reason(reason, "moving a due date after signing")
        require_due_after_start(self, due)
        self.trigger_event(DueDateSet, commitment_code=code, old_due=self.progress[code].due, due=due,
                           reason=reason, party_id=party_id, on_behalf_of=on_behalf_of, amendment_id=None,
                           set_on=today)

    def define_milestone(self, code: str, milestone_code: str, title: LocalizedText, due: DueDate,
                         party_id: UUID, today: date, deliverable: LocalizedText | None = None,
                         on_behalf_of: UUID | None = None) -> None:
        progress, _ = reporting_on(self, code, party_id, on_behalf_of, today)
        if milestone_code in progress.milestones:
            raise MilestoneAlreadyDefined(f"commitment {code} already has milestone {milestone_code}")
        require_text(title, "milestone title")
        require_due_after_start(self, due)
        self.trigger_event(MilestoneDefined, commitment_code=code, milestone_code=milestone_code, title=title,
                           due=due, deliverable=deliverable, party_id=party_id, on_behalf_of=on_behalf_of,
                           defined_on=today)

    def achieve_milestone(self, code: str, milestone_code: str, party_id: UUID, achieved_on: date,
                          evidence: tuple[Evidence, ...], today: date,
                          on_behalf_of: UUID | None = None) -> None:
        _unachieved_milestone(self, code, milestone_code, party_id, on_behalf_of, today)
        evidence = checked_evidence(evidence)
        if not evidence:
            raise EvidenceRequired(f"milestone {milestone_code} achieved without evidence")
        not_in_future(achieved_on, today, "milestone achieved on")
        self.trigger_event(MilestoneAchieved, commitment_code=code, milestone_code=milestone_code,
                           achieved_on=achieved_on, evidence=evidence, party_id=party_id,
                           on_behalf_of=on_behalf_of, reported_on=today)

    def reschedule_milestone(self, code: str, milestone_code: str, new_due: DueDate, reason: str,
                             party_id: UUID, today: date, on_behalf_of: UUID | None = None) -> None:
        milestone = _unachieved_milestone(self, code, milestone_code, party_id, on_behalf_of, today)
        require_reason(reason, "rescheduling a milestone")
        require_due_after_start(self, new_due)
        self.trigger_event(MilestoneRescheduled, commitment_code=code, milestone_code=milestone_code,
                           old_due=milestone.due, new_due=new_due, reason=reason, party_id=party_id,
                           on_behalf_of=on_behalf_of, rescheduled_on=today)


def _unachieved_milestone(agreement: AgreementState, code: str, milestone_code: str, party_id: UUID,
                          on_behalf_of: UUID | None, today: date) -> Milestone:
    progress, _ = reporting_on(agreement, code, party_id, on_behalf_of, today)
    milestone = progress.milestones.get(milestone_code)
    if milestone is None:
        raise UnknownMilestone(f"commitment {code} has no milestone {milestone_code}")
    if milestone.achieved_on is not None:
        raise MilestoneAlreadyAchieved(f"milestone {milestone_code} was achieved on {milestone.achieved_on}")
    return milestone
