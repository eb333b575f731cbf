"""Opening the frozen text for signature and signing it."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import (
    AlreadySignedByParty,
    DateInFuture,
    NoCommitments,
    NotASignatory,
    NotEnoughSignatories,
    NotOpenForSignature,
    StructureFrozen,
)
from domain.values import AgreementStatus, PartyRole
from tests.domain.scenario import (
    JIANGMEN,
    ZHONGSHAN,
    ZHUHAI,
    area_defined,
    commitment_defined,
    drafted,
    drafted_pact,
    given,
    lead,
    new_events,
    open_pact,
    opened_for_signature,
    party_added,
    signed_by,
    signed_pact,
    zh,
)

TODAY = date(2025, 1, 20)


def test_opening_for_signature_freezes_the_text_under_its_digest():
    agreement = given(*drafted_pact())
    digest = agreement.digest_of_text()

    agreement.open_for_signature()

    assert new_events(agreement) == [
        ("agreement.opened_for_signature", {"text_digest": digest, "opened_on": None})]
    assert agreement.status is AgreementStatus.OPEN_FOR_SIGNATURE


def test_an_agreement_needs_two_signatories_to_open_for_signature():
    agreement = given(
        drafted(),
        party_added(ZHUHAI),
        party_added(ZHONGSHAN, PartyRole.OBSERVER),
        area_defined("A1"),
        commitment_defined("C1", "A1", (lead(ZHUHAI),)),
    )

    with pytest.raises(NotEnoughSignatories):
        agreement.open_for_signature()

    assert new_events(agreement) == []


def test_an_agreement_needs_a_commitment_to_open_for_signature():
    agreement = given(drafted(), party_added(ZHUHAI), party_added(ZHONGSHAN), area_defined("A1"))

    with pytest.raises(NoCommitments):
        agreement.open_for_signature()

    assert new_events(agreement) == []


def test_an_agreement_opens_for_signature_once():
    agreement = given(*open_pact())

    with pytest.raises(StructureFrozen):
        agreement.open_for_signature()

    assert new_events(agreement) == []


def test_a_signatory_signs_the_frozen_text():
    agreement = given(*open_pact())

    agreement.sign(ZHUHAI, signed_on=date(2025, 1, 16), today=TODAY, place="珠海")

    assert new_events(agreement) == [
        (
            "agreement.signed_by_party",
            {
                "party_id": ZHUHAI,
                "signed_on": date(2025, 1, 16),
                "place": "珠海",
                "text_digest": agreement.text_digest,
                "signed_on_inferred": False,
                "signed_on_basis": None,
            },
        )
    ]
    assert agreement.status is AgreementStatus.OPEN_FOR_SIGNATURE


def test_the_last_signature_makes_the_agreement_fully_signed_on_the_latest_date():
    agreement = given(*open_pact(), signed_by(ZHUHAI, date(2025, 1, 18)))

    agreement.sign(ZHONGSHAN, signed_on=date(2025, 1, 16), today=TODAY)

    assert new_events(agreement) == [
        (
            "agreement.signed_by_party",
            {
                "party_id": ZHONGSHAN,
                "signed_on": date(2025, 1, 16),
                "place": None,
                "text_digest": agreement.text_digest,
                "signed_on_inferred": False,
                "signed_on_basis": None,
            },
        ),
        ("agreement.fully_signed",
         {"signed_on": date(2025, 1, 18), "signed_on_inferred": False, "signed_on_basis": None}),
    ]
    assert agreement.status is AgreementStatus.SIGNED


def test_a_draft_cannot_be_signed():
    agreement = given(*drafted_pact())

    with pytest.raises(NotOpenForSignature):
        agreement.sign(ZHUHAI, signed_on=date(2025, 1, 16), today=TODAY)

    assert new_events(agreement) == []


def test_a_fully_signed_agreement_takes_no_more_signatures():
    agreement = given(*signed_pact())

    with pytest.raises(NotOpenForSignature):
        agreement.sign(ZHUHAI, signed_on=date(2025, 1, 17), today=TODAY)

    assert new_events(agreement) == []


def test_a_party_outside_the_agreement_cannot_sign():
    agreement = given(*open_pact())

    with pytest.raises(NotASignatory):
        agreement.sign(JIANGMEN, signed_on=date(2025, 1, 16), today=TODAY)

    assert new_events(agreement) == []


def test_an_observer_cannot_sign():
    agreement = given(*drafted_pact(), party_added(JIANGMEN, PartyRole.OBSERVER), opened_for_signature())

    with pytest.raises(NotASignatory):
        agreement.sign(JIANGMEN, signed_on=date(2025, 1, 16), today=TODAY)

    assert new_events(agreement) == []


def test_a_signatory_cannot_sign_twice():
    agreement = given(*open_pact(), signed_by(ZHUHAI, date(2025, 1, 16)))

    with pytest.raises(AlreadySignedByParty):
        agreement.sign(ZHUHAI, signed_on=date(2025, 1, 17), today=TODAY)

    assert new_events(agreement) == []


def test_a_signature_cannot_be_dated_after_it_is_recorded():
    agreement = given(*open_pact())

    with pytest.raises(DateInFuture):
        agreement.sign(ZHUHAI, signed_on=date(2025, 1, 21), today=TODAY)

    assert new_events(agreement) == []


def test_the_text_digest_changes_when_the_text_changes():
    same = given(*drafted_pact()).digest_of_text()
    reworded = given(
        *drafted_pact()[:-1], commitment_defined("C1", "A1", (lead(ZHUHAI),), text=zh("另行表述"))
    ).digest_of_text()
    extended = given(*drafted_pact(), area_defined("A2")).digest_of_text()

    assert given(*drafted_pact()).digest_of_text() == same
    assert len({same, reworded, extended}) == 3


def test_each_signature_records_the_digest_of_the_text_it_signs():
    agreement = given(*drafted_pact())
    digest = agreement.digest_of_text()
    agreement.open_for_signature()

    agreement.sign(ZHUHAI, signed_on=date(2025, 1, 16), today=TODAY)
    agreement.sign(ZHONGSHAN, signed_on=date(2025, 1, 17), today=TODAY)

    signatures = [p for topic, p in new_events(agreement) if topic == "agreement.signed_by_party"]
    assert [p["text_digest"] for p in signatures] == [digest, digest]
