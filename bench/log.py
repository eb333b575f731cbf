"""The transparency log's figures: leaves integrated per second, proof latency, checkpoint lag under load.

Run by hand (not in CI):

    python bench/log.py                    # embedded PostgreSQL in a temporary directory
    DATABASE_URL=postgresql://… python bench/log.py --events 200000 --rate 500 --seconds 10

1. `--events` events (default 100,000: 1,000 streams of 100 versions, ~350-byte payloads) are inserted
   in bulk, numbered by the sequencer, then integrated by Integrator.catch_up: leaves per second,
   including the database spelling every leaf, hashing and writing every complete node; `--runs` times
   over the same events (the tree emptied in between). With the embedded server it also prints the CPU
   time per leaf, of this process and of PostgreSQL: a figure that a busy shared machine disturbs less
   than the wall clock.
2. 1,000 inclusion proofs (random seq, the latest checkpoint) and 200 consistency proofs through
   LogQueries, as the API serves them: p50 / p99 milliseconds.
3. `--rate` commands per second (one event each) for `--seconds`, with the sequencer and integrator
   running as `pactum serve` runs them (checkpoint every 2 s): how long after its commit an event is
   first covered by a signed checkpoint (p50 / p99 / max).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

sys.path[0] = str(Path(__file__).resolve().parents[1])  # not bench/: its http.py is no stdlib http

from bench.servers import postgres_cpu  # noqa: E402
from service.config import Settings  # noqa: E402
from service.store.db import EmbeddedServer, create_pool, with_database  # noqa: E402
from service.store.migrate import migrate  # noqa: E402
from service.system import System  # noqa: E402

BULK = """
INSERT INTO events (stream_id, stream_type, version, event_type, schema_version, payload, metadata,
                    occurred_at, recorded_at, hash)
SELECT md5('s' || (n % $2))::uuid, 'agreement', n / $2 + 1, 'agreement.progress_reported', 1,
       json_build_object('commitment', 'A1.' || (n % 9), 'reportedOn', '2025-06-30', 'level', 'on_track',
                         'narrative', json_build_object('zh-Hans', json_build_object(
                             'text', repeat('推进人才交流合作', 8), 'kind', 'authentic'))),
       '{"actorParty":"6b0b3a53-1f55-4f0e-9d55-7e2f0e9a1c11","actorUser":"bench"}'::json,
       now(), now(), sha256(n::text::bytea)
