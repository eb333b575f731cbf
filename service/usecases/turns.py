"""Commands on one aggregate take turns inside a process: one in flight, the rest queued, bounded."""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from uuid import UUID

from service.store.eventstore import ConcurrencyConflict

MAX_WAITING = 256  # commands queued behind the one in flight, per aggregate
MAX_WAIT_S = 10.0  # longest a command waits for its turn


class Busy(ConcurrencyConflict):
    """The aggregate's queue is full, or a command waited its longest: try again after `retry_after_s`."""

    def __init__(self, aggregate_id: UUID, reason: str, retry_after_s: int) -> None:
        super().__init__(f"{aggregate_id} is busy ({reason}); try again in {retry_after_s} s")
        self.retry_after_s = retry_after_s


@dataclass
class _Line:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: int = 0


class Turns:
    """A FIFO line per aggregate id; a line exists only while a command holds or waits for its turn."""

    def __init__(self, max_waiting: int = MAX_WAITING, max_wait_s: float = MAX_WAIT_S) -> None:
        self.max_waiting = max_waiting
        self.max_wait_s = max_wait_s
        self._lines: dict[UUID, _Line] = {}

    def waiting(self, aggregate_id: UUID) -> int:
        line = self._lines.get(aggregate_id)
        return 0 if line is None else line.waiting

    @asynccontextmanager
    async def turn(self, aggregate_id: UUID) -> AsyncIterator[None]:
        line = self._lines.setdefault(aggregate_id, _Line())
        if line.lock.locked() and line.waiting >= self.max_waiting:
            raise Busy(aggregate_id, f"{line.waiting} commands queued", self._retry_after())
        line.waiting += 1
        try:
            async with asyncio.timeout(self.max_wait_s):
                await line.lock.acquire()
        except TimeoutError:
            raise Busy(aggregate_id, f"no turn within {self.max_wait_s:g} s", self._retry_after()) from None
        finally:
            line.waiting -= 1
            if not line.lock.locked() and line.waiting == 0:
                self._lines.pop(aggregate_id, None)
        try:
            yield
        finally:
            line.lock.release()
            if line.waiting == 0 and not line.lock.locked():
                self._lines.pop(aggregate_id, None)

    def _retry_after(self) -> int:
        return max(1, math.ceil(self.max_wait_s / 4))
