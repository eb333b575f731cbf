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

# One statement, so one round trip and one implicit transaction: all events of a command, and its
# idempotency key, or nothing. UNIQUE (stream_id, version) rejects a stale expected version.
APPEND = """
WITH appended AS (
    INSERT INTO events (stream_id, stream_type, version, event_type, schema_version, payload,
                        metadata, occurred_at, recorded_at, hash)
    SELECT $1, $2, e.version, e.event_type, e.schema_version, e.payload::json, $3::json,
           e.occurred_at, $4, e.hash
    FROM unnest($5::int[], $6::text[], $7::int[], $8::text[], $9::timestamptz[], $10::bytea[])
         AS e(version, event_type, schema_version, payload, occurred_at, hash)
    RETURNING position, version
), remembered AS (
    INSERT INTO idempotency_keys (scope, key, fingerprint, stream_id, version, position, created_at)
    SELECT $11, $12, $13, $1, max(version), max(position), $4 FROM appended
    HAVING $12::text IS NOT NULL
)
SELECT max(position) AS position, max(version) AS version FROM appended
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


def stored_row(row: asyncpg.Record) -> StoredEvent:
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
        if not events or len(events) > MAX_EVENTS_PER_APPEND:
            raise ValueError(f"an append takes 1 to {MAX_EVENTS_PER_APPEND} events")
        first = events[0]
        scope, key, fingerprint = (
            (idempotency.scope, idempotency.key, idempotency.fingerprint) if idempotency else (None,) * 3)
        try:
            row = await (conn or self.pool).fetchrow(
                APPEND, first.stream_id, first.stream_type, metadata.decode(), recorded_at,
                [e.version for e in events], [e.event_type for e in events],
                [e.schema_version for e in events], [e.payload.decode() for e in events],
                [e.occurred_at for e in events], [e.hash for e in events],
                scope, key, fingerprint)
        except asyncpg.UniqueViolationError as error:
            if error.constraint_name == "idempotency_keys_pkey":
                raise IdempotencyKeyTaken(key) from None
            expected = first.version - 1
            raise ConcurrencyConflict(f"stream {first.stream_id} moved past version {expected}") from None
        return Appended(first.stream_id, row["version"], row["position"])

    async def read_stream(self, stream_id: UUID, after_version: int = 0) -> list[StoredEvent]:
        rows = await self.pool.fetch(READ_STREAM, stream_id, after_version)
        return [stored_row(r) for r in rows]

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

    async def remembered(self, scope: str, key: str) -> asyncpg.Record | None:
        return await self.pool.fetchrow(
            "SELECT fingerprint, stream_id, version, position FROM idempotency_keys "
            "WHERE scope = $1 AND key = $2", scope, key)
