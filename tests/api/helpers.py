"""Small helpers for API tests: request bodies and counting what is stored."""

from __future__ import annotations

from typing import Any

import asyncpg


def text(zh: str, en: str | None = None) -> dict[str, Any]:
    out = {"zh-Hans": {"text": zh, "kind": "authentic"}}
    if en:
        out["en"] = {"text": en, "kind": "unofficial"}
    return out


async def stored_events(pool: asyncpg.Pool) -> int:
    return await pool.fetchval("SELECT count(*) FROM events")


async def stored_rows(pool: asyncpg.Pool) -> tuple[int, int]:
    """Events and idempotency keys: what any command could have written."""
    return (
        await pool.fetchval("SELECT count(*) FROM events"),
        await pool.fetchval("SELECT count(*) FROM idempotency_keys"),
    )
