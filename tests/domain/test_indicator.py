"""The Indicator aggregate: given its events, when a command comes, then its new events or the rule broken."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import pytest
from eventsourcing.utils import get_topic

from domain.errors import ReasonRequired
from domain.indicator import Indicator
from domain.indicator.errors import (
    BoundsContradictQualifier,
    DuplicateObservation,
    NegativeCount,
    ObservationNotActive,
    PercentageOutOfRange,
    UnitDiffersFromIndicator,
    UnitRequired,
    UnknownDimension,
    UnknownObservation,
)
from domain.indicator.values import (
    Accumulation,
    DatePrecision,
    Definition,
    Flag,
    FlagKind,
    MeasureType,
    Observation,
    ObservationNature,
    ReferenceDate,
    ReferencePeriod,
    SourceRef,
)
from domain.quantity import Qualifier, Quantity, stated
from domain.values import LocalizedString, TextKind
from tests.domain.scenario import _event, given, new_events

INSURED = Definition(
    {"en": LocalizedString("People covered by social insurance in Guangdong", TextKind.UNOFFICIAL)},
    MeasureType.COUNT, "persons", Accumulation.CUMULATIVE, ("population",), ())
SHARE = Definition({"en": LocalizedString("Share", TextKind.UNOFFICIAL)}, MeasureType.PERCENTAGE, "percent",
                   None, (), ())
S000 = SourceRef("S000", "000_d23a23d0b4afbc49.txt", publisher="Foreign Affairs Office of Guangdong")
S001 = SourceRef("S001", "001_f394c176d7a92930.txt")
NOV_2021 = ReferencePeriod(ReferenceDate("2021-11", DatePrecision.MONTH))
FIRST, SECOND = UUID(int=1), UUID(int=2)


def defined(definition: Definition = INSURED) -> Indicator.Defined:
    return _event(Indicator.Defined, originator_topic=get_topic(Indicator), code="IND-SS-INSURED",
                  definition=definition)


def observation(quantity: Quantity, source: SourceRef = S000, **dimensions: str) -> Observation:
    return Observation(quantity, NOV_2021, ObservationNature.PARTY_REPORTED, source,
                       dimensions or {"population": "MO"}, (), ())


def recorded(observation_id: UUID, o: Observation) -> Indicator.ObservationRecorded:
    return _event(Indicator.ObservationRecorded, observation_id=observation_id, observation=o,
                  definition_version=1)


MACAO_2021 = observation(stated(62700, Qualifier.EXACT, "persons"))


def test_an_indicator_id_follows_from_its_code_the_same_in_every_release():
    assert Indicator.id_for("IND-SS-INSURED") == UUID("3119e5c6-0dbd-5edd-a231-e3f56cddce88")
    assert Indicator.id_for("IND-SS-INSURED") == Indicator.id_for("IND-SS-INSURED")
    assert Indicator.id_for("IND-SS-INSURED") != Indicator.id_for("IND-SSCARD-HOLDERS")


def test_defining_an_indicator_records_its_definition():
    indicator = Indicator.define("IND-SS-INSURED", INSURED)

    assert new_events(indicator) == [("indicator.defined", {"code": "IND-SS-INSURED", "definition": INSURED})]


def test_an_observation_is_recorded_with_the_definition_version_it_was_read_in():
    indicator = given(defined())

    indicator.record_observation(FIRST, MACAO_2021)

    assert new_events(indicator) == [("indicator.observation_recorded", {
        "observation_id": FIRST, "observation": MACAO_2021, "definition_version": 1})]


def test_more_than_300000_is_a_lower_bound_not_a_value():
    indicator = given(defined())
    more_than = observation(stated(300000, Qualifier.GT, "persons"), S001, population="HK+MO")

    indicator.record_observation(SECOND, more_than)

    held = indicator.observations[SECOND].observation.quantity
    assert (held.value, held.qualifier, held.lower, held.upper) == (Decimal(300000), Qualifier.GT,
                                                                    Decimal(300000), None)


@pytest.mark.parametrize(("definition", "quantity", "error", "detail"), [
    (INSURED, stated(1000, Qualifier.GT, "person_times"), UnitDiffersFromIndicator,
     "the indicator counts 'persons', not 'person_times'"),
    (INSURED, stated(-3, Qualifier.EXACT, "persons"), NegativeCount, "a count is never negative: -3, -3, -3"),
    (SHARE, stated(101, Qualifier.EXACT, "percent"), PercentageOutOfRange,
     "a percentage lies between 0 and 100: 101, 101, 101"),
    (SHARE, stated(-1, Qualifier.LT, "percent"), PercentageOutOfRange,
     "a percentage lies between 0 and 100: -1, -1"),
    (INSURED, Quantity(Decimal(300000), Qualifier.GT, None, Decimal(300000), "persons"),
     BoundsContradictQualifier, "'gt' 300000 is a lower bound of 300000 with no upper bound at or below it"),
    (Definition(INSURED.name, MeasureType.COUNT, None, None, (), ()), stated(6, Qualifier.EXACT, None),
     UnitRequired, "this indicator has no unit of its own: the observation names its unit"),
])
def test_a_figure_that_breaks_a_rule_is_refused_and_nothing_is_recorded(definition, quantity, error, detail):
    indicator = given(defined(definition))
    dims = {"population": "MO"} if definition.dimensions else {}

    with pytest.raises(error) as raised:
        indicator.record_observation(FIRST, Observation(quantity, NOV_2021, ObservationNature.PARTY_REPORTED,
                                                        S000, dims, (), ()))

    assert raised.value.detail == detail
    assert new_events(indicator) == []


def test_error_codes_are_stable():
    assert [e.code for e in (UnitDiffersFromIndicator, UnitRequired, PercentageOutOfRange, NegativeCount,
                             BoundsContradictQualifier, UnknownDimension, DuplicateObservation,
                             ObservationNotActive, UnknownObservation)] == [
        "unit-differs-from-indicator", "unit-required", "percentage-out-of-range", "negative-count",
        "bounds-contradict-qualifier", "unknown-dimension", "duplicate-observation", "observation-not-active",
        "unknown-observation"]


def test_the_same_dimensions_period_and_source_are_observed_once():
    indicator = given(defined(), recorded(FIRST, MACAO_2021))

    with pytest.raises(DuplicateObservation) as raised:
        indicator.record_observation(SECOND, observation(stated(62800, Qualifier.EXACT, "persons")))

    assert raised.value.detail == "already observed for {'population': 'MO'}, as of 2021-11, source S000"
    assert new_events(indicator) == []


def test_another_source_for_the_same_period_is_not_a_duplicate():
    indicator = given(defined(), recorded(FIRST, MACAO_2021))

    indicator.record_observation(SECOND, observation(stated(62700, Qualifier.EXACT, "persons"), S001))

    assert [topic for topic, _ in new_events(indicator)] == ["indicator.observation_recorded"]


def test_a_dimension_the_indicator_does_not_define_is_refused():
    indicator = given(defined())

    with pytest.raises(UnknownDimension) as raised:
        indicator.record_observation(FIRST, observation(stated(1, Qualifier.EXACT, "persons"), tier="key"))

    assert raised.value.detail == "the indicator defines no dimension tier"


def test_a_correction_is_a_new_event_that_resolves_the_flags_it_names():
    flagged = Observation(stated(1000, Qualifier.GT, "persons"), NOV_2021, ObservationNature.PARTY_REPORTED,
                          S000, {"population": "MO"}, (), (Flag(FlagKind.UNIT_LOSS, "more than 1,000"),))
    indicator = given(defined(), recorded(FIRST, flagged))
    corrected = stated(1000, Qualifier.GT, "persons")

    indicator.correct_observation(FIRST, corrected, "the source counts persons", (FlagKind.UNIT_LOSS,))

    assert new_events(indicator) == [("indicator.observation_corrected", {
        "observation_id": FIRST, "quantity": corrected, "resolves": (FlagKind.UNIT_LOSS,),
        "reason": "the source counts persons"})]
    assert indicator.observations[FIRST].observation.flags == ()
    assert indicator.observations[FIRST].corrections == 1


def test_a_retracted_observation_takes_no_correction_and_frees_its_slot():
    indicator = given(defined(), recorded(FIRST, MACAO_2021))

    indicator.retract_observation(FIRST, "misread the source")

    assert new_events(indicator) == [("indicator.observation_retracted", {
        "observation_id": FIRST, "reason": "misread the source"})]
    with pytest.raises(ObservationNotActive):
        indicator.correct_observation(FIRST, stated(1, Qualifier.EXACT, "persons"), "again")
    indicator.record_observation(SECOND, MACAO_2021)


def test_corrections_and_retractions_need_a_reason_and_a_known_observation():
    indicator = given(defined(), recorded(FIRST, MACAO_2021))

    with pytest.raises(ReasonRequired):
        indicator.retract_observation(FIRST, " ")
    with pytest.raises(UnknownObservation):
        indicator.retract_observation(SECOND, "why")
    assert new_events(indicator) == []


def test_flagging_adds_a_flag_to_the_observation():
    indicator = given(defined(), recorded(FIRST, MACAO_2021))
    flag = Flag(FlagKind.AMBIGUOUS_UNIT, "covering 16 areas")

    indicator.flag_observation(FIRST, flag)

    assert new_events(indicator) == [
        ("indicator.observation_flagged", {"observation_id": FIRST, "flag": flag})]
    assert indicator.observations[FIRST].observation.flags == (flag,)


def test_a_revised_definition_counts_its_version():
    indicator = given(defined())
    wider = Definition(INSURED.name, MeasureType.COUNT, "persons", Accumulation.CUMULATIVE,
                       ("population", "geography"), ())

    indicator.revise_definition(wider, "the source adds a geography")
    indicator.record_observation(FIRST, MACAO_2021)

    assert indicator.definition_version == 2
    assert indicator.observations[FIRST].definition_version == 2


def test_every_indicator_event_is_stored_and_read_back_unchanged():
    from datetime import UTC, datetime

    from service.store.mapper import Mapper, StoredEvent

    indicator = Indicator.define("IND-SS-INSURED", INSURED)
    indicator.record_observation(FIRST, Observation(
        Quantity(Decimal(62700), Qualifier.EXACT, Decimal(62700), Decimal(62700), "persons", "6.27万人",
                 Decimal(100)), NOV_2021, ObservationNature.PARTY_REPORTED, S000, {"population": "MO"},
        ("Hengqin",), (Flag(FlagKind.UNIT_LOSS, "raw", "note"),), "label", "note"))
    indicator.correct_observation(FIRST, stated(62800, Qualifier.EXACT, "persons"), "typo",
                                  (FlagKind.UNIT_LOSS,))
    indicator.flag_observation(FIRST, Flag(FlagKind.MISTRANSLATION))
    indicator.retract_observation(FIRST, "gone")
    indicator.revise_definition(INSURED, "same again")
    events, mapper, now = indicator.collect_events(), Mapper(), datetime(2025, 1, 1, tzinfo=UTC)
    rows = mapper.to_new_events(events, bytes(32), b"{}", now, now)

    back = [mapper.to_domain_event(StoredEvent(i, 1, r.stream_id, r.stream_type, r.version, r.event_type,
                                               r.schema_version, r.payload, b"{}", now, now, r.hash))
            for i, r in enumerate(rows)]

    assert [r.stream_type for r in rows] == ["indicator"] * 6
    assert [e.__dict__ | {"timestamp": None} for e in back] == [
        e.__dict__ | {"timestamp": None} for e in events]
