"""How far the sequencer has got, as seen by this process: one LISTEN for every long poll and stream."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import asyncpg

from service.store.background import Background
from service.store.sequencer import NAME, SEQ_CHANNEL

log = logging.getLogger(__name__)


class SeqWatch(Background):
    """Wakes waiters when the last given seq passes theirs: on NOTIFY, and by polling as a fallback."""

    def __init__(self, pool: asyncpg.Pool, poll_interval: float = 0.25) -> None:
        self.pool = pool
        self.poll_interval = poll_interval
        self.head = 0
        self._advanced = asyncio.Event()

    async def read_head(self) -> int:
        seq = await self.pool.fetchval("SELECT seq FROM sequencer_tracking WHERE name = $1", NAME)
        self._saw(seq)
        return seq

    def _saw(self, seq: int) -> None:
        if seq > self.head:
            self.head = seq
            advanced, self._advanced = self._advanced, asyncio.Event()
            advanced.set()

    async def wait_beyond(self, seq: int, timeout: float) -> int:
        """The last given seq once it is past `seq`, or when `timeout` seconds have gone by."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        head = self.head if self.running else await self.read_head()
        while head <= seq and (left := deadline - loop.time()) > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._advanced.wait(), min(left, self.poll_interval))
            head = self.head if self.running else await self.read_head()
        return head

    async def _run(self) -> None:
        def on_notify(_conn: object, _pid: int, _channel: str, payload: str) -> None:
            if payload.isdigit():
                self._saw(int(payload))

        while True:
            try:
                async with self.pool.acquire() as conn:
                    await conn.add_listener(SEQ_CHANNEL, on_notify)
                    try:
                        while True:
                            self._saw(await conn.fetchval(
                                "SELECT seq FROM sequencer_tracking WHERE name = $1", NAME))
                            await asyncio.sleep(self.poll_interval * 4)
                    finally:
                        with contextlib.suppress(Exception):
                            await conn.remove_listener(SEQ_CHANNEL, on_notify)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the database went away: keep trying, waiters poll meanwhile
                log.warning("seq watch lost its session (%s); reconnecting", error)
                await asyncio.sleep(self.poll_interval)
