"""Cold loads of a long agreement stream, with and without snapshots, and the replay cost per event.

Run by hand (not in CI):

    python bench/load.py                  # embedded PostgreSQL in a temporary directory
    python bench/load.py --events 10000 --repeat 5

Seeds the ZZJ pact, appends progress reports on its commitments until the stream holds `--events` events
(decided by the domain, stored through the repository in appends of 1,000), then times, as a process that
has just started would (empty cache): a full replay (reading and replaying apart), a load from a snapshot
at the head, and a load from a snapshot `interval - 1` events behind the head (the longest tail a load
meets: snapshots are `every` events apart, or doubled while within a fiftieth of the stream).
Prints medians of `--repeat` runs, the load average, and the replay cost per event at 1k and at the full
length (linear replay: the same).
"""

# ruff: noqa: E402  (the path is set before the imports: see below)
from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on the path, where bench/http.py hides the standard `http`.
_HERE, ROOT = Path(__file__).resolve().parent, Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

from bench.servers import fresh_database, migrated_system
from domain.agreement import Agreement
from domain.agreement.values import CompletionLevel, Health
from domain.party import Party
from domain.values import LocalizedString, TextKind
from service.seed import ZZJ, Seeder, agreement_id_for, load_seeds
from service.store.embedded import EmbeddedServer
from service.store.mapper import EventMetadata
from service.store.repository import Repository
from service.store.snapshots import Snapshots

PACT = agreement_id_for(ZZJ)
ZH = Party.id_for("ZH-HRSS")
EVERY = 200


async def grow(repo: Repository, events: int) -> int:
    """Report progress on the pact's commitments, round robin, until its stream holds `events` events."""
    pact = next(a for a in load_seeds()["agreements"] if a["id"] == ZZJ)
    codes = [c["id"] for area in pact["areas"] for c in area["commitments"]]
    agreement = await repo.get(Agreement, PACT)
    today, n = date.today(), 0
    while agreement.version < events:
        for _ in range(min(1000, events - agreement.version)):
            agreement.report_progress(
                uuid4(), codes[n % len(codes)], ZH, date(2025, 1, 1) + timedelta(days=n % 300),
                list(CompletionLevel)[n % 5], list(Health)[n % 3],
                {"zh-Hans": LocalizedString(f"进展 {n}", TextKind.AUTHENTIC)}, today)
            n += 1
        now = datetime.now(UTC)
        await repo.save(agreement, EventMetadata(actor_user="bench"), now, now)
    return agreement.version


CPU: list[float] = []  # this process's CPU time of each timed call, in ms (contention does not inflate it)


async def timed(load) -> float:
    """Wall-clock ms of one call; its CPU ms go to CPU."""
    start, cpu = time.perf_counter(), time.process_time()
    await load()
    CPU.append((time.process_time() - cpu) * 1000)
    return (time.perf_counter() - start) * 1000


def cpu_of(calls: int) -> str:
    return f"{statistics.median(CPU[-calls:]):6.1f} ms CPU"


def replay_cpu(mapper, stored) -> float:
    """CPU seconds to replay these stored events in memory."""
    start, aggregate = time.process_time(), None
    for s in stored:
        aggregate = mapper.to_domain_event(s).mutate(aggregate)
    return time.process_time() - start


async def run(admin_dsn: str, events: int, repeat: int) -> None:
    system = await migrated_system(await fresh_database(admin_dsn, "pactum_load"))
    try:
        await Seeder(system).run()
        plain = Repository(system.store, system.mapper)
        length = await grow(plain, events)
        print(f"stream of {length:,} events")
        cold = lambda: Repository(system.store, system.mapper)  # noqa: E731
        snaps = Snapshots(system.pool, EVERY)
        reading = [await timed(lambda: system.store.read_stream(PACT)) for _ in range(repeat)]
        full = [await timed(lambda: cold().replay(Agreement, PACT)) for _ in range(repeat)]
        cpu_full = cpu_of(repeat)
        head = await cold().replay(Agreement, PACT)
        await snaps.take(head, "agreement", head._head_hash)
        at_head = [await timed(lambda: Repository(system.store, system.mapper, snapshots=snaps).load(
            Agreement, PACT)) for _ in range(repeat)]
        cpu_head = cpu_of(repeat)
        gap = snaps.interval(length)  # the longest tail a load meets at this length
        behind = await cold().replay(Agreement, PACT, up_to_version=length - gap + 1)
        await system.pool.execute("DELETE FROM snapshots")
        await snaps.take(behind, "agreement", b"\0" * 32)  # the tail's last event gives the load its head
        tail = Snapshots(system.pool, 10**9)  # takes no other snapshot during the timing
        tail_loads = [await timed(lambda: Repository(system.store, system.mapper, snapshots=tail).load(
            Agreement, PACT)) for _ in range(repeat)]
        cpu_tail = cpu_of(repeat)
        stored = await system.store.read_stream(PACT)
        per_event = {n: statistics.median(replay_cpu(system.mapper, stored[:n]) for _ in range(repeat)) / n
                     for n in (1000, len(stored))}
        row = await system.pool.fetchrow("SELECT version, state FROM snapshots")
        codec = tail.codec(Agreement)
        start = time.process_time()
        codec.decode(Agreement, PACT, row["version"], row["state"])
        decode_ms = (time.process_time() - start) * 1000
        med = statistics.median
        print(f"cold load, no snapshot:        {med(full):7.1f} ms, {cpu_full}  "
              f"(reading the stream alone {med(reading):.1f} ms)")
        print(f"cold load, snapshot at head:   {med(at_head):7.1f} ms, {cpu_head}")
        print(f"cold load, snapshot {gap - 1} behind: {med(tail_loads):7.1f} ms, {cpu_tail}  (target < 50)")
        print(f"ratio without / with (worst case): {med(full) / med(tail_loads):.1f}x")
        print(f"  (decoding the snapshot alone: {decode_ms:.1f} ms CPU, {len(row['state']):,} bytes)")
        print("replay per event (decode + apply, CPU): " + ", ".join(
            f"{1e6 * cost:.1f} µs at {n:,} events" for n, cost in per_event.items()))
        print(f"load average {os.getloadavg()[0]:.2f}")
    finally:
        await system.pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pactum-load-") as tmp:
        server = EmbeddedServer(Path(tmp))
        try:
            asyncio.run(run(server.start(), args.events, args.repeat))
        finally:
            server.stop()


if __name__ == "__main__":
    main()
