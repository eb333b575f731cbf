"""A pool of one connection that keeps every statement it sends, set up as the service sets up its own."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from service.store.db import init_connection


@asynccontextmanager
async def logging_pool(dsn: str) -> AsyncIterator[tuple[asyncpg.Pool, list[str]]]:
    sent: list[str] = []

    async def init(conn: asyncpg.Connection) -> None:
        await init_connection(conn)
        conn.add_query_logger(lambda record: sent.append(record.query))

    async def keep_session(conn: asyncpg.Connection) -> None:
        """As the service's pool: no reset query on release."""

    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=1, init=init, reset=keep_session)
    try:
        yield pool, sent
    finally:
        await pool.close()
