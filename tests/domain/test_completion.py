"""Completion claims: evidence, acknowledgements and disputes by counterparties, withdrawal and reopening."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agreement.values import DEFAULT_POLICY, ClaimStatus, CommitmentLifecycle, Verification
from domain.errors import (
    AlreadyAcknowledged,
    ClaimAlreadyOpen,
    CommitmentAlreadyCompleted,
    CommitmentClosed,
    CommitmentOnHold,
    ContinuousCommitment,
    DisputeWithoutReason,
    EvidenceRequired,
    NotACounterparty,
    NotLeading,
    OwnClaim,
)
from tests.domain.implementation import (
    CLAIM,
    CLAIM_2,
    EVIDENCE,
    TODAY,
    acknowledged,
    cancelled,
    claimed,
    completed,
    started,
)
from tests.domain.scenario import (
    ASSESSOR,
    COORDINATOR,
    JIANGMEN,
    ZHONGSHAN,
    ZHUHAI,
    given,
    in_force_pact,
    new_events,
)

L = CommitmentLifecycle


def claim(agreement, party=ZHUHAI, code="C1", claim_id=CLAIM, evidence=EVIDENCE):
    agreement.claim_completion(claim_id, code, party, date(2025, 4, 30), evidence, TODAY)


def test_the_lead_claims_completion_with_evidence_and_the_counterparties_are_named():
    agreement = given(*in_force_pact(), started())

    claim(agreement)

    assert new_events(agreement) == [
        (
            "agreement.completion_claimed",
            {
                "claim_id": CLAIM,
                "commitment_code": "C1",
                "party_id": ZHUHAI,
                "on_behalf_of": None,
                "completed_on": date(2025, 4, 30),
                "claimed_on": TODAY,
                "evidence": EVIDENCE,
                "narrative": None,
                "counterparties": (ZHONGSHAN, JIANGMEN),
                "policy": DEFAULT_POLICY,
            },
        )
    ]
    assert agreement.progress["C1"].lifecycle is L.COMPLETION_CLAIMED


@pytest.mark.parametrize(
    "later, kwargs, error",
    [
        ((), {"evidence": ()}, EvidenceRequired),
        ((), {"party": ZHONGSHAN}, NotLeading),
        ((), {"code": "C3", "party": ZHONGSHAN}, ContinuousCommitment),
        ((claimed(),), {"claim_id": CLAIM_2}, ClaimAlreadyOpen),
        ((claimed(), completed()), {"claim_id": CLAIM_2}, CommitmentAlreadyCompleted),
        ((cancelled(),), {}, CommitmentClosed),
    ],
    ids=["no-evidence", "supporting-party", "continuous", "already-claimed", "completed", "cancelled"],
)
def test_a_claim_needs_evidence_a_leading_party_and_an_open_deliverable_commitment(later, kwargs, error):
    agreement = given(*in_force_pact(), started(), *later)

    with pytest.raises(error):
        claim(agreement, **kwargs)

    assert new_events(agreement) == []


def test_a_commitment_on_hold_is_not_claimed():
    agreement = given(*in_force_pact(), started())
    agreement.put_commitment_on_hold("C1", ZHUHAI, "等待批复", TODAY)
    agreement.collect_events()

    with pytest.raises(CommitmentOnHold):
        claim(agreement)

    assert new_events(agreement) == []


def test_a_counterparty_acknowledges_a_claim():
    agreement = given(*in_force_pact(), started(), claimed())

    agreement.acknowledge_completion(CLAIM, ZHONGSHAN, TODAY)

    assert new_events(agreement) == [
        (
            "agreement.completion_acknowledged",
            {"claim_id": CLAIM, "commitment_code": "C1", "party_id": ZHONGSHAN, "acknowledged_on": TODAY},
        )
    ]
    assert agreement.progress["C1"].lifecycle is L.COMPLETION_CLAIMED


def test_the_last_acknowledgement_completes_the_commitment_under_the_default_policy():
    agreement = given(*in_force_pact(), started(), claimed(), acknowledged(ZHONGSHAN))

    agreement.acknowledge_completion(CLAIM, JIANGMEN, TODAY)

    assert [topic for topic, _ in new_events(agreement)] == [
        "agreement.completion_acknowledged",
        "agreement.commitment_completed",
    ]
    progress = agreement.progress["C1"]
    assert (progress.lifecycle, progress.verification, progress.completed_on) == (
        L.COMPLETED,
        Verification.ACKNOWLEDGED,
        date(2025, 4, 30),
    )


@pytest.mark.parametrize(
    "party, error",
    [
        (ZHUHAI, OwnClaim),
        (COORDINATOR, NotACounterparty),
        (ASSESSOR, NotACounterparty),
        (ZHONGSHAN, AlreadyAcknowledged),
    ],
    ids=["own-claim", "coordinator", "assessor", "twice"],
)
def test_counterparties_answer_a_claim_once_and_never_their_own(party, error):
    agreement = given(*in_force_pact(), started(), claimed(party=ZHUHAI), acknowledged(ZHONGSHAN))

    with pytest.raises(error):
        agreement.acknowledge_completion(CLAIM, party, TODAY)
    with pytest.raises(error):
        agreement.dispute_completion(CLAIM, party, "证据不足", TODAY)

    assert new_events(agreement) == []


def test_a_dispute_sends_the_commitment_back_in_progress():
    agreement = given(*in_force_pact(), started(), claimed())

    agreement.dispute_completion(CLAIM, JIANGMEN, "平台尚未上线", TODAY)

    assert new_events(agreement) == [
        (
            "agreement.completion_disputed",
            {
                "claim_id": CLAIM,
                "commitment_code": "C1",
                "party_id": JIANGMEN,
                "reason": "平台尚未上线",
                "disputed_on": TODAY,
            },
        )
    ]
    progress = agreement.progress["C1"]
    assert (progress.lifecycle, progress.verification, progress.open_claim) == (
        L.IN_PROGRESS,
        Verification.DISPUTED,
        None,
    )
    assert agreement.claims[CLAIM].status is ClaimStatus.DISPUTED


@pytest.mark.parametrize("reason", ["", "  "])
def test_a_dispute_needs_a_reason(reason):
    agreement = given(*in_force_pact(), started(), claimed())

    with pytest.raises(DisputeWithoutReason):
        agreement.dispute_completion(CLAIM, JIANGMEN, reason, TODAY)

    assert new_events(agreement) == []
