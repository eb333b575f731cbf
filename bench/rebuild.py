"""A rebuild of every projection while readers read in a loop: failed and emptied answers, and how long.

Run by hand (not in CI):

    python bench/rebuild.py                  # 100,000 events, embedded PostgreSQL in a temporary directory
    DATABASE_URL=postgresql://… python bench/rebuild.py --events 20000

Seeds the data set into a fresh database, appends parties (one event each) through the command path,
16 at a time, until the log holds EVENTS events, projects them, then rebuilds every projection
(shadow tables, then one swap each) while 3 readers list parties and agreements and read the ZZJ pact.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import projections  # noqa: E402
from service.config import Settings  # noqa: E402
from service.seed import ZZJ, Seeder, agreement_id_for  # noqa: E402
from service.store.db import EmbeddedServer, create_pool, with_database  # noqa: E402
from service.store.migrate import migrate  # noqa: E402
from service.system import System  # noqa: E402
from tests.integration.test_projections import register  # noqa: E402


async def fill(system: System, events: int) -> None:
    have = await system.pool.fetchval("SELECT count(*) FROM events")
    numbers = iter(range(have, events))
    started = time.perf_counter()

    async def writer() -> None:
        for i in numbers:
            await register(system, f"BENCH-{i}")

    await asyncio.gather(*(writer() for _ in range(16)))
    print(f"appended {events - have} events in {time.perf_counter() - started:.1f} s", flush=True)


async def bench(dsn: str, events: int) -> None:
    settings = dataclasses.replace(Settings.from_env(), database_url=dsn, pool_size=24)
    pool = await create_pool(dsn, settings)
    try:
        async with pool.acquire() as conn:
            await migrate(conn)
        system = System(pool, settings)
        await Seeder(system).run()
        await fill(system, events)
        started = time.perf_counter()
        await system.runner.catch_up()
        print(f"projected in {time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        replayed = await system.runner.rebuild_all(projections.ALL)
        took = time.perf_counter() - started
        print(f"rebuild of all ({len(projections.ALL)} projections, one pass, no readers): {replayed:,} "
              f"events in {took:.2f} s, {replayed / took:,.0f} events/s (load {os.getloadavg()[0]:.2f})",
              flush=True)
        if os.environ.get("BENCH_PAUSE"):  # time to attach a profiler to the next rebuild
            await asyncio.sleep(float(os.environ["BENCH_PAUSE"]))
            started = time.perf_counter()
            await system.runner.rebuild_all(projections.ALL)
            print(f"again in {time.perf_counter() - started:.2f} s", flush=True)
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
        started = time.perf_counter()
        replayed = await system.runner.rebuild_all(projections.ALL)
        took = time.perf_counter() - started
        done.set()
        await asyncio.gather(*readers)
        print(f"rebuild of all ({len(projections.ALL)} projections, one pass): {replayed:,} events in "
              f"{took:.2f} s, {replayed / took:,.0f} events/s (load {os.getloadavg()[0]:.2f}); "
              f"3 readers meanwhile: {counts}", flush=True)
        for projection in projections.ALL:
            began = time.perf_counter()
            replayed = await system.runner.rebuild(projection)
            took = time.perf_counter() - began
            print(f"rebuilt {projection.name} alone: {replayed:,} events in {took:.2f} s, "
                  f"{replayed / took:,.0f} events/s", flush=True)
    finally:
        await pool.close()


async def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--events", type=int, default=100_000)
    events = args.parse_args().events
    if url := Settings.from_env().database_url:
        name = f"pactum_bench_rebuild_{int(time.time())}"
        admin = await asyncpg.connect(url)
        await admin.execute(f'CREATE DATABASE "{name}"')
        await admin.close()
        return await bench(with_database(url, name), events)
    with tempfile.TemporaryDirectory(prefix="pactum-bench-") as tmp:
        server = EmbeddedServer(Path(tmp))
        admin_dsn = server.start()
        try:
            admin = await asyncpg.connect(admin_dsn)
            await admin.execute('CREATE DATABASE "bench"')
            await admin.close()
            await bench(with_database(admin_dsn, "bench"), events)
        finally:
            server.stop()


if __name__ == "__main__":
    import uvloop  # as the command line runs

    uvloop.run(main())
