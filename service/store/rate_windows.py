"""The shared request counter behind the rate limit: one row per key per window, on the database's clock."""

from __future__ import annotations

import asyncpg

COUNT = """
INSERT INTO rate_limit_windows AS w (key_id, window_start, used)
VALUES ($1, floor(extract(epoch FROM clock_timestamp()) / $2::int)::bigint, $3::int)
ON CONFLICT (key_id, window_start) DO UPDATE SET used = w.used + $3::int
RETURNING used, (window_start + 1) * $2::int - extract(epoch FROM clock_timestamp())::float8 AS left_s
"""
FORGET = ("DELETE FROM rate_limit_windows "
          "WHERE window_start < floor(extract(epoch FROM now()) / $1::int)::bigint - 1")


async def count_request(pool: asyncpg.Pool, key: str, window_s: int, requests: int = 1) -> tuple[int, float]:
    """Count `requests` of `key` in the current window: how many it now has, and seconds left in it."""
    row = await pool.fetchrow(COUNT, key, window_s, requests)
    return row["used"], row["left_s"]


async def forget_old_windows(pool: asyncpg.Pool, window_s: int) -> None:
    await pool.execute(FORGET, window_s)
