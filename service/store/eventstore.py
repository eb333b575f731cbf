"""The event store on asyncpg: atomic appends with expected versions, stream reads, the global log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import asyncpg

from service.store.mapper import NewEvent, StoredEvent
from service.store.shredding import KEYS_OF_EVENT, parse_keys

MAX_EVENTS_PER_APPEND = 1000

# The last column holds the keys of the persons the event names, to open their text (shredding.py).
COLUMNS = ("position, txid, stream_id, stream_type, version, event_type, schema_version, "
           f"payload, metadata, occurred_at, recorded_at, hash, {KEYS_OF_EVENT} AS person_keys")

# One statement, so one round trip and one implicit transaction: the events of one or more commands on one
# stream, each command's idempotency key with them, or nothing. UNIQUE (stream_id, version) rejects a stale
# expected version. Each event carries its command's metadata and time of recording.
APPEND = """
WITH appended AS (
    INSERT INTO events (stream_id, stream_type, version, event_type, schema_version, payload,
                        metadata, occurred_at, recorded_at, hash)
    SELECT $1, $2, e.version, e.event_type, e.schema_version, e.payload::json, e.metadata::json,
           e.occurred_at, e.recorded_at, e.hash
    FROM unnest($3::int[], $4::text[], $5::int[], $6::text[], $7::text[], $8::timestamptz[],
                $9::timestamptz[], $10::bytea[])
         AS e(version, event_type, schema_version, payload, metadata, occurred_at, recorded_at, hash)
    ORDER BY e.version
    RETURNING position, version
), remembered AS (
    INSERT INTO idempotency_keys (scope, key, fingerprint, stream_id, version, position, created_at)
    SELECT k.scope, k.key, k.fingerprint, $1, k.version, a.position, k.created_at
    FROM unnest($11::text[], $12::text[], $13::text[], $14::int[], $15::timestamptz[])
         AS k(scope, key, fingerprint, version, created_at)
    JOIN appended a ON a.version = k.version
)
SELECT position, version FROM appended
"""

# The common case, one event and no idempotency key: scalar parameters encode faster than arrays.
APPEND_ONE = """
INSERT INTO events (stream_id, stream_type, version, event_type, schema_version, payload, metadata,
                    occurred_at, recorded_at, hash)
