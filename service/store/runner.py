"""The projection runner: follows the global log and keeps each projection's tables and position in step.

An event a projection cannot apply is tried again a few times, further and further apart, then the
projection parks at it (parking.py) and the others go on; it stays parked until an operator acts.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import asyncpg

from projections import Projection
from service.store.batching import Dispatch, envelope
from service.store.daemon import keep_running
from service.store.eventstore import START, EventStore, LogCursor
from service.store.generations import feeds_documents, touch
from service.store.mapper import Mapper, StoredEvent
from service.store.parking import (
    CHANNEL,
    TRANSIENT,
    Failure,
    RetryPolicy,
    error_text,
    park,
    skipped_sql,
)

log = logging.getLogger(__name__)
__all__ = ["CHANNEL", "Runner", "TrackingConflict", "envelope"]
# Where a projection stands, whether it runs, and the events an operator skipped for it: one round trip.
STANDING = f"""
SELECT t.txid, t.position, t.state = 'running' AS running, ARRAY({skipped_sql("t.name")}) AS skipped
  FROM projection_tracking t WHERE t.name = $1"""


# How long a page of the log read for one projection may serve the others at the same cursor, when no
# append has been heard of since it was asked for.
SHARE_S = 0.05


class TrackingConflict(Exception):
    """Another runner moved the projection first; this batch was rolled back."""


class Runner:
    def __init__(self, pool: asyncpg.Pool, store: EventStore, mapper: Mapper,
                 projections: Sequence[Projection], batch_size: int = 500,
                 poll_interval: float = 0.5, retry: RetryPolicy | None = None) -> None:
        self.pool = pool
        self.store = store
        self.mapper = mapper
        self.projections = tuple(projections)
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        self.retry = retry or RetryPolicy()
        self._dispatch: dict[tuple[int, ...], Dispatch] = {}
        self.heard = 0  # appends heard of (NOTIFYs): a page asked for before the last one may lack events
        self._pages: dict[tuple[LogCursor, int], tuple[float, asyncio.Future]] = {}

    def dispatch(self, projections: Sequence[Projection]) -> Dispatch:
        """Who handles which events, for these projections (known ones worked out once)."""
        key = tuple(id(p) for p in projections)
        if key not in self._dispatch:
            self._dispatch[key] = Dispatch(self.mapper, projections)
        return self._dispatch[key]

    async def register(self) -> None:
        await self.pool.executemany(
            "INSERT INTO projection_tracking (name) VALUES ($1) ON CONFLICT DO NOTHING",
            [(p.name,) for p in self.projections])

    async def cursor(self, projection: Projection) -> LogCursor:
        return (await self._standing(projection))[0]

    async def catch_up(self, only: Projection | None = None,
                       progress: Callable[[int], None] | None = None) -> int:
        """Apply every committed event each running projection has not seen yet; return how many."""
        await self.register()
        total = 0
        for projection in (only,) if only else self.projections:
            total += await self.follow(projection, progress)
        return total

    async def follow(self, projection: Projection, progress: Callable[[int], None] | None = None,
                     shared: bool = False) -> int:
        """Apply batches up to the head of the log, or until the projection parks.

        `shared`: projections woken together at one cursor read each page of the log once between them.
        """
        total = 0
        cursor, running, skipped = await self._standing(projection)
        while running and (batch := await (self._shared_page(cursor) if shared else self._page(cursor))):
            try:
                cursor, applied = await self._apply(projection, cursor, batch, skipped)
            except TrackingConflict:
                cursor, running, skipped = await self._standing(projection)
                continue
            running = applied == len(batch)
            total += applied
            if progress and applied:
                progress(applied)
            if len(batch) < self.batch_size:
                break  # the head as readable now: what commits later wakes the runner again
        return total

    async def _page(self, cursor: LogCursor) -> list[StoredEvent]:
        return await self.store.read_log(cursor, self.batch_size)

    async def _shared_page(self, cursor: LogCursor) -> list[StoredEvent]:
        """The page after `cursor` another projection asked for a moment ago, if no append was heard of
        since; otherwise one read now (and shared)."""
        now = asyncio.get_running_loop().time()
        key = (cursor, self.heard)
        asked = self._pages.get(key)
        if asked is None or now - asked[0] > SHARE_S:
            self._pages = {k: v for k, v in self._pages.items() if now - v[0] <= SHARE_S}
            asked = self._pages[key] = (now, asyncio.ensure_future(self._page(cursor)))
        try:
            return await asyncio.shield(asked[1])  # one follower giving up never cancels the others' read
        except Exception:
            self._pages.pop(key, None)
            raise

    async def _standing(self, projection: Projection) -> tuple[LogCursor, bool, frozenset[int]]:
        """Where the projection stands, whether it runs (False: parked), and the events skipped for it."""
        row = await self.pool.fetchrow(STANDING, projection.name)
        if row is None:  # not registered yet: nothing seen, so nothing parked or skipped either
            return START, True, frozenset()
        return LogCursor(row["txid"], row["position"]), row["running"], frozenset(row["skipped"])

    async def _apply(self, projection: Projection, cursor: LogCursor, batch: list[StoredEvent],
                     skipped: frozenset[int]) -> tuple[LogCursor, int]:
        """Apply the batch at once or, when that fails, one event at a time; return how many applied."""
        if len(batch) > 1:
            try:
                return await self.apply_batch(projection, cursor, batch, skipped), len(batch)
            except (TrackingConflict, *TRANSIENT):
                raise
            except Exception:
                log.warning("projection %s failed on the batch after position %d; trying event by event",
                            projection.name, cursor.position)
        for done, stored in enumerate(batch):
            moved = await self._retried(projection, cursor, stored, skipped)
            if moved is None:
                return cursor, done
            cursor = moved
        return cursor, len(batch)

    async def _retried(self, projection: Projection, cursor: LogCursor, stored: StoredEvent,
                       skipped: frozenset[int]) -> LogCursor | None:
        """Apply one event, trying again with back-off; park at it and return None if it keeps failing."""
        first_failed = last_failed = None
        for attempt in range(1, self.retry.attempts + 1):
            try:
                return await self.apply_batch(projection, cursor, [stored], skipped)
            except (TrackingConflict, *TRANSIENT):
                raise
            except Exception as error:
                last_failed, last_error = datetime.now(UTC), error
                first_failed = first_failed or last_failed
                log.warning("projection %s could not apply event %d (%s), attempt %d of %d: %s",
                            projection.name, stored.position, stored.event_type, attempt,
                            self.retry.attempts, error_text(error))
            if attempt < self.retry.attempts:
                await asyncio.sleep(self.retry.delay(attempt))
        failure = Failure(stored, error_text(last_error), self.retry.attempts, first_failed, last_failed)
        if not await park(self.pool, projection.name, cursor.txid, cursor.position, failure):
            raise TrackingConflict(projection.name)
        log.error("projection %s parked at event %d (%s) after %d attempts: %s; see `pactum projections`",
                  projection.name, stored.position, stored.event_type, failure.attempts, failure.error)
        return None

    async def apply_batch(self, projection: Projection, cursor: LogCursor,
                          batch: list[StoredEvent], skipped: frozenset[int] = frozenset()) -> LogCursor:
        """Apply a batch and move the position from `cursor`, in one transaction, or do nothing.

        The position moves only if it still is `cursor` and the projection runs: a rebuild or another
        runner that moved it meanwhile makes this batch roll back, so no event is ever applied twice.
        It moves first, so the row lock it takes makes concurrent appliers wait before they write any
        rows, instead of colliding on them. Events an operator skipped move the position only.
        """
        last = LogCursor(batch[-1].txid, batch[-1].position)
        async with self.pool.acquire() as conn, conn.transaction():
            moved = await conn.fetchval(
                "UPDATE projection_tracking SET txid = $4, position = $5, updated_at = now() "
                "WHERE name = $1 AND txid = $2 AND position = $3 AND state = 'running' RETURNING position",
                projection.name, cursor.txid, cursor.position, last.txid, last.position)
            if moved is None:
                raise TrackingConflict(projection.name)
            await self.dispatch((projection,)).apply(conn, batch, (skipped,))
            if feeds_documents(projection):
                await touch(conn, (stored.stream_id for stored in batch))
        return last

    async def rebuild(self, projection: Projection,
                      progress: Callable[[int], None] | None = None) -> int:
        """Replay the whole log into shadow tables while the live ones serve, then switch atomically."""
        from service.store.rebuild import rebuild_in_shadow

        return await rebuild_in_shadow(self, projection, progress)

    async def rebuild_all(self, chosen: Sequence[Projection],
                          progress: Callable[[int], None] | None = None) -> int:
        """Rebuild several projections in one pass over the log (each event decoded once), then switch."""
        from service.store.rebuild import rebuild_all_in_shadow

        return await rebuild_all_in_shadow(self, chosen, progress)

    async def run(self, stop: asyncio.Event) -> None:
        """Keep the projections no other runner owns up to date until `stop` (see daemon)."""
        await keep_running(self, stop)
