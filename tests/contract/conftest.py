"""A live pactum server on a free loopback port over the test database, with projections running."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from service.config import Settings
from service.http.app import create_app
from service.store.db import create_pool
from service.system import System

ROOT = Path(__file__).parents[2]
SPEC = ROOT / "openapi" / "openapi.json"
PARTIES = ("ZH-HRSS", "ZS-HRSS", "JM-HRSS", "GD-HRSS")


class LiveServer:
    """uvicorn in a thread with its own event loop and its own pool, as `pactum serve` runs it."""

    def __init__(self, dsn: str, settings: Settings) -> None:
        self.dsn, self.settings = dsn, settings
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server: uvicorn.Server | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="live-pactum", daemon=True)

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as error:  # reported by start()
            self.error = error

    async def _serve(self) -> None:
        pool = await create_pool(self.dsn, self.settings)
        try:
            app = create_app(System(pool, self.settings), run_projections=True)
            config = uvicorn.Config(app, log_level="warning", lifespan="on")
            self.server = uvicorn.Server(config)
            await self.server.serve(sockets=[self.sock])
        finally:
            await pool.close()

    def start(self, timeout: float = 20) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not (self.server and self.server.started):
            if self.error or not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the live server did not start: {self.error!r}")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self.server:
            self.server.should_exit = True
        self.thread.join(15)
        self.sock.close()


@dataclass
class Live:
    url: str
    keys: dict[str, str]
    system: System


@pytest.fixture
async def live(seeded: System, dsn: str, settings: Settings) -> AsyncIterator[Live]:
    """The seed data set, an admin key and a key per seeded party, and the server over them."""
    from domain.party import Party

    keys = {"admin": (await seeded.keys.issue("contract", is_admin=True)).token}
    for code in PARTIES:
        keys[code] = (await seeded.keys.issue("contract", party_id=Party.id_for(code))).token
    server = await asyncio.to_thread(LiveServer(dsn, settings).start)
    try:
        yield Live(server.url, keys, seeded)
    finally:
        await asyncio.to_thread(server.stop)