FROM generate_series($1::bigint, $1::bigint + $3 - 1) AS n
"""


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def integrate(system: System, events: int, runs: int, pg_cpu: Callable[[], float] | None) -> None:
    for start in range(0, events, 50_000):
        await system.pool.execute(BULK, start, 1000, min(50_000, events - start))
    t = time.perf_counter()
    await system.sequencer.catch_up()
    sequenced = time.perf_counter() - t
    print(f"sequencer: {events / sequenced:,.0f} events/s ({load()})")
    system.integrator.batch_size = 10_000
    for run in range(runs):
        if run:
            await system.pool.execute("TRUNCATE tlog_node; UPDATE tlog_tracking SET size = 0")
            await system.pool.execute("VACUUM ANALYZE tlog_node")
        cpu, pg = time.process_time(), pg_cpu() if pg_cpu else 0.0
        t = time.perf_counter()
        added = await system.integrator.catch_up()
        took = time.perf_counter() - t
        cpu, pg = time.process_time() - cpu, (pg_cpu() - pg) if pg_cpu else None
        used = f"; CPU per leaf: this process {cpu / added * 1e6:.1f} µs" + (
            f", PostgreSQL {pg / added * 1e6:.1f} µs" if pg is not None else "")
        print(f"integrator: {added:,} leaves in {took:.2f} s = {added / took:,.0f} leaves/s (goal 50,000)"
              f"{used} ({load()})")


async def proofs(system: System) -> None:
    latest = await system.checkpoints.latest()
    size, queries = latest.size, system.log_queries
    times = []
    for _ in range(1000):
        t = time.perf_counter()
        await queries.inclusion(random.randint(1, size), size)
        times.append((time.perf_counter() - t) * 1000)
    print(f"inclusion proof (size {size:,}): p50 {pct(times, .5):.2f} ms, p99 {pct(times, .99):.2f} ms "
          f"({load()})")
    older = "INSERT INTO tlog_checkpoint (size, root, note, key_id) VALUES ($1, $2, '', '')"  # proofs only
    await system.pool.execute(older,
                              size // 3, await queries.tree.root(size // 3))
    times = []
    for _ in range(200):
        t = time.perf_counter()
        await queries.consistency(size // 3, size)
        times.append((time.perf_counter() - t) * 1000)
    print(f"consistency proof ({size // 3:,} -> {size:,}): p50 {pct(times, .5):.2f} ms, "
          f"p99 {pct(times, .99):.2f} ms ({load()})")


async def lag(system: System, rate: int, seconds: float) -> None:
    stop, committed = asyncio.Event(), []  # (position, commit time)
    running = asyncio.gather(system.sequencer.run(stop), system.integrator.run(stop))
    system.notifier.start()
    base = await system.pool.fetchval("SELECT count(*) FROM events")
    seen: dict[int, float] = {}

    counter = iter(range(10**9))

    async def write(writers: int = 4) -> None:  # several connections, so one slow commit does not pace all
        start = time.perf_counter()

        async def one() -> None:
            while time.perf_counter() - start < seconds:
                n = next(counter)
                await asyncio.sleep(max(0.0, start + n / rate - time.perf_counter()))
                position = await system.pool.fetchval(BULK + " RETURNING position", base + n, 1000, 1)
                committed.append((position, time.perf_counter()))
                system.notifier.poke()

        await asyncio.gather(*(one() for _ in range(writers)))

    async def watch() -> None:
        while not stop.is_set():
            size = await system.pool.fetchval("SELECT coalesce(max(size), 0) FROM tlog_checkpoint")
            seen.setdefault(size, time.perf_counter())
            await asyncio.sleep(0.02)

    watcher = asyncio.create_task(watch())
    await write()
    target = base + len(committed)
    while max(seen, default=0) < target:
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.gather(running, watcher)
    await system.notifier.stop()
    sizes = sorted(seen)
    seq_of = dict(await system.pool.fetch("SELECT position, seq FROM event_seq WHERE seq > $1", base))
    lags = [next(seen[s] for s in sizes if s >= seq_of[position]) - at for position, at in committed]
    achieved = len(committed) / seconds
    print(f"checkpoint lag at {achieved:,.0f} commands/s over {seconds:.0f} s: p50 {pct(lags, .5):.2f} s, "
          f"p99 {pct(lags, .99):.2f} s, max {max(lags):.2f} s ({len(sizes) - 1} checkpoints signed; "
          f"{load()})")


async def main(args: argparse.Namespace) -> None:
    tmp = tempfile.TemporaryDirectory(prefix="pactum-bench-log-")
    server = None
    dsn = os.environ.get("DATABASE_URL")
    if not dsn:
        server = EmbeddedServer(Path(tmp.name) / "pg")
        dsn = server.start()
    admin = await asyncpg.connect(dsn)
    await admin.execute("DROP DATABASE IF EXISTS pactum_bench_log")
    await admin.execute("CREATE DATABASE pactum_bench_log")
    settings = Settings(database_url=dsn, data_dir=Path(tmp.name), host="127.0.0.1", port=0,
                        transaction_timeout_s=60, idle_in_transaction_timeout_s=30, read_wait_s=5,
                        pool_size=8, rate_limit_per_minute=10**9)
    pool = await create_pool(with_database(dsn, "pactum_bench_log"), settings, size=8)
    try:
        async with pool.acquire() as conn:
            await migrate(conn)
        system = System(pool, settings)
        print(f"started {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores")
        await integrate(system, args.events, args.runs, postgres_cpu(server))
        await proofs(system)
        await lag(system, args.rate, args.seconds)
    finally:
        await pool.close()
        await admin.execute("DROP DATABASE IF EXISTS pactum_bench_log WITH (FORCE)")
        await admin.close()
        if server:
            server.stop()
        tmp.cleanup()


if __name__ == "__main__":
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--events", type=int, default=100_000)
    cli.add_argument("--rate", type=int, default=500, help="commands per second during the lag run")
    cli.add_argument("--seconds", type=float, default=10)
    cli.add_argument("--runs", type=int, default=1, help="integrate the same events this many times")
    asyncio.run(main(cli.parse_args()))
