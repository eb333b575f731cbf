"""Deadline reminders: 30, 7 and 1 days before each due date and once it passed, never twice."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.agreement import Agreement
from domain.agreement.reminders import NothingToRemind
from domain.agreement.values import DatePrecision, DueDate
from tests.domain.implementation import EVIDENCE, cancelled, milestone_defined, suspended
from tests.domain.scenario import JIANGMEN, ZHONGSHAN, ZHUHAI, event, given, in_force_pact, new_events

END_OF_SEPTEMBER = DueDate(date(2025, 9, 30))
C1_PARTIES = (ZHUHAI, ZHONGSHAN)  # C1: Zhuhai leads, Zhongshan supports


def due_set(due: DueDate, code: str = "C1", old: DueDate | None = None) -> Any:
    return event(Agreement.DueDateSet, commitment_code=code, old_due=old, due=due, reason="按计划",
                 party_id=ZHUHAI, on_behalf_of=None, amendment_id=None, set_on=date(2025, 3, 1))


def approaching(days: int, on: date, due: DueDate = END_OF_SEPTEMBER, milestone: str | None = None,
                code: str = "C1", responsible: tuple = C1_PARTIES) -> tuple[str, dict[str, Any]]:
    return ("commitment.deadline_approaching",
            {"commitment_code": code, "milestone_code": milestone, "due": due, "deadline": due.deadline,
             "days_before": days, "responsible": responsible, "reminded_on": on})


def passed(on: date, due: DueDate = END_OF_SEPTEMBER, milestone: str | None = None,
           code: str = "C1", responsible: tuple = C1_PARTIES) -> tuple[str, dict[str, Any]]:
    return ("commitment.deadline_passed",
            {"commitment_code": code, "milestone_code": milestone, "due": due, "deadline": due.deadline,
             "responsible": responsible, "reminded_on": on})


def reminded(*dates: date, history: tuple = ()) -> tuple[Any, list]:
    """The agreement with C1 due at the end of September, reminded on each of `dates` in turn."""
    agreement = given(*in_force_pact(), due_set(END_OF_SEPTEMBER), *history)
    emitted = []
    for day in dates:
        try:
            agreement.remind(day)
        except NothingToRemind:
            emitted.append([])
            continue
        emitted.append(new_events(agreement))
    return agreement, emitted


def test_a_due_date_is_reminded_of_30_7_and_1_days_before_and_once_it_passed():
    _, emitted = reminded(date(2025, 8, 31), date(2025, 9, 23), date(2025, 9, 29), date(2025, 10, 1))

    assert emitted == [
        [approaching(30, date(2025, 8, 31))],
        [approaching(7, date(2025, 9, 23))],
        [approaching(1, date(2025, 9, 29))],
        [passed(date(2025, 10, 1))],
    ]


def test_no_reminder_before_30_days_between_the_stages_or_on_the_due_day_after_the_last_one():
    _, emitted = reminded(date(2025, 8, 30), date(2025, 8, 31), date(2025, 9, 10), date(2025, 9, 29),
                          date(2025, 9, 30))

    assert emitted == [[], [approaching(30, date(2025, 8, 31))], [], [approaching(1, date(2025, 9, 29))], []]


def test_reminding_twice_on_the_same_day_records_nothing_the_second_time():
    agreement, emitted = reminded(date(2025, 9, 23))

    with pytest.raises(NothingToRemind):
        agreement.remind(date(2025, 9, 23))
    assert emitted == [[approaching(7, date(2025, 9, 23))]]
    assert new_events(agreement) == []


def test_reminders_in_the_stream_count_on_replay():
    earlier = event(Agreement.DeadlineApproaching, commitment_code="C1", milestone_code=None,
                    due=END_OF_SEPTEMBER, deadline=date(2025, 9, 30), days_before=7, responsible=C1_PARTIES,
                    reminded_on=date(2025, 9, 23))

    _, emitted = reminded(date(2025, 9, 24), date(2025, 9, 29), history=(earlier,))

    assert emitted == [[], [approaching(1, date(2025, 9, 29))]]


def test_a_scheduler_that_missed_stages_gives_only_the_one_reached():
    _, emitted = reminded(date(2025, 9, 26), date(2025, 10, 20))

    assert emitted == [[approaching(7, date(2025, 9, 26))], [passed(date(2025, 10, 20))]]


def test_a_rescheduled_due_date_gets_its_own_reminders():
    later = DueDate(date(2025, 10, 15))
    agreement = given(*in_force_pact(), due_set(END_OF_SEPTEMBER),
                      event(Agreement.DeadlineApproaching, commitment_code="C1", milestone_code=None,
                            due=END_OF_SEPTEMBER, deadline=date(2025, 9, 30), days_before=1,
                            responsible=C1_PARTIES, reminded_on=date(2025, 9, 29)),
                      due_set(later, old=END_OF_SEPTEMBER))
    agreement.remind(date(2025, 9, 30))

    assert new_events(agreement) == [approaching(30, date(2025, 9, 30), due=later)]


def test_a_month_precise_due_date_is_reminded_of_before_the_end_of_its_month():
    september = DueDate(date(2025, 9, 1), DatePrecision.MONTH)
    agreement = given(*in_force_pact(), due_set(september))

    agreement.remind(date(2025, 9, 23))

    assert new_events(agreement) == [approaching(7, date(2025, 9, 23), due=september)]


def test_milestones_are_reminded_of_until_achieved_and_again_when_rescheduled():
    m1, m2 = DueDate(date(2025, 9, 30)), DueDate(date(2025, 10, 5))
    agreement = given(*in_force_pact(), milestone_defined("C1", "M1", m1), milestone_defined("C1", "M2", m2))

    agreement.remind(date(2025, 9, 28))
    first = new_events(agreement)
    agreement.achieve_milestone("C1", "M1", ZHUHAI, date(2025, 9, 28), EVIDENCE, date(2025, 9, 28))
    agreement.reschedule_milestone("C1", "M2", DueDate(date(2025, 11, 20)), "供应商延期", ZHUHAI,
                                   date(2025, 9, 28))
    agreement.collect_events()
    agreement.remind(date(2025, 10, 21))

    assert first == [approaching(7, date(2025, 9, 28), m1, "M1"), approaching(7, date(2025, 9, 28), m2, "M2")]
    assert new_events(agreement) == [approaching(30, date(2025, 10, 21), DueDate(date(2025, 11, 20)), "M2")]


def test_every_responsible_party_of_a_joint_commitment_is_named():
    agreement = given(*in_force_pact(), due_set(END_OF_SEPTEMBER, code="C2"))

    agreement.remind(date(2025, 10, 2))

    assert new_events(agreement) == [passed(date(2025, 10, 2), code="C2",
                                            responsible=(ZHUHAI, ZHONGSHAN, JIANGMEN))]


@pytest.mark.parametrize("history", [(suspended(),), (cancelled("C1"),)], ids=["suspended", "cancelled"])
def test_nothing_is_reminded_of_on_a_suspended_agreement_or_a_closed_commitment(history):
    agreement = given(*in_force_pact(), due_set(END_OF_SEPTEMBER), *history)

    with pytest.raises(NothingToRemind):
        agreement.remind(date(2025, 10, 2))
    assert new_events(agreement) == []
