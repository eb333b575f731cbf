"""A rebuild without downtime: replay into shadow tables while the live ones serve, then swap atomically.

The shadow tables live in a schema per projection, made LIKE the live ones (shadow.py: filled before their
indexes are built); the replay writes the projections' own SQL to them through the search path, long runs
of plain INSERTs as COPY (batch_writes.py). Several projections rebuild in one pass over the log, read in
large pages of only the columns they use (replay.py): each event is decoded once, and only if one of them
reads it. The
switch is one transaction: it locks the projections' tracking rows (so a runner applying the live tables
waits, then finds the position moved and rolls its batch back), applies what the log gained meanwhile,
drops the live tables and moves the shadow ones in, and sets the positions. Readers see the old rows or
the new, never none.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import asyncpg

from projections import Projection
from service.store.batching import Dispatch
from service.store.collection import no_collection
from service.store.eventstore import START
from service.store.generations import feeds_documents, touch_all
from service.store.parking import RUNNING, skipped_positions
from service.store.replay import Replay
from service.store.shadow import Shadows, shadow_schema

__all__ = ["rebuild_all_in_shadow", "rebuild_in_shadow", "shadow_schema"]

if TYPE_CHECKING:
    from service.store.runner import Runner

log = logging.getLogger(__name__)
MOVE = "UPDATE projection_tracking SET txid = $2, position = $3, updated_at = now() WHERE name = $1"


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
            with no_collection():
                cursor, total = await replay.run(START, first)
                cursor, meanwhile = await replay.run(cursor)  # what came meanwhile, before taking the lock
                total += meanwhile
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
            try:
                await shadows.drop(conn)
            except asyncpg.InterfaceError:  # the connection died: the next rebuild drops what is left
                log.warning("shadow tables of %s left behind for the next rebuild", ", ".join(names))
    log.info("projections %s rebuilt from %d events and switched in", ", ".join(names), total + more)
    return total + more
