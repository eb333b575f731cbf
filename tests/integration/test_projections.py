"""The read models: the seeded views, rebuilds, the runner's transactions, waits and wake-ups."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import date
from typing import Any

import asyncpg
import pytest

import projections
from domain.party import Party
from domain.values import LocalizedString, PartyRole, TextKind
from service.reads.errors import NotCaughtUp, UnknownPosition
from service.seed import ZZJ, Seeder, agreement_id_for, load_seeds
from service.store import parking
from service.store.parking import RetryPolicy
from service.store.runner import Runner
from service.system import System
from service.usecases.commands import AddParty, DefineArea, DraftAgreement, RegisterParty
from service.usecases.context import Caller, Context
from tests.conftest import test_settings as settings_with

ADMIN = Context(Caller(key_id=None, party_id=None, is_admin=True, user="test"))
TABLES = [table for p in projections.ALL for table in p.tables]


async def snapshot(pool: asyncpg.Pool) -> dict[str, list[dict[str, Any]]]:
    """Every row of every projection table, as plain JSON values, in a stable order."""
    return {
        table: [
            json.loads(r[0])
            for r in await pool.fetch(f"SELECT to_jsonb(t)::text AS r FROM {table} t ORDER BY r")
        ]
        for table in TABLES
    }


def text(value: str) -> dict[str, LocalizedString]:
    return {"en": LocalizedString(value, TextKind.OFFICIAL)}


async def register(system: System, code: str) -> int:
    return (await system.commands.execute(RegisterParty(code=code, names=text(code)), ADMIN)).saved.position


async def last_position(pool: asyncpg.Pool) -> int:
    return await pool.fetchval("SELECT max(position) FROM events")


async def listed(pool: asyncpg.Pool, code: str) -> bool:
    return bool(await pool.fetchval("SELECT count(*) FROM party_directory WHERE code = $1", code))


async def test_the_seeded_read_models_hold_the_zzj_pact_and_every_party_of_the_seed_file(seeded):
    row = await seeded.pool.fetchrow(
        "SELECT * FROM agreement_summary WHERE agreement_id = $1", agreement_id_for(ZZJ)
    )
    assert (row["code"], row["status"]) == (ZZJ, "in_force")
    assert (row["party_count"], row["area_count"], row["commitment_count"]) == (3, 6, 27)
    assert row["signed_on"] == date(2025, 1, 16)
    entry = row["entry_into_force"]
    assert (entry["effective_on"], entry["inferred"]) == ("2025-01-01", True) and entry["basis"]
    directory = {r["code"]: r["party_id"] for r in await seeded.pool.fetch("SELECT * FROM party_directory")}
    assert directory == {p["id"]: Party.id_for(p["id"]) for p in load_seeds()["parties"]}


async def test_a_rebuild_of_every_projection_gives_the_rows_incremental_catch_up_gave(system):
    system.runner.batch_size = 4
    await Seeder(system).run()
    await system.runner.catch_up()
    await register(system, "LATE")
    await system.runner.catch_up()
    before = await snapshot(system.pool)
    events = await system.pool.fetchval("SELECT count(*) FROM events")
    for projection in projections.ALL:
        counts: list[int] = []
        assert await system.runner.rebuild(projection, counts.append) == events
        assert sum(counts) == events and len(counts) > 1
    assert await snapshot(system.pool) == before


class Recorder:
    """A test projection that records each event it is given and fails on the event at one position."""

    name = "test_recorder"
    tables = ("test_recorded",)

    def __init__(self, fail_at: int | None) -> None:
        self.fail_at = fail_at

    async def apply(self, event: object, env: projections.Envelope, conn: asyncpg.Connection) -> None:
        if env.position == self.fail_at:
            raise RuntimeError("poison event")
        await conn.execute("INSERT INTO test_recorded (position) VALUES ($1)", env.position)


async def test_the_rows_and_the_position_of_a_failing_batch_both_stay_where_they_were(seeded):
    pool = seeded.pool
    await pool.execute("CREATE TABLE test_recorded (seq serial PRIMARY KEY, position bigint NOT NULL)")
    log = [r[0] for r in await pool.fetch("SELECT position FROM events ORDER BY txid, position")]
    recorder = Recorder(fail_at=log[3])
    runner = Runner(pool, seeded.store, seeded.mapper, [recorder], batch_size=2, retry=RetryPolicy(1))

    async def recorded() -> list[int]:
        return [r[0] for r in await pool.fetch("SELECT position FROM test_recorded ORDER BY seq")]

    # the batch [log[2], log[3]] rolls back whole; then log[2] alone applies and log[3] parks the projection
    assert await runner.catch_up() == 3
    assert await recorded() == log[:3]
    assert (await runner.cursor(recorder)).position == log[2]

    recorder.fail_at = None
    await parking.resume(pool, recorder.name, "fixed", "test")
    assert await runner.catch_up() == len(log) - 3
    assert await recorded() == log
    assert (await runner.cursor(recorder)).position == log[-1]


async def test_a_rebuild_racing_a_running_runner_ends_with_the_rows_of_a_clean_rebuild(seeded):
    seeded.runner.batch_size = 5
    runner = Runner(
        seeded.pool, seeded.store, seeded.mapper, projections.ALL, batch_size=5, poll_interval=0.01
    )
    stop = asyncio.Event()
    running = asyncio.create_task(runner.run(stop))
    race = agreement_id_for("RACE")
    try:

        async def write() -> None:
            execute = seeded.commands.execute
            await execute(DraftAgreement(agreement_id=race, code="RACE", title=text("Race"),
                                         authentic_language="en"), ADMIN)
            for i in range(15):
                await register(seeded, f"RACE-{i}")
                party = Party.id_for(f"RACE-{i}")
                await execute(AddParty(agreement_id=race, party_id=party, role=PartyRole.SIGNATORY), ADMIN)
                await execute(DefineArea(agreement_id=race, code=f"R{i}", title=text(f"Area {i}")), ADMIN)

        async def rebuild() -> None:
            for _ in range(3):
                for projection in projections.ALL:
                    await seeded.runner.rebuild(projection)

        await asyncio.gather(write(), rebuild())
        await seeded.queries.wait_for(await last_position(seeded.pool), projections.ALL)
    finally:
        stop.set()
        await running
    raced = await snapshot(seeded.pool)
    assert len(raced["party_directory"]) == len(load_seeds()["parties"]) + 15
    for projection in projections.ALL:
        await seeded.runner.rebuild(projection)
    assert await snapshot(seeded.pool) == raced


async def test_wait_for_returns_once_the_runner_has_applied_the_position(system):
    position = await register(system, "WAITED")
    waiting = asyncio.create_task(system.queries.wait_for(position, projections.ALL))
    await asyncio.sleep(0.1)
    assert not waiting.done()
    stop = asyncio.Event()
    running = asyncio.create_task(system.runner.run(stop))
    try:
        await asyncio.wait_for(waiting, 5)
        assert await listed(system.pool, "WAITED")
    finally:
        stop.set()
        await running


async def test_wait_for_gives_up_with_not_caught_up_after_the_bounded_wait_when_no_runner_runs(pool):
    system = System(pool, settings_with(read_wait_s=0.2))
    position = await register(system, "UNSEEN")
    started = time.monotonic()
    with pytest.raises(NotCaughtUp):
        await system.queries.wait_for(position, projections.ALL)
    assert 0.2 <= time.monotonic() - started < 2


async def test_wait_for_refuses_a_position_that_holds_no_event(seeded):
    for position in (0, await last_position(seeded.pool) + 1000):
        with pytest.raises(UnknownPosition):
            await seeded.queries.wait_for(position, projections.ALL)


async def test_the_runner_wakes_on_notify_long_before_its_next_poll(seeded):
    runner = Runner(seeded.pool, seeded.store, seeded.mapper, projections.ALL, poll_interval=30)
    stop = asyncio.Event()
    seeded.notifier.start()
    running = asyncio.create_task(runner.run(stop))
    try:
        await register(seeded, "FIRST")
        await seeded.queries.wait_for(await last_position(seeded.pool), projections.ALL)
        await asyncio.sleep(0.2)  # the runner is now asleep until its next poll
        silent = System(seeded.pool, seeded.settings)  # its notifier never runs: no NOTIFY
        await register(silent, "SILENT")
        await asyncio.sleep(0.5)
        assert not await listed(seeded.pool, "SILENT")

        started = time.monotonic()
        await register(seeded, "LOUD")
        while not await listed(seeded.pool, "LOUD"):
            assert time.monotonic() - started < 2, "the runner did not wake on NOTIFY"
            await asyncio.sleep(0.02)
        assert await listed(seeded.pool, "SILENT")
    finally:
        stop.set()
        await running
        await seeded.notifier.stop()
