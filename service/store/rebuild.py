"""A rebuild without downtime: replay into shadow tables while the live ones serve, then swap atomically.

The shadow tables live in a schema per projection, made LIKE the live ones (shadow.py: filled before their
indexes are built); the replay writes the projections' own SQL to them through the search path, long runs
of plain INSERTs as COPY (batching.py). Several projections rebuild in one pass over the log, read in large
pages of only the columns they use: each event is decoded once, and only if one of them reads it. The
switch is one transaction: it locks the projections' tracking rows (so a runner applying the live tables
waits, then finds the position moved and rolls its batch back), applies what the log gained meanwhile,
drops the live tables and moves the shadow ones in, and sets the positions. Readers see the old rows or
the new, never none.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import asyncpg
from asyncpg.transaction import Transaction

from projections import Projection
from service.store.batching import BatchingConnection, Dispatch
from service.store.eventstore import START, LogCursor
from service.store.generations import feeds_documents, touch_all
from service.store.parking import RUNNING, skipped_positions
from service.store.shadow import Shadows, shadow_schema

__all__ = ["rebuild_all_in_shadow", "rebuild_in_shadow", "shadow_schema"]
from service.store.shredding import KEYS_OF_EVENT

if TYPE_CHECKING:
    from service.store.runner import Runner

log = logging.getLogger(__name__)
MOVE = "UPDATE projection_tracking SET txid = $2, position = $3, updated_at = now() WHERE name = $1"
FACTOR = 40  # a replay reads and writes this many of the runner's batches at a time
# The log as READ_LOG reads it (never past the oldest transaction in flight), only the columns a replay uses.
REPLAY_COLUMNS = ("position, txid, stream_id, version, event_type, schema_version, payload, metadata, "
                  f"occurred_at, recorded_at, {KEYS_OF_EVENT}")
REPLAY_PAGE = f"""
SELECT {REPLAY_COLUMNS} FROM events
WHERE (txid, position) > ($1, $2) AND txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
ORDER BY txid, position
LIMIT $3
"""


async def rebuild_in_shadow(runner: Runner, projection: Projection,
                            progress: Callable[[int], None] | None = None) -> int:
    """Replay the whole log into shadow tables, then swap them in; return how many events were replayed."""
    return await rebuild_all_in_shadow(runner, (projection,), progress)


async def rebuild_all_in_shadow(runner: Runner, chosen: Sequence[Projection],
                                progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the projections in one pass over the log, and swap them all in together."""
    await runner.register()
    dispatch = Dispatch(runner.mapper, chosen)
    skipped = [await skipped_positions(runner.pool, p.name) for p in chosen]
    names = [p.name for p in chosen]
    async with runner.pool.acquire() as conn:
        shadows = Shadows(chosen, await conn.fetchval("SELECT current_schema()"))
        replay = Replay(runner, conn, dispatch, shadows, skipped, progress)
        first = asyncio.ensure_future(replay.first_page(START))  # read while the tables are made
        try:
            await shadows.create(conn)
        except BaseException:
            first.cancel()
            raise
        try:
            with without_cycle_collection():
                cursor, total = await replay.run(START, first)
            await shadows.index_all(conn, runner.pool)
            async with conn.transaction():
                await conn.execute("SELECT 1 FROM projection_tracking WHERE name = ANY($1::text[]) "
                                   "ORDER BY name FOR UPDATE", names)
                cursor, more = await replay.run(cursor)
                await conn.execute("SET LOCAL search_path TO DEFAULT")
                await shadows.swap(conn)
                for p in chosen:
                    await conn.execute(RUNNING, p.name)
                    await conn.execute(MOVE, p.name, cursor.txid, cursor.position)
                if any(feeds_documents(p) for p in chosen):
                    await touch_all(conn)
        finally:
            await shadows.drop(conn)
    log.info("projections %s rebuilt from %d events and switched in", ", ".join(names), total + more)
    return total + more


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """No cyclic garbage collection while a replay runs: its pages hold tens of thousands of young objects
    (rows, events, arguments) that the collector would otherwise walk over and over (a third of its CPU);
    what they hold is freed by reference counting as each page is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Replay:
    """The log after a cursor applied to the shadow tables, a page per transaction (a savepoint in one).

    Two things overlap the decoding of a page: the read of the next one (on another connection), and the
    COPY and commit of the one before, which its transaction waits for before it sends anything.
    """

    def __init__(self, runner: Runner, conn: asyncpg.Connection, dispatch: Dispatch, shadows: Shadows,
                 skipped: list[frozenset[int]], progress: Callable[[int], None] | None) -> None:
        self.runner, self.conn, self.dispatch, self.shadows = runner, conn, dispatch, shadows
        self.skipped, self.progress = skipped, progress
        self.size = runner.batch_size * FACTOR

    def _read(self, cursor: LogCursor, size: int) -> Awaitable[list[asyncpg.Record]]:
        return self.runner.pool.fetch(REPLAY_PAGE, cursor.txid, cursor.position, size)

    def first_page(self, cursor: LogCursor) -> Awaitable[list[asyncpg.Record]]:
        return self._read(cursor, self.runner.batch_size)  # a small first page: work starts sooner

    async def run(self, cursor: LogCursor, first: Awaitable[list[asyncpg.Record]] | None = None
                  ) -> tuple[LogCursor, int]:
        total, writing = 0, None
        page = await (first or self.first_page(cursor))
        try:
            while page:
                cursor = LogCursor(page[-1]["txid"], page[-1]["position"])
                following = asyncio.ensure_future(self._read(cursor, self.size))
                try:
                    writing = await self._apply(page, writing)
                except BaseException:
                    following.cancel()
                    raise
                total += len(page)
                if self.progress:
                    self.progress(len(page))
                page = await following
            if writing is not None:
                await writing
        except BaseException:
            if writing is not None:
                await asyncio.wait([writing])  # nothing may still run on the connection
            raise
        return cursor, total

    async def _apply(self, page: list[asyncpg.Record], previous: asyncio.Future[None] | None
                     ) -> asyncio.Future[None]:
        """Decode the page into its writes; return the task that sends and commits them."""
        tx = PageTransaction(self.conn, self.shadows.search_path, previous)
        writes = self.dispatch.connections(self.conn, self.shadows.needs_indexes(self.conn), tx.open)
        try:
            await self.dispatch.replay(writes, page, self.skipped)
        except BaseException:
            await tx.abandon()
            raise
        return asyncio.ensure_future(tx.commit(writes))


class PageTransaction:
    """One page's transaction, begun when the page first sends something, after the page before is done."""

    def __init__(self, conn: asyncpg.Connection, search_path: str, previous: asyncio.Future[None] | None
                 ) -> None:
        self.conn, self.search_path, self.previous = conn, search_path, previous
        self.transaction: Transaction | None = None

    async def open(self) -> None:
        if self.transaction is not None:
            return
        await self._after_previous()
        self.transaction = self.conn.transaction()
        await self.transaction.start()
        await self.conn.execute(f"SET LOCAL search_path TO {self.search_path}")

    async def _after_previous(self) -> None:
        if self.previous is not None:
            previous, self.previous = self.previous, None
            await previous

    async def commit(self, writes: Sequence[BatchingConnection]) -> None:
        try:
            for w in writes:
                await w.flush()
        except BaseException:
            await self.abandon()
            raise
        if self.transaction is not None:
            await self.transaction.commit()
        else:
            await self._after_previous()

    async def abandon(self) -> None:
        if self.transaction is not None:
            await self.transaction.rollback()
        elif self.previous is not None:
            await asyncio.wait([self.previous])
