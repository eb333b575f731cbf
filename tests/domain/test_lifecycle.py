"""The agreement after signing: suspension, the end of its period, close-out, termination, supersession."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agreement import Agreement
from domain.agreement.values import ClaimStatus, CommitmentLifecycle, CompletionLevel
from domain.errors import (
    DateOutOfOrder,
    FinalReportWindowClosed,
    InvalidAgreementTransition,
    ReasonRequired,
)
from tests.domain.implementation import (
    CLAIM,
    OTHER_ID,
    TODAY,
    claimed,
    completed,
    period_ended,
    report,
    reported,
    started,
    suspended,
)
from tests.domain.scenario import (
    event,
    given,
    in_force_pact,
    new_events,
    open_pact,
)

L = CommitmentLifecycle
S = Agreement  # for brevity in event names below
OTHER_AGREEMENT = OTHER_ID


def test_an_agreement_in_force_is_suspended_with_a_reason_and_resumed():
    agreement = given(*in_force_pact())

    agreement.suspend(date(2025, 4, 15), "重大公共卫生事件", TODAY)
    agreement.resume(date(2025, 5, 15), TODAY)

    assert new_events(agreement) == [
        ("agreement.suspended", {"suspended_on": date(2025, 4, 15), "reason": "重大公共卫生事件"}),
        ("agreement.resumed", {"resumed_on": date(2025, 5, 15)}),
    ]
    assert agreement.status == "in_force"


@pytest.mark.parametrize(
    "events, command, error",
    [
        (in_force_pact(), lambda a: a.suspend(date(2025, 4, 15), " ", TODAY), ReasonRequired),
        (
            (*in_force_pact(), suspended()),
            lambda a: a.suspend(date(2025, 4, 16), "再次", TODAY),
            InvalidAgreementTransition,
        ),
        (in_force_pact(), lambda a: a.resume(date(2025, 4, 16), TODAY), InvalidAgreementTransition),
        (
            (*in_force_pact(), suspended(date(2025, 4, 15))),
            lambda a: a.resume(date(2025, 4, 14), TODAY),
            DateOutOfOrder,
        ),
        (open_pact(), lambda a: a.suspend(date(2025, 4, 15), "暂停", TODAY), InvalidAgreementTransition),
    ],
    ids=["no-reason", "suspended-twice", "resume-in-force", "resume-before-suspension", "not-in-force"],
)
def test_suspension_and_resumption_follow_the_lifecycle(events, command, error):
    agreement = given(*events)

    with pytest.raises(error):
        command(agreement)

    assert new_events(agreement) == []


def test_the_end_of_the_period_opens_a_final_report_window():
    agreement = given(*in_force_pact())

    agreement.end_period(date(2025, 5, 1), final_report_due=date(2025, 7, 1), today=TODAY)
    report(agreement)

    assert [topic for topic, _ in new_events(agreement)] == [
        "agreement.period_ended",
        "agreement.progress_reported",
    ]
    assert agreement.status == "finalising"


def test_no_report_is_taken_after_the_final_report_deadline():
    agreement = given(*in_force_pact(), period_ended(final_report_due=date(2025, 5, 31)))

    with pytest.raises(FinalReportWindowClosed):
        report(agreement)

    assert new_events(agreement) == []


def test_final_reports_are_not_due_before_the_period_ends():
    agreement = given(*in_force_pact())

    with pytest.raises(DateOutOfOrder):
        agreement.end_period(date(2025, 5, 1), final_report_due=date(2025, 4, 30), today=TODAY)

    assert new_events(agreement) == []


def test_close_out_closes_open_commitments_incomplete_at_their_final_level():
    agreement = given(
        *in_force_pact(),
        started(),
        reported(level=CompletionLevel.SUBSTANTIAL),
        claimed(code="C2"),
        period_ended(),
    )

    agreement.close_out(date(2025, 5, 31), TODAY)

    assert new_events(agreement) == [
        (
            "agreement.commitment_closed_incomplete",
            {
                "commitment_code": "C1",
                "final_level": CompletionLevel.SUBSTANTIAL,
                "closed_on": date(2025, 5, 31),
            },
        ),
        (
            "agreement.commitment_closed_incomplete",
            {
                "commitment_code": "C2",
                "final_level": CompletionLevel.NO_EVIDENCE,
                "closed_on": date(2025, 5, 31),
            },
        ),
        (
            "agreement.commitment_closed_incomplete",
            {
                "commitment_code": "C3",
                "final_level": CompletionLevel.NO_EVIDENCE,
                "closed_on": date(2025, 5, 31),
            },
        ),
        ("agreement.closed", {"closed_on": date(2025, 5, 31)}),
    ]
    assert agreement.claims[CLAIM].status is ClaimStatus.LAPSED
    assert {p.lifecycle for p in agreement.progress.values()} == {L.CLOSED_INCOMPLETE}


def test_completed_commitments_stay_completed_at_close_out():
    agreement = given(*in_force_pact(), claimed(), completed(), period_ended())

    agreement.close_out(date(2025, 5, 31), TODAY)

    closed = [
        p["commitment_code"]
        for t, p in new_events(agreement)
        if t == "agreement.commitment_closed_incomplete"
    ]
    assert closed == ["C2", "C3"]
    assert agreement.progress["C1"].lifecycle is L.COMPLETED


def test_only_a_finalising_agreement_is_closed_out():
    agreement = given(*in_force_pact())

    with pytest.raises(InvalidAgreementTransition):
        agreement.close_out(date(2025, 5, 31), TODAY)

    assert new_events(agreement) == []


def test_events_of_the_lifecycle_replay_to_the_same_status():
    agreement = given(
        *in_force_pact(), suspended(), event(S.Resumed, resumed_on=date(2025, 5, 1)), period_ended()
    )

    assert (agreement.status, agreement.final_report_due) == ("finalising", date(2025, 7, 1))
