"""Amendments refused: invalid changes, one at a time, signatories only and once, withdrawn."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agreement.values import (
    VerificationKind,
    VerificationPolicy,
    add_commitment,
    cancel_commitment,
    change_due_date,
    revise_commitment,
    set_policy,
)
from domain.errors import (
    AmendmentAlreadySigned,
    AmendmentNotPending,
    AmendmentPending,
    CommitmentAlreadyCompleted,
    CommitmentAlreadyDefined,
    EmptyAmendment,
    InvalidAmendmentChange,
    InvalidLeadership,
    InvalidVerificationPolicy,
    MissingAuthenticText,
    NotASignatory,
    NotSigned,
    NotTheProposer,
    UnknownAmendment,
    UnknownArea,
)
from domain.values import Modality, Nature
from tests.domain.amendment_story import ADD_C4, CHANGES, DUE, proposed, signed
from tests.domain.implementation import AMENDMENT, OTHER_ID, TODAY, claimed, completed
from tests.domain.scenario import (
    COORDINATOR,
    JIANGMEN,
    ZHONGSHAN,
    ZHUHAI,
    co_lead,
    en,
    given,
    in_force_pact,
    lead,
    new_events,
    open_pact,
    zh,
)


@pytest.mark.parametrize(
    "changes, error",
    [
        ((), EmptyAmendment),
        ((revise_commitment("C1"),), InvalidAmendmentChange),
        ((cancel_commitment("C1", ""),), InvalidAmendmentChange),
        ((ADD_C4, ADD_C4), CommitmentAlreadyDefined),
        (
            (add_commitment("C1", "A1", zh("重复"), Modality.BUILD, Nature.DELIVERABLE, (lead(ZHUHAI),)),),
            CommitmentAlreadyDefined,
        ),
        (
            (add_commitment("C5", "A9", zh("新"), Modality.BUILD, Nature.DELIVERABLE, (lead(ZHUHAI),)),),
            UnknownArea,
        ),
        ((revise_commitment("C2", text=en("Platform")),), MissingAuthenticText),
        ((revise_commitment("C2", responsibilities=(co_lead(ZHUHAI),)),), InvalidLeadership),
        ((change_due_date("C1", DUE),), CommitmentAlreadyCompleted),
        ((set_policy(VerificationPolicy(VerificationKind.QUORUM)),), InvalidVerificationPolicy),
    ],
    ids=[
        "empty",
        "revise-nothing",
        "cancel-without-reason",
        "add-twice",
        "add-existing",
        "unknown-area",
        "no-authentic-text",
        "single-co-lead",
        "completed-commitment",
        "invalid-policy",
    ],
)
def test_an_amendment_with_an_invalid_change_is_refused(changes, error):
    agreement = given(*in_force_pact(), claimed(), completed())

    with pytest.raises(error):
        agreement.propose_amendment(AMENDMENT, ZHUHAI, changes, TODAY)

    assert new_events(agreement) == []


@pytest.mark.parametrize(
    "events, party, error",
    [
        (in_force_pact(), COORDINATOR, NotASignatory),
        ((*in_force_pact(), proposed()), ZHONGSHAN, AmendmentPending),
        (open_pact(), ZHUHAI, NotSigned),
    ],
    ids=["not-a-signatory", "one-at-a-time", "before-signing"],
)
def test_a_signatory_proposes_one_amendment_at_a_time_after_signing(events, party, error):
    agreement = given(*events)

    with pytest.raises(error):
        agreement.propose_amendment(OTHER_ID, party, CHANGES, TODAY)

    assert new_events(agreement) == []


@pytest.mark.parametrize(
    "amendment, party, error",
    [
        (AMENDMENT, ZHUHAI, AmendmentAlreadySigned),
        (AMENDMENT, COORDINATOR, NotASignatory),
        (OTHER_ID, ZHONGSHAN, UnknownAmendment),
    ],
    ids=["twice", "not-a-signatory", "unknown"],
)
def test_each_signatory_signs_an_amendment_once(amendment, party, error):
    agreement = given(*in_force_pact(), proposed(), signed(ZHUHAI))

    with pytest.raises(error):
        agreement.sign_amendment(amendment, party, date(2025, 5, 2), TODAY)

    assert new_events(agreement) == []


def test_the_proposer_withdraws_a_pending_amendment_and_it_can_no_longer_be_signed():
    agreement = given(*in_force_pact(), proposed())

    with pytest.raises(NotTheProposer):
        agreement.withdraw_amendment(AMENDMENT, ZHONGSHAN, "不再需要", TODAY)
    agreement.withdraw_amendment(AMENDMENT, ZHUHAI, "不再需要", TODAY)
    with pytest.raises(AmendmentNotPending):
        agreement.sign_amendment(AMENDMENT, ZHONGSHAN, date(2025, 5, 2), TODAY)

    assert [topic for topic, _ in new_events(agreement)] == ["agreement.amendment_withdrawn"]


def test_the_last_signature_is_refused_when_a_change_no_longer_fits_the_text():
    agreement = given(
        *in_force_pact(),
        proposed((change_due_date("C1", DUE),)),
        signed(ZHUHAI),
        signed(ZHONGSHAN),
        claimed(),
        completed(),
    )

    with pytest.raises(CommitmentAlreadyCompleted):
        agreement.sign_amendment(AMENDMENT, JIANGMEN, date(2025, 5, 3), TODAY)

    assert new_events(agreement) == []
