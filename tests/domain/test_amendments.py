"""Amendments: proposed with changes, signed by every signatory, applied as a new text version."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agreement.values import (
    CommitmentLifecycle,
    VerificationKind,
    VerificationPolicy,
    set_policy,
)
from domain.errors import (
    CommitmentClosed,
)
from domain.values import Modality, Nature
from tests.domain.amendment_story import CHANGES, DUE, proposed, signed
from tests.domain.implementation import AMENDMENT, TODAY, cancelled, report
from tests.domain.scenario import (
    JIANGMEN,
    ZHONGSHAN,
    ZHUHAI,
    given,
    in_force_pact,
    lead,
    new_events,
    zh,
)


def test_a_signatory_proposes_an_amendment_with_its_changes():
    agreement = given(*in_force_pact())

    agreement.propose_amendment(AMENDMENT, ZHUHAI, CHANGES, TODAY, summary=zh("第一次修订"))

    assert new_events(agreement) == [
        (
            "agreement.amendment_proposed",
            {
                "amendment_id": AMENDMENT,
                "party_id": ZHUHAI,
                "changes": CHANGES,
                "summary": zh("第一次修订"),
                "proposed_on": TODAY,
            },
        )
    ]


def test_the_amendment_waits_for_every_signatory():
    agreement = given(*in_force_pact(), proposed())

    agreement.sign_amendment(AMENDMENT, ZHUHAI, date(2025, 5, 2), TODAY)

    assert new_events(agreement) == [
        (
            "agreement.amendment_signed",
            {"amendment_id": AMENDMENT, "party_id": ZHUHAI, "signed_on": date(2025, 5, 2)},
        )
    ]
    assert agreement.commitments["C1"].text == zh("共同推进C1")


def test_the_last_signature_applies_the_changes_as_a_new_text_version():
    agreement = given(*in_force_pact(), proposed(), signed(ZHUHAI), signed(ZHONGSHAN))
    old_digest = agreement.text_digest

    agreement.sign_amendment(AMENDMENT, JIANGMEN, date(2025, 5, 3), TODAY)

    events = new_events(agreement)
    assert events[:5] == [
        (
            "agreement.amendment_signed",
            {"amendment_id": AMENDMENT, "party_id": JIANGMEN, "signed_on": date(2025, 5, 3)},
        ),
        (
            "agreement.commitment_added",
            {
                "commitment_code": "C4",
                "area_code": "A1",
                "text": zh("共建人才驿站"),
                "modality": Modality.BUILD,
                "nature": Nature.DELIVERABLE,
                "responsibilities": (lead(JIANGMEN),),
                "amendment_id": AMENDMENT,
            },
        ),
        (
            "agreement.due_date_set",
            {
                "commitment_code": "C4",
                "old_due": None,
                "due": DUE,
                "reason": None,
                "party_id": None,
                "on_behalf_of": None,
                "amendment_id": AMENDMENT,
                "set_on": TODAY,
            },
        ),
        (
            "agreement.commitment_revised",
            {
                "commitment_code": "C1",
                "text": zh("共建人才交流平台（扩容）"),
                "modality": Modality.BUILD,
                "nature": Nature.DELIVERABLE,
                "responsibilities": agreement.commitments["C1"].responsibilities,
                "amendment_id": AMENDMENT,
            },
        ),
        (
            "agreement.commitment_cancelled",
            {"commitment_code": "C3", "reason": "已由C4覆盖", "amendment_id": AMENDMENT},
        ),
    ]
    assert events[5][0] == "agreement.due_date_set" and events[5][1]["amendment_id"] == AMENDMENT
    assert events[6] == (
        "agreement.amendment_applied",
        {
            "amendment_id": AMENDMENT,
            "applied_on": date(2025, 5, 3),
            "text_version": 2,
            "text_digest": agreement.digest_of_text(),
        },
    )
    assert agreement.text_digest != old_digest and agreement.text_version == 2
    assert agreement.progress["C3"].lifecycle is CommitmentLifecycle.CANCELLED
    assert agreement.progress["C2"].text_due == DUE


def test_an_amendment_changes_the_verification_policy_of_the_signed_text():
    policy = VerificationPolicy(VerificationKind.QUORUM, quorum=1)
    agreement = given(
        *in_force_pact(), proposed((set_policy(policy, "C1"),)), signed(ZHUHAI), signed(ZHONGSHAN)
    )

    agreement.sign_amendment(AMENDMENT, JIANGMEN, date(2025, 5, 3), TODAY)

    assert new_events(agreement)[1] == (
        "agreement.verification_policy_set",
        {"commitment_code": "C1", "policy": policy, "amendment_id": AMENDMENT},
    )
    assert agreement.policy_for("C1") == policy


def test_reports_on_a_commitment_cancelled_by_amendment_are_refused():
    agreement = given(*in_force_pact(), cancelled("C1"))

    with pytest.raises(CommitmentClosed):
        report(agreement)

    assert new_events(agreement) == []