VALUES ($1, $2, $3, $4, $5, $6::json, $7::json, $8, $9, $10)
RETURNING position, version
"""

# Rows below the oldest transaction still in flight are final: nothing can commit there any more.
# One statement, so the snapshot that bounds the scan is the snapshot the scan runs on.
READ_LOG = f"""
SELECT {COLUMNS} FROM events
WHERE (txid, position) > ($1, $2) AND txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
ORDER BY txid, position
LIMIT $3
"""

READ_STREAM = f"SELECT {COLUMNS} FROM events WHERE stream_id = $1 AND version > $2 ORDER BY version"

# What a replay reads of each event: no position, transaction or metadata (Mapper.replay); the payload
# as its UTF-8 bytes, which msgspec reads without a str between; the stream type with the first event
# only; the recording time with the first and the last only (created_on, modified_on: the events' apply
# never reads it) and the hash with the last only (the head a save chains to). `last_version` is SQL.
def replay_columns(last_version: str) -> str:
    return ("version, event_type, schema_version, convert_to(payload::text, 'UTF8'), "
            f"CASE WHEN version = 1 OR version = {last_version} THEN recorded_at END, "
            f"CASE WHEN version = {last_version} THEN hash END, "
            "CASE WHEN version = 1 THEN stream_type END, "
            f"{KEYS_OF_EVENT} AS person_keys")


# The events of stream $1 after version $2 up to version $3.
_LAST_READ = "(SELECT max(version) FROM events WHERE stream_id = $1 AND version <= $3)"
READ_REPLAY = (f"SELECT {replay_columns(_LAST_READ)} FROM events"
               " WHERE stream_id = $1 AND version > $2 AND version <= $3 ORDER BY version")
LAST_VERSION = 2**31 - 1


class ConcurrencyConflict(Exception):
    """Another command appended to the stream first."""


class IdempotencyKeyTaken(Exception):
    """Another request with the same idempotency key was stored first."""


@dataclass(frozen=True, slots=True)
class LogCursor:
    """A place in the global log: readers move through it in (txid, position) order."""

    txid: int = 0
    position: int = 0


START = LogCursor()


@dataclass(frozen=True, slots=True)
class Appended:
    stream_id: UUID
    version: int
    position: int


@dataclass(frozen=True, slots=True)
class IdempotencyClaim:
    scope: str
    key: str
    fingerprint: str


@dataclass(frozen=True, slots=True)
class CommandEvents:
    """The events one command decided, with what is recorded once per command."""

    events: Sequence[NewEvent]
    metadata: bytes
    recorded_at: datetime
    idempotency: IdempotencyClaim | None = None


def stored_row(row: asyncpg.Record | tuple) -> StoredEvent:
    """A row selected with COLUMNS."""
    return StoredEvent(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7].encode(),
                       row[8].encode(), row[9], row[10], row[11], parse_keys(row[12]))


class EventStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def append(self, events: Sequence[NewEvent], metadata: bytes, recorded_at: datetime,
                     idempotency: IdempotencyClaim | None = None,
                     conn: asyncpg.Connection | None = None) -> Appended:
        """Append one command's events to one stream, atomically, after its expected version.

        Given a connection, the append joins that connection's transaction, if one is open.
        """
        return (await self.append_commands([CommandEvents(events, metadata, recorded_at, idempotency)],
                                           conn))[0]

    async def append_commands(self, commands: Sequence[CommandEvents],
                              conn: asyncpg.Connection | None = None) -> list[Appended]:
        """Append the events of commands decided in turn on one stream, in one statement: all or none.

        The events follow each other without a gap in versions; the answer names, for each command, its
        last version and the log position of its last event.
        """
        events = [e for c in commands for e in c.events]
        if not events or len(events) > MAX_EVENTS_PER_APPEND or any(not c.events for c in commands):
            raise ValueError(f"an append takes 1 to {MAX_EVENTS_PER_APPEND} events, each command some")
        first = events[0]
        metadata = [c.metadata.decode() for c in commands for _ in c.events]
        recorded = [c.recorded_at for c in commands for _ in c.events]
        claims = [(c.idempotency, c.events[-1].version, c.recorded_at) for c in commands if c.idempotency]
        db = conn or self.pool
        try:
            if len(events) == 1 and not claims:
                rows = [await db.fetchrow(APPEND_ONE, first.stream_id, first.stream_type, first.version,
                                          first.event_type, first.schema_version, first.payload.decode(),
                                          metadata[0], first.occurred_at, recorded[0], first.hash)]
            else:
                rows = await db.fetch(
                    APPEND, first.stream_id, first.stream_type,
                    [e.version for e in events], [e.event_type for e in events],
                    [e.schema_version for e in events], [e.payload.decode() for e in events], metadata,
                    [e.occurred_at for e in events], recorded, [e.hash for e in events],
                    [k.scope for k, _, _ in claims], [k.key for k, _, _ in claims],
                    [k.fingerprint for k, _, _ in claims], [v for _, v, _ in claims],
                    [t for _, _, t in claims])
        except asyncpg.UniqueViolationError as error:
            if error.constraint_name == "idempotency_keys_pkey":
                raise IdempotencyKeyTaken(", ".join(k.key for k, _, _ in claims)) from None
            expected = first.version - 1
            raise ConcurrencyConflict(f"stream {first.stream_id} moved past version {expected}") from None
        position = {r["version"]: r["position"] for r in rows}
        return [Appended(first.stream_id, c.events[-1].version, position[c.events[-1].version])
                for c in commands]

    async def read_stream(self, stream_id: UUID, after_version: int = 0) -> list[StoredEvent]:
        rows = await self.pool.fetch(READ_STREAM, stream_id, after_version)
        return [stored_row(r) for r in rows]

    async def read_for_replay(self, stream_id: UUID, after_version: int = 0,
                              up_to_version: int = LAST_VERSION) -> list[asyncpg.Record]:
        """The stream's events after a version and up to one, as rows of replay_columns: what a load
        replays."""
        return await self.pool.fetch(READ_REPLAY, stream_id, after_version, up_to_version)

    async def read_log(self, after: LogCursor, limit: int = 500,
                       conn: asyncpg.Connection | None = None) -> list[StoredEvent]:
        """The next committed events after the cursor, never skipping one still in flight."""
        rows = await (conn or self.pool).fetch(READ_LOG, after.txid, after.position, limit)
        return [stored_row(r) for r in rows]

    async def cursor_of(self, position: int) -> LogCursor | None:
        txid = await self.pool.fetchval("SELECT txid FROM events WHERE position = $1", position)
        return None if txid is None else LogCursor(txid, position)

    async def stream_type(self, stream_id: UUID) -> str | None:
        """The kind of aggregate a stream holds, or None when no such stream exists."""
        return await self.pool.fetchval(
            "SELECT stream_type FROM events WHERE stream_id = $1 AND version = 1", stream_id)

    async def head_hash(self, stream_id: UUID, version: int) -> bytes | None:
        return await self.pool.fetchval(
            "SELECT hash FROM events WHERE stream_id = $1 AND version = $2", stream_id, version)

    async def remembered_all(self, claims: Sequence[tuple[str, str]]
                             ) -> dict[tuple[str, str], asyncpg.Record]:
        """The stored answers to any of these (scope, key) pairs, in one round trip."""
        rows = await self.pool.fetch(
            "SELECT k.scope, k.key, fingerprint, stream_id, version, position FROM idempotency_keys k "
            "JOIN unnest($1::text[], $2::text[]) AS c(scope, key) ON (k.scope, k.key) = (c.scope, c.key)",
            [scope for scope, _ in claims], [key for _, key in claims])
        return {(r["scope"], r["key"]): r for r in rows}

    async def remembered(self, scope: str, key: str) -> asyncpg.Record | None:
        return await self.pool.fetchrow(
            "SELECT fingerprint, stream_id, version, position FROM idempotency_keys "
            "WHERE scope = $1 AND key = $2", scope, key)
