"""Applies migrations/*.sql in order, each once, each in its own transaction, under an advisory lock."""

from __future__ import annotations

from importlib import resources

import asyncpg

MIGRATION_LOCK = 0x7061_6374  # "pact": one migrator at a time across processes

CREATE_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    name        text PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now()
)"""


def migration_files() -> list[tuple[str, str]]:
    folder = resources.files("migrations")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(name, folder.joinpath(name).read_text(encoding="utf-8")) for name in names]


async def migrate(conn: asyncpg.Connection) -> list[str]:
    """Apply what is not applied yet; return the names applied by this call."""
    applied_now = []
    await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
    try:
        await conn.execute(CREATE_LEDGER)
        done = {r["name"] for r in await conn.fetch("SELECT name FROM schema_migrations")}
        for name, sql in migration_files():
            if name in done:
                continue
            async with conn.transaction():
                await conn.execute(sql)
                await conn.execute("INSERT INTO schema_migrations (name) VALUES ($1)", name)
            applied_now.append(name)
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
    return applied_now
