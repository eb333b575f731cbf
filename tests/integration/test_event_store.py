"""The event store on a real PostgreSQL: atomic appends, the hash chain, idempotency, immutability,
migrations, and the key guarantee: a reader following the global log never skips an event and never
sees one twice, while writers run in parallel, conflict, roll back and sit idle in transactions."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import os
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID, uuid4

import asyncpg
import msgspec
import pytest
from eventsourcing.domain import OriginatorVersionError

from domain.agreement import Agreement
from domain.party import Party
from domain.values import InstrumentType, LocalizedString, TextKind
from service.store.db import connect, create_pool, with_database
from service.store.eventstore import (
    START,
    ConcurrencyConflict,
    EventStore,
    IdempotencyClaim,
    IdempotencyKeyTaken,
    LogCursor,
)
from service.store.mapper import GENESIS_HASH, EventMetadata, Mapper, NewEvent, StoredEvent, chain_hash
from service.store.migrate import migrate, migration_files
from service.store.repository import Repository
from tests.conftest import test_settings as make_settings

MAPPER = Mapper()


def text(value: str) -> dict[str, LocalizedString]:
    return {"zh-Hans": LocalizedString(value, TextKind.AUTHENTIC)}


def draft(agreement_id: UUID | None = None, code: str = "GD-MO-2021-01") -> Agreement:
    return Agreement.draft(agreement_id or uuid4(), code, text("粤澳合作协议"), "zh-Hans",
                           InstrumentType.COOPERATION_AGREEMENT)


def with_areas(agreement: Agreement, codes: range) -> Agreement:
    """The agreement with an area defined for each number: A<n>, 领域<n>."""
    for i in codes:
        agreement.define_area(f"A{i}", text(f"领域{i}"))
    return agreement


def rows_for(aggregate, prev_hash: bytes = GENESIS_HASH, meta: EventMetadata | None = None,
             occurred_at: datetime | None = None) -> tuple[list[NewEvent], bytes, datetime]:
    """The aggregate's pending events as rows to append, with their metadata and recording time."""
    now = datetime.now(UTC)
    metadata = MAPPER.encode_metadata(meta or EventMetadata(actor_user="test"))
    rows = MAPPER.to_new_events(aggregate.collect_events(), prev_hash, metadata,
                                occurred_at or now, now)
    return rows, metadata, now


def assert_chain_intact(stored: list[StoredEvent]) -> None:
    prev = GENESIS_HASH
    for s in stored:
        expected = chain_hash(prev, s.stream_id, s.version, s.event_type, s.schema_version,
                              s.payload, s.metadata, s.occurred_at, s.recorded_at)
        assert s.hash == expected, f"hash chain broken at {s.stream_id} v{s.version}"
        prev = s.hash


# -- appends ------------------------------------------------------------------------------------


async def test_append_of_several_events_is_all_or_nothing(pool):
    store = EventStore(pool)
    agreement = draft()
    for code in ("A1", "A2"):
        agreement.define_area(code, text(f"领域{code}"))
    rows, metadata, now = rows_for(agreement)
    appended = await store.append(rows, metadata, now)
    assert (appended.version, len(await store.read_stream(agreement.id))) == (3, 3)

    # Someone else stored version 5; a command appending 4, 5, 6 must store none of them.
    for code in ("A3", "A4", "A5"):
        agreement.define_area(code, text(f"领域{code}"))
    rows, metadata, now = rows_for(agreement, prev_hash=rows[-1].hash)
    assert [r.version for r in rows] == [4, 5, 6]
    await store.append([rows[1]], metadata, now)
    with pytest.raises(ConcurrencyConflict):
        await store.append(rows, metadata, now)
    assert [s.version for s in await store.read_stream(agreement.id)] == [1, 2, 3, 5]

    # A batch that collides with itself in the middle stores nothing either.
    with pytest.raises(ConcurrencyConflict):
        await store.append([rows[0], rows[0], rows[2]], metadata, now)
    assert [s.version for s in await store.read_stream(agreement.id)] == [1, 2, 3, 5]
    assert await pool.fetchval("SELECT count(*) FROM events") == 4


