"""A rebuild without downtime: replay into shadow tables while the live ones serve, then swap atomically.

The shadow tables live in a schema of their own, made LIKE the live ones (columns, defaults, constraints,
indexes); the replay writes the projection's own SQL to them through the search path. The switch is one
transaction: it locks the projection's tracking row (so a runner applying the live tables waits, then
finds the position moved and rolls its batch back), applies what the log gained meanwhile, drops the live
tables and moves the shadow ones in, and sets the position. Readers see the old rows or the new, never none.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import asyncpg

from projections import Projection
from service.store.eventstore import START, LogCursor
from service.store.generations import feeds_documents, touch_all
from service.store.parking import RUNNING, skipped_positions
from service.store.storable import StorableConnection

if TYPE_CHECKING:
    from service.store.runner import Runner

log = logging.getLogger(__name__)
MOVE = "UPDATE projection_tracking SET txid = $2, position = $3, updated_at = now() WHERE name = $1"


def shadow_schema(projection: Projection) -> str:
    return f"rebuild_{projection.name}"


async def rebuild_in_shadow(runner: Runner, projection: Projection,
                            progress: Callable[[int], None] | None = None) -> int:
    """Replay the whole log into shadow tables, then swap them in; return how many events were replayed."""
    await runner.register()
    shadow = shadow_schema(projection)
    skipped = await skipped_positions(runner.pool, projection.name)
    async with runner.pool.acquire() as conn:
        live = await conn.fetchval("SELECT current_schema()")
        await _create_shadow(conn, projection, live, shadow)
        try:
            cursor, total = await _replay(runner, conn, projection, (shadow, live), START, skipped, progress)
            async with conn.transaction():
                await conn.execute("SELECT 1 FROM projection_tracking WHERE name = $1 FOR UPDATE",
                                   projection.name)
                cursor, more = await _replay(runner, conn, projection, (shadow, live), cursor, skipped,
                                             progress)
                await conn.execute("SET LOCAL search_path TO DEFAULT")
                await _swap(conn, projection, live, shadow)
                if feeds_documents(projection):
                    await touch_all(conn)
                await conn.execute(RUNNING, projection.name)
                await conn.execute(MOVE, projection.name, cursor.txid, cursor.position)
        finally:
            await conn.execute(f'DROP SCHEMA IF EXISTS "{shadow}" CASCADE')
    log.info("projection %s rebuilt from %d events and switched in", projection.name, total + more)
    return total + more


async def _create_shadow(conn: asyncpg.Connection, projection: Projection, live: str, shadow: str) -> None:
    async with conn.transaction():
        await conn.execute(f'DROP SCHEMA IF EXISTS "{shadow}" CASCADE')  # left by a rebuild that died
        await conn.execute(f'CREATE SCHEMA "{shadow}"')
        for table in projection.tables:
            await conn.execute(f'CREATE TABLE "{shadow}".{table} (LIKE "{live}".{table} INCLUDING ALL)')


async def _replay(runner: Runner, conn: asyncpg.Connection, projection: Projection, path: tuple[str, str],
                  cursor: LogCursor, skipped: frozenset[int],
                  progress: Callable[[int], None] | None) -> tuple[LogCursor, int]:
    """Apply the log after `cursor` to the shadow tables, a batch per transaction (a savepoint in one)."""
    from service.store.runner import envelope

    total = 0
    while batch := await runner.store.read_log(cursor, runner.batch_size):
        async with conn.transaction():
            await conn.execute(f'SET LOCAL search_path TO "{path[0]}", "{path[1]}"')
            writes = StorableConnection(conn)
            for stored in batch:
                if stored.position not in skipped and runner.mapper.is_known(stored.event_type):
                    await projection.apply(runner.mapper.to_domain_event(stored), envelope(stored), writes)
        cursor = LogCursor(batch[-1].txid, batch[-1].position)
        total += len(batch)
        if progress:
            progress(len(batch))
    return cursor, total


async def _swap(conn: asyncpg.Connection, projection: Projection, live: str, shadow: str) -> None:
    for table in projection.tables:
        await conn.execute(f'DROP TABLE "{live}".{table}')
        await conn.execute(f'ALTER TABLE "{shadow}".{table} SET SCHEMA "{live}"')
