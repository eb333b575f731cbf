"""Claims withdrawn or no longer open, and completed commitments reopened."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agreement import Agreement
from domain.agreement.values import CommitmentLifecycle
from domain.errors import (
    ClaimNotOpen,
    InvalidCommitmentTransition,
    NotClaimant,
    UnknownClaim,
)
from tests.domain.implementation import (
    CLAIM,
    CLAIM_2,
    EVIDENCE,
    TODAY,
    claimed,
    completed,
    disputed,
    started,
    withdrawn,
)
from tests.domain.scenario import (
    JIANGMEN,
    ZHONGSHAN,
    ZHUHAI,
    event,
    given,
    in_force_pact,
    new_events,
)

L = CommitmentLifecycle


def claim(agreement, party=ZHUHAI, code="C1", claim_id=CLAIM, evidence=EVIDENCE):
    agreement.claim_completion(claim_id, code, party, date(2025, 4, 30), evidence, TODAY)


@pytest.mark.parametrize(
    "ended", [withdrawn(), disputed(JIANGMEN), completed()], ids=["withdrawn", "disputed", "completed"]
)
def test_a_claim_that_is_no_longer_open_takes_no_answer(ended):
    agreement = given(*in_force_pact(), started(), claimed(), ended)

    with pytest.raises(ClaimNotOpen):
        agreement.acknowledge_completion(CLAIM, ZHONGSHAN, TODAY)
    with pytest.raises(ClaimNotOpen):
        agreement.dispute_completion(CLAIM, ZHONGSHAN, "证据不足", TODAY)
    with pytest.raises(ClaimNotOpen):
        agreement.withdraw_claim(CLAIM, ZHUHAI, TODAY)

    assert new_events(agreement) == []


def test_an_unknown_claim_is_not_acknowledged():
    agreement = given(*in_force_pact())

    with pytest.raises(UnknownClaim):
        agreement.acknowledge_completion(CLAIM, ZHONGSHAN, TODAY)

    assert new_events(agreement) == []


def test_the_claimant_withdraws_its_claim_and_no_one_else_does():
    agreement = given(*in_force_pact(), started(), claimed())

    with pytest.raises(NotClaimant):
        agreement.withdraw_claim(CLAIM, ZHONGSHAN, TODAY)
    assert new_events(agreement) == []

    agreement.withdraw_claim(CLAIM, ZHUHAI, TODAY, reason="补充材料")

    assert new_events(agreement) == [
        (
            "agreement.claim_withdrawn",
            {
                "claim_id": CLAIM,
                "commitment_code": "C1",
                "party_id": ZHUHAI,
                "on_behalf_of": None,
                "reason": "补充材料",
                "withdrawn_on": TODAY,
            },
        )
    ]
    assert agreement.progress["C1"].lifecycle is L.IN_PROGRESS


def test_a_completed_commitment_is_reopened_with_a_reason():
    agreement = given(*in_force_pact(), started(), claimed(), completed())

    agreement.reopen_commitment("C1", JIANGMEN, "平台已停运", TODAY)

    assert new_events(agreement) == [
        (
            "agreement.commitment_reopened",
            {
                "commitment_code": "C1",
                "party_id": JIANGMEN,
                "on_behalf_of": None,
                "reason": "平台已停运",
                "reopened_on": TODAY,
            },
        )
    ]
    assert (agreement.progress["C1"].lifecycle, agreement.progress["C1"].completed_on) == (
        L.IN_PROGRESS,
        None,
    )


def test_only_a_completed_commitment_is_reopened():
    agreement = given(*in_force_pact(), started())

    with pytest.raises(InvalidCommitmentTransition):
        agreement.reopen_commitment("C1", JIANGMEN, "平台已停运", TODAY)

    assert new_events(agreement) == []


def test_a_reopened_commitment_is_claimed_again():
    agreement = given(
        *in_force_pact(),
        started(),
        claimed(),
        completed(),
        event(
            Agreement.CommitmentReopened,
            commitment_code="C1",
            party_id=JIANGMEN,
            on_behalf_of=None,
            reason="平台已停运",
            reopened_on=TODAY,
        ),
    )

    claim(agreement, claim_id=CLAIM_2)

    assert [topic for topic, _ in new_events(agreement)] == ["agreement.completion_claimed"]