async def test_stale_expected_version_raises_conflict_through_the_repository(pool):
    mine, theirs = Repository(EventStore(pool), MAPPER), Repository(EventStore(pool), MAPPER)
    agreement = draft()
    now = datetime.now(UTC)
    meta = EventMetadata(actor_user="test")
    await mine.save(agreement, meta, now, now)
    other = await theirs.get(Agreement, agreement.id)
    other.define_area("A1", text("一"))
    await theirs.save(other, meta, now, now)

    cached = await mine.get(Agreement, agreement.id)  # the cached copy, now behind the store
    assert cached.version == 1
    cached.define_area("A2", text("二"))
    with pytest.raises(ConcurrencyConflict):
        await mine.save(cached, meta, now, now)
    fresh = await mine.get(Agreement, agreement.id, fresh=True)
    assert fresh.version == 2
    fresh.define_area("A2", text("二"))
    assert (await mine.save(fresh, meta, now, now)).version == 3
    assert_chain_intact(await mine.store.read_stream(agreement.id))


async def test_hash_chain_recomputed_from_stored_rows_matches(pool):
    repo = Repository(EventStore(pool), MAPPER)
    agreement = draft()
    party = Party.register("CN-GD-ZH", text("珠海市人民政府"), "CN-GD-Zhuhai")
    now = datetime.now(UTC)
    meta = EventMetadata(actor_user="auditor", correlation_id=uuid4())
    await repo.save(agreement, meta, now, now)
    await repo.save(party, meta, now, now)
    for i in range(5):
        loaded = await repo.get(Agreement, agreement.id, fresh=i % 2 == 0)
        loaded.define_area(f"A{i}", text(f"领域{i}"), aliases=(f"alias{i}",), aim=text("目标"))
        now = datetime.now(UTC)
        await repo.save(loaded, meta, now, now)
    stored = await repo.store.read_stream(agreement.id)
    assert [s.version for s in stored] == [1, 2, 3, 4, 5, 6]
    assert_chain_intact(stored)
    assert_chain_intact(await repo.store.read_stream(party.id))
    assert await repo.store.head_hash(agreement.id, 6) == stored[-1].hash

    # The chain seals the payload: a different byte anywhere breaks it.
    tampered = [*stored[:3], dataclasses.replace(stored[3], payload=stored[3].payload.replace(b"A2", b"A9"))]
    with pytest.raises(AssertionError):
        assert_chain_intact(tampered)


async def test_hash_chain_holds_for_occurred_at_given_in_another_time_zone(pool):
    """Business time arrives with the client's offset (e.g. +08:00); it is stored as UTC."""
    from datetime import timedelta, timezone

    store = EventStore(pool)
    agreement = draft()
    occurred = datetime.now(timezone(timedelta(hours=8))) - timedelta(days=3)
    rows, metadata, now = rows_for(agreement, occurred_at=occurred)
    await store.append(rows, metadata, now)
    assert_chain_intact(await store.read_stream(agreement.id))


async def test_read_stream_after_version(pool):
    store = EventStore(pool)
    agreement = with_areas(draft(), range(4))
    rows, metadata, now = rows_for(agreement)
    await store.append(rows, metadata, now)
    await store.append(*rows_for(draft()))  # another stream, not returned

    assert [s.version for s in await store.read_stream(agreement.id)] == [1, 2, 3, 4, 5]
    assert [s.version for s in await store.read_stream(agreement.id, after_version=3)] == [4, 5]
    assert await store.read_stream(agreement.id, after_version=5) == []
    assert await store.read_stream(uuid4()) == []
    tail = await store.read_stream(agreement.id, after_version=2)
    assert [MAPPER.to_domain_event(s).code for s in tail] == ["A1", "A2", "A3"]


async def test_a_replay_reads_the_stream_type_on_the_first_event_and_the_hash_on_the_last(pool):
    store = EventStore(pool)
    agreement = with_areas(draft(), range(1))
    first, metadata, drafted_at = rows_for(agreement)
    await store.append(first, metadata, drafted_at)
    with_areas(agreement, range(1, 3))
    later, metadata, defined_at = rows_for(agreement, prev_hash=first[-1].hash)
    await store.append(later, metadata, defined_at)
    assert drafted_at < defined_at

    read = await store.read_for_replay(agreement.id)
    assert [(r[0], r[1], r[6]) for r in read] == [
        (1, "agreement.drafted", "agreement"), (2, "agreement.area_defined", None),
        (3, "agreement.area_defined", None), (4, "agreement.area_defined", None)]
    assert [r[5] for r in read] == [None, None, None, later[1].hash]
    assert [r[4] for r in read] == [drafted_at, None, None, defined_at]  # the first's and the last's
    tail = await store.read_for_replay(agreement.id, after_version=2)
    assert [(r[0], r[4], r[5]) for r in tail] == [(3, None, None), (4, defined_at, later[1].hash)]

    repo = Repository(store, MAPPER, cache_size=0)
    loaded = await repo.load(Agreement, agreement.id)
    assert (loaded.version, list(loaded.areas), loaded._head_hash) == (4, ["A0", "A1", "A2"], later[1].hash)
    assert (loaded.created_on, loaded.modified_on) == (drafted_at, defined_at)
    behind = await repo.replay(Agreement, agreement.id, up_to_version=3)
    assert (behind.version, list(behind.areas), behind._head_hash) == (3, ["A0", "A1"], later[0].hash)
    assert (behind.created_on, behind.modified_on) == (drafted_at, defined_at)
    drafted = await repo.replay(Agreement, agreement.id, up_to_version=2)
    assert (drafted.version, drafted._head_hash, drafted.modified_on) == (2, first[1].hash, drafted_at)


