"""The projection runner: follows the global log and keeps each projection's tables and position in step."""

from __future__ import annotations

import asyncio
import logging
import zlib
from collections.abc import Callable, Sequence

import asyncpg
import msgspec

from projections import Envelope, Projection
from service.store.eventstore import START, EventStore, LogCursor
from service.store.mapper import EventMetadata, Mapper, StoredEvent

log = logging.getLogger(__name__)
CHANNEL = "pactum_events"
_meta = msgspec.json.Decoder(EventMetadata)


class TrackingConflict(Exception):
    """Another runner moved the projection first; this batch was rolled back."""


def lock_key(projection: Projection) -> int:
    return zlib.crc32(f"projection:{projection.name}".encode())


def envelope(stored: StoredEvent) -> Envelope:
    return Envelope(stored.position, stored.txid, stored.stream_id, stored.version,
                    stored.occurred_at, stored.recorded_at, _meta.decode(stored.metadata).actor_party)


class Runner:
    def __init__(self, pool: asyncpg.Pool, store: EventStore, mapper: Mapper,
                 projections: Sequence[Projection], batch_size: int = 500,
                 poll_interval: float = 0.5) -> None:
        self.pool = pool
        self.store = store
        self.mapper = mapper
        self.projections = tuple(projections)
        self.batch_size = batch_size
        self.poll_interval = poll_interval

    async def register(self) -> None:
        await self.pool.executemany(
            "INSERT INTO projection_tracking (name) VALUES ($1) ON CONFLICT DO NOTHING",
            [(p.name,) for p in self.projections])

    async def cursor(self, projection: Projection) -> LogCursor:
        row = await self.pool.fetchrow(
            "SELECT txid, position FROM projection_tracking WHERE name = $1", projection.name)
        return START if row is None else LogCursor(row["txid"], row["position"])

    async def catch_up(self, only: Projection | None = None,
                       progress: Callable[[int], None] | None = None) -> int:
        """Apply every committed event each projection has not seen yet; return how many."""
        await self.register()
        total = 0
        for projection in (only,) if only else self.projections:
            cursor = await self.cursor(projection)
            while batch := await self.store.read_log(cursor, self.batch_size):
                try:
                    cursor = await self.apply_batch(projection, cursor, batch)
                except TrackingConflict:
                    cursor = await self.cursor(projection)
                    continue
                total += len(batch)
                if progress:
                    progress(len(batch))
        return total

    async def apply_batch(self, projection: Projection, cursor: LogCursor,
                          batch: list[StoredEvent]) -> LogCursor:
        """Apply a batch and move the position from `cursor`, in one transaction, or do nothing.

        The position moves only if it still is `cursor`: a rebuild or another runner that moved it
        meanwhile makes this batch roll back, so no event is ever applied twice. It moves first, so
        the row lock it takes makes concurrent appliers wait before they write any rows, instead of
        colliding on them.
        """
        last = LogCursor(batch[-1].txid, batch[-1].position)
        async with self.pool.acquire() as conn, conn.transaction():
            moved = await conn.fetchval(
                "UPDATE projection_tracking SET txid = $4, position = $5, updated_at = now() "
                "WHERE name = $1 AND txid = $2 AND position = $3 RETURNING position",
                projection.name, cursor.txid, cursor.position, last.txid, last.position)
            if moved is None:
                raise TrackingConflict(projection.name)
            for stored in batch:
                if self.mapper.is_known(stored.event_type):
                    event = self.mapper.to_domain_event(stored)
                    await projection.apply(event, envelope(stored), conn)
        return last

    async def rebuild(self, projection: Projection,
                      progress: Callable[[int], None] | None = None) -> int:
        """Empty the projection's tables, reset its position and replay the whole log."""
        await self.register()
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT 1 FROM projection_tracking WHERE name = $1 FOR UPDATE",
                               projection.name)
            for table in projection.tables:
                await conn.execute(f"DELETE FROM {table}")
            await conn.execute("UPDATE projection_tracking SET txid = 0, position = 0, "
                               "updated_at = now() WHERE name = $1", projection.name)
        return await self.catch_up(projection, progress)

    async def run(self, stop: asyncio.Event) -> None:
        """Keep the projections no other runner owns up to date, waking on NOTIFY or by polling."""
        await self.register()
        wake = asyncio.Event()

        def on_notify(*_: object) -> None:
            wake.set()

        async with self.pool.acquire() as conn:
            await conn.add_listener(CHANNEL, on_notify)
            owned: list[Projection] = []
            try:
                while not stop.is_set():
                    wake.clear()
                    for p in self.projections:
                        if p not in owned and await conn.fetchval(
                                "SELECT pg_try_advisory_lock($1)", lock_key(p)):
                            owned.append(p)
                    for projection in owned:
                        try:
                            await self.catch_up(projection)
                        except Exception:  # a poison event must not stop the other projections
                            log.exception("projection %s failed; retrying", projection.name)
                    await _wait_any(wake, stop, self.poll_interval)
            finally:
                await conn.remove_listener(CHANNEL, on_notify)
                await conn.execute("SELECT pg_advisory_unlock_all()")


async def _wait_any(wake: asyncio.Event, stop: asyncio.Event, timeout: float) -> None:
    waiters = [asyncio.ensure_future(wake.wait()), asyncio.ensure_future(stop.wait())]
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waiters:
            w.cancel()
