"""Exports for auditors: JSON Lines, a line describing the export, then one line per stored event.

Each event line carries the stored payload and metadata verbatim (every language included), both clocks, its
hash and the hash before it in its stream, so the chain can be checked line by line, and its seq and leaf
bytes in the transparency log (null until the sequencer numbers it). The range is on the global log position
(`range.on` says which). Only final rows are exported
(below the oldest transaction in flight when the export began), so the count in the first line is the count of
lines that follow; the rows are read in chunks, without holding a transaction open while the reader is slow.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

import asyncpg
import msgspec

from service.reads.history import require_visible
from service.reads.wire import View
from service.store.leaf import leaf_bytes, numbered
from service.store.mapper import GENESIS_HASH

FORMAT = "pactum.events/1"
CHUNK = 500
IN_RANGE = ("($1::uuid IS NULL OR stream_id = $1) AND ($2::bigint IS NULL OR position >= $2) "
            "AND ($3::bigint IS NULL OR position <= $3) AND txid < $4")
BOUNDS = f"SELECT count(*), max(position) FROM events WHERE {IN_RANGE}"
HEAD = "SELECT hash FROM events WHERE stream_id = $1 AND txid < $2 ORDER BY version DESC LIMIT 1"
ROWS = f"""
SELECT position, txid, stream_id, stream_type, version, event_type, schema_version, payload, metadata,
       occurred_at, recorded_at, hash,
       (SELECT p.hash FROM events p WHERE p.stream_id = x.stream_id AND p.version = x.version - 1) AS prev,
       numbered.seq, numbered.leaf
FROM events x {numbered("x")}
WHERE {IN_RANGE} AND position > $5 AND position <= $6 ORDER BY position LIMIT {CHUNK}
"""


class ExportRange(View):
    on: str
    first: int | None = msgspec.field(name="from")
    last: int | None = msgspec.field(name="to")


class ExportHeader(View):
    """The first line: what was exported, how many events follow, and the stream's head hash."""

    format: str
    agreement_id: UUID | None
    range: ExportRange
    count: int
    head_hash: str | None
    exported_at: datetime


class ExportedEvent(View):
    seq: int | None
    position: int
    stream_id: UUID
    stream_type: str
    version: int
    type: str
    schema_version: int
    payload: msgspec.Raw
    metadata: msgspec.Raw
    occurred_at: datetime
    recorded_at: datetime
    hash: str
    prev_hash: str
    leaf: str | None  # base64; None until the event has its seq


@dataclass
class Export:
    """An export whose bounds are fixed: `lines()` yields the header, then every event in range."""

    pool: asyncpg.Pool
    header: ExportHeader
    xmin: int
    last_position: int

    async def lines(self) -> AsyncIterator[bytes]:
        encode = msgspec.json.encode
        yield encode(self.header) + b"\n"
        r, after = self.header.range, 0
        while after < self.last_position:
            rows = await self.pool.fetch(ROWS, self.header.agreement_id, r.first, r.last, self.xmin, after,
                                         self.last_position)
            if not rows:
                return
            yield b"".join(encode(_event(row)) + b"\n" for row in rows)
            after = rows[-1]["position"]


def _event(row: asyncpg.Record) -> ExportedEvent:
    return ExportedEvent(
        seq=row["seq"], position=row["position"], stream_id=row["stream_id"], stream_type=row["stream_type"],
        version=row["version"], type=row["event_type"], schema_version=row["schema_version"],
        payload=msgspec.Raw(row["payload"].encode()), metadata=msgspec.Raw(row["metadata"].encode()),
        occurred_at=row["occurred_at"], recorded_at=row["recorded_at"], hash=row["hash"].hex(),
        prev_hash=(row["prev"] or GENESIS_HASH).hex(),
        leaf=base64.b64encode(leaf).decode() if (leaf := leaf_bytes(row)) is not None else None)


class Exporter:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def open(self, agreement_id: UUID | None, viewer: UUID | None, first: int | None = None,
                   last: int | None = None) -> Export:
        """Fix what an export holds: one visible agreement's events (None: the whole log, for admins)."""
        async with self.pool.acquire() as conn, conn.transaction(isolation="repeatable_read", readonly=True):
            if agreement_id is not None:
                await require_visible(conn, agreement_id, viewer)
            xmin = await conn.fetchval("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
            count, last_position = await conn.fetchrow(BOUNDS, agreement_id, first, last, xmin)
            head = await conn.fetchval(HEAD, agreement_id, xmin) if agreement_id else None
        header = ExportHeader(
            format=FORMAT, agreement_id=agreement_id, count=count,
            range=ExportRange(on="position", first=first, last=last),
            head_hash=head.hex() if head else None, exported_at=datetime.now(UTC))
        return Export(self.pool, header, xmin, last_position or 0)
