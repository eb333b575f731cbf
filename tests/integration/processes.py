"""Real pactum processes for the tests about start-up, shutdown and workers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil

from tests.conftest import LOG_KEY_ENV

PACTUM = Path(sys.executable).parent / "pactum"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pactum(*args: str, env: dict[str, str] | None = None, **popen) -> subprocess.Popen:
    """`pactum ARGS` in a session of its own, with `env` over this process's environment."""
    full = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2]), **LOG_KEY_ENV, **(env or {})}
    for name, value in list(full.items()):
        if value is None:
            del full[name]
    return subprocess.Popen([str(PACTUM), *args], env=full, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, **popen)


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    proc = pactum(*args, env=env)
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def printed_keys(proc: subprocess.Popen, timeout: float = 90) -> dict[str, str]:
    """The demo keys `pactum serve` prints, read from its output up to the line after them."""
    deadline = time.monotonic() + timeout
    keys: dict[str, str] = {}
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"pactum serve ended: {proc.wait()} {proc.stderr.read()[-2000:]}")
        if line.startswith("    ") and len(parts := line.split()) == 2:
            keys[parts[0]] = parts[1]
        if line.strip().startswith("try:"):
            return keys
    raise AssertionError("pactum serve printed no keys in time")


def running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def postmaster_pid(data_dir: Path) -> int | None:
    try:
        return int((data_dir / "pgdata" / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None


def kill_leftovers(data_dir: Path) -> None:
    """Never leave an embedded server behind, whatever the test did."""
    pid = postmaster_pid(data_dir)
    if pid and running(pid):
        os.kill(pid, signal.SIGKILL)
