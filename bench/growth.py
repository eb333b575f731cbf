"""Write and read latency of one agreement as its stream (and so the log) grows: 1k, 10k, 100k events.

Run by hand (not in CI), with Debian's wrk installed:

    python bench/growth.py                       # embedded PostgreSQL in a temporary directory
    python bench/growth.py --sizes 1000 10000 --seconds 5

Seeds the ZZJ pact, then for each size: grows the pact's stream to that many events (progress reports
decided by the domain, appended 1,000 at a time), lets the projections catch up, starts `pactum serve`
(a process that has just started: empty caches, the latest snapshot if any), warms up, and measures with wrk
at 32 connections the one-agreement writers (progress reports on the pact's commitments) and, once the
projections have caught up, a GET of the pact's progress. Prints req/s, p50 and p99 at each size, the load
average, and the spread across sizes (largest / smallest, the target: within 20 %), also of the server's CPU
per request, which a busy machine disturbs less than latency.
"""

# ruff: noqa: E402  (the path is set before the imports: see below)
from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on the path, and bench/http.py hides the standard `http`.
_HERE, ROOT = Path(__file__).resolve().parent, Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse
import asyncio
import logging
import tempfile

from bench import wrk
from bench.http import PACT, prepare, settle, writers_script
from bench.load import grow
from bench.servers import migrated_system, pactum
from service.store.embedded import EmbeddedServer
from service.store.repository import Repository


async def grown(dsn: str, events: int) -> int:
    """The pact's stream grown to `events` (if shorter), with every projection, the feed's numbering and the
    transparency log caught up (a server started on it has no backlog to work off)."""
    system = await migrated_system(dsn)
    try:
        length = await grow(Repository(system.store, system.mapper), events)
        await system.runner.catch_up()
        await system.sequencer.catch_up()
        await system.integrator.catch_up()
        return length
    finally:
        await system.pool.close()


def spread(values: list[float]) -> str:
    return f"{max(values) / min(values):.2f}x" if min(values) > 0 else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="pactum-growth-") as tmp:
        server = EmbeddedServer(Path(tmp))
        try:
            dsn, token, _ = asyncio.run(prepare(server.start()))
            measure(dsn, token, args.sizes, args.seconds)
        finally:
            server.stop()


def measure(dsn: str, token: str, sizes: list[int], seconds: int) -> None:
    writes: dict[int, wrk.Figures] = {}
    reads: dict[int, wrk.Figures] = {}
    read = wrk.get(f"/agreements/{PACT}/progress", token)
    for size in sizes:
        length = asyncio.run(grown(dsn, size))
        ours = pactum(dsn).wait_ready()
        try:
            wrk.run(ours.url, writers_script(token), ours.pid, 2)  # warm up: the first load, caches
            wrk.run(ours.url, read, ours.pid, 2)
            writes[size] = wrk.run(ours.url, writers_script(token), ours.pid, seconds)
            settle(ours)  # the reads measured once the projections have caught up with the writes
            reads[size] = wrk.run(ours.url, read, ours.pid, seconds)
        finally:
            ours.stop()
        print(f"{length:>8,} events  writers {writes[size].line()}\n"
              f"{'':>16}GET progress {reads[size].line()}", flush=True)
    for name, figures in (("writers", writes), ("GET progress", reads)):
        rps = [f.rps for f in figures.values()]
        p50 = [f.p50_ms for f in figures.values()]
        p99 = [f.p99_ms for f in figures.values()]
        cpu = [f.cpu_ms_per_request for f in figures.values()]
        print(f"{name}: spread across {', '.join(f'{s:,}' for s in sizes)} events: req/s {spread(rps)}, "
              f"p50 {spread(p50)}, p99 {spread(p99)}, server CPU per request {spread(cpu)} "
              "(target: within 1.20x)")


if __name__ == "__main__":
    main()
