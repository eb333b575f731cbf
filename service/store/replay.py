"""A replay: the log after a cursor applied to a rebuild's shadow tables, page by page, each event decoded
once and only for the projections that read it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

import asyncpg
from asyncpg.transaction import Transaction

from service.store.batching import BatchingConnection, Dispatch
from service.store.eventstore import LogCursor
from service.store.shadow import Shadows
from service.store.shredding import KEYS_OF_EVENT

if TYPE_CHECKING:
    from service.store.runner import Runner

FACTOR = 40  # a replay reads and writes this many of the runner's batches at a time
BUDGET = 2.0  # seconds a replay's transaction may take before it commits (well inside transaction_timeout)
STEP = 100  # events decoded between two looks at the clock
# The log as READ_LOG reads it (never past the oldest transaction in flight), only the columns a replay uses;
# its times as ISO text in UTC, which datetime.fromisoformat reads in half the time asyncpg's codec takes.
UTC_TEXT = "({} AT TIME ZONE 'UTC')::text || '+00:00'"
REPLAY_COLUMNS = ("position, txid, stream_id, version, event_type, schema_version, payload, metadata, "
                  f"{UTC_TEXT.format('occurred_at')}, {UTC_TEXT.format('recorded_at')}, {KEYS_OF_EVENT}")
REPLAY_PAGE = f"""
SELECT {REPLAY_COLUMNS} FROM events
WHERE (txid, position) > ($1, $2) AND txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
ORDER BY txid, position
LIMIT $3
"""


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
        """Decode the page into its writes; return the task that sends and commits them. A page whose
        projections write slowly (statements per event) is committed in parts of about BUDGET seconds."""
        tx, writes, began = self._begin(previous)
        step = STEP
        for start in range(0, len(page), step):
            try:
                await self.dispatch.replay(writes, page[start:start + step], self.skipped)
            except BaseException:
                await tx.abandon()
                raise
            if time.monotonic() - began > BUDGET and start + step < len(page):
                tx, writes, began = self._begin(asyncio.ensure_future(tx.commit(writes)))
        return asyncio.ensure_future(tx.commit(writes))

    def _begin(self, previous: asyncio.Future[None] | None
               ) -> tuple[PageTransaction, list[BatchingConnection], float]:
        tx = PageTransaction(self.conn, self.shadows.search_path, previous)
        writes = self.dispatch.connections(self.conn, self.shadows.needs_indexes(self.conn), tx.open)
        return tx, writes, time.monotonic()


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
        if self.transaction is not None and not self.conn.is_closed():
            await self.transaction.rollback()
        elif self.previous is not None:
            await asyncio.wait([self.previous])
