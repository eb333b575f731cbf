"""Deadline reminders: each due date of an open commitment or milestone is reminded of once per stage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.agreement.rules import responsible_parties
from domain.agreement.state import AgreementEvent, AgreementState
from domain.agreement.values import OPEN_LIFECYCLES, DueDate
from domain.errors import Conflict
from domain.values import AgreementStatus

DAYS_BEFORE = (1, 7, 30)  # the stages before a deadline, most urgent first
PASSED = 0  # the stage after it


class NothingToRemind(Conflict):
    """Every reminder due today is already recorded."""


@dataclass(frozen=True, slots=True)
class Reminded:
    """One reminder given: of which due date (by its deadline), at which stage."""

    commitment_code: str
    milestone_code: str | None
    deadline: date
    stage: int  # days before the deadline, or PASSED


class DeadlineApproaching(AgreementEvent):
    TOPIC = "commitment.deadline_approaching"
    commitment_code: str
    milestone_code: str | None
    due: DueDate
    deadline: date
    days_before: int
    responsible: tuple[UUID, ...]
    reminded_on: date

    def apply(self, agreement: AgreementState) -> None:
        reminded(agreement).add(Reminded(self.commitment_code, self.milestone_code, self.deadline,
                                         self.days_before))


class DeadlinePassed(AgreementEvent):
    TOPIC = "commitment.deadline_passed"
    commitment_code: str
    milestone_code: str | None
    due: DueDate
    deadline: date
    responsible: tuple[UUID, ...]
    reminded_on: date

    def apply(self, agreement: AgreementState) -> None:
        reminded(agreement).add(Reminded(self.commitment_code, self.milestone_code, self.deadline, PASSED))


def reminded(agreement: AgreementState) -> set[Reminded]:
    """The reminders the stream holds; kept beside the state that drafting sets up."""
    return vars(agreement).setdefault("_reminded", set())


def stage(deadline: date, today: date) -> int | None:
    """The most urgent stage `today` has reached for `deadline`: PASSED, 1, 7 or 30; None before that."""
    left = (deadline - today).days
    if left < 0:
        return PASSED
    return next((days for days in DAYS_BEFORE if left <= days), None)


def open_due_dates(agreement: AgreementState) -> list[tuple[str, str | None, DueDate]]:
    """The due dates still to be met: of open commitments, and of their milestones not yet achieved."""
    dues: list[tuple[str, str | None, DueDate]] = []
    for code, progress in agreement.progress.items():
        if progress.lifecycle not in OPEN_LIFECYCLES:
            continue
        if progress.due is not None:
            dues.append((code, None, progress.due))
        dues.extend((code, m.code, m.due) for m in progress.milestones.values() if m.achieved_on is None)
    return dues


def _more_urgent(a: int, b: int) -> bool:
    """Whether stage `a` comes after stage `b` (PASSED after 1 after 7 after 30)."""
    return a == PASSED and b != PASSED or b != PASSED and 0 < a < b


class Reminders(AgreementState):
    def remind(self, today: date) -> None:
        """Record the reminder each open due date has reached today, unless it (or a later one) is recorded:
        one per due date and stage; a due date moved elsewhere is reminded of afresh."""
        if self.status is not AgreementStatus.IN_FORCE:
            raise NothingToRemind(f"the agreement is {self.status.value}, not in force")
        given = reminded(self)
        due_now = 0
        for code, milestone, due in open_due_dates(self):
            reached = stage(due.deadline, today)
            if reached is None:
                continue
            earlier = [r.stage for r in given if (r.commitment_code, r.milestone_code, r.deadline)
                       == (code, milestone, due.deadline)]
            if any(s == reached or _more_urgent(s, reached) for s in earlier):
                continue
            due_now += 1
            responsible = tuple(sorted(responsible_parties(self, code), key=str))
            if reached == PASSED:
                self.trigger_event(DeadlinePassed, commitment_code=code, milestone_code=milestone, due=due,
                                   deadline=due.deadline, responsible=responsible, reminded_on=today)
            else:
                self.trigger_event(DeadlineApproaching, commitment_code=code, milestone_code=milestone,
                                   due=due, deadline=due.deadline, days_before=reached,
                                   responsible=responsible, reminded_on=today)
        if not due_now:
            raise NothingToRemind(f"no reminder is due on {today}")
