"""Commands on one aggregate take turns inside a process: one batch in flight, the rest queued, bounded.

A command waits in its aggregate's line. While a batch of the line is in flight, the commands arriving
queue behind it; when it is stored, the next batch takes every command waiting (up to `MAX_BATCH`), so a
hot aggregate is written in a few appends of many commands rather than many appends of one.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from service.store.eventstore import ConcurrencyConflict

MAX_WAITING = 256  # commands queued behind the batch in flight, per aggregate
MAX_WAIT_S = 10.0  # longest a command waits for its turn
MAX_BATCH = 64  # commands decided together and stored in one append


class Busy(ConcurrencyConflict):
    """The aggregate's queue is full, or a command waited its longest: try again after `retry_after_s`."""

    def __init__(self, aggregate_id: UUID, reason: str, retry_after_s: int) -> None:
        super().__init__(f"{aggregate_id} is busy ({reason}); try again in {retry_after_s} s")
        self.retry_after_s = retry_after_s


@dataclass(eq=False)
class Job:
    """One command waiting in a line: what it carries for the batch, and the answer it waits for."""

    payload: Any
    future: asyncio.Future = field(default_factory=lambda: asyncio.get_running_loop().create_future())
    started: bool = False

    def succeed(self, result: Any) -> None:
        if not self.future.done():
            self.future.set_result(result)

    def fail(self, error: BaseException) -> None:
        if not self.future.done():
            self.future.set_exception(error)


Batch = Callable[[list[Job]], Awaitable[None]]


@dataclass
class _Line:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: int = 0  # holders waiting in `turn`
    jobs: deque[Job] = field(default_factory=deque)
    drainer: asyncio.Task | None = None


class Turns:
    """A FIFO line per aggregate id; a line exists only while a command holds or waits for its turn."""

    def __init__(self, max_waiting: int = MAX_WAITING, max_wait_s: float = MAX_WAIT_S,
                 max_batch: int = MAX_BATCH) -> None:
        self.max_waiting = max_waiting
        self.max_wait_s = max_wait_s
        self.max_batch = max_batch
        self._lines: dict[UUID, _Line] = {}

    def waiting(self, aggregate_id: UUID) -> int:
        line = self._lines.get(aggregate_id)
        return 0 if line is None else line.waiting + len(line.jobs)

    async def run(self, aggregate_id: UUID, payload: Any, batch: Batch) -> Any:
        """Queue one command; `batch` decides and stores the jobs it is given, answering each of them."""
        line = self._lines.setdefault(aggregate_id, _Line())
        if line.lock.locked() and self.waiting(aggregate_id) >= self.max_waiting:
            self._forget(aggregate_id, line)
            raise Busy(aggregate_id, f"{self.waiting(aggregate_id)} commands queued", self._retry_after())
        job = Job(payload)
        line.jobs.append(job)
        if line.drainer is None:
            line.drainer = asyncio.create_task(self._drain(aggregate_id, line, batch))
        try:
            async with asyncio.timeout(self.max_wait_s):
                await asyncio.shield(job.future)
        except TimeoutError:
            if not job.started:
                line.jobs.remove(job)
                raise Busy(aggregate_id, f"no turn within {self.max_wait_s:g} s",
                           self._retry_after()) from None
        except asyncio.CancelledError:
            if not job.started:
                line.jobs.remove(job)
            raise
        return await asyncio.shield(job.future)  # in flight: its batch answers it

    async def _drain(self, aggregate_id: UUID, line: _Line, batch: Batch) -> None:
        try:
            while line.jobs:
                async with line.lock:
                    jobs = [line.jobs.popleft() for _ in range(min(self.max_batch, len(line.jobs)))]
                    for job in jobs:
                        job.started = True
                    try:
                        await batch(jobs)
                    except Exception as error:  # a batch answers its jobs: this is a bug
                        for job in jobs:
                            job.fail(error)
                    except BaseException:
                        for job in jobs:
                            job.fail(ConcurrencyConflict("the process is stopping; try again"))
                        raise
        finally:
            line.drainer = None
            self._forget(aggregate_id, line)

    @asynccontextmanager
    async def turn(self, aggregate_id: UUID) -> AsyncIterator[None]:
        """Hold the aggregate's turn for a block: no batch of it runs meanwhile."""
        line = self._lines.setdefault(aggregate_id, _Line())
        if line.lock.locked() and self.waiting(aggregate_id) >= self.max_waiting:
            raise Busy(aggregate_id, f"{self.waiting(aggregate_id)} commands queued", self._retry_after())
        line.waiting += 1
        try:
            async with asyncio.timeout(self.max_wait_s):
                await line.lock.acquire()
        except TimeoutError:
            raise Busy(aggregate_id, f"no turn within {self.max_wait_s:g} s", self._retry_after()) from None
        finally:
            line.waiting -= 1
            self._forget(aggregate_id, line)
        try:
            yield
        finally:
            line.lock.release()
            self._forget(aggregate_id, line)

    def _forget(self, aggregate_id: UUID, line: _Line) -> None:
        if not line.lock.locked() and not line.waiting and not line.jobs and line.drainer is None:
            with contextlib.suppress(KeyError):
                if self._lines[aggregate_id] is line:
                    del self._lines[aggregate_id]

    def _retry_after(self) -> int:
        return max(1, math.ceil(self.max_wait_s / 4))