async def test_a_replay_refuses_a_stream_with_a_missing_version(pool):
    store = EventStore(pool)
    agreement = with_areas(draft(), range(3))
    rows, metadata, now = rows_for(agreement)
    await store.append(rows[:2], metadata, now)
    await store.append([rows[3]], metadata, now)  # version 4 without 3

    with pytest.raises(OriginatorVersionError):
        await Repository(store, MAPPER, cache_size=0).load(Agreement, agreement.id)


async def test_idempotency_key_is_stored_with_the_events_and_taken_once(pool):
    store = EventStore(pool)
    claim = IdempotencyClaim("party:zh", "key-1", "fingerprint-1")
    agreement = draft()
    agreement.define_area("A1", text("一"))
    rows, metadata, now = rows_for(agreement, meta=EventMetadata(idempotency_key="key-1"))
    appended = await store.append(rows, metadata, now, idempotency=claim)

    remembered = await store.remembered("party:zh", "key-1")
    assert dict(remembered) == {"fingerprint": "fingerprint-1", "stream_id": agreement.id,
                                "version": 2, "position": appended.position}
    stored = await store.read_stream(agreement.id)
    assert all(msgspec.json.decode(s.metadata)["idempotency_key"] == "key-1" for s in stored)

    other = draft()
    rows, metadata, now = rows_for(other)
    with pytest.raises(IdempotencyKeyTaken):
        await store.append(rows, metadata, now, idempotency=claim)
    assert await store.read_stream(other.id) == []
    # The same key in another scope is another key.
    await store.append(rows, metadata, now, idempotency=IdempotencyClaim("party:mo", "key-1", "f"))
    assert await pool.fetchval("SELECT count(*) FROM idempotency_keys") == 2
    assert await pool.fetchval("SELECT count(*) FROM events") == 3


async def test_events_cannot_be_updated_deleted_or_truncated(pool):
    store = EventStore(pool)
    rows, metadata, now = rows_for(draft())
    await store.append(rows, metadata, now)
    for sql in ("UPDATE events SET event_type = 'x'", "DELETE FROM events", "TRUNCATE events"):
        with pytest.raises(asyncpg.RaiseError, match="immutable"):
            await pool.execute(sql)
    assert await pool.fetchval("SELECT count(*) FROM events") == 1


async def test_migrations_apply_once_when_two_migrators_race(server_dsn):
    name = f"pactum_migrate_{os.getpid()}_{uuid4().hex[:8]}"
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        first = await asyncpg.connect(with_database(server_dsn, name))
        second = await asyncpg.connect(with_database(server_dsn, name))
        try:
            applied = await asyncio.gather(migrate(first), migrate(second))
            names = [n for n, _ in migration_files()]
            assert sorted(applied[0] + applied[1]) == names
            assert [] in applied
            ledger = await first.fetch("SELECT name FROM schema_migrations ORDER BY name")
            assert [r["name"] for r in ledger] == names
            assert await first.fetchval("SELECT count(*) FROM events") == 0
            assert await migrate(second) == []
        finally:
            await first.close()
            await second.close()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


# -- the global log ---------------------------------------------------------------------------


