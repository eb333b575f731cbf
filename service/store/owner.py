"""One owner at a time across processes: a loop that holds an advisory lock and follows a channel."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import asyncpg

from service.store.daemon import wait_any

log = logging.getLogger(__name__)
BEHIND_POLL_S = 0.01  # while the work reports more to do, look again this soon


async def run_as_owner(pool: asyncpg.Pool, name: str, lock_key: int, channel: str,
                       work: Callable[[], Awaitable[object]],
                       behind: Callable[[asyncpg.Connection], Awaitable[bool]],
                       stop: asyncio.Event, poll_interval: float) -> None:
    """Do `work` whenever `channel` is notified (or every `poll_interval`) while this process holds
    `lock_key`; otherwise stand by and take the lock over when its holder's session dies."""
    while not stop.is_set():
        try:
            await _own_and_follow(pool, name, lock_key, channel, work, behind, stop, poll_interval)
        except Exception as error:  # the session holding the lock died, or the database is away
            log.warning("%s lost its database session (%s); reconnecting", name, error)
            await wait_any(asyncio.Event(), stop, poll_interval)


async def _own_and_follow(pool, name, lock_key, channel, work, behind, stop, poll_interval) -> None:
    wake = asyncio.Event()

    def on_notify(*_: object) -> None:
        wake.set()

    async with pool.acquire() as conn:
        await conn.add_listener(channel, on_notify)
        owned = False
        try:
            while not stop.is_set():
                wake.clear()
                owned = owned or await conn.fetchval("SELECT pg_try_advisory_lock($1)", lock_key)
                more = False
                if owned:
                    try:
                        await work()
                    except Exception:  # never stop for good: log, back off, retry
                        log.exception("%s failed; retrying", name)
                    more = await behind(conn)  # on the lock's session: also proves it lives
                await wait_any(wake, stop, BEHIND_POLL_S if more else poll_interval)
        finally:
            with contextlib.suppress(Exception):  # a dead session has nothing left to undo
                await conn.remove_listener(channel, on_notify)
                await conn.execute("SELECT pg_advisory_unlock_all()")
