"""The runner's daemon: each owned projection kept up in a task of its own, woken by NOTIFY or by polling.

A projection that retries with back-off, or is parked, never holds back the others.
"""

from __future__ import annotations

import asyncio
import logging
import zlib
from typing import TYPE_CHECKING

from projections import Projection
from service.store.parking import CHANNEL, TRANSIENT, error_text

if TYPE_CHECKING:
    from service.store.runner import Runner

log = logging.getLogger(__name__)


def lock_key(projection: Projection) -> int:
    return zlib.crc32(f"projection:{projection.name}".encode())


async def keep_running(runner: Runner, stop: asyncio.Event) -> None:
    """Keep the projections no other runner owns (advisory locks) up to date until `stop`."""
    await runner.register()
    wakes: dict[str, asyncio.Event] = {}
    tasks: list[asyncio.Task] = []

    def on_notify(*_: object) -> None:
        runner.heard += 1
        for wake in wakes.values():
            wake.set()

    async with runner.pool.acquire() as conn:
        await conn.add_listener(CHANNEL, on_notify)
        try:
            while not stop.is_set():
                for p in runner.projections:
                    if p.name not in wakes and await conn.fetchval(
                            "SELECT pg_try_advisory_lock($1)", lock_key(p)):
                        wakes[p.name] = asyncio.Event()
                        tasks.append(asyncio.create_task(_keep_up(runner, p, wakes[p.name], stop)))
                await wait_any(asyncio.Event(), stop, runner.poll_interval)
        finally:
            for task in tasks:  # safe at any point: a batch is applied whole or not at all
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await conn.remove_listener(CHANNEL, on_notify)
            await conn.execute("SELECT pg_advisory_unlock_all()")


async def _keep_up(runner: Runner, projection: Projection, wake: asyncio.Event, stop: asyncio.Event) -> None:
    while not stop.is_set():
        wake.clear()
        try:
            await runner.follow(projection, shared=True)
        except TRANSIENT as error:
            log.warning("projection %s: database unavailable (%s); trying again", projection.name,
                        error_text(error))
        except Exception:
            log.exception("projection %s failed; trying again", projection.name)
        await wait_any(wake, stop, runner.poll_interval)


async def wait_any(wake: asyncio.Event, stop: asyncio.Event, timeout: float) -> None:
    waiters = [asyncio.ensure_future(wake.wait()), asyncio.ensure_future(stop.wait())]
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waiters:
            w.cancel()
