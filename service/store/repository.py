"""Loads aggregates by replaying their streams and saves their pending events, optimistically."""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from typing import TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.registry import AGGREGATES
from service.store.eventstore import Appended, EventStore, IdempotencyClaim
from service.store.mapper import GENESIS_HASH, EventMetadata, Mapper

A = TypeVar("A", bound=Aggregate)
STREAM_TYPE = {cls: name for name, cls in AGGREGATES.items()}


class AggregateNotFound(Exception):
    def __init__(self, kind: str, aggregate_id: UUID) -> None:
        super().__init__(f"no {kind} {aggregate_id}")
        self.kind = kind
        self.aggregate_id = aggregate_id


class Repository:
    """Replays streams into aggregates, with a cache of recently saved ones.

    A cached aggregate is checked out on `get`, so two commands never share an instance, and put
    back only after its events are stored. It may be behind the store when another process wrote
    meanwhile; the append then fails on the expected version and the caller reloads fresh.
    """

    def __init__(self, store: EventStore, mapper: Mapper, cache_size: int = 4096) -> None:
        self.store = store
        self.mapper = mapper
        self.cache_size = cache_size
        self._cache: OrderedDict[UUID, Aggregate] = OrderedDict()

    async def get(self, cls: type[A], aggregate_id: UUID, fresh: bool = False) -> A:
        cached = self._cache.pop(aggregate_id, None)
        if cached is not None and not fresh and type(cached) is cls:
            return cached  # type: ignore[return-value]
        return await self.replay(cls, aggregate_id)

    async def exists(self, cls: type[Aggregate], aggregate_id: UUID) -> bool:
        """Whether the aggregate exists, without loading it (or taking it out of the cache)."""
        if type(self._cache.get(aggregate_id)) is cls:
            return True
        return await self.store.stream_type(aggregate_id) == STREAM_TYPE[cls]

    async def replay(self, cls: type[A], aggregate_id: UUID, up_to_version: int | None = None) -> A:
        stored = await self.store.read_stream(aggregate_id)
        if up_to_version is not None:
            stored = [s for s in stored if s.version <= up_to_version]
        if not stored or stored[0].stream_type != STREAM_TYPE[cls]:
            raise AggregateNotFound(STREAM_TYPE[cls], aggregate_id)
        aggregate = None
        for s in stored:
            aggregate = self.mapper.to_domain_event(s).mutate(aggregate)
        aggregate._head_hash = stored[-1].hash  # type: ignore[union-attr]
        return aggregate  # type: ignore[return-value]

    async def save(self, aggregate: Aggregate, meta: EventMetadata, occurred_at: datetime,
                   recorded_at: datetime, idempotency: IdempotencyClaim | None = None) -> Appended:
        pending = aggregate.collect_events()
        if not pending:
            raise ValueError("nothing to save")
        prev_hash = await self._head_hash(aggregate, pending[0].originator_version - 1)
        metadata = self.mapper.encode_metadata(meta)
        rows = self.mapper.to_new_events(pending, prev_hash, metadata, occurred_at, recorded_at)
        appended = await self.store.append(rows, metadata, recorded_at, idempotency)
        aggregate._head_hash = rows[-1].hash  # type: ignore[attr-defined]
        self._remember(aggregate)
        return appended

    async def _head_hash(self, aggregate: Aggregate, version: int) -> bytes:
        if version == 0:
            return GENESIS_HASH
        known = getattr(aggregate, "_head_hash", None)
        return known if known is not None else await self.store.head_hash(aggregate.id, version)

    def _remember(self, aggregate: Aggregate) -> None:
        self._cache[aggregate.id] = aggregate
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
