"""Defining commitments and who is responsible for them."""

from __future__ import annotations

import pytest

from domain.errors import (
    CommitmentAlreadyDefined,
    InvalidLeadership,
    MissingAuthenticText,
    NoResponsibleParty,
    ResponsibleNotAParty,
    StructureFrozen,
    UnknownArea,
)
from domain.values import Modality, Nature, PartyRole
from tests.domain.scenario import (
    JIANGMEN,
    ZHONGSHAN,
    ZHUHAI,
    area_defined,
    co_lead,
    commitment_defined,
    drafted,
    en,
    given,
    lead,
    new_events,
    open_pact,
    party_added,
    supporting,
    zh,
)


def a_draft_with_three_parties():
    return given(
        drafted(),
        party_added(ZHUHAI),
        party_added(ZHONGSHAN),
        party_added(JIANGMEN, PartyRole.COORDINATOR),
        area_defined("A1"),
    )


def define(agreement, *responsibilities, code="C1", area="A1", text=None):
    agreement.define_commitment(
        code,
        area,
        text or zh("共建人才交流平台"),
        Modality.BUILD,
        Nature.DELIVERABLE,
        tuple(responsibilities),
    )


def test_a_commitment_led_by_one_party_is_defined():
    agreement = a_draft_with_three_parties()

    agreement.define_commitment(
        "C1",
        "A1",
        zh("共建人才交流平台"),
        Modality.BUILD,
        Nature.DELIVERABLE,
        [lead(ZHUHAI), supporting(JIANGMEN)],
        responsibility_basis="第三条",
    )

    assert new_events(agreement) == [
        (
            "agreement.commitment_defined",
            {
                "code": "C1",
                "area_code": "A1",
                "text": zh("共建人才交流平台"),
                "modality": Modality.BUILD,
                "nature": Nature.DELIVERABLE,
                "responsibilities": (lead(ZHUHAI), supporting(JIANGMEN)),
                "responsibility_basis": "第三条",
                "nature_inferred": False,
                "nature_basis": None,
                "responsibility_inferred": False,
            },
        )
    ]


def test_a_joint_commitment_has_three_co_leads():
    agreement = a_draft_with_three_parties()

    define(agreement, co_lead(ZHUHAI), co_lead(ZHONGSHAN), co_lead(JIANGMEN))

    [(topic, payload)] = new_events(agreement)
    assert topic == "agreement.commitment_defined"
    assert payload["responsibilities"] == (co_lead(ZHUHAI), co_lead(ZHONGSHAN), co_lead(JIANGMEN))


def test_a_commitment_belongs_to_a_known_area():
    agreement = a_draft_with_three_parties()

    with pytest.raises(UnknownArea):
        define(agreement, lead(ZHUHAI), area="A9")

    assert new_events(agreement) == []


def test_a_commitment_code_cannot_be_defined_twice():
    agreement = given(
        drafted(), party_added(ZHUHAI), area_defined("A1"), commitment_defined("C1", "A1", (lead(ZHUHAI),))
    )

    with pytest.raises(CommitmentAlreadyDefined):
        define(agreement, lead(ZHUHAI))

    assert new_events(agreement) == []


def test_only_parties_of_the_agreement_hold_responsibilities():
    agreement = given(drafted(), party_added(ZHUHAI), area_defined("A1"))

    with pytest.raises(ResponsibleNotAParty):
        define(agreement, lead(ZHUHAI), supporting(JIANGMEN))

    assert new_events(agreement) == []


@pytest.mark.parametrize(
    "responsibilities", [(), (supporting(ZHUHAI), supporting(ZHONGSHAN))], ids=["nobody", "supporting-only"]
)
def test_a_commitment_needs_a_lead_or_co_leads(responsibilities):
    agreement = a_draft_with_three_parties()

    with pytest.raises(NoResponsibleParty):
        define(agreement, *responsibilities)

    assert new_events(agreement) == []


def test_a_commitment_has_at_most_one_lead():
    agreement = a_draft_with_three_parties()

    with pytest.raises(InvalidLeadership):
        define(agreement, lead(ZHUHAI), lead(ZHONGSHAN))

    assert new_events(agreement) == []


def test_a_lead_does_not_share_a_commitment_with_co_leads():
    agreement = a_draft_with_three_parties()

    with pytest.raises(InvalidLeadership):
        define(agreement, lead(ZHUHAI), co_lead(ZHONGSHAN), co_lead(JIANGMEN))

    assert new_events(agreement) == []


def test_a_single_co_lead_is_not_a_joint_commitment():
    agreement = a_draft_with_three_parties()

    with pytest.raises(InvalidLeadership):
        define(agreement, co_lead(ZHUHAI), supporting(ZHONGSHAN))

    assert new_events(agreement) == []


def test_a_party_is_named_once_per_commitment():
    agreement = a_draft_with_three_parties()

    with pytest.raises(InvalidLeadership):
        define(agreement, lead(ZHUHAI), supporting(ZHUHAI))

    assert new_events(agreement) == []


def test_a_commitment_needs_its_text_in_the_authentic_language():
    agreement = a_draft_with_three_parties()

    with pytest.raises(MissingAuthenticText):
        define(agreement, lead(ZHUHAI), text=en("Build a talent exchange platform"))

    assert new_events(agreement) == []


def test_no_commitment_is_defined_once_the_text_is_frozen():
    agreement = given(*open_pact())

    with pytest.raises(StructureFrozen):
        define(agreement, lead(ZHUHAI), code="C2")

    assert new_events(agreement) == []
