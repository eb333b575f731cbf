"""Wakes projection runners after appends: one NOTIFY per burst, sent outside the append transactions."""

from __future__ import annotations

import asyncio
import contextlib

import asyncpg

from service.store.background import Background
from service.store.runner import CHANNEL


class Notifier(Background):
    """Coalesces appends into few NOTIFYs; a NOTIFY inside each append would serialise commits."""

    def __init__(self, pool: asyncpg.Pool, delay: float = 0.005) -> None:
        self.pool = pool
        self.delay = delay
        self._poked = asyncio.Event()

    def poke(self) -> None:
        self._poked.set()

    async def _run(self) -> None:
        while True:
            await self._poked.wait()
            await asyncio.sleep(self.delay)
            self._poked.clear()
            with contextlib.suppress(asyncpg.PostgresError, OSError):
                await self.pool.execute(f"NOTIFY {CHANNEL}")
