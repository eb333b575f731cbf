"""A rebuild without downtime: replay into shadow tables while the live ones serve, then swap atomically.

The shadow tables live in a schema per projection, made LIKE the live ones (columns, defaults, constraints,
indexes); the replay writes the projections' own SQL to them through the search path. Several projections
rebuild in one pass over the log: each event is read and decoded once. The switch is one transaction: it
locks the projections' tracking rows (so a runner applying the live tables waits, then finds the position
moved and rolls its batch back), applies what the log gained meanwhile, drops the live tables and moves
the shadow ones in, and sets the positions. Readers see the old rows or the new, never none.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import asyncpg

from projections import Projection
from service.store.batching import Dispatch
from service.store.eventstore import START, LogCursor
from service.store.generations import feeds_documents, touch_all
from service.store.parking import RUNNING, skipped_positions

if TYPE_CHECKING:
    from service.store.runner import Runner

log = logging.getLogger(__name__)
MOVE = "UPDATE projection_tracking SET txid = $2, position = $3, updated_at = now() WHERE name = $1"
FACTOR = 10  # a replay reads and writes this many of the runner's batches at a time


def shadow_schema(projection: Projection) -> str:
    return f"rebuild_{projection.name}"


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
        live = await conn.fetchval("SELECT current_schema()")
        path = ", ".join(f'"{shadow_schema(p)}"' for p in chosen) + f', "{live}"'
        for p in chosen:
            await _create_shadow(conn, p, live, shadow_schema(p))
        try:
            cursor, total = await _replay(runner, conn, dispatch, path, START, skipped, progress)
            async with conn.transaction():
                await conn.execute("SELECT 1 FROM projection_tracking WHERE name = ANY($1::text[]) "
                                   "ORDER BY name FOR UPDATE", names)
                cursor, more = await _replay(runner, conn, dispatch, path, cursor, skipped, progress)
                await conn.execute("SET LOCAL search_path TO DEFAULT")
                for p in chosen:
                    await _swap(conn, p, live, shadow_schema(p))
                    await conn.execute(RUNNING, p.name)
                    await conn.execute(MOVE, p.name, cursor.txid, cursor.position)
                if any(feeds_documents(p) for p in chosen):
                    await touch_all(conn)
        finally:
            for p in chosen:
                await conn.execute(f'DROP SCHEMA IF EXISTS "{shadow_schema(p)}" CASCADE')
    log.info("projections %s rebuilt from %d events and switched in", ", ".join(names), total + more)
    return total + more


async def _create_shadow(conn: asyncpg.Connection, projection: Projection, live: str, shadow: str) -> None:
    async with conn.transaction():
        await conn.execute(f'DROP SCHEMA IF EXISTS "{shadow}" CASCADE')  # left by a rebuild that died
        await conn.execute(f'CREATE SCHEMA "{shadow}"')
        for table in projection.tables:
            await conn.execute(f'CREATE TABLE "{shadow}".{table} (LIKE "{live}".{table} INCLUDING ALL)')


async def _replay(runner: Runner, conn: asyncpg.Connection, dispatch: Dispatch, path: str,
                  cursor: LogCursor, skipped: list[frozenset[int]],
                  progress: Callable[[int], None] | None) -> tuple[LogCursor, int]:
    """Apply the log after `cursor` to the shadow tables, a batch per transaction (a savepoint in one);
    the next batch is read while this one is written."""
    total, size = 0, runner.batch_size * FACTOR
    batch = await runner.store.read_log(cursor, size)
    while batch:
        cursor = LogCursor(batch[-1].txid, batch[-1].position)
        following = asyncio.ensure_future(runner.store.read_log(cursor, size))
        try:
            async with conn.transaction():
                await conn.execute(f"SET LOCAL search_path TO {path}")
                await dispatch.apply(conn, batch, skipped)
        except BaseException:
            following.cancel()
            raise
        total += len(batch)
        if progress:
            progress(len(batch))
        batch = await following
    return cursor, total


async def _swap(conn: asyncpg.Connection, projection: Projection, live: str, shadow: str) -> None:
    for table in projection.tables:
        await conn.execute(f'DROP TABLE "{live}".{table}')
        await conn.execute(f'ALTER TABLE "{shadow}".{table} SET SCHEMA "{live}"')
