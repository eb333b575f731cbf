"""Termination and supersession: ended agreements accept nothing but comments."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agreement import Agreement
from domain.agreement.values import ClaimStatus, CommitmentLifecycle
from domain.errors import (
    AgreementEnded,
    InvalidAgreementTransition,
    NotAParty,
    SupersededBySelf,
)
from tests.domain.implementation import (
    CLAIM,
    OTHER_ID,
    TODAY,
    claimed,
    completed,
    report,
    started,
    terminated,
)
from tests.domain.scenario import (
    AGREEMENT,
    ZHONGSHAN,
    ZHUHAI,
    given,
    in_force_pact,
    new_events,
    open_pact,
    zh,
)

L = CommitmentLifecycle
S = Agreement  # for brevity in event names below
OTHER_AGREEMENT = OTHER_ID


def test_an_agreement_is_terminated_with_a_reason_and_then_takes_nothing_but_comments():
    agreement = given(*in_force_pact(), started(), claimed())

    agreement.terminate(date(2025, 5, 1), "各方协商一致", TODAY)
    agreement.add_comment(OTHER_ID, ZHONGSHAN, zh("终止后的说明"), TODAY, commitment_code="C1")

    assert new_events(agreement) == [
        ("agreement.terminated", {"terminated_on": date(2025, 5, 1), "reason": "各方协商一致"}),
        (
            "agreement.comment_added",
            {
                "comment_id": OTHER_ID,
                "party_id": ZHONGSHAN,
                "commitment_code": "C1",
                "text": zh("终止后的说明"),
                "commented_on": TODAY,
            },
        ),
    ]
    assert agreement.claims[CLAIM].status is ClaimStatus.LAPSED


@pytest.mark.parametrize(
    "command",
    [
        lambda a: report(a),
        lambda a: a.suspend(date(2025, 5, 2), "暂停", TODAY),
        lambda a: a.terminate(date(2025, 5, 2), "再次终止", TODAY),
        lambda a: a.supersede(OTHER_AGREEMENT, date(2025, 5, 2), TODAY),
        lambda a: a.set_due_date("C1", None, TODAY, ZHUHAI, "延期"),
        lambda a: a.delegate_reporting_right(ZHUHAI, ZHONGSHAN, TODAY),
    ],
    ids=["report", "suspend", "terminate", "supersede", "due-date", "delegate"],
)
def test_a_terminated_agreement_accepts_nothing_but_comments(command):
    agreement = given(*in_force_pact(), terminated())

    with pytest.raises(AgreementEnded):
        command(agreement)

    assert new_events(agreement) == []


def test_comments_come_from_parties_of_the_agreement():
    agreement = given(*in_force_pact())

    with pytest.raises(NotAParty):
        agreement.add_comment(OTHER_ID, OTHER_ID, zh("说明"), TODAY)

    assert new_events(agreement) == []


def test_a_superseded_agreement_supersedes_its_open_commitments():
    agreement = given(*in_force_pact(), claimed(), completed())

    agreement.supersede(OTHER_AGREEMENT, date(2025, 5, 20), TODAY)

    assert new_events(agreement) == [
        ("agreement.superseded", {"by_agreement_id": OTHER_AGREEMENT, "superseded_on": date(2025, 5, 20)}),
    ]
    lifecycles = {code: p.lifecycle for code, p in agreement.progress.items()}
    assert lifecycles == {"C1": L.COMPLETED, "C2": L.SUPERSEDED, "C3": L.SUPERSEDED}


def test_an_agreement_is_not_superseded_by_itself():
    agreement = given(*in_force_pact())

    with pytest.raises(SupersededBySelf):
        agreement.supersede(AGREEMENT, date(2025, 5, 20), TODAY)

    assert new_events(agreement) == []


def test_an_agreement_not_yet_signed_is_neither_terminated_nor_superseded():
    agreement = given(*open_pact())

    with pytest.raises(InvalidAgreementTransition):
        agreement.terminate(date(2025, 5, 1), "放弃", TODAY)
    with pytest.raises(InvalidAgreementTransition):
        agreement.supersede(OTHER_AGREEMENT, date(2025, 5, 1), TODAY)

    assert new_events(agreement) == []
