"""Due dates and milestones of commitments: defined, achieved, rescheduled (events apply their own change)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.errors import (
    EvidenceRequired,
    MilestoneAlreadyAchieved,
    MilestoneAlreadyDefined,
    NotResponsible,
    StructureFrozen,
    UnknownMilestone,
)
from domain.progress_state import Milestone
from domain.progress_values import DueDate, Evidence
from domain.rules import Rules, checked_evidence, not_in_future, require_reason, require_text
from domain.values import AgreementStatus, LocalizedText


class Milestones(Rules):
    class DueDateSet(Aggregate.Event):
        TOPIC = "agreement.due_date_set"
        commitment_code: str
        old_due: DueDate | None
        due: DueDate
        reason: str | None
        party_id: UUID | None
        on_behalf_of: UUID | None
        amendment_id: UUID | None
        set_on: date

        def apply(self, agreement: Any) -> None:
            progress = agreement.progress[self.commitment_code]
            progress.due = self.due
            if agreement.status is AgreementStatus.DRAFT or self.amendment_id is not None:
                progress.text_due = self.due

    class MilestoneDefined(Aggregate.Event):
        TOPIC = "agreement.milestone_defined"
        commitment_code: str
        milestone_code: str
        title: LocalizedText
        due: DueDate
        deliverable: LocalizedText | None
        party_id: UUID
        on_behalf_of: UUID | None
        defined_on: date

        def apply(self, agreement: Any) -> None:
            agreement.progress[self.commitment_code].milestones[self.milestone_code] = Milestone(
                self.milestone_code, self.title, self.due, self.deliverable
            )

    class MilestoneAchieved(Aggregate.Event):
        TOPIC = "agreement.milestone_achieved"
        commitment_code: str
        milestone_code: str
        achieved_on: date
        evidence: tuple[Evidence, ...]
        party_id: UUID
        on_behalf_of: UUID | None
        reported_on: date

        def apply(self, agreement: Any) -> None:
            agreement.progress[self.commitment_code].milestones[
                self.milestone_code
            ].achieved_on = self.achieved_on

    class MilestoneRescheduled(Aggregate.Event):
        TOPIC = "agreement.milestone_rescheduled"
        commitment_code: str
        milestone_code: str
        old_due: DueDate
        new_due: DueDate
        reason: str
        party_id: UUID
        on_behalf_of: UUID | None
        rescheduled_on: date

        def apply(self, agreement: Any) -> None:
            agreement.progress[self.commitment_code].milestones[self.milestone_code].due = self.new_due

    # -- commands ---------------------------------------------------------------------------

    def set_due_date(
        self,
        code: str,
        due: DueDate,
        today: date,
        party_id: UUID | None = None,
        reason: str | None = None,
        on_behalf_of: UUID | None = None,
    ) -> None:
        """While drafting, part of the text; after signing, moved by a responsible party with a reason."""
        self._require_not_ended()
        if self.status is AgreementStatus.OPEN_FOR_SIGNATURE:
            raise StructureFrozen(
                "the text is open for signature; due dates change after signing or by amendment"
            )
        if self.status is AgreementStatus.DRAFT:
            self._commitment(code)
        else:
            self._open_commitment(code)
            if party_id is None:
                raise NotResponsible("a due date moved after signing names the responsible party moving it")
            self._reporter(code, party_id, on_behalf_of)
            require_reason(reason, "moving a due date after signing")
        self._require_due_after_start(due)
        self._due_date_set(code, due, today, reason, party_id, on_behalf_of, None)

    def define_milestone(
        self,
        code: str,
        milestone_code: str,
        title: LocalizedText,
        due: DueDate,
        party_id: UUID,
        today: date,
        deliverable: LocalizedText | None = None,
        on_behalf_of: UUID | None = None,
    ) -> None:
        progress = self._for_milestones(code, party_id, on_behalf_of, today)
        if milestone_code in progress.milestones:
            raise MilestoneAlreadyDefined(f"commitment {code} already has milestone {milestone_code}")
        require_text(title, "milestone title")
        self._require_due_after_start(due)
        self.trigger_event(
            self.MilestoneDefined,
            commitment_code=code,
            milestone_code=milestone_code,
            title=title,
            due=due,
            deliverable=deliverable,
            party_id=party_id,
            on_behalf_of=on_behalf_of,
            defined_on=today,
        )

    def achieve_milestone(
        self,
        code: str,
        milestone_code: str,
        party_id: UUID,
        achieved_on: date,
        evidence: tuple[Evidence, ...],
        today: date,
        on_behalf_of: UUID | None = None,
    ) -> None:
        milestone = self._milestone(code, milestone_code, party_id, on_behalf_of, today)
        if milestone.achieved_on is not None:
            raise MilestoneAlreadyAchieved(
                f"milestone {milestone_code} was achieved on {milestone.achieved_on}"
            )
        evidence = checked_evidence(evidence)
        if not evidence:
            raise EvidenceRequired(f"milestone {milestone_code} achieved without evidence")
        not_in_future(achieved_on, today, "milestone achieved on")
        self.trigger_event(
            self.MilestoneAchieved,
            commitment_code=code,
            milestone_code=milestone_code,
            achieved_on=achieved_on,
            evidence=evidence,
            party_id=party_id,
            on_behalf_of=on_behalf_of,
            reported_on=today,
        )

    def reschedule_milestone(
        self,
        code: str,
        milestone_code: str,
        new_due: DueDate,
        reason: str,
        party_id: UUID,
        today: date,
        on_behalf_of: UUID | None = None,
    ) -> None:
        milestone = self._milestone(code, milestone_code, party_id, on_behalf_of, today)
        if milestone.achieved_on is not None:
            raise MilestoneAlreadyAchieved(
                f"milestone {milestone_code} was achieved on {milestone.achieved_on}"
            )
        require_reason(reason, "rescheduling a milestone")
        self._require_due_after_start(new_due)
        self.trigger_event(
            self.MilestoneRescheduled,
            commitment_code=code,
            milestone_code=milestone_code,
            old_due=milestone.due,
            new_due=new_due,
            reason=reason,
            party_id=party_id,
            on_behalf_of=on_behalf_of,
            rescheduled_on=today,
        )

    # -- rules ------------------------------------------------------------------------------

    def _due_date_set(
        self,
        code: str,
        due: DueDate,
        today: date,
        reason: str | None,
        party_id: UUID | None,
        on_behalf_of: UUID | None,
        amendment_id: UUID | None,
    ) -> None:
        self.trigger_event(
            self.DueDateSet,
            commitment_code=code,
            old_due=self.progress[code].due,
            due=due,
            reason=reason,
            party_id=party_id,
            on_behalf_of=on_behalf_of,
            amendment_id=amendment_id,
            set_on=today,
        )

    def _for_milestones(self, code: str, party_id: UUID, on_behalf_of: UUID | None, today: date) -> Any:
        self._require_reporting_open(today)
        progress = self._open_commitment(code)
        self._reporter(code, party_id, on_behalf_of)
        return progress

    def _milestone(
        self, code: str, milestone_code: str, party_id: UUID, on_behalf_of: UUID | None, today: date
    ) -> Milestone:
        progress = self._for_milestones(code, party_id, on_behalf_of, today)
        try:
            return progress.milestones[milestone_code]
        except KeyError:
            raise UnknownMilestone(f"commitment {code} has no milestone {milestone_code}") from None
