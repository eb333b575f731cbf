"""Loads aggregates (latest snapshot + later events) and saves their pending events, optimistically."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.registry import AGGREGATES
from service.store.collection import no_collection
from service.store.eventstore import LAST_VERSION, Appended, CommandEvents, EventStore, IdempotencyClaim
from service.store.mapper import GENESIS_HASH, EventMetadata, Mapper, StoredEvent
from service.store.persons import keys_for_writing
from service.store.snapshots import Snapshots

A = TypeVar("A", bound=Aggregate)
STREAM_TYPE = {cls: name for name, cls in AGGREGATES.items()}
HASH_COLUMN, STREAM_TYPE_COLUMN = 5, 6  # of eventstore.replay_columns


@dataclass(frozen=True, slots=True)
class Decided:
    """What one command decided: how many of the pending events are its own, and what to record with them."""

    count: int
    meta: EventMetadata
    occurred_at: datetime
    recorded_at: datetime
    idempotency: IdempotencyClaim | None = None


class AggregateNotFound(Exception):
    def __init__(self, kind: str, aggregate_id: UUID) -> None:
        super().__init__(f"no {kind} {aggregate_id}")
        self.kind = kind
        self.aggregate_id = aggregate_id


class Repository:
    """Loads aggregates from their latest snapshot and the events after it, with a cache of recent ones.

    An aggregate is checked out on `get`/`current`, so two commands never share an instance, and put back
    after its events are stored (or `give_back` when it holds none). A cached one may be behind the store
    when another process wrote meanwhile: `current` catches it up with only the events after its version.
    """

    def __init__(self, store: EventStore, mapper: Mapper, cache_size: int = 4096,
                 snapshots: Snapshots | None = None) -> None:
        self.store = store
        self.mapper = mapper
        self.cache_size = cache_size
        self.snapshots = snapshots
        self._cache: OrderedDict[UUID, Aggregate] = OrderedDict()

    async def get(self, cls: type[A], aggregate_id: UUID, fresh: bool = False) -> A:
        """The cached copy as it is (unless `fresh`), else a load from the store."""
        cached = self._cache.pop(aggregate_id, None)
        if cached is not None and not fresh and type(cached) is cls:
            return cached  # type: ignore[return-value]
        return await self.load(cls, aggregate_id)

    async def current(self, cls: type[A], aggregate_id: UUID) -> A:
        """The aggregate as stored now: the cached copy caught up with any newer events, else a load."""
        cached = self._cache.pop(aggregate_id, None)
        if cached is None or type(cached) is not cls:
            return await self.load(cls, aggregate_id)
        return self._apply(cached, await self.store.read_stream(aggregate_id, cached.version))  # type: ignore

    def give_back(self, aggregate: Aggregate) -> None:
        """Return a checked-out aggregate to the cache; it must hold no events that are not stored."""
        assert not aggregate.pending_events, "an aggregate with unsaved events is no copy of the stream"
        self._remember(aggregate)

    async def exists(self, cls: type[Aggregate], aggregate_id: UUID) -> bool:
        """Whether the aggregate exists, without loading it (or taking it out of the cache)."""
        if type(self._cache.get(aggregate_id)) is cls:
            return True
        return await self.store.stream_type(aggregate_id) == STREAM_TYPE[cls]

    async def load(self, cls: type[A], aggregate_id: UUID) -> A:
        """The latest snapshot and the events after it (the whole stream without one); a long tail is
        snapshotted, so the next load is short again."""
        kind = STREAM_TYPE[cls]
        found = await self.snapshots.latest_and_after(cls, kind, aggregate_id) if self.snapshots else None
        base, rows = found if found is not None else (None, await self.store.read_for_replay(aggregate_id))
        if base is None and (not rows or rows[0][STREAM_TYPE_COLUMN] != kind):
            raise AggregateNotFound(kind, aggregate_id)
        aggregate = self._replay(base.aggregate if base else None, aggregate_id, rows)
        if base is not None and not rows:
            aggregate._head_hash = base.head_hash  # type: ignore[attr-defined]
        if self.snapshots is not None and self.snapshots.due(len(rows), aggregate.version):
            await self.snapshots.take(aggregate, kind, aggregate._head_hash)  # type: ignore[attr-defined]
        return aggregate  # type: ignore[return-value]

    async def replay(self, cls: type[A], aggregate_id: UUID, up_to_version: int | None = None) -> A:
        """The whole stream replayed, up to a version if given: no snapshot, no cache."""
        rows = await self.store.read_for_replay(
            aggregate_id, up_to_version=LAST_VERSION if up_to_version is None else up_to_version)
        if not rows or rows[0][STREAM_TYPE_COLUMN] != STREAM_TYPE[cls]:
            raise AggregateNotFound(STREAM_TYPE[cls], aggregate_id)
        return self._replay(None, aggregate_id, rows)  # type: ignore[return-value]

    def _replay(self, aggregate: Aggregate | None, aggregate_id: UUID, rows: Sequence[Sequence[Any]]
                ) -> Aggregate:
        """The aggregate (None: from nothing) with the events of rows of replay_columns applied."""
        with no_collection():
            aggregate = self.mapper.replay(aggregate, aggregate_id, rows)
        if rows:
            aggregate._head_hash = rows[-1][HASH_COLUMN]  # type: ignore[union-attr]
        return aggregate  # type: ignore[return-value]

    def _apply(self, aggregate: Aggregate, stored: list[StoredEvent]) -> Aggregate:
        with no_collection():
            for s in stored:
                aggregate = self.mapper.to_domain_event(s).mutate(aggregate)
        if stored:
            aggregate._head_hash = stored[-1].hash  # type: ignore[attr-defined]
        return aggregate

    async def save(self, aggregate: Aggregate, meta: EventMetadata, occurred_at: datetime,
                   recorded_at: datetime, idempotency: IdempotencyClaim | None = None) -> Appended:
        pending = len(aggregate.pending_events)
        if not pending:
            raise ValueError("nothing to save")
        return (await self.save_commands(aggregate, [Decided(pending, meta, occurred_at, recorded_at,
                                                             idempotency)]))[0]

    async def save_commands(self, aggregate: Aggregate, commands: list[Decided], keep: bool = True
                            ) -> list[Appended]:
        """Store the pending events of commands decided in turn on the aggregate, in one append; the
        first `commands[0].count` events are the first command's, and so on. Pending events after them
        are dropped with the aggregate (`keep=False`: it is not cached, the next load reads the store)."""
        pending = aggregate.collect_events()
        total = sum(c.count for c in commands)
        if not total or total > len(pending):
            raise ValueError("nothing to save")
        prev_hash = await self._head_hash(aggregate, pending[0].originator_version - 1)
        named = self.mapper.persons_named(pending[:total])
        keys = await keys_for_writing(self.store.pool, named) if named else {}
        parts, start = [], 0
        for c in commands:
            metadata = self.mapper.encode_metadata(c.meta)
            rows = self.mapper.to_new_events(pending[start:start + c.count], prev_hash, metadata,
                                             c.occurred_at, c.recorded_at, keys)
            parts.append(CommandEvents(rows, metadata, c.recorded_at, c.idempotency))
            prev_hash, start = rows[-1].hash, start + c.count
        appended = await self.store.append_commands(parts)
        if not keep:
            return appended
        aggregate._head_hash = prev_hash  # type: ignore[attr-defined]
        # As a replay sets them (from the stored events' recorded_at), so a snapshot equals a replay.
        aggregate._modified_on = commands[-1].recorded_at
        if pending[0].originator_version == 1:
            aggregate._created_on = commands[0].recorded_at
        self._remember(aggregate)
        if self.snapshots is not None and self.snapshots.crossed(aggregate.version - total,
                                                                 aggregate.version):
            self.snapshots.take_soon(aggregate, parts[0].events[0].stream_type, prev_hash)
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
