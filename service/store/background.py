"""A loop a process runs beside its requests: started once, cancelled on the way out."""

from __future__ import annotations

import asyncio
import contextlib


class Background:
    """Runs `_run` as a task from `start` until `stop`."""

    _task: asyncio.Task | None = None

    async def _run(self) -> None:
        raise NotImplementedError

    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
