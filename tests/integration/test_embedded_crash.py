"""The embedded PostgreSQL survives crashes of the server: real `pactum serve` processes, killed for real."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import httpx
import psutil
import pytest

PACTUM = Path(sys.executable).parent / "pactum"
READY_WITHIN_S = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(data_dir: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "PACTUM_DATA_DIR": str(data_dir), "PORT": str(port)}
    env.pop("DATABASE_URL", None)
    return subprocess.Popen([str(PACTUM), "serve", "--no-seed"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)


def wait_serving(proc: subprocess.Popen, port: int) -> float:
    """Seconds until /health answers; fails if the process exits first (no second try)."""
    started = time.monotonic()
    while time.monotonic() - started < READY_WITHIN_S:
        if proc.poll() is not None:
            pytest.fail(f"pactum serve exited with {proc.returncode}: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail("pactum serve did not answer /health in time")


def postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "pgdata" / "postmaster.pid").read_text().split("\n", 1)[0])


def running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def stop_with_ctrl_c(proc: subprocess.Popen, data_dir: Path) -> None:
    pg = postmaster_pid(data_dir)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 15
    while running(pg) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not running(pg), "Ctrl-C left the embedded PostgreSQL running"


@pytest.fixture
def data_dir(tmp_path: Path):
    yield tmp_path
    pgdata = tmp_path / "pgdata" / "postmaster.pid"
    if pgdata.exists():  # never leave a server behind, whatever the test did
        pid = postmaster_pid(tmp_path)
        if running(pid):
            os.kill(pid, signal.SIGKILL)


def test_a_killed_server_restarts_at_once_and_ctrl_c_then_stops_the_database(data_dir: Path):
    port = free_port()
    first = serve(data_dir, port)
    wait_serving(first, port)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()

    second = serve(data_dir, port)
    wait_serving(second, port)

    stop_with_ctrl_c(second, data_dir)


def test_killing_server_and_database_together_restarts_on_the_first_try(data_dir: Path):
    port = free_port()
    first = serve(data_dir, port)
    wait_serving(first, port)
    os.kill(postmaster_pid(data_dir), signal.SIGKILL)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()

    second = serve(data_dir, port)
    seconds = wait_serving(second, port)

    assert seconds < READY_WITHIN_S
    stop_with_ctrl_c(second, data_dir)


async def test_every_session_of_the_embedded_server_has_bounded_transactions(data_dir: Path):
    port = free_port()
    proc = serve(data_dir, port)
    wait_serving(proc, port)
    try:
        # a session that sets nothing itself, as any other client of the database would be
        socket_dir = (data_dir / "pgdata" / "postmaster.pid").read_text().split("\n")[4]
        conn = await asyncpg.connect(host=socket_dir, user="postgres", database="pactum")
        try:
            idle = await conn.fetchval("SHOW idle_in_transaction_session_timeout")
            total = await conn.fetchval("SHOW transaction_timeout")
        finally:
            await conn.close()
        assert (idle, total) == ("5s", "10s")
    finally:
        stop_with_ctrl_c(proc, data_dir)
