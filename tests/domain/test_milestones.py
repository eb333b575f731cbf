"""Milestones and due dates of commitments, and timeliness derived from them."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agreement.values import DatePrecision, DueDate, Timeliness, timeliness
from domain.errors import (
    AgreementSuspended,
    DueBeforeStart,
    EvidenceRequired,
    MilestoneAlreadyAchieved,
    MilestoneAlreadyDefined,
    NotResponsible,
    ReasonRequired,
    StructureFrozen,
    TextRequired,
    UnknownMilestone,
)
from tests.domain.implementation import EVIDENCE, TODAY, milestone_defined, suspended
from tests.domain.scenario import (
    JIANGMEN,
    ZHONGSHAN,
    ZHUHAI,
    drafted_pact,
    given,
    in_force_pact,
    new_events,
    open_pact,
    zh,
)

SEPTEMBER = DueDate(date(2025, 9, 1), DatePrecision.MONTH)
BY_2026 = DueDate(date(2026, 1, 1), DatePrecision.YEAR)


def test_a_responsible_party_defines_a_milestone_with_a_due_date_and_deliverable():
    agreement = given(*in_force_pact())

    agreement.define_milestone(
        "C1", "M1", zh("完成需求调研"), SEPTEMBER, ZHUHAI, TODAY, deliverable=zh("调研报告")
    )

    assert new_events(agreement) == [
        (
            "agreement.milestone_defined",
            {
                "commitment_code": "C1",
                "milestone_code": "M1",
                "title": zh("完成需求调研"),
                "due": SEPTEMBER,
                "deliverable": zh("调研报告"),
                "party_id": ZHUHAI,
                "on_behalf_of": None,
                "defined_on": TODAY,
            },
        )
    ]


@pytest.mark.parametrize(
    "due", [DueDate(date(2025, 1, 31)), DueDate(date(2025, 1, 1), DatePrecision.MONTH)], ids=["day", "month"]
)
def test_a_milestone_is_not_due_before_the_agreement_starts(due):
    agreement = given(*in_force_pact(on=date(2025, 2, 1)))

    with pytest.raises(DueBeforeStart):
        agreement.define_milestone("C1", "M1", zh("完成需求调研"), due, ZHUHAI, TODAY)

    assert new_events(agreement) == []


def test_a_due_date_of_the_starting_year_is_not_before_the_start():
    agreement = given(*in_force_pact(on=date(2025, 2, 1)))

    agreement.define_milestone(
        "C1", "M1", zh("完成需求调研"), DueDate(date(2025, 1, 1), DatePrecision.YEAR), ZHUHAI, TODAY
    )

    assert len(new_events(agreement)) == 1


@pytest.mark.parametrize(
    "events, kwargs, error",
    [
        ((*in_force_pact(), milestone_defined()), {}, MilestoneAlreadyDefined),
        (in_force_pact(), {"party_id": JIANGMEN}, NotResponsible),
        (in_force_pact(), {"title": zh(" ")}, TextRequired),
        ((*in_force_pact(), suspended()), {}, AgreementSuspended),
    ],
    ids=["twice", "not-responsible", "no-title", "suspended"],
)
def test_a_milestone_is_defined_once_by_a_responsible_party_while_in_force(events, kwargs, error):
    agreement = given(*events)
    args = {
        "code": "C1",
        "milestone_code": "M1",
        "title": zh("完成需求调研"),
        "due": SEPTEMBER,
        "party_id": ZHUHAI,
        "today": TODAY,
        **kwargs,
    }

    with pytest.raises(error):
        agreement.define_milestone(**args)

    assert new_events(agreement) == []


def test_a_milestone_is_achieved_with_evidence():
    agreement = given(*in_force_pact(), milestone_defined())

    agreement.achieve_milestone("C1", "M1", ZHONGSHAN, date(2025, 5, 20), EVIDENCE, TODAY)

    assert new_events(agreement) == [
        (
            "agreement.milestone_achieved",
            {
                "commitment_code": "C1",
                "milestone_code": "M1",
                "achieved_on": date(2025, 5, 20),
                "evidence": EVIDENCE,
                "party_id": ZHONGSHAN,
                "on_behalf_of": None,
                "reported_on": TODAY,
            },
        )
    ]
    assert agreement.progress["C1"].milestones["M1"].achieved_on == date(2025, 5, 20)


def test_a_milestone_is_not_achieved_without_evidence_or_twice():
    agreement = given(*in_force_pact(), milestone_defined())

    with pytest.raises(EvidenceRequired):
        agreement.achieve_milestone("C1", "M1", ZHUHAI, date(2025, 5, 20), (), TODAY)
    agreement.achieve_milestone("C1", "M1", ZHUHAI, date(2025, 5, 20), EVIDENCE, TODAY)
    agreement.collect_events()
    with pytest.raises(MilestoneAlreadyAchieved):
        agreement.achieve_milestone("C1", "M1", ZHUHAI, date(2025, 5, 21), EVIDENCE, TODAY)
    with pytest.raises(MilestoneAlreadyAchieved):
        agreement.reschedule_milestone("C1", "M1", BY_2026, "延期", ZHUHAI, TODAY)

    assert new_events(agreement) == []


def test_a_milestone_is_rescheduled_with_its_old_and_new_due_dates_and_a_reason():
    agreement = given(*in_force_pact(), milestone_defined(due=SEPTEMBER))

    agreement.reschedule_milestone("C1", "M1", BY_2026, "招标延期", ZHUHAI, TODAY)

    [(topic, payload)] = new_events(agreement)
    assert topic == "agreement.milestone_rescheduled"
    assert (payload["old_due"], payload["new_due"], payload["reason"]) == (SEPTEMBER, BY_2026, "招标延期")


@pytest.mark.parametrize(
    "milestone, reason, error", [("M1", "", ReasonRequired), ("M9", "延期", UnknownMilestone)], ids=str
)
def test_rescheduling_needs_a_reason_and_a_known_milestone(milestone, reason, error):
    agreement = given(*in_force_pact(), milestone_defined())

    with pytest.raises(error):
        agreement.reschedule_milestone("C1", milestone, BY_2026, reason, ZHUHAI, TODAY)

    assert new_events(agreement) == []


def test_a_due_date_set_while_drafting_is_part_of_the_text():
    agreement = given(*drafted_pact())

    agreement.set_due_date("C1", BY_2026, TODAY)

    assert new_events(agreement) == [
        (
            "agreement.due_date_set",
            {
                "commitment_code": "C1",
                "old_due": None,
                "due": BY_2026,
                "reason": None,
                "party_id": None,
                "on_behalf_of": None,
                "amendment_id": None,
                "set_on": TODAY,
            },
        )
    ]
    assert agreement.progress["C1"].text_due == BY_2026


def test_due_dates_are_frozen_with_the_text_while_it_is_open_for_signature():
    agreement = given(*open_pact())

    with pytest.raises(StructureFrozen):
        agreement.set_due_date("C1", BY_2026, TODAY)

    assert new_events(agreement) == []


def test_after_signing_a_due_date_moves_only_with_a_reason_given_by_a_responsible_party():
    agreement = given(*in_force_pact())

    with pytest.raises(ReasonRequired):
        agreement.set_due_date("C1", BY_2026, TODAY, party_id=ZHUHAI)
    with pytest.raises(NotResponsible):
        agreement.set_due_date("C1", BY_2026, TODAY, party_id=JIANGMEN, reason="延期")
    assert new_events(agreement) == []

    agreement.set_due_date("C1", BY_2026, TODAY, party_id=ZHUHAI, reason="省级审批延期")

    [(_, payload)] = new_events(agreement)
    assert (payload["due"], payload["reason"], payload["party_id"]) == (BY_2026, "省级审批延期", ZHUHAI)
    assert (agreement.progress["C1"].due, agreement.progress["C1"].text_due) == (BY_2026, None)


@pytest.mark.parametrize(
    "due, completed_on, expected",
    [
        (None, None, Timeliness.NOT_DUE),
        (DueDate(date(2025, 9, 1)), None, Timeliness.NOT_DUE),
        (DueDate(date(2025, 7, 1)), None, Timeliness.DUE_SOON),
        (DueDate(date(2025, 5, 1), DatePrecision.MONTH), None, Timeliness.OVERDUE),
        (DueDate(date(2025, 6, 1), DatePrecision.MONTH), None, Timeliness.DUE_SOON),
        (DueDate(date(2025, 5, 1)), date(2025, 5, 1), Timeliness.ON_TIME),
        (DueDate(date(2025, 5, 1), DatePrecision.YEAR), date(2025, 12, 31), Timeliness.ON_TIME),
        (DueDate(date(2025, 5, 1)), date(2025, 5, 2), Timeliness.LATE),
    ],
)
def test_timeliness_follows_from_the_due_date_its_precision_and_today(due, completed_on, expected):
    assert timeliness(due, completed_on, today=TODAY) is expected
