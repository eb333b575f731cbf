"""Drafting an agreement, adding its parties and defining its areas."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agreement import Agreement
from domain.errors import AreaAlreadyDefined, MissingAuthenticText, PartyAlreadyAdded, StructureFrozen
from domain.values import AgreementStatus, InstrumentType, LocalizedString, PartyRole, Period, TextKind
from tests.domain.scenario import (
    AGREEMENT,
    AUTHENTIC,
    JIANGMEN,
    ZHUHAI,
    area_defined,
    drafted,
    en,
    given,
    new_events,
    open_pact,
    party_added,
    zh,
)


def test_drafting_an_agreement_records_its_title_language_and_instrument():
    period = Period(date(2025, 1, 1), date(2027, 12, 31), inferred=True, basis="three-year plan")
    title = {**zh("珠中江紧密合作框架协议"), "en": LocalizedString("ZZJ pact", TextKind.UNOFFICIAL)}

    agreement = Agreement.draft(
        AGREEMENT,
        "ZZJ-2025",
        title,
        AUTHENTIC,
        InstrumentType.FRAMEWORK_AGREEMENT,
        period=period,
        drafted_by=ZHUHAI,
    )

    assert agreement.id == AGREEMENT
    assert agreement.status is AgreementStatus.DRAFT
    assert new_events(agreement) == [
        (
            "agreement.drafted",
            {
                "code": "ZZJ-2025",
                "title": title,
                "authentic_language": AUTHENTIC,
                "instrument_type": InstrumentType.FRAMEWORK_AGREEMENT,
                "period": period,
                "drafted_by": ZHUHAI,
                "drafted_on": None,
                "text_not_held": None,
            },
        )
    ]


def test_an_agreement_cannot_be_drafted_without_a_title_in_its_authentic_language():
    with pytest.raises(MissingAuthenticText):
        Agreement.draft(
            AGREEMENT, "ZZJ-2025", en("ZZJ pact"), AUTHENTIC, InstrumentType.COOPERATION_AGREEMENT
        )


def test_an_agreement_cannot_be_drafted_with_a_blank_authentic_title():
    with pytest.raises(MissingAuthenticText):
        Agreement.draft(AGREEMENT, "ZZJ-2025", zh("   "), AUTHENTIC, InstrumentType.COOPERATION_AGREEMENT)


def test_a_party_is_added_to_a_draft_with_its_role():
    agreement = given(drafted())

    agreement.add_party(JIANGMEN, PartyRole.OBSERVER)

    assert new_events(agreement) == [
        ("agreement.party_added", {"party_id": JIANGMEN, "role": PartyRole.OBSERVER})
    ]
    assert agreement.parties == {JIANGMEN: PartyRole.OBSERVER}


def test_a_party_cannot_be_added_twice():
    agreement = given(drafted(), party_added(ZHUHAI))

    with pytest.raises(PartyAlreadyAdded):
        agreement.add_party(ZHUHAI, PartyRole.COORDINATOR)

    assert new_events(agreement) == []


def test_no_party_is_added_once_the_text_is_frozen():
    agreement = given(*open_pact())

    with pytest.raises(StructureFrozen):
        agreement.add_party(JIANGMEN, PartyRole.SIGNATORY)

    assert new_events(agreement) == []


def test_an_area_is_defined_with_its_title_aliases_and_aim():
    agreement = given(drafted())
    title, aim = zh("交通基础设施"), zh("推动交通互联互通")

    agreement.define_area("A1", title, aliases=["transport"], aim=aim)

    assert new_events(agreement) == [
        ("agreement.area_defined", {"code": "A1", "title": title, "aliases": ("transport",), "aim": aim})
    ]


def test_an_area_code_cannot_be_defined_twice():
    agreement = given(drafted(), area_defined("A1"))

    with pytest.raises(AreaAlreadyDefined):
        agreement.define_area("A1", zh("另一个领域"))

    assert new_events(agreement) == []


def test_no_area_is_defined_once_the_text_is_frozen():
    agreement = given(*open_pact())

    with pytest.raises(StructureFrozen):
        agreement.define_area("A2", zh("新领域"))

    assert new_events(agreement) == []


def test_an_area_needs_a_title_in_the_authentic_language():
    agreement = given(drafted())

    with pytest.raises(MissingAuthenticText):
        agreement.define_area("A1", en("Transport"))

    assert new_events(agreement) == []