async def test_read_log_waits_for_a_transaction_in_flight(dsn, pool, settings):
    """A later transaction that commits first is not read before the earlier one is done."""
    store = EventStore(pool)
    conn = await connect(dsn, settings)
    try:
        early = conn.transaction()
        await early.start()
        rows, metadata, now = rows_for(draft())
        await store.append(rows, metadata, now, conn=conn)  # takes the lower txid, stays open
        late_rows, metadata, now = rows_for(draft())
        await store.append(late_rows, metadata, now)  # commits first
        assert await store.read_log(START) == []
        await early.commit()
        seen = await store.read_log(START)
        assert [s.stream_id for s in seen] == [rows[0].stream_id, late_rows[0].stream_id]
        assert seen[0].txid < seen[1].txid and seen[0].position < seen[1].position
        after = LogCursor(seen[0].txid, seen[0].position)
        assert [s.position for s in await store.read_log(after)] == [seen[1].position]
        assert await store.read_log(LogCursor(seen[1].txid, seen[1].position)) == []
        assert await store.cursor_of(seen[1].position) == LogCursor(seen[1].txid, seen[1].position)
    finally:
        await conn.close()


async def test_read_log_orders_by_txid_not_position(dsn, pool, settings):
    """A transaction that took its xid first but its position last is still read first."""
    store = EventStore(pool)
    conn = await connect(dsn, settings)
    try:
        async with conn.transaction():
            await conn.fetchval("SELECT pg_current_xact_id()")
            other_rows, metadata, now = rows_for(draft())
            await store.append(other_rows, metadata, now)
            rows, metadata, now = rows_for(draft())
            await store.append(rows, metadata, now, conn=conn)
        seen = await store.read_log(START)
        assert [s.stream_id for s in seen] == [rows[0].stream_id, other_rows[0].stream_id]
        assert seen[0].position > seen[1].position
    finally:
        await conn.close()


async def test_rolled_back_append_in_a_joined_transaction_is_never_read(dsn, pool, settings):
    store = EventStore(pool)
    conn = await connect(dsn, settings)
    try:
        rows, metadata, now = rows_for(draft())
        with pytest.raises(RuntimeError):
            async with conn.transaction():
                await store.append(rows, metadata, now, conn=conn)
                raise RuntimeError("roll back")
        kept, metadata, now = rows_for(draft())
        await store.append(kept, metadata, now)
        assert [s.stream_id for s in await store.read_log(START)] == [kept[0].stream_id]
    finally:
        await conn.close()


async def test_idle_in_transaction_session_is_ended_and_stall_bounded(dsn, pool):
    settings = make_settings(idle_in_transaction_timeout_s=1, transaction_timeout_s=3)
    store = EventStore(pool)
    conn = await connect(dsn, settings)
    try:
        tr = conn.transaction()
        await tr.start()
        held, metadata, now = rows_for(draft())
        await store.append(held, metadata, now, conn=conn)
        kept, metadata, now = rows_for(draft())
        await store.append(kept, metadata, now)
        started = time.monotonic()
        seen: list[StoredEvent] = []
        while not seen and time.monotonic() - started < 10:
            seen = await store.read_log(START)
            await asyncio.sleep(0.02)
        stall = time.monotonic() - started
        assert [s.stream_id for s in seen] == [kept[0].stream_id]
        assert 0.5 < stall < settings.idle_in_transaction_timeout_s + 1.5
        with pytest.raises((asyncpg.PostgresError, asyncpg.InterfaceError)):
            await tr.commit()
    finally:
        await conn.close()
    assert await pool.fetchval("SELECT count(*) FROM events") == 1


# -- the gapless-log acceptance test ----------------------------------------------------------

WRITERS = 8
APPENDS_PER_WRITER = 500
SHARED_PAIRS = {4: 0, 5: 0, 6: 1, 7: 1}  # writer -> group of shared agreements
SHARED_AGREEMENTS_PER_GROUP = 6
AREAS_PER_PRIVATE_AGREEMENT = 30
EXPLICIT_TX_SHARE = 0.08


@dataclass
class Ledger:
    """What the writers did, to hold the reader's view against."""

    committed_at: dict[bytes, float] = field(default_factory=dict)  # event hash -> commit time
    rolled_back: set[bytes] = field(default_factory=set)
    rolled_back_codes: set[str] = field(default_factory=set)
    conflicts: int = 0
    explicit_commits: int = 0
    appends: int = 0
    killed_idle_hash: bytes | None = None
    idle_session_killed: bool = False
    short_idle_hash: bytes | None = None

    def committed(self, hashes) -> None:
        now = time.monotonic()
        for h in hashes:
            self.committed_at[h] = now


