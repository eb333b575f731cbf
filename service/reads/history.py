"""An agreement's stored events: who may read them, and filtered pages of them in stream order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import asyncpg

from service.reads.amendment_history import amendment_history
from service.reads.commitment_story import Told, commitment_story
from service.reads.errors import AggregateNotFound
from service.reads.event_views import AuditEventPage, event_view
from service.reads.story_views import AmendmentList, CommitmentStoryView
from service.store.eventstore import COLUMNS, stored_row
from service.store.leaf import leaf_bytes, numbered
from service.store.mapper import Mapper, StoredEvent

# Visible to every party the stream ever added (as the agreement's own read is), and to admins (None).
SEEN = """
SELECT stream_type = 'agreement' AND ($2::uuid IS NULL OR EXISTS (
    SELECT 1 FROM events p WHERE p.stream_id = $1 AND p.event_type = 'agreement.party_added'
    AND p.payload->>'party_id' = $2::text))
FROM events WHERE stream_id = $1 AND version = 1
"""
# An event names a commitment in its payload: as the one it acts on, the one it defines, one of an
# amendment's changes or one of a delegation's.
NAMES_COMMITMENT = """(
    payload->>'commitment_code' = $4
    OR (event_type = 'agreement.commitment_defined' AND payload->>'code' = $4)
    OR EXISTS (SELECT 1 FROM json_array_elements(CASE WHEN json_typeof(payload->'changes') = 'array'
               THEN payload->'changes' ELSE '[]'::json END) c WHERE c->>'commitment_code' = $4)
    OR EXISTS (SELECT 1 FROM json_array_elements_text(CASE WHEN json_typeof(payload->'commitment_codes')
               = 'array' THEN payload->'commitment_codes' ELSE '[]'::json END) k WHERE k = $4))"""
FILTERED = f"""
SELECT {COLUMNS}, numbered.seq, numbered.leaf FROM events {numbered("events")}
WHERE stream_id = $1 AND version > $2
  AND ($3::text[] IS NULL OR event_type = ANY($3)) AND ($4::text IS NULL OR {NAMES_COMMITMENT})
  AND ($5::timestamptz IS NULL OR occurred_at >= $5) AND ($6::timestamptz IS NULL OR occurred_at < $6)
  AND ($7::timestamptz IS NULL OR recorded_at >= $7) AND ($8::timestamptz IS NULL OR recorded_at < $8)
ORDER BY version LIMIT $9
"""


@dataclass(frozen=True)
class EventFilter:
    """Which events of a stream: by type name, by commitment, and half-open ranges on either clock."""

    types: tuple[str, ...] = ()
    commitment: str | None = None
    occurred_from: datetime | None = None
    occurred_to: datetime | None = None
    recorded_from: datetime | None = None
    recorded_to: datetime | None = None


def stored_event(row: asyncpg.Record) -> StoredEvent:
    """A row selected with eventstore.COLUMNS."""
    return stored_row(row)


async def require_visible(conn: asyncpg.Connection | asyncpg.Pool, agreement_id: UUID,
                          viewer: UUID | None) -> None:
    """An agreement the viewer is party to (None: any); otherwise not found, as an unknown one."""
    if not await conn.fetchval(SEEN, agreement_id, viewer):
        raise AggregateNotFound("agreement", agreement_id)


class History:
    def __init__(self, pool: asyncpg.Pool, mapper: Mapper) -> None:
        self.pool = pool
        self.mapper = mapper

    async def events(self, agreement_id: UUID, viewer: UUID | None, where: EventFilter,
                     after_version: int, limit: int) -> AuditEventPage:
        async with self.pool.acquire() as conn, conn.transaction(isolation="repeatable_read",
                                                                 readonly=True):
            await require_visible(conn, agreement_id, viewer)
            rows = await conn.fetch(
                FILTERED, agreement_id, after_version, list(where.types) or None, where.commitment,
                where.occurred_from, where.occurred_to, where.recorded_from, where.recorded_to, limit + 1)
        items = [event_view(stored_event(r), r["seq"], leaf_bytes(r)) for r in rows[:limit]]
        more = len(rows) > limit
        return AuditEventPage(items=items, next_cursor=str(items[-1].version) if more else None)

    async def told(self, agreement_id: UUID, viewer: UUID | None) -> list[Told]:
        """Every stored event of a visible agreement in stream order, each with its domain event."""
        async with self.pool.acquire() as conn, conn.transaction(isolation="repeatable_read",
                                                                 readonly=True):
            await require_visible(conn, agreement_id, viewer)
            rows = await conn.fetch(f"SELECT {COLUMNS} FROM events WHERE stream_id = $1 ORDER BY version",
                                    agreement_id)
        return [(s, self.mapper.to_domain_event(s)) for s in map(stored_event, rows)]

    async def commitment(self, agreement_id: UUID, code: str, viewer: UUID | None) -> CommitmentStoryView:
        return commitment_story(agreement_id, code, await self.told(agreement_id, viewer))

    async def amendments(self, agreement_id: UUID, viewer: UUID | None) -> AmendmentList:
        return amendment_history(await self.told(agreement_id, viewer))
