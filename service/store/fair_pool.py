"""A connection pool that hands connections out in the order they were asked for.

asyncpg's pool wakes its longest waiter when a connection comes back, but whoever asks in between takes the
connection first, and the woken waiter queues again at the back. Under load a request could be overtaken
hundreds of times: that was most of the API's p99. Here a returned connection goes straight to the longest
waiter, and nobody overtakes a waiter.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import asyncpg
from asyncpg.pool import _PoolConnectionHolderQueue


class InTurnQueue(_PoolConnectionHolderQueue):
    """The pool's queue of idle connections, given to waiters in turn."""

    def put_nowait(self, item: Any) -> None:
        while self._getters:
            waiter = self._getters.popleft()
            if not waiter.done():
                waiter.set_result(item)
                return
        super().put_nowait(item)

    async def get(self) -> Any:
        if not self._getters and not self.empty():
            return self.get_nowait()
        waiter = self._get_loop().create_future()
        self._getters.append(waiter)
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.put_nowait(waiter.result())  # handed over just as the wait was given up: pass it on
            else:
                with contextlib.suppress(ValueError):
                    self._getters.remove(waiter)
            raise


class FairPool(asyncpg.Pool):
    """asyncpg's pool, its idle connections queued in turn."""

    async def _initialize(self) -> None:
        await super()._initialize()
        idle, self._queue = self._queue, InTurnQueue(maxsize=self._maxsize)
        while not idle.empty():
            self._queue.put_nowait(idle.get_nowait())


def create_pool(dsn: str, *, min_size: int, max_size: int, **options: Any) -> FairPool:
    """As `asyncpg.create_pool` (await it), with asyncpg's own defaults for what `options` leaves out."""
    defaults = {"max_queries": 50_000, "max_inactive_connection_lifetime": 300.0, "loop": None,
                "connection_class": asyncpg.Connection, "record_class": asyncpg.Record}
    return FairPool(dsn, min_size=min_size, max_size=max_size, **{**defaults, **options})
