"""What the HTTP benchmarks run on: an embedded PostgreSQL, pactum served by uvicorn, the bare app."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.config import Settings  # noqa: E402
from service.store.db import create_pool, ensure_database, with_database  # noqa: E402
from service.store.embedded import EmbeddedServer  # noqa: E402
from service.store.migrate import migrate  # noqa: E402
from service.system import System  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def settings_for(dsn: str) -> Settings:
    return dataclasses.replace(Settings.from_env(), database_url=dsn, rate_limit_per_minute=10**9)


async def fresh_database(admin_dsn: str, name: str) -> str:
    await ensure_database(admin_dsn, name)
    return with_database(admin_dsn, name)


async def migrated_system(dsn: str, size: int = 10) -> System:
    settings = settings_for(dsn)
    pool = await create_pool(dsn, settings, size=size)
    async with pool.acquire() as conn:
        await migrate(conn)
    return System(pool, settings)


class Child:
    """A server in a child process, answering on its port once `health` does."""

    def __init__(self, argv: list[str], env: dict[str, str], health: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.health = health
        # A file, not a pipe: nobody reads the access log while wrk runs, and a full pipe blocks the server.
        self.stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self.stderr,
            env={**os.environ, "PYTHONPATH": str(ROOT), "HOST": "127.0.0.1", "PORT": str(self.port), **env})

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, timeout: float = 60) -> Child:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stderr.seek(0)
                error = self.stderr.read().decode()[-3000:]
                raise RuntimeError(f"{self.process.args} exited: {error}")
            try:
                if httpx.get(self.url + self.health, timeout=1).status_code < 500:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{self.process.args} did not answer in time")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def pactum(dsn: str, **env: str) -> Child:
    return Child([sys.executable, "-c", "from service.cli import main; main(['serve', '--no-seed'])"],
                 {"DATABASE_URL": dsn, "PACTUM_RATE_LIMIT": str(10**9), **env}, "/health")


def bare(dsn: str) -> Child:
    return Child([sys.executable, "-m", "bench.bare_app"], {"BARE_DSN": dsn}, "/rows/x")


def postgres_cpu(server: EmbeddedServer | None) -> Callable[[], float] | None:
    """CPU seconds the embedded server's processes have used so far (None: a server elsewhere)."""
    if server is None:
        return None
    import psutil

    postmaster = psutil.Process(int((server.pgdata / "postmaster.pid").read_text().split()[0]))

    def used() -> float:
        own = postmaster.cpu_times()  # with the children that have exited (reaped by the postmaster)
        total = own.user + own.system + own.children_user + own.children_system
        for child in postmaster.children():
            with contextlib.suppress(psutil.Error):
                total += sum(child.cpu_times()[:2])
        return total

    return used
