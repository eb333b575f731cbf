"""What the recorder inferred says so, with its basis: nature, leads, a signing date, a missing text."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from domain.agreement import Agreement
from domain.errors import InferenceWithoutBasis, NoCommitments
from domain.values import AgreementStatus, InstrumentType, Modality, Nature, PartyRole, inferred_nature
from tests.domain.scenario import (
    ZHONGSHAN,
    ZHUHAI,
    area_defined,
    co_lead,
    commitment_defined,
    drafted,
    given,
    lead,
    new_events,
    open_pact,
    party_added,
    signed_by,
    zh,
)

TODAY = date(2025, 1, 20)
BASIS = "not in the source; a news agency reports the signing on 2 Nov"


def a_draft() -> Agreement:
    return given(drafted(), party_added(ZHUHAI), party_added(ZHONGSHAN), area_defined("A1"))


def test_the_verb_implies_a_nature_and_says_so():
    assert inferred_nature(Modality.EXPLORE) == (
        Nature.EXPLORATORY, "inferred from the verb: 'explore' implies the nature 'exploratory'")
    assert inferred_nature(Modality.STRENGTHEN)[0] is Nature.CONTINUOUS


def test_a_commitment_with_an_inferred_nature_and_inferred_leads_is_marked_so():
    agreement = a_draft()

    agreement.define_commitment("C1", "A1", zh("加强劳动监察协作"), Modality.STRENGTHEN, Nature.CONTINUOUS,
                                (co_lead(ZHUHAI), co_lead(ZHONGSHAN)), responsibility_basis="no lead named",
                                nature_basis="from the verb 加强", responsibility_inferred=True)

    [(topic, payload)] = new_events(agreement)
    assert topic == "agreement.commitment_defined"
    assert (payload["nature_inferred"], payload["nature_basis"], payload["responsibility_inferred"]) == (
        True, "from the verb 加强", True)
    held = agreement.commitments["C1"]
    assert (held.nature_inferred, held.nature_basis, held.responsibility_inferred) == (
        True, "from the verb 加强", True)


def test_inferred_leads_without_a_basis_are_refused():
    agreement = a_draft()

    with pytest.raises(InferenceWithoutBasis):
        agreement.define_commitment("C1", "A1", zh("加强协作"), Modality.STRENGTHEN, Nature.CONTINUOUS,
                                    (lead(ZHUHAI),), responsibility_inferred=True)
    assert new_events(agreement) == []


def test_a_commitment_defined_before_the_marks_existed_reads_as_unknown():
    agreement = given(drafted(), party_added(ZHUHAI), party_added(ZHONGSHAN), area_defined("A1"),
                      commitment_defined("C1", "A1", (lead(ZHUHAI),)))

    held = agreement.commitments["C1"]
    assert (held.nature_inferred, held.nature_basis, held.responsibility_inferred) == (None, None, None)


def test_the_marks_are_not_part_of_the_signed_text():
    plain = given(drafted(), party_added(ZHUHAI), party_added(ZHONGSHAN), area_defined("A1"))
    marked = given(drafted(), party_added(ZHUHAI), party_added(ZHONGSHAN), area_defined("A1"))
    plain.define_commitment("C1", "A1", zh("共建平台"), Modality.BUILD, Nature.DELIVERABLE, (lead(ZHUHAI),))
    marked.define_commitment("C1", "A1", zh("共建平台"), Modality.BUILD, Nature.DELIVERABLE, (lead(ZHUHAI),),
                             nature_basis="from the verb 共建")

    assert plain.digest_of_text() == marked.digest_of_text()


def test_an_inferred_signing_date_is_marked_on_the_signature_and_the_full_signing():
    agreement = given(*open_pact(), signed_by(ZHUHAI, date(2025, 1, 16)))

    agreement.sign(ZHONGSHAN, signed_on=date(2025, 1, 16), today=TODAY, inferred_basis=BASIS)

    events = dict(new_events(agreement))
    assert (events["agreement.signed_by_party"]["signed_on_inferred"],
            events["agreement.signed_by_party"]["signed_on_basis"]) == (True, BASIS)
    assert events["agreement.fully_signed"] == {
        "signed_on": date(2025, 1, 16), "signed_on_inferred": True, "signed_on_basis": BASIS}


def test_an_inferred_signing_date_without_a_basis_is_refused():
    agreement = given(*open_pact())

    with pytest.raises(InferenceWithoutBasis):
        agreement.sign(ZHUHAI, signed_on=date(2025, 1, 16), today=TODAY, inferred_basis=" ")
    assert new_events(agreement) == []


def reported_only() -> Agreement:
    return Agreement.draft(UUID(int=7), "GDMO-2021-SS", zh("社保服务合作协议"), "zh-Hans",
                           InstrumentType.COOPERATION_AGREEMENT,
                           text_not_held="S000 reports the signing only")


def test_an_agreement_whose_text_is_not_held_opens_for_signature_without_commitments():
    agreement = reported_only()
    agreement.add_party(ZHUHAI, PartyRole.SIGNATORY)
    agreement.add_party(ZHONGSHAN, PartyRole.SIGNATORY)

    agreement.open_for_signature()

    assert agreement.status is AgreementStatus.OPEN_FOR_SIGNATURE
    assert agreement.text_not_held == "S000 reports the signing only"


def test_an_agreement_with_its_text_still_needs_commitments():
    agreement = given(drafted(), party_added(ZHUHAI), party_added(ZHONGSHAN))

    with pytest.raises(NoCommitments):
        agreement.open_for_signature()


def test_a_text_not_held_says_why():
    with pytest.raises(InferenceWithoutBasis):
        Agreement.draft(UUID(int=8), "X", zh("协议"), "zh-Hans", InstrumentType.COOPERATION_AGREEMENT,
                        text_not_held="")


def test_given_an_old_draft_the_text_is_held():
    assert given(drafted()).text_not_held is None
