"""Snapshots of aggregates: their state every N events, so a load replays only the events after it.

A snapshot is a cache: the event stream stays the record. Its `state_version` is the digest of the state's
shape (snapshot_codec.py), so a snapshot of a class that has changed since is ignored and the stream replayed
instead.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import asyncpg
from eventsourcing.domain import Aggregate

from service.store.eventstore import replay_columns
from service.store.snapshot_codec import StateCodec

log = logging.getLogger(__name__)
SPREAD = 16  # the interval doubles while it stays within 1/SPREAD of the stream's length

_HEAD = "(SELECT max(version) FROM events WHERE stream_id = $1)"
# The snapshot, if one of this shape, and the events after it (all of them without one): one round trip.
LATEST_AND_AFTER = f"""
SELECT s.version, s.state, s.head_hash,
       (SELECT array_agg(e ORDER BY e.version) FROM (
            SELECT {replay_columns(_HEAD)} FROM events
            WHERE stream_id = $1 AND version > coalesce(s.version, 0)) e
       ) AS events
FROM (SELECT 1) AS one
LEFT JOIN snapshots s ON s.stream_id = $1 AND s.stream_type = $2 AND s.state_version = $3
"""
TAKE = """
INSERT INTO snapshots (stream_id, stream_type, version, state_version, state, head_hash)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, state_version = excluded.state_version,
    state = excluded.state, head_hash = excluded.head_hash, taken_at = now()
WHERE snapshots.version < excluded.version OR snapshots.state_version <> excluded.state_version
"""


@dataclass(frozen=True, slots=True)
class Snapshot:
    aggregate: Aggregate
    head_hash: bytes


class Snapshots:
    """Takes and finds the latest snapshot of a stream; `every` events apart (0: never)."""

    def __init__(self, pool: asyncpg.Pool, every: int) -> None:
        self.pool = pool
        self.every = every
        self._codecs: dict[type[Aggregate], StateCodec] = {}
        self._storing: set[asyncio.Future] = set()

    def codec(self, cls: type[Aggregate]) -> StateCodec:
        if cls not in self._codecs:
            self._codecs[cls] = StateCodec(cls)
        return self._codecs[cls]

    def interval(self, version: int) -> int:
        """Events between snapshots at this length of stream: `every`, doubled while that stays within a
        sixteenth of the stream. A snapshot costs in proportion to the state, which grows with the stream;
        so its cost per event stays flat (at most 32 events' worth of state per event), and a load never
        replays more than a sixteenth of a long stream."""
        interval = self.every
        while interval * 2 * SPREAD <= version:
            interval *= 2
        return interval

    def due(self, since_snapshot: int, version: int = 0) -> bool:
        return self.every > 0 and since_snapshot >= self.interval(version)

    def crossed(self, before: int, after: int) -> bool:
        """Whether a save from version `before` to `after` passed a multiple of the interval."""
        if self.every <= 0:
            return False
        interval = self.interval(after)
        return after // interval > before // interval

    async def latest_and_after(self, cls: type[Aggregate], stream_type: str, stream_id: UUID
                               ) -> tuple[Snapshot | None, Sequence[Sequence[Any]]] | None:
        """The latest snapshot of the class as it is now, if any, and the stream's events after it (rows of
        replay_columns), in one round trip; None when this class is not snapshotted."""
        codec = self.codec(cls)
        if not codec.usable or self.every <= 0:
            return None
        row = await self.pool.fetchrow(LATEST_AND_AFTER, stream_id, stream_type, codec.version)
        events = row["events"] or ()
        if row["version"] is None:
            return None, events
        return Snapshot(codec.decode(cls, stream_id, row["version"], row["state"]), row["head_hash"]), events

    async def take(self, aggregate: Aggregate, stream_type: str, head_hash: bytes) -> bool:
        """Store the aggregate's state as its stream's latest snapshot; False when it is not stored."""
        store = self._encoded(aggregate, stream_type, head_hash)
        return store is not None and await store

    def take_soon(self, aggregate: Aggregate, stream_type: str, head_hash: bytes) -> None:
        """Take the state now, before the next command changes it, and encode and store it in the background:
        the commands queued on the aggregate never wait for a large state to be encoded or written."""
        if (store := self._encoded(aggregate, stream_type, head_hash)) is None:
            return
        task = asyncio.ensure_future(store)
        self._storing.add(task)
        task.add_done_callback(self._storing.discard)

    async def settled(self) -> None:
        """Return once every snapshot taken so far is stored (or given up)."""
        while self._storing:
            await asyncio.gather(*self._storing, return_exceptions=True)

    def _encoded(self, aggregate: Aggregate, stream_type: str, head_hash: bytes
                 ) -> Coroutine[Any, Any, bool] | None:
        """The state taken now, to encode and store; None: it cannot be encoded."""
        codec = self.codec(type(aggregate))
        data = codec.encode_soon(aggregate)
        return None if data is None else self._store(aggregate.id, stream_type, aggregate.version,
                                                     codec.version, data, head_hash)

    async def _store(self, stream_id: UUID, stream_type: str, version: int, state_version: str,
                     encoding: Coroutine[Any, Any, bytes | None], head_hash: bytes) -> bool:
        if (data := await encoding) is None:
            log.warning("no snapshot of %s at version %d: a record listed is not the one its key names",
                        stream_id, version)
            return False
        try:
            await self.pool.execute(TAKE, stream_id, stream_type, version, state_version, data, head_hash)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError):
            log.warning("no snapshot of %s at version %d", stream_id, version, exc_info=True)
            return False  # a cache: the events are stored, the next load replays a little more
        return True
