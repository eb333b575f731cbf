"""The feed: the log in seq order, filtered to what the caller may see, a page at a time or long polled."""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

import asyncpg
import msgspec
from msgspec import Meta

from service.reads.event_types import EVENT_TYPES, FeedEvent
from service.reads.wire import View
from service.store.audience import PUBLIC_STREAM_TYPES
from service.store.leaf import LEAF_BASE64, PREVIOUS
from service.store.sequencer import NAME
from service.store.seqwatch import SeqWatch

SCAN = 5000  # seqs one page examines at most for a filtered reader, so a page is cheap whoever asks
HEAD = "SELECT seq FROM sequencer_tracking WHERE name = $1"
# Each event as its JSON document, built by PostgreSQL: the payload passes through as stored, and the
# leaf is the bytes the log's Merkle leaf hashes.
PAGE = f"""
SELECT s.seq, s.event_id, json_build_object(
    'type', e.event_type, 'seq', s.seq, 'id', s.event_id, 'streamId', e.stream_id,
    'streamType', e.stream_type, 'version', e.version, 'schemaVersion', e.schema_version,
    'occurredAt', e.occurred_at, 'recordedAt', e.recorded_at,
    'actor', json_build_object('party', e.metadata->'actor_party', 'keyId', e.metadata->'api_key_id',
                               'onBehalfOf', e.metadata->'on_behalf_of', 'user', e.metadata->'actor_user'),
    'leaf', {LEAF_BASE64}, 'payload', e.payload)::text AS document
FROM event_seq s JOIN events e ON e.position = s.position {PREVIOUS}
WHERE s.seq > $1 AND s.seq <= $2
  AND ($3::uuid IS NULL OR e.stream_type = ANY($4::text[])
       OR EXISTS (SELECT 1 FROM feed_member m WHERE m.party_id = $3 AND m.stream_id = s.stream_id))
  AND ($5::text[] IS NULL OR e.event_type = ANY($5::text[]))
ORDER BY s.seq
LIMIT $6
"""


class SeqNotReached(Exception):
    """The cursor names a seq the log has not reached: not one this API handed out."""


class UnknownEventType(Exception):
    """A filter names an event type the log does not have."""


class EventPage(View):
    """Events after the cursor, oldest first, that the caller may see."""

    items: list[FeedEvent]
    next_after: Annotated[int, Meta(ge=0, description=(
        "The cursor for the next page (?after=): the last seq this page examined. It can be past the last "
        "item, when events the caller may not see were passed over."))]
    head: Annotated[int, Meta(ge=0, description="The last seq given so far")]


class EventRecord(msgspec.Struct, array_like=True):
    """An event as sent: its seq, its id and its document (an item of the documented union)."""

    seq: int
    id: UUID
    document: msgspec.Raw


class _PageBody(msgspec.Struct, rename="camel"):
    items: list[msgspec.Raw]
    next_after: int
    head: int


_encode = msgspec.json.Encoder().encode


@dataclass(frozen=True, slots=True)
class FeedPage:
    """What the queries return; body() is its EventPage document."""

    events: list[EventRecord]
    next_after: int
    head: int

    def body(self) -> bytes:
        return _encode(_PageBody([e.document for e in self.events], self.next_after, self.head))


def event_types(names: Collection[str] | None) -> list[str] | None:
    """The names, checked against the log's event types (None or empty: every type)."""
    if not names:
        return None
    if unknown := set(names) - EVENT_TYPES.keys():
        raise UnknownEventType(f"no such event types: {', '.join(sorted(unknown))}")
    return sorted(set(names))


class Feed:
    def __init__(self, pool: asyncpg.Pool, watch: SeqWatch, max_wait: float) -> None:
        self.pool = pool
        self.watch = watch
        self.max_wait = max_wait

    async def head(self) -> int:
        return await self.pool.fetchval(HEAD, NAME)

    async def page(self, viewer: UUID | None, after: int, limit: int,
                   types: list[str] | None = None) -> FeedPage:
        """Up to `limit` events after `after` that `viewer` may see (None: every event)."""
        async with self.pool.acquire() as conn:
            head = await conn.fetchval(HEAD, NAME)
            if after > head:
                raise SeqNotReached(f"the log has not reached seq {after}; its last seq is {head}")
            upto = min(after + max(limit, SCAN if viewer or types else limit), head)
            rows = await conn.fetch(PAGE, after, upto, viewer, list(PUBLIC_STREAM_TYPES), types, limit)
        events = [EventRecord(r[0], r[1], msgspec.Raw(r[2])) for r in rows]
        return FeedPage(events, events[-1].seq if len(events) == limit else upto, head)

    async def follow(self, viewer: UUID | None, after: int, limit: int, types: list[str] | None,
                     wait: float) -> FeedPage:
        """Like page(), but waits up to `wait` seconds for an event the viewer may see."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(wait, self.max_wait)
        page = await self.page(viewer, after, limit, types)
        while not page.events and (left := deadline - loop.time()) > 0:
            if page.next_after >= page.head:
                await self.watch.wait_beyond(page.head, left)
            page = await self.page(viewer, page.next_after, limit, types)
        return page