async def test_reader_sees_every_committed_event_exactly_once(dsn):
    settings = make_settings(transaction_timeout_s=5, idle_in_transaction_timeout_s=3, pool_size=12)
    pool = await create_pool(dsn, settings, size=12)
    store = EventStore(pool)
    ledger = Ledger()
    hold_now = asyncio.Event()  # the idle session starts once the writers are well under way
    meta = EventMetadata(actor_user="writer")

    async def save(repo: Repository, aggregate) -> None:
        now = datetime.now(UTC)
        await repo.save(aggregate, meta, now, now)
        ledger.committed([aggregate._head_hash])
        ledger.appends += 1
        if ledger.appends >= WRITERS * APPENDS_PER_WRITER * 0.1:
            hold_now.set()

    # Agreements that two writers (two processes, each with its own cache) append to.
    setup = Repository(store, MAPPER)
    shared: dict[int, list[UUID]] = {}
    for group in set(SHARED_PAIRS.values()):
        shared[group] = []
        for n in range(SHARED_AGREEMENTS_PER_GROUP):
            agreement = draft(code=f"SHARED-{group}-{n}")
            await save(setup, agreement)
            shared[group].append(agreement.id)

    async def explicit_append(repo, conn, aggregate, rng) -> None:
        """Append inside a transaction on a dedicated connection; commit or roll back at random."""
        prev = await repo._head_hash(aggregate, aggregate.version - 1)
        rows, metadata, now = rows_for(aggregate, prev_hash=prev, meta=meta)
        roll_back = rng.random() < 0.5
        try:
            async with conn.transaction():
                if rng.random() < 0.5:  # take the xid now, the position later
                    await conn.fetchval("SELECT pg_current_xact_id()")
                    await asyncio.sleep(rng.uniform(0, 0.02))
                await store.append(rows, metadata, now, conn=conn)
                await asyncio.sleep(rng.uniform(0, 0.03))  # in flight while others commit
                if roll_back:
                    raise _RollBack
        except _RollBack:
            ledger.rolled_back.update(r.hash for r in rows)
            ledger.rolled_back_codes.update(msgspec.json.decode(r.payload).get("code") for r in rows)
            return
        ledger.committed(r.hash for r in rows)
        ledger.explicit_commits += 1
        ledger.appends += 1

    async def writer(n: int) -> None:
        rng = random.Random(n)
        repo = Repository(store, MAPPER)  # its own cache, as another process would have
        conn = await connect(dsn, settings)
        done, serial, current = 0, 0, None
        try:
            while done < APPENDS_PER_WRITER:
                if n in SHARED_PAIRS:
                    target = rng.choice(shared[SHARED_PAIRS[n]])
                elif current is None or serial % AREAS_PER_PRIVATE_AGREEMENT == 0:
                    if rng.random() < 0.2:
                        await save(repo, Party.register(f"P-{n}-{serial}", text("政府"), "CN-GD"))
                    current = draft(code=f"W{n}-{serial}")
                    await save(repo, current)
                    current, serial, done = current.id, serial + 1, done + 1
                    continue
                else:
                    target = current
                code = f"w{n}-{serial}"
                serial += 1
                fresh = False
                while True:
                    aggregate = await repo.get(Agreement, target, fresh=fresh)
                    aggregate.define_area(code, text(f"合作领域 {code}"))
                    try:
                        if rng.random() < EXPLICIT_TX_SHARE:
                            before = len(ledger.rolled_back)
                            await explicit_append(repo, conn, aggregate, rng)
                            if len(ledger.rolled_back) > before:
                                break  # that command never happened; the next one takes a new code
                        else:
                            await save(repo, aggregate)
                    except ConcurrencyConflict:
                        ledger.conflicts += 1
                        fresh = True
                        continue
                    done += 1
                    break
                await asyncio.sleep(0)
        finally:
            await conn.close()

    async def idle_sessions() -> None:
        """One session idles in its transaction briefly and commits; one idles until it is ended."""
        await hold_now.wait()
        conn = await connect(dsn, settings)
        try:
            async with conn.transaction():
                party = Party.register("IDLE-SHORT", text("短暂闲置"))
                rows, metadata, now = rows_for(party, meta=meta)
                await store.append(rows, metadata, now, conn=conn)
                await asyncio.sleep(1.0)
            ledger.committed(r.hash for r in rows)
            ledger.short_idle_hash = rows[0].hash
        finally:
            await conn.close()
        conn = await connect(dsn, settings)
        try:
            tr = conn.transaction()
            await tr.start()
            party = Party.register("IDLE-LONG", text("长期闲置"))
            rows, metadata, now = rows_for(party, meta=meta)
            await store.append(rows, metadata, now, conn=conn)
            ledger.killed_idle_hash = rows[0].hash
            await asyncio.sleep(settings.idle_in_transaction_timeout_s + 1.5)
            try:
                await tr.commit()
            except (asyncpg.IdleInTransactionSessionTimeoutError, asyncpg.ConnectionDoesNotExistError,
                    asyncpg.InterfaceError):
                ledger.idle_session_killed = True
        finally:
            await conn.close()

    seen: list[StoredEvent] = []
    seen_at: dict[bytes, float] = {}
    cursors: list[LogCursor] = []
    expected_total: list[int] = []

    async def reader() -> None:
        cursor = START
        deadline = None
        while True:
            batch = await store.read_log(cursor, limit=200)
            now = time.monotonic()
            for event in batch:
                seen.append(event)
                seen_at.setdefault(event.hash, now)
                cursor = LogCursor(event.txid, event.position)
            cursors.append(cursor)
            if batch:
                continue
            if expected_total:
                deadline = deadline or now + 20
                if len(seen) >= expected_total[0] or now > deadline:
                    return
            await asyncio.sleep(0.002)

    started = time.monotonic()
    reading = asyncio.create_task(reader())
    try:
        await asyncio.gather(*(writer(n) for n in range(WRITERS)), idle_sessions())
        expected_total.append(await pool.fetchval("SELECT count(*) FROM events"))
        await asyncio.wait_for(reading, 30)
        elapsed = time.monotonic() - started

        rows = await pool.fetch("SELECT position, txid, hash, payload FROM events ORDER BY txid, position")
        stream_versions = await pool.fetch(
            "SELECT stream_id, count(*) AS n, min(version) AS lo, max(version) AS hi, "
            "count(DISTINCT version) AS distinct_versions FROM events GROUP BY stream_id")
        streams = [await store.read_stream(r["stream_id"]) for r in stream_versions]
    finally:
        if not reading.done():
            reading.cancel()
        await pool.close()

    positions = [e.position for e in seen]
    # Every committed event exactly once, in the log's (txid, position) order.
    assert len(positions) == len(set(positions)), "the reader saw an event twice"
    assert positions == [r["position"] for r in rows], "the reader missed events or saw them out of order"
    keys = [(e.txid, e.position) for e in seen]
    assert keys == sorted(keys)
    assert all((a.txid, a.position) <= (b.txid, b.position) for a, b in itertools.pairwise(cursors)), \
        "the reader's cursor went backwards"
    # What the writers committed is exactly what was read; nothing rolled back or killed shows.
    assert {e.hash for e in seen} == set(ledger.committed_at)
    assert not ledger.rolled_back & {e.hash for e in seen}
    assert not any(msgspec.json.decode(r["payload"]).get("code") in ledger.rolled_back_codes
                   for r in rows)
    assert ledger.idle_session_killed, "the idle-in-transaction session was not ended"
    assert ledger.killed_idle_hash not in seen_at
    assert ledger.short_idle_hash in seen_at
    # The workload did what it is meant to.
    assert len(seen) == ledger.appends + 1  # and the idle session that committed
    assert ledger.appends >= WRITERS * APPENDS_PER_WRITER + len(shared) * SHARED_AGREEMENTS_PER_GROUP
    assert ledger.conflicts > 0 and ledger.explicit_commits > 0 and ledger.rolled_back
    # Streams: versions 1..n without holes, hash chains intact.
    for r in stream_versions:
        assert (r["lo"], r["hi"], r["distinct_versions"]) == (1, r["n"], r["n"]), r
    for stream in streams:
        assert_chain_intact(stream)
    # The stall behind the idle session is bounded by the idle-in-transaction timeout.
    stall = max(seen_at[h] - t for h, t in ledger.committed_at.items())
    timeout = settings.idle_in_transaction_timeout_s
    assert timeout * 0.5 < stall < timeout + 2.0, f"longest stall {stall:.2f} s"
    print(f"\n{len(seen)} events, {ledger.conflicts} conflicts, {len(ledger.rolled_back)} rolled back, "
          f"{ledger.explicit_commits} explicit commits, longest stall {stall:.2f} s, {elapsed:.1f} s")


class _RollBack(Exception):
    pass
