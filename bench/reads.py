"""Microseconds per read of the agreement and progress queries, in-process, on the seeded ZZJ pact.

Run by hand (not in CI):

    python bench/reads.py                       # embedded PostgreSQL in a temporary directory
    DATABASE_URL=postgresql://… python bench/reads.py -n 2000 --dump /tmp/reads.json

Seeds the data set (service/seed.py: the parties and the ZZJ pact) into a fresh database, plays the
first months of its implementation (tests/integration/progress_story.py: due dates, milestones,
reports, a claim), projects it, then times N sequential calls of each query function behind
GET /agreements/{id} and GET /agreements/{id}/progress on one pool (wall clock and process CPU per
read). `--dump` writes
what every read query returned (those two and the lists, obligations, at risk), JSON-encoded, one
line each, to compare two versions of the code byte for byte.
"""

# ruff: noqa: E402  (the path is set before the imports: see below)
from __future__ import annotations

import sys as _sys
from pathlib import Path as _Path

# Run as a script, this file's folder comes first on the path, where bench/http.py hides the standard `http`.
_sys.path[:] = [p for p in _sys.path if _Path(p or ".").resolve() != _Path(__file__).resolve().parent]

import argparse
import asyncio
import dataclasses
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

import asyncpg
import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.config import Settings
from service.seed import ZZJ, Seeder, agreement_id_for
from service.store.db import EmbeddedServer, create_pool, with_database
from service.store.migrate import migrate
from service.system import System
from tests.integration.progress_story import JM, ZH, Story

DATABASE = "pactum_bench_reads"
TODAY = date(2026, 3, 1)


async def fresh_database(server_url: str) -> str:
    admin = await asyncpg.connect(server_url)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{DATABASE}"')
    finally:
        await admin.close()
    dsn = with_database(server_url, DATABASE)
    conn = await asyncpg.connect(dsn)
    try:
        await migrate(conn)
    finally:
        await conn.close()
    return dsn


async def timed(name: str, read: Callable[[], Awaitable[object]], n: int) -> None:
    for _ in range(min(n, 50)):  # warm the pool, the statement cache and the code paths
        await read()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(n):
        await read()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{name:<34} {1e6 * wall / n:9.0f} µs/read wall {1e6 * cpu / n:9.0f} µs/read CPU  (n={n})")


async def run(server_url: str, n: int, dump: Path | None) -> None:
    dsn = await fresh_database(server_url)
    settings = dataclasses.replace(Settings.from_env(), database_url=dsn)
    pool = await create_pool(dsn, settings, size=2)
    try:
        system = System(pool, settings)
        await Seeder(system).run()
        story = Story(system)
        for chapter in (story.planned, story.first_reports, story.claimed):
            await chapter()
        await system.runner.catch_up()
        agreement_id = agreement_id_for(ZZJ)
        q, p = system.queries, system.progress_queries
        reads = {
            "GET /agreements/{id}": lambda: q.agreement(agreement_id, None),
            "GET /agreements/{id}/progress": lambda: p.agreement_progress(agreement_id, None, TODAY),
        }
        if dump:
            others = [q.list_agreements(None, 0, 10), q.list_parties("", 10), q.party(ZH),
                      p.obligations(ZH, None, TODAY), p.obligations(JM, JM, date(2025, 4, 1)),
                      p.at_risk(None, TODAY, (0, 0), 100), p.at_risk(JM, date(2025, 6, 1), (0, 0), 3)]
            results = [await read() for read in reads.values()] + [await o for o in others]
            dump.write_bytes(b"\n".join(msgspec.json.encode(r) for r in results) + b"\n")
        for name, read in reads.items():
            await timed(name, read, n)
    finally:
        await pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="reads per query (default 1000)")
    parser.add_argument("--dump", type=Path, help="write each query's result as JSON lines here")
    args = parser.parse_args()
    url = Settings.from_env().database_url
    if url:
        asyncio.run(run(url, args.n, args.dump))
        return
    with tempfile.TemporaryDirectory(prefix="pactum-bench-") as tmp:
        server = EmbeddedServer(Path(tmp))
        try:
            asyncio.run(run(server.start(), args.n, args.dump))
        finally:
            server.stop()


if __name__ == "__main__":
    main()
