"""`pactum serve` as a real process over a test database: start it, kill it, start it again."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import LOG_KEY_ENV

ROOT = Path(__file__).parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """The API, the projections, the sequencer and the webhook worker in a child process."""

    def __init__(self, dsn: str, port: int | None = None, **env: str) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "DATABASE_URL": dsn, "HOST": "127.0.0.1", "PORT": str(self.port),
                    "PYTHONPATH": str(ROOT), "PACTUM_RATE_LIMIT": "10000000", **LOG_KEY_ENV, **env}
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> Served:
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from service.cli import main; main(['serve', '--no-seed'])"],
            env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"pactum serve exited: {self.process.stderr.read().decode()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        raise RuntimeError("pactum serve did not answer in time")

    def kill(self) -> None:
        """SIGKILL: no graceful shutdown, the way a crash ends a process."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
