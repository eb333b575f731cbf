"""The sequencer on a real PostgreSQL: every committed event gets one seq, 1..N without a hole, in the log's
order, while writers run in parallel and roll back at random; two sequencers never number an event twice;
a standby takes over when the owner's session dies."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime
from uuid import uuid4

import asyncpg

from domain.party import Party
from domain.values import LocalizedString, TextKind
from service.store.db import connect, create_pool
from service.store.eventstore import EventStore
from service.store.mapper import GENESIS_HASH, EventMetadata, Mapper
from service.store.sequencer import LOCK_KEY, Sequencer
from tests.conftest import test_settings as make_settings

MAPPER = Mapper()
META = MAPPER.encode_metadata(EventMetadata(actor_user="writer"))


class _RollBack(Exception):
    pass


def party_rows(code: str):
    party = Party.register(code, {"zh-Hans": LocalizedString("政府", TextKind.AUTHENTIC)}, "CN-GD")
    now = datetime.now(UTC)
    return MAPPER.to_new_events(party.collect_events(), GENESIS_HASH, META, now, now), now


async def write(dsn: str, writer: int, appends: int, committed: list[int], rolled_back: list[int]) -> None:
    """Appends on a connection of its own, half in explicit transactions held open a while, a third of
    those rolled back."""
    rng = random.Random(writer)
    conn = await connect(dsn, make_settings())
    store = EventStore(conn)  # type: ignore[arg-type]  # a connection answers fetchrow like a pool
    try:
        for n in range(appends):
            rows, now = party_rows(f"W{writer}-{n}-{uuid4().hex[:6]}")
            if rng.random() < 0.5:
                committed.append((await store.append(rows, META, now)).position)
                continue
            try:
                async with conn.transaction():
                    await conn.fetchval("SELECT pg_current_xact_id()")  # the xid now, the position later
                    await asyncio.sleep(rng.uniform(0, 0.01))
                    appended = await store.append(rows, META, now, conn=conn)
                    await asyncio.sleep(rng.uniform(0, 0.02))
                    if rng.random() < 1 / 3:
                        raise _RollBack
            except _RollBack:
                rolled_back.append(appended.position)
                continue
            committed.append(appended.position)
    finally:
        await conn.close()


async def numbering(pool: asyncpg.Pool) -> list[tuple[int, int]]:
    return [(r["seq"], r["position"]) for r in await pool.fetch(
        "SELECT seq, position FROM event_seq ORDER BY seq")]


async def log_order(pool: asyncpg.Pool) -> list[int]:
    return [r["position"] for r in await pool.fetch("SELECT position FROM events ORDER BY txid, position")]


async def follow_prefix(pool: asyncpg.Pool, stop: asyncio.Event, seen: list[int]) -> None:
    """A reader of event_seq: whatever it reads is always the next seqs, never one after a hole."""
    while not stop.is_set():
        rows = await pool.fetch("SELECT seq FROM event_seq WHERE seq > $1 ORDER BY seq",
                                seen[-1] if seen else 0)
        seen.extend(r["seq"] for r in rows)
        await asyncio.sleep(0.005)


async def test_seq_is_dense_gapless_and_in_log_order_under_concurrent_writers_with_rollbacks(dsn, pool):
    committed: list[int] = []
    rolled_back: list[int] = []
    sequencer = Sequencer(pool, EventStore(pool), batch_size=7, poll_interval=0.01)
    stop = asyncio.Event()
    seen: list[int] = []
    running = asyncio.gather(sequencer.run(stop), follow_prefix(pool, stop, seen))
    await asyncio.gather(*(write(dsn, w, 40, committed, rolled_back) for w in range(8)))
    await asyncio.sleep(0.3)
    stop.set()
    await running
    await sequencer.catch_up()

    numbered = await numbering(pool)
    assert len(committed) + len(rolled_back) == 320 and len(rolled_back) > 20
    assert [seq for seq, _ in numbered] == list(range(1, len(committed) + 1))
    assert sorted(p for _, p in numbered) == sorted(committed)
    assert [p for _, p in numbered] == await log_order(pool)
    assert seen == list(range(1, len(seen) + 1)) and len(seen) > 100
    assert (await sequencer.mark()).seq == len(committed)


async def test_two_sequencers_at_once_never_number_an_event_twice(dsn, pool):
    committed: list[int] = []
    rolled_back: list[int] = []
    first = Sequencer(pool, EventStore(pool), batch_size=5)
    other_pool = await create_pool(dsn, make_settings(), size=4)
    second = Sequencer(other_pool, EventStore(other_pool), batch_size=3)
    stop = asyncio.Event()

    async def keep_numbering(sequencer: Sequencer) -> None:
        while not stop.is_set():
            await sequencer.catch_up()  # catch_up needs no lock: only the tracking row decides
            await asyncio.sleep(0)

    try:
        racing = asyncio.gather(keep_numbering(first), keep_numbering(second))
        await asyncio.gather(*(write(dsn, w, 30, committed, rolled_back) for w in range(6)))
        await first.catch_up()
        stop.set()
        await racing
        assert await numbering(pool) == list(zip(range(1, len(committed) + 1), await log_order(pool),
                                                 strict=True))
        assert len(committed) + len(rolled_back) == 180
    finally:
        await other_pool.close()


async def test_a_standby_takes_over_when_the_owners_session_dies(dsn, pool):
    pools = [await create_pool(dsn, make_settings(), size=3) for _ in range(2)]
    sequencers = [Sequencer(p, EventStore(p), poll_interval=0.02) for p in pools]
    stop = asyncio.Event()
    running = asyncio.gather(*(s.run(stop) for s in sequencers))
    committed: list[int] = []
    try:
        await write(dsn, 1, 10, committed, [])
        owner = await _lock_holder(pool)
        assert await _numbered_count(pool, len(committed))

        await pool.execute("SELECT pg_terminate_backend($1)", owner)
        await write(dsn, 2, 10, committed, [])
        assert await _numbered_count(pool, len(committed))
        successor = await _lock_holder(pool)
        assert successor != owner
        assert await numbering(pool) == list(zip(range(1, len(committed) + 1), await log_order(pool),
                                                 strict=True))
    finally:
        stop.set()
        await running
        for p in pools:
            await p.close()


async def _lock_holder(pool: asyncpg.Pool, timeout: float = 5) -> int:
    """The backend pid holding the sequencer's advisory lock, once someone does."""
    for _ in range(int(timeout / 0.02)):
        pid = await pool.fetchval(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = $1::bigint::oid "
            "AND classid = 0", LOCK_KEY)
        if pid:
            return pid
        await asyncio.sleep(0.02)
    raise AssertionError("nobody holds the sequencer lock")


async def _numbered_count(pool: asyncpg.Pool, expected: int, timeout: float = 10) -> bool:
    for _ in range(int(timeout / 0.02)):
        if await pool.fetchval("SELECT count(*) FROM event_seq") == expected:
            return True
        await asyncio.sleep(0.02)
    return False
