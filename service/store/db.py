"""Where the database is: the embedded PostgreSQL server by default, or DATABASE_URL."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import msgspec

from service.config import Settings
from service.store import fair_pool
from service.store.embedded import EmbeddedServer
from service.store.storable import storable_json

DATABASE_NAME = "pactum"
log = logging.getLogger(__name__)


async def ensure_database(admin_dsn: str, name: str) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            try:
                await conn.execute(f'CREATE DATABASE "{name}"')
            except asyncpg.DuplicateDatabaseError:
                pass
    finally:
        await conn.close()


def with_database(dsn: str, name: str) -> str:
    """The DSN of another database on the same server."""
    base, _, query = dsn.partition("?")
    scheme, _, rest = base.partition("://")
    authority = rest.split("/", 1)[0]
    return f"{scheme}://{authority}/{name}" + (f"?{query}" if query else "")


async def bound_transactions(admin_dsn: str, settings: Settings) -> None:
    """Bound every session of the embedded server, not only ours: one idle transaction stalls all readers."""
    conn = await asyncpg.connect(admin_dsn)
    try:
        for name in ("transaction_timeout", "idle_in_transaction_session_timeout"):
            value = settings.server_settings[name]
            await conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
        await conn.execute("SELECT pg_reload_conf()")
    finally:
        await conn.close()


@asynccontextmanager
async def database(settings: Settings) -> AsyncIterator[str]:
    """Yield the DSN of the pactum database, starting the embedded server when there is no URL."""
    if settings.database_url:
        yield settings.database_url
        return
    server = EmbeddedServer(settings.data_dir)
    admin_dsn = await asyncio.to_thread(server.start)
    try:
        await ensure_database(admin_dsn, DATABASE_NAME)
        await bound_transactions(admin_dsn, settings)
        yield with_database(admin_dsn, DATABASE_NAME)
    finally:
        await asyncio.to_thread(server.stop)


def _jsonb(value: object) -> bytes:
    """jsonb's binary form: version 1, then the JSON text (binary, so that COPY can send it too)."""
    encoded = msgspec.json.encode(value)
    if b"\\u0000" in encoded:
        encoded = storable_json(encoded.decode()).encode()
    return b"\x01" + encoded


async def init_connection(conn: asyncpg.Connection) -> None:
    """jsonb travels as msgspec-encoded JSON, so read models can store domain values directly.

    jsonb refuses NUL even escaped, so a NUL in a value becomes U+FFFD (see storable).
    """
    await conn.set_type_codec("jsonb", schema="pg_catalog", format="binary", encoder=_jsonb,
                              decoder=lambda data: msgspec.json.decode(memoryview(data)[1:]))


async def _keep_session(conn: asyncpg.Connection) -> None:
    """Released connections skip asyncpg's reset query, a second round trip on every command.

    asyncpg still rolls back an open transaction; the one session-level state we create (the
    runner's LISTEN and advisory locks) is undone by the runner itself before it releases.
    """


async def create_pool(dsn: str, settings: Settings, size: int | None = None) -> asyncpg.Pool:
    size = size or settings.pool_size
    return await fair_pool.create_pool(dsn, min_size=1, max_size=size, init=init_connection,
                                       reset=_keep_session, server_settings=settings.server_settings)


async def connect(dsn: str, settings: Settings) -> asyncpg.Connection:
    conn = await asyncpg.connect(dsn, server_settings=settings.server_settings)
    await init_connection(conn)
    return conn
