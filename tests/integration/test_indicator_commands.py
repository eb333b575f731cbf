"""Indicator commands through the use cases: admin keys only; a broken rule stores nothing."""

from __future__ import annotations

from uuid import UUID

import pytest

from domain.indicator import Indicator
from domain.indicator.errors import DuplicateObservation, UnitDiffersFromIndicator
from domain.party import Party
from domain.quantity import Qualifier, stated
from service.seed_indicators import observation_id_for
from service.usecases.commands import CorrectObservation, RecordObservation, RetractObservation
from service.usecases.context import Caller, Context
from service.usecases.errors import Forbidden

INSURED = Indicator.id_for("IND-SS-INSURED")
MACAO_2021 = observation_id_for("IND-SS-INSURED", 0)
ADMIN = Context(Caller(key_id=None, party_id=None, is_admin=True))
PARTY = Context(Caller(key_id=None, party_id=Party.id_for("GD-HRSS")))
COUNT = "SELECT count(*) FROM events WHERE stream_type = 'indicator'"


async def stored_observation(system, observation_id: UUID) -> Indicator:
    indicator = await system.executor.repo.get(Indicator, INSURED, fresh=True)
    return indicator.observations[observation_id]


async def test_a_party_key_never_changes_an_indicator(seeded):
    before = await seeded.pool.fetchval(COUNT)

    with pytest.raises(Forbidden):
        await seeded.commands.execute(RetractObservation(indicator_id=INSURED, observation_id=MACAO_2021,
                                                         reason="not ours"), PARTY)

    assert await seeded.pool.fetchval(COUNT) == before


async def test_a_copy_of_an_observation_or_another_unit_is_refused_and_nothing_is_stored(seeded):
    before = await seeded.pool.fetchval(COUNT)
    held = (await stored_observation(seeded, MACAO_2021)).observation

    with pytest.raises(DuplicateObservation):
        await seeded.commands.execute(RecordObservation(
            indicator_id=INSURED, observation_id=UUID(int=7), observation=held), ADMIN)
    with pytest.raises(UnitDiffersFromIndicator):
        await seeded.commands.execute(CorrectObservation(
            indicator_id=INSURED, observation_id=MACAO_2021,
            quantity=stated(62700, Qualifier.EXACT, "person_times"), reason="the Chinese source"), ADMIN)

    assert await seeded.pool.fetchval(COUNT) == before


async def test_a_correction_is_served_with_the_original_kept(seeded):
    from service.reads.indicators import series

    await seeded.commands.execute(CorrectObservation(
        indicator_id=INSURED, observation_id=MACAO_2021, quantity=stated(62800, Qualifier.EXACT, "persons"),
        reason="re-read the source"), ADMIN)
    await seeded.runner.catch_up()

    first = (await series(seeded.pool, INSURED)).observations[0]
    assert (first.quantity.value, first.original_quantity.value, first.corrections) == (62800, 62700, 1)
