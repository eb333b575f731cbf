"""How a batch of events reaches the projections: each event decoded once (for all of them), given only to
the projections that handle its class, their writes batched per projection (batch_writes.py)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import singledispatchmethod
from typing import Any

import asyncpg

from projections import Envelope, Projection
from projections.base import Handler, handles
from service.store.batch_writes import BatchingConnection, BeforeUse, Ready
from service.store.mapper import Mapper, StoredEvent
from service.store.shredding import NO_KEYS, parse_keys

__all__ = ["BatchingConnection", "Dispatch", "envelope", "handler_of"]


def envelope(stored: StoredEvent) -> Envelope:
    return Envelope(stored.position, stored.txid, stored.stream_id, stored.version,
                    stored.occurred_at, stored.recorded_at, stored.metadata)


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
        self._decoders: dict[str, Callable[..., Any]] = {}

    def readers(self, event_type: str) -> tuple[tuple[int, Handler], ...]:
        """The projections (by index) that handle events of this type, each with its handler."""
        found = self._by_type.get(event_type)
        if found is None:
            cls = self.mapper.event_class(event_type)
            found = () if cls is None else tuple(
                (i, handler_of(p, cls)) for i, p in enumerate(self.projections) if handles(p, cls))
            self._by_type[event_type] = found
        return found

    def connections(self, conn: asyncpg.Connection, before_use: BeforeUse | None = None,
                    ready: Ready | None = None) -> list[BatchingConnection]:
        return [BatchingConnection(conn, p.tables, before_use, ready) for p in self.projections]

    async def apply(self, conn: asyncpg.Connection, batch: Sequence[StoredEvent],
                    skipped: Sequence[frozenset[int]]) -> None:
        """Apply the batch to every projection (`skipped[i]`: positions projection i leaves out)."""
        writes = self.connections(conn)
        some_skipped = any(skipped)
        for stored in batch:
            if not self.mapper.is_known(stored.event_type):
                continue
            if some_skipped and all(stored.position in s for s in skipped):
                continue
            # decoded even when none of them reads it: an event that cannot be decoded parks them all
            event, env = self.mapper.to_domain_event(stored), envelope(stored)
            clean = not stored.keys and b"\\u0000" not in stored.payload  # no text of it can hold NUL
            for i, handler in self.readers(stored.event_type):
                if not some_skipped or stored.position not in skipped[i]:
                    writes[i].clean = clean
                    await handler(event, env, writes[i])
        for w in writes:
            await w.flush()

    async def replay(self, writes: Sequence[BatchingConnection], rows: Sequence[asyncpg.Record],
                     skipped: Sequence[frozenset[int]]) -> None:
        """Give rows read for a replay (REPLAY_COLUMNS) to the projections' connections (flushed by the
        caller), decoding only the events some projection reads."""
        some_skipped, from_text = any(skipped), datetime.fromisoformat
        kinds, decoders = self._by_type, self._decoders
        for position, txid, stream_id, version, event_type, schema, payload, meta, occurred, recorded, keys \
                in rows:
            readers = kinds.get(event_type)
            if readers is None:
                readers = self.readers(event_type)
            if not readers or some_skipped and all(position in s for s in skipped):
                continue
            decode = decoders.get(event_type) or self._decoder(event_type)
            occurred, recorded = from_text(occurred), from_text(recorded)
            opened = NO_KEYS if keys is None else parse_keys(keys)
            event = decode(payload, schema, stream_id, version, recorded, opened)
            env = Envelope(position, txid, stream_id, version, occurred, recorded, meta)
            clean = keys is None and "\\u0000" not in payload  # no text of it can hold NUL
            for i, handler in readers:
                if not some_skipped or position not in skipped[i]:
                    write = writes[i]
                    write.clean = clean
                    await handler(event, env, write)

    def _decoder(self, event_type: str) -> Callable[..., Any]:
        decode = self._decoders[event_type] = self.mapper.kind(event_type).decode_fields  # type: ignore[union-attr]
        return decode
