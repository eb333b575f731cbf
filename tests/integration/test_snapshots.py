"""Snapshots are a cache of aggregate state: a load from one equals a replay; without them nothing changes."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import date

from eventsourcing.domain import Aggregate

from domain.agreement import Agreement
from domain.agreement.values import CompletionLevel, Health
from domain.party import Party
from domain.values import LocalizedString, TextKind
from service.seed import ZZJ, agreement_id_for
from service.store import snapshot_codec
from service.store.repository import Repository
from service.store.snapshot_codec import StateCodec
from service.store.snapshots import Snapshots
from service.system import System
from service.usecases.commands.progress import ReportProgress
from service.usecases.context import Caller, Context
from tests.conftest import test_settings as settings_with

PACT = agreement_id_for(ZZJ)
ZH = Party.id_for("ZH-HRSS")


def state(aggregate: Aggregate) -> dict:
    return {k: v for k, v in vars(aggregate).items() if k != "_head_hash"}


async def report(system: System, n: int, code: str = "A1.1") -> None:
    await system.commands.execute(ReportProgress(
        agreement_id=PACT, code=code, as_of=date(2025, 1 + n % 12, 1 + n % 28),
        level=list(CompletionLevel)[n % 5], health=list(Health)[n % 3],
        narrative={"zh-Hans": LocalizedString(f"进展 {n}", TextKind.AUTHENTIC)}),
        Context(caller=Caller(key_id=None, party_id=ZH)))


async def snapshot_rows(system: System) -> list[tuple[str, int]]:
    await system.snapshots.settled()  # snapshots taken by commands are stored in the background
    rows = await system.pool.fetch("SELECT stream_type, version FROM snapshots ORDER BY stream_type")
    return [(r["stream_type"], r["version"]) for r in rows]


async def test_a_snapshot_is_taken_every_n_events_and_a_load_from_it_equals_a_full_replay(seeded, pool):
    system = System(pool, settings_with(snapshot_every=10))
    start = (await system.repository.replay(Agreement, PACT)).version  # the seed took no snapshots
    assert start == 43 and await snapshot_rows(system) == []
    for n in range(25):
        await report(system, n, code=["A1.1", "A2.1", "A6.5"][n % 3])
    assert await snapshot_rows(system) == [("agreement", 60)]  # at 50, then 60 in its place

    replayed = await system.repository.replay(Agreement, PACT)
    cold = Repository(system.store, system.mapper, snapshots=Snapshots(pool, 10))
    loaded = await cold.load(Agreement, PACT)
    assert replayed.version == loaded.version == 68
    assert state(loaded) == state(replayed)
    assert loaded._head_hash == replayed._head_hash
    # Each report is stored once, and is one object again in `reports` and in its commitment's progress.
    listed = [r for p in loaded.progress.values() for r in p.reports]
    assert len(listed) == 25 and all(loaded.reports[r.report_id] is r for r in listed)
    data = (await pool.fetchrow("SELECT state FROM snapshots"))["state"]
    # its id: the key in `reports`, the record's own, and among the used ids; not again in its progress
    assert data.count(listed[0].report_id.bytes) == 3

    # From the snapshot, a new command decides and chains exactly as from the replay.
    await report(System(pool, settings_with(snapshot_every=10)), 99)
    after = await system.repository.replay(Agreement, PACT)
    assert after.version == 69 and after.progress["A1.1"].reports[-1].level == CompletionLevel.COMPLETE


async def test_commands_do_not_wait_while_their_snapshot_is_written(seeded, pool):
    system = System(pool, settings_with(snapshot_every=10))
    await system.repository.load(Agreement, PACT)  # cached: 43 events, under a snapshot's interval
    async with pool.acquire() as blocker, blocker.transaction():
        await blocker.execute("LOCK TABLE snapshots IN EXCLUSIVE MODE")  # every snapshot write waits

        for n in range(12):  # past version 50, where the stream is snapshotted
            await asyncio.wait_for(report(system, n), 3)
        assert await pool.fetchval("SELECT count(*) FROM events WHERE stream_id = $1", PACT) == 55

    assert await snapshot_rows(system) == [("agreement", 50)]


async def test_a_snapshot_holds_the_state_it_was_taken_at_though_encoded_after_the_next_command(seeded, pool):
    system = System(pool, settings_with(snapshot_every=1000))
    for n in (1, 2):
        await report(system, n)
    agreement = await system.repository.replay(Agreement, PACT)
    latest = agreement.progress["A1.1"].reports[-1]
    snapshots = Snapshots(pool, 1000)
    snapshots.take_soon(agreement, "agreement", agreement._head_hash)
    agreement.retract_report(latest.report_id, ZH, "重复上报", date(2025, 5, 1))  # before it is encoded
    await snapshots.settled()

    row = await pool.fetchrow("SELECT version, state FROM snapshots")
    taken = snapshots.codec(Agreement).decode(Agreement, PACT, row["version"], row["state"])
    assert row["version"] == 45
    assert taken.reports[latest.report_id].active and taken.progress["A1.1"].reports[-1].active
    assert state(taken) == state(await system.repository.replay(Agreement, PACT))


async def test_a_long_state_is_encoded_a_chunk_at_a_time_with_other_tasks_run_in_between(seeded, pool,
                                                                                       monkeypatch):
    monkeypatch.setattr(snapshot_codec, "CHUNK", 2)
    system = System(pool, settings_with(snapshot_every=1000))
    for n in range(8):
        await report(system, n)
    agreement = await system.repository.replay(Agreement, PACT)
    turns, encoding = 0, True

    async def another_task() -> None:
        nonlocal turns
        while encoding:
            turns += 1
            await asyncio.sleep(0)

    other = asyncio.create_task(another_task())
    await asyncio.sleep(0)
    data = await Snapshots(pool, 1000).codec(Agreement).encode_soon(agreement)
    encoding = False
    await other
    assert turns >= 8 // 2  # at least once after each chunk of the 8 reports
    decoded = StateCodec(Agreement).decode(Agreement, PACT, agreement.version, data)
    assert state(decoded) == state(agreement)


async def test_no_snapshot_is_stored_when_a_listed_record_is_not_the_one_its_key_names(seeded, pool):
    system = System(pool, settings_with(snapshot_every=1000))
    await report(system, 1)
    agreement = await system.repository.replay(Agreement, PACT)
    listed = agreement.progress["A1.1"].reports
    listed[-1] = dataclasses.replace(listed[-1])  # equal, but another object than reports[its id]
    assert not await Snapshots(pool, 1000).take(agreement, "agreement", agreement._head_hash)
    assert await snapshot_rows(system) == []


async def test_without_any_snapshot_every_load_and_answer_is_the_same(seeded, pool):
    system = System(pool, settings_with(snapshot_every=4))
    for n in range(9):
        await report(system, n)
    with_snapshots = await Repository(system.store, system.mapper, snapshots=Snapshots(pool, 4)).load(
        Agreement, PACT)
    assert await snapshot_rows(system) == [("agreement", 52)]

    await pool.execute("DELETE FROM snapshots")
    cold = Repository(system.store, system.mapper, snapshots=Snapshots(pool, 4))
    without = await cold.load(Agreement, PACT)
    assert state(without) == state(with_snapshots)
    assert without.progress["A1.1"].level == CompletionLevel.SUBSTANTIAL  # report 8, the latest as of
    assert [r.level for r in without.progress["A1.1"].reports][-3:] == ["not_started", "limited",
                                                                        "substantial"]
    # The load replayed more than 4 events, so it took a snapshot again.
    assert await snapshot_rows(system) == [("agreement", 52)]


async def test_a_snapshot_of_another_shape_of_the_class_is_ignored_not_misread(seeded, pool):
    system = System(pool, settings_with(snapshot_every=5))
    for n in range(6):
        await report(system, n)
    assert await snapshot_rows(system) == [("agreement", 45)]
    await pool.execute("UPDATE snapshots SET state_version = 'an older shape', state = 'garbage'")
    loaded = await Repository(system.store, system.mapper, snapshots=Snapshots(pool, 5)).load(Agreement, PACT)
    assert state(loaded) == state(await system.repository.replay(Agreement, PACT))
    assert loaded.version == 49


class Before(Aggregate):
    level: CompletionLevel
    count: int


class After(Aggregate):
    level: CompletionLevel
    count: str


def test_the_state_version_changes_with_the_shape_of_the_state():
    before, after = StateCodec(Before), StateCodec(After)
    assert before.version == StateCodec(Before).version  # stable across codecs (and processes)
    assert before.version != after.version
    assert StateCodec(Agreement).version != StateCodec(Party).version


async def test_after_a_snapshot_a_retraction_moves_the_commitment_back_as_after_a_replay(seeded, pool):
    system = System(pool, settings_with(snapshot_every=2))
    for n in (1, 2, 3):  # as of Feb 2 (not started), Mar 3 (limited), Apr 4 (substantial)
        await report(system, n)
    assert await snapshot_rows(system) == [("agreement", 46)]  # the head: every report comes from it
    cold = Repository(system.store, system.mapper, snapshots=Snapshots(pool, 2))
    loaded = await cold.load(Agreement, PACT)
    latest = loaded.progress["A1.1"].reports[-1]
    assert latest is loaded.reports[latest.report_id]  # one object, as in a replay
    loaded.retract_report(latest.report_id, ZH, "重复上报", date(2025, 5, 1))
    assert loaded.progress["A1.1"].level == CompletionLevel.LIMITED
    assert loaded.progress["A1.1"].last_report_on == date(2025, 3, 3)


def test_a_long_stream_is_snapshotted_at_most_every_sixteenth_of_its_length_so_cost_per_event_is_flat():
    snapshots = Snapshots(None, 200)  # type: ignore[arg-type]  (no database: the schedule alone)
    assert [snapshots.interval(n) for n in (100, 6_399, 6_400, 100_000)] == [200, 200, 400, 3_200]
    assert snapshots.crossed(9_999, 10_001) and not snapshots.crossed(10_001, 10_199)
    assert snapshots.crossed(95_999, 96_001) and not snapshots.crossed(96_001, 99_199)
    assert not snapshots.due(3_199, 100_000) and snapshots.due(3_200, 100_000)
    assert not Snapshots(None, 0).crossed(0, 10_000)  # type: ignore[arg-type]
