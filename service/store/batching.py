"""How a batch of events reaches the projections: each event decoded once (for all of them), given only to
the projections that handle its class, their writes sent as one statement per run of the same SQL."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from functools import singledispatchmethod
from typing import Any

import asyncpg
import msgspec

from projections import Envelope, Projection
from projections.base import Handler, handles
from service.store.mapper import EventMetadata, Mapper, StoredEvent
from service.store.storable import StorableConnection

_meta = msgspec.json.Decoder(EventMetadata)


def envelope(stored: StoredEvent) -> Envelope:
    return Envelope(stored.position, stored.txid, stored.stream_id, stored.version,
                    stored.occurred_at, stored.recorded_at, _meta.decode(stored.metadata).actor_party)


class BatchingConnection:
    """A connection whose consecutive executes of one statement go out as one executemany.

    In order: a different statement, or any read, first sends what is pending; `flush` sends the rest.
    """

    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = StorableConnection(conn)
        self._query: str | None = None
        self._rows: list[tuple[Any, ...]] = []

    async def execute(self, query: str, *args: Any) -> None:
        if query != self._query:
            await self.flush()
            self._query = query
        self._rows.append(args)

    async def flush(self) -> None:
        if not self._rows:
            return
        query, rows = self._query, self._rows
        self._query, self._rows = None, []
        if len(rows) == 1:
            await self._conn.execute(query, *rows[0])
        else:
            await self._conn.executemany(query, rows)

    async def fetch(self, query: str, *args: Any) -> list[asyncpg.Record]:
        await self.flush()
        return await self._conn.fetch(query, *args)

    async def fetchrow(self, query: str, *args: Any) -> asyncpg.Record | None:
        await self.flush()
        return await self._conn.fetchrow(query, *args)

    async def fetchval(self, query: str, *args: Any) -> Any:
        await self.flush()
        return await self._conn.fetchval(query, *args)


def handler_of(projection: Projection, event_type: type) -> Handler:
    """The projection's apply for this class, looked up once (a singledispatchmethod binds anew per call)."""
    method = type(projection).__dict__.get("apply")
    if isinstance(method, singledispatchmethod):
        return functools.partial(method.dispatcher.dispatch(event_type), projection)
    return projection.apply


class Dispatch:
    """Which projections handle which stored event types (worked out once per type)."""

    def __init__(self, mapper: Mapper, projections: Sequence[Projection]) -> None:
        self.mapper = mapper
        self.projections = tuple(projections)
        self._by_type: dict[str, tuple[tuple[int, Handler], ...]] = {}

    def readers(self, event_type: str) -> tuple[tuple[int, Handler], ...]:
        """The projections (by index) that handle events of this type, each with its handler."""
        found = self._by_type.get(event_type)
        if found is None:
            cls = self.mapper.event_class(event_type)
            found = () if cls is None else tuple(
                (i, handler_of(p, cls)) for i, p in enumerate(self.projections) if handles(p, cls))
            self._by_type[event_type] = found
        return found

    async def apply(self, conn: asyncpg.Connection, batch: Sequence[StoredEvent],
                    skipped: Sequence[frozenset[int]]) -> None:
        """Apply the batch to every projection (`skipped[i]`: positions projection i leaves out)."""
        writes = [BatchingConnection(conn) for _ in self.projections]
        some_skipped = any(skipped)
        for stored in batch:
            if not self.mapper.is_known(stored.event_type):
                continue
            if some_skipped and all(stored.position in s for s in skipped):
                continue
            # decoded even when none of them reads it: an event that cannot be decoded parks them all
            event, env = self.mapper.to_domain_event(stored), envelope(stored)
            for i, handler in self.readers(stored.event_type):
                if not some_skipped or stored.position not in skipped[i]:
                    await handler(event, env, writes[i])
        for w in writes:
            await w.flush()
