"""Catch-up speed: `rebuild all` over the log against reading and decoding it, then a rebuild under readers.

Run by hand (not in CI):

    python bench/rebuild.py                  # 100,000 events, embedded PostgreSQL in a temporary directory
    python bench/rebuild.py --keep /tmp/rb   # the same, the database kept there and reused by the next run
    DATABASE_URL=postgresql://… python bench/rebuild.py --events 20000

Seeds the data set into a fresh database, appends parties (one event each) through the command path,
16 at a time, until the log holds EVENTS events (with --reports N, the last N of them progress reports on
the ZZJ pact's commitments), projects them. Then, in one run: two references (the whole log read in pages
and every event decoded, nothing written: as the runner reads it, and as a replay reads it), `rebuild all`
(one pass, shadow tables, one swap), its ratio to each, the CPU each took in this process and in
PostgreSQL, and the load average; then a rebuild of every projection while 3 readers in this process list
parties and agreements and read the ZZJ pact (failed and emptied answers counted), and with --alone each
projection rebuilt alone.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from uuid import UUID

import asyncpg
import psutil

sys.path[0] = str(Path(__file__).resolve().parents[1])  # not bench/: its http.py is no stdlib http

import projections  # noqa: E402
from service.config import Settings  # noqa: E402
from service.seed import ZZJ, Seeder, agreement_id_for  # noqa: E402
from service.store.collection import no_collection  # noqa: E402
from service.store.db import EmbeddedServer, create_pool, with_database  # noqa: E402
from service.store.eventstore import START, LogCursor  # noqa: E402
from service.store.migrate import migrate  # noqa: E402
from service.store.replay import REPLAY_PAGE  # noqa: E402
from service.store.shredding import parse_keys  # noqa: E402
from service.system import System  # noqa: E402
from tests.integration.progress_story import PACT, Story  # noqa: E402
from tests.integration.test_projections import register  # noqa: E402

PAGE = 5_000
SERVER: psutil.Process | None = None  # the postmaster, when the server runs on this machine


async def fill(system: System, events: int) -> None:
    have = await system.pool.fetchval("SELECT count(*) FROM events")
    if have >= events:
        print(f"kept database: {have:,} events", flush=True)
        return
    if not have:
        await Seeder(system).run()
        have = await system.pool.fetchval("SELECT count(*) FROM events")
    numbers = iter(range(have, events))
    started = time.perf_counter()

    async def writer() -> None:
        for i in numbers:
            await register(system, f"BENCH-{i}")

    await asyncio.gather(*(writer() for _ in range(16)))
    print(f"appended {events - have} events in {time.perf_counter() - started:.1f} s", flush=True)


async def report(system: System, reports: int) -> None:
    """Progress reports on the ZZJ pact's commitments, each by a party responsible for it, a day apart."""
    have = await system.pool.fetchval(
        "SELECT count(*) FROM events WHERE event_type = 'agreement.progress_reported'")
    if have >= reports:
        return
    await system.runner.catch_up()
    rows = await system.pool.fetch("SELECT code, responsibilities FROM commitment_progress "
                                   "WHERE agreement_id = $1 ORDER BY ordinal", PACT)
    reporters = [(r["code"], UUID(r["responsibilities"][0]["party_id"]))
                 for r in rows if r["responsibilities"]]
    story, started = Story(system), time.perf_counter()
    for i in range(have, reports):
        code, party = reporters[i % len(reporters)]
        day = date(2025, 2, 1) + timedelta(days=i // len(reporters))
        await story.report(party, code, "limited", "on_track", day)
    print(f"appended {reports - have} progress reports in {time.perf_counter() - started:.1f} s", flush=True)


def postgres_cpu(postmaster: psutil.Process | None) -> float:
    """User + system CPU seconds of the server's processes (backends, writers, WAL); 0 when not local."""
    total = 0.0
    for proc in [postmaster, *postmaster.children()] if postmaster else ():
        try:
            times = proc.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


async def measured(what: str, run: Callable[[], Awaitable[int]]) -> float:
    """Run it; print events/s, this process's and PostgreSQL's CPU, the load; return events/s."""
    own, pg = time.process_time(), postgres_cpu(SERVER)
    started = time.perf_counter()
    done = await run()
    took = time.perf_counter() - started
    own, pg = time.process_time() - own, postgres_cpu(SERVER) - pg
    rate = done / took
    print(f"{what}: {done:,} events in {took:.2f} s, {rate:,.0f} events/s; CPU here {own:.2f} s, "
          f"PostgreSQL {pg:.2f} s (load {os.getloadavg()[0]:.2f})", flush=True)
    return rate


async def read_and_decode(system: System) -> int:
    """The reference: every event of the log read in pages as the runner reads it, and decoded."""
    cursor, count, decode = START, 0, system.mapper.to_domain_event
    while batch := await system.store.read_log(cursor, PAGE):
        for stored in batch:
            if system.mapper.is_known(stored.event_type):
                decode(stored)
        count += len(batch)
        cursor = LogCursor(batch[-1].txid, batch[-1].position)
    return count


async def read_and_decode_pages(system: System) -> int:
    """The floor of a replay: the log read in its pages (only the columns it uses), each event decoded."""
    cursor, count, mapper = START, 0, system.mapper
    while page := await system.pool.fetch(REPLAY_PAGE, cursor.txid, cursor.position, 20_000):
        for _, _, stream_id, version, event_type, schema, payload, _, occurred, recorded, keys in page:
            if (kind := mapper.kind(event_type)) is not None:
                datetime.fromisoformat(occurred)
                kind.decode_fields(payload, schema, stream_id, version, datetime.fromisoformat(recorded),
                                   parse_keys(keys))
        count += len(page)
        cursor = LogCursor(page[-1]["txid"], page[-1]["position"])
    return count


async def under_readers(system: System) -> None:
    zzj, counts, done = agreement_id_for(ZZJ), {"ok": 0, "failed": 0, "emptied": 0}, asyncio.Event()
    expected = await system.queries.agreement(zzj, None)
    agreements = len((await system.queries.list_agreements(None, 0, 100)).items)

    async def read() -> None:
        while not done.is_set():
            try:
                parties = await system.queries.list_parties("", 100)
                listed = await system.queries.list_agreements(None, 0, 100)
                detail = await system.queries.agreement(zzj, None)
            except Exception:  # noqa: BLE001
                counts["failed"] += 1
                continue
            full = len(parties.items) == 100 and len(listed.items) == agreements and detail == expected
            counts["ok" if full else "emptied"] += 1

    readers = [asyncio.create_task(read()) for _ in range(3)]
    try:
        await measured(f"rebuild of all ({len(projections.ALL)} projections, one pass) under 3 readers",
                       lambda: system.runner.rebuild_all(projections.ALL))
    finally:
        done.set()
        await asyncio.gather(*readers)
    print(f"3 readers meanwhile: {counts}", flush=True)


async def bench(dsn: str, events: int, reports: int, alone: bool) -> None:
    settings = dataclasses.replace(Settings.from_env(), database_url=dsn, pool_size=24)
    pool = await create_pool(dsn, settings)
    try:
        async with pool.acquire() as conn:
            await migrate(conn)
            global SERVER  # noqa: PLW0603
            with contextlib.suppress(psutil.Error):
                SERVER = psutil.Process(await conn.fetchval("SELECT pg_backend_pid()")).parent()
        system = System(pool, settings)
        await fill(system, events - reports)
        await report(system, reports)
        started = time.perf_counter()
        await system.runner.catch_up()
        print(f"projected in {time.perf_counter() - started:.1f} s", flush=True)
        await system.runner.rebuild_all(projections.ALL)  # warm: caches, dispatch tables, the server's pages
        reference = await measured("reference: read and decode the whole log (as the runner reads it)",
                                   lambda: read_and_decode(system))
        with no_collection():
            floor = await measured("reference: read and decode the whole log (as a replay reads it)",
                                   lambda: read_and_decode_pages(system))
        rebuilt = await measured(f"rebuild all ({len(projections.ALL)} projections, one pass, no readers)",
                                 lambda: system.runner.rebuild_all(projections.ALL))
        print(f"ratio rebuild / read+decode: {rebuilt / reference:.2f} (as the runner reads), "
              f"{rebuilt / floor:.2f} (as a replay reads); target: >= 100,000 events/s", flush=True)
        if os.environ.get("BENCH_PAUSE"):  # time to attach a profiler to the next rebuild
            await asyncio.sleep(float(os.environ["BENCH_PAUSE"]))
            await measured("again", lambda: system.runner.rebuild_all(projections.ALL))
        await under_readers(system)
        for projection in projections.ALL if alone else ():
            await measured(f"rebuilt {projection.name} alone",
                           lambda p=projection: system.runner.rebuild(p))
    finally:
        await pool.close()


async def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--events", type=int, default=100_000)
    args.add_argument("--keep", type=Path, help="keep the embedded database in this directory, reuse it")
    args.add_argument("--alone", action="store_true", help="also rebuild each projection alone")
    args.add_argument("--reports", type=int, default=0,
                      help="of the events, this many progress reports on the ZZJ pact (the rest: parties)")
    parsed = args.parse_args()
    if url := Settings.from_env().database_url:
        name = f"pactum_bench_rebuild_{int(time.time())}"
        admin = await asyncpg.connect(url)
        await admin.execute(f'CREATE DATABASE "{name}"')
        await admin.close()
        return await bench(with_database(url, name), parsed.events, parsed.reports, parsed.alone)
    with tempfile.TemporaryDirectory(prefix="pactum-bench-") as tmp:
        server = EmbeddedServer(parsed.keep or Path(tmp))
        admin_dsn = server.start()
        try:
            admin = await asyncpg.connect(admin_dsn)
            if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = 'bench'"):
                await admin.execute('CREATE DATABASE "bench"')
            await admin.close()
            await bench(with_database(admin_dsn, "bench"), parsed.events, parsed.reports, parsed.alone)
        finally:
            server.stop()


if __name__ == "__main__":
    import uvloop  # as the command line runs

    uvloop.run(main())
