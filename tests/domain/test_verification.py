"""Verification policies: quorum, lead only, independent assessor, deemed after N days; assessments."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agreement.values import (
    ClaimStatus,
    CommitmentLifecycle,
    CompletionLevel,
    Verification,
    VerificationKind,
    VerificationPolicy,
)
from domain.errors import (
    InvalidVerificationPolicy,
    NotAnAssessor,
    NotYetDeemed,
    StructureFrozen,
    VerificationPolicyMismatch,
)
from tests.domain.implementation import (
    CLAIM,
    EVIDENCE,
    OTHER_ID,
    TODAY,
    acknowledged,
    claimed,
    policy_set,
    started,
)
from tests.domain.scenario import (
    ASSESSOR,
    JIANGMEN,
    ZHONGSHAN,
    ZHUHAI,
    drafted_pact,
    given,
    in_force_pact,
    new_events,
    zh,
)

K = VerificationKind
L = CommitmentLifecycle
QUORUM_1 = VerificationPolicy(K.QUORUM, quorum=1)
LEAD_ONLY = VerificationPolicy(K.LEAD_ONLY)
ASSESSED = VerificationPolicy(K.INDEPENDENT_ASSESSOR)
DEEMED_30 = VerificationPolicy(K.DEEMED_AFTER_DAYS, days=30)
FINDINGS = zh("经核查，平台已上线运行")


def test_policies_are_set_while_drafting_for_the_agreement_and_per_commitment():
    agreement = given(*drafted_pact())

    agreement.set_verification_policy(QUORUM_1)
    agreement.set_verification_policy(LEAD_ONLY, commitment_code="C1")

    assert new_events(agreement) == [
        (
            "agreement.verification_policy_set",
            {"commitment_code": None, "policy": QUORUM_1, "amendment_id": None},
        ),
        (
            "agreement.verification_policy_set",
            {"commitment_code": "C1", "policy": LEAD_ONLY, "amendment_id": None},
        ),
    ]
    assert (agreement.policy_for("C1"), agreement.policy) == (LEAD_ONLY, QUORUM_1)


def test_a_policy_set_for_a_commitment_is_the_one_its_claims_follow():
    pact = in_force_pact()
    agreement = given(*pact[:10], policy_set(LEAD_ONLY, "C1"), *pact[10:], started())

    agreement.claim_completion(CLAIM, "C1", ZHUHAI, date(2025, 4, 30), EVIDENCE, TODAY)

    events = new_events(agreement)
    assert [topic for topic, _ in events] == [
        "agreement.completion_claimed",
        "agreement.commitment_completed",
    ]
    assert events[1][1]["verification"] is Verification.SELF_REPORTED
    assert events[0][1]["policy"] == events[1][1]["policy"] == LEAD_ONLY


@pytest.mark.parametrize(
    "policy",
    [
        VerificationPolicy(K.QUORUM),
        VerificationPolicy(K.QUORUM, quorum=0),
        VerificationPolicy(K.DEEMED_AFTER_DAYS),
        VerificationPolicy(K.DEEMED_AFTER_DAYS, days=-1),
        VerificationPolicy(K.LEAD_ONLY, quorum=2),
    ],
    ids=["quorum-without-number", "zero-quorum", "deemed-without-days", "negative-days", "stray-quorum"],
)
def test_a_policy_names_exactly_what_its_kind_needs(policy):
    agreement = given(*drafted_pact())

    with pytest.raises(InvalidVerificationPolicy):
        agreement.set_verification_policy(policy)

    assert new_events(agreement) == []


def test_policies_are_frozen_with_the_text():
    agreement = given(*in_force_pact())

    with pytest.raises(StructureFrozen):
        agreement.set_verification_policy(QUORUM_1)

    assert new_events(agreement) == []


def test_a_quorum_of_acknowledgements_completes_the_commitment():
    agreement = given(*in_force_pact(), started(), claimed(policy=QUORUM_1))

    agreement.acknowledge_completion(CLAIM, JIANGMEN, TODAY)

    assert [topic for topic, _ in new_events(agreement)] == [
        "agreement.completion_acknowledged",
        "agreement.commitment_completed",
    ]


def test_an_assessment_at_complete_completes_a_claim_under_the_assessor_policy():
    agreement = given(*in_force_pact(), started(), claimed(policy=ASSESSED), acknowledged(ZHONGSHAN))

    agreement.record_assessment(OTHER_ID, "C1", ASSESSOR, date(2025, 5, 30), "complete", FINDINGS, TODAY)

    assert new_events(agreement) == [
        (
            "agreement.assessment_recorded",
            {
                "assessment_id": OTHER_ID,
                "commitment_code": "C1",
                "party_id": ASSESSOR,
                "assessed_on": date(2025, 5, 30),
                "level": CompletionLevel.COMPLETE,
                "findings": FINDINGS,
                "evidence": (),
                "claim_id": CLAIM,
            },
        ),
        (
            "agreement.commitment_completed",
            {
                "claim_id": CLAIM,
                "commitment_code": "C1",
                "completed_on": date(2025, 4, 30),
                "verification": Verification.INDEPENDENTLY_ASSESSED,
                "policy": ASSESSED,
            },
        ),
    ]


def test_an_assessment_below_complete_disputes_a_claim_under_the_assessor_policy():
    agreement = given(*in_force_pact(), started(), claimed(policy=ASSESSED))

    agreement.record_assessment(OTHER_ID, "C1", ASSESSOR, date(2025, 5, 30), "substantial", FINDINGS, TODAY)

    assert [topic for topic, _ in new_events(agreement)] == [
        "agreement.assessment_recorded",
        "agreement.completion_disputed",
    ]
    assert agreement.claims[CLAIM].status is ClaimStatus.DISPUTED


def test_acknowledgements_alone_do_not_complete_a_claim_under_the_assessor_policy():
    agreement = given(*in_force_pact(), started(), claimed(policy=ASSESSED), acknowledged(ZHONGSHAN))

    agreement.acknowledge_completion(CLAIM, JIANGMEN, TODAY)

    assert [topic for topic, _ in new_events(agreement)] == ["agreement.completion_acknowledged"]


def test_a_continuous_commitment_receives_periodic_assessments():
    agreement = given(*in_force_pact())

    agreement.record_assessment(OTHER_ID, "C3", ASSESSOR, date(2025, 5, 30), "substantial", FINDINGS, TODAY)

    [(_, payload)] = new_events(agreement)
    assert payload["claim_id"] is None
    progress = agreement.progress["C3"]
    assert (progress.assessed_level, progress.verification) == (
        CompletionLevel.SUBSTANTIAL,
        Verification.INDEPENDENTLY_ASSESSED,
    )


@pytest.mark.parametrize("party", [ZHUHAI, JIANGMEN])
def test_only_a_party_with_the_assessor_role_records_assessments(party):
    agreement = given(*in_force_pact())

    with pytest.raises(NotAnAssessor):
        agreement.record_assessment(OTHER_ID, "C3", party, date(2025, 5, 30), "substantial", FINDINGS, TODAY)

    assert new_events(agreement) == []


def test_a_claim_is_deemed_accepted_after_its_days_without_dispute():
    agreement = given(*in_force_pact(), started(), claimed(policy=DEEMED_30, claimed_on=date(2025, 5, 1)))

    agreement.confirm_deemed_completion(CLAIM, today=date(2025, 5, 31))

    assert new_events(agreement) == [
        (
            "agreement.commitment_completed",
            {
                "claim_id": CLAIM,
                "commitment_code": "C1",
                "completed_on": date(2025, 4, 30),
                "verification": Verification.ACKNOWLEDGED,
                "policy": DEEMED_30,
            },
        )
    ]
    assert agreement.progress["C1"].lifecycle is L.COMPLETED


def test_a_claim_is_not_deemed_accepted_before_its_days_have_passed():
    agreement = given(*in_force_pact(), started(), claimed(policy=DEEMED_30, claimed_on=date(2025, 5, 1)))

    with pytest.raises(NotYetDeemed):
        agreement.confirm_deemed_completion(CLAIM, today=date(2025, 5, 30))

    assert new_events(agreement) == []


def test_a_claim_under_another_policy_is_never_deemed_accepted():
    agreement = given(*in_force_pact(), started(), claimed(claimed_on=date(2025, 1, 1)))

    with pytest.raises(VerificationPolicyMismatch):
        agreement.confirm_deemed_completion(CLAIM, today=TODAY)

    assert new_events(agreement) == []
