"""Wakes projection runners after appends: one NOTIFY per burst, sent outside the append transactions."""

from __future__ import annotations

import asyncio
import contextlib

import asyncpg

from service.store.runner import CHANNEL


class Notifier:
    """Coalesces appends into few NOTIFYs; a NOTIFY inside each append would serialise commits."""

    def __init__(self, pool: asyncpg.Pool, delay: float = 0.005) -> None:
        self.pool = pool
        self.delay = delay
        self._poked = asyncio.Event()
        self._task: asyncio.Task | None = None

    def poke(self) -> None:
        self._poked.set()

    async def _loop(self) -> None:
        while True:
            await self._poked.wait()
            await asyncio.sleep(self.delay)
            self._poked.clear()
            with contextlib.suppress(asyncpg.PostgresError, OSError):
                await self.pool.execute(f"NOTIFY {CHANNEL}")

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
