"""The Initiative aggregate: given events, when a command comes, then its new events or its rule broken."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import pytest
from eventsourcing.utils import get_topic

from domain.indicator.errors import BoundsContradictQualifier
from domain.indicator.values import DatePrecision, ReferenceDate, SourceRef
from domain.initiative import Initiative
from domain.initiative.errors import AlreadyLinked, DueDateTwice, InitiativeWithoutContent
from domain.initiative.values import InitiativeContent, InitiativeItem, InitiativeKind, ItemKind
from domain.quantity import Qualifier, Quantity, stated
from domain.values import LocalizedString, TextKind
from tests.domain.scenario import _event, given, new_events

S003 = SourceRef("S003", "003_0ff110037dad8882.txt", publisher="People's Daily Overseas Edition")
HK_GOV = UUID(int=11)
PACT, OTHER = UUID(int=21), UUID(int=22)


def en(text: str) -> dict[str, LocalizedString]:
    return {"en": LocalizedString(text, TextKind.UNOFFICIAL)}


MORE_THAN_50 = InitiativeItem(ItemKind.OUTCOME, en("First batch of more than 50 services launched"),
                              stated(50, Qualifier.GT, "services"))
MILESTONE = InitiativeItem(ItemKind.MILESTONE, en("Project completed"),
                           due=ReferenceDate("2023-12-31", DatePrecision.DAY, True,
                                             "'by the end of this year'"))
OUTCOMES = InitiativeContent(InitiativeKind.OUTCOME_REPORT, None, HK_GOV, None, S003, (MORE_THAN_50,))


def recorded(agreement_ids: tuple[UUID, ...] = ()) -> Initiative.Recorded:
    return _event(Initiative.Recorded, originator_topic=get_topic(Initiative), code="GDHK-XBS-2023-OUTCOMES",
                  content=OUTCOMES, agreement_ids=agreement_ids, link_basis=None)


def test_an_initiative_id_follows_from_its_code():
    assert Initiative.id_for("HQ-MNN") == Initiative.id_for("HQ-MNN")
    assert Initiative.id_for("HQ-MNN") != Initiative.id_for("HQ-SS-ONEWINDOW")


def test_recording_an_initiative_keeps_what_it_states_and_its_links():
    initiative = Initiative.record("GDHK-XBS-2023-OUTCOMES", OUTCOMES, (PACT,), "the source reports them")

    assert new_events(initiative) == [("initiative.recorded", {
        "code": "GDHK-XBS-2023-OUTCOMES", "content": OUTCOMES, "agreement_ids": (PACT,),
        "link_basis": "the source reports them"})]
    assert initiative.id == Initiative.id_for("GDHK-XBS-2023-OUTCOMES")
    assert initiative.agreement_ids == (PACT,)


def test_a_milestone_keeps_its_inferred_due_date():
    content = InitiativeContent(InitiativeKind.PROJECT, en("Macao New Neighbourhood"), None, None, S003,
                                (MILESTONE,))

    initiative = Initiative.record("HQ-MNN", content)

    assert initiative.content.items[0].due == ReferenceDate("2023-12-31", DatePrecision.DAY, True,
                                                            "'by the end of this year'")


def test_an_initiative_that_states_nothing_is_refused():
    content = InitiativeContent(InitiativeKind.PROJECT, None, None, None, S003, ())

    with pytest.raises(InitiativeWithoutContent):
        Initiative.record("EMPTY", content)


def test_a_figure_whose_bounds_contradict_its_qualifier_is_refused():
    wrong = Quantity(Decimal(50), Qualifier.GT, None, Decimal(50), "services")
    content = InitiativeContent(InitiativeKind.OUTCOME_REPORT, None, None, None, S003,
                                (InitiativeItem(ItemKind.OUTCOME, en("services"), wrong),))

    with pytest.raises(BoundsContradictQualifier):
        Initiative.record("WRONG", content)


def test_a_due_date_is_read_or_kept_raw_not_both():
    both = InitiativeItem(ItemKind.MILESTONE, en("Facilities in use"), due=MILESTONE.due,
                          due_raw="by the end of <>")
    content = InitiativeContent(InitiativeKind.PROJECT, None, None, None, S003, (both,))

    with pytest.raises(DueDateTwice):
        Initiative.record("BOTH", content)


def test_an_agreement_named_twice_is_refused():
    with pytest.raises(AlreadyLinked):
        Initiative.record("TWICE", OUTCOMES, (PACT, PACT))


def test_a_recorded_initiative_is_linked_to_another_agreement():
    initiative = given(recorded((PACT,)))

    initiative.link_to_agreement(OTHER, "the programme groups both")

    assert new_events(initiative) == [("initiative.linked_to_agreement", {
        "agreement_id": OTHER, "basis": "the programme groups both"})]
    assert initiative.agreement_ids == (PACT, OTHER)


def test_linking_the_same_agreement_again_is_refused():
    initiative = given(recorded((PACT,)))

    with pytest.raises(AlreadyLinked):
        initiative.link_to_agreement(PACT)
    assert new_events(initiative) == []
