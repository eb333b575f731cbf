"""The feed's figures: catch-up events/s through HTTP over a long log, and commit-to-SSE latency under load.

Run by hand (not in CI):

    python bench/feed.py                      # embedded PostgreSQL in a temporary directory
    DATABASE_URL=postgresql://… python bench/feed.py --events 200000 --rate 500 --seconds 10

1. Setup: --events events (100 per agreement: drafted + 99 areas) appended in bulk through
   EventStore.append, then numbered by Sequencer.catch_up (its rate is printed too) and projected, so
   the server's workers are idle when the measurements start.
2. Catch-up: `pactum serve` in a child process (uvicorn, httptools, uvloop); one client reads
   GET /events?after=…&limit=1000 from seq 0 to the head with an admin key, decoding each page with msgspec.
3. Latency: an SSE client follows /events/stream while writers send --rate commands/s (define an area,
   one event each) through the API for --seconds; latency = SSE arrival - the event's recordedAt (stamped
   by the server just before its commit), on one machine's clock. p50/p99 printed.
"""

# ruff: noqa: E402  (the path is set before the imports: see below)
from __future__ import annotations

import sys as _sys
from pathlib import Path as _Path

# Run as a script, this file's folder comes first on the path, where bench/http.py hides the standard `http`.
_sys.path[:] = [p for p in _sys.path if _Path(p or ".").resolve() != _Path(__file__).resolve().parent]

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

import asyncpg
import httpx
import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from domain.agreement import Agreement
from domain.party import Party
from domain.values import InstrumentType, LocalizedString, TextKind
from service.config import Settings
from service.store.db import EmbeddedServer, create_pool, ensure_database, with_database
from service.store.eventstore import EventStore
from service.store.mapper import GENESIS_HASH, EventMetadata, Mapper
from service.store.migrate import migrate
from service.store.sequencer import Sequencer
from service.system import System
from service.usecases.keys import Keys
from tests.api.served import Served

PER_AGREEMENT = 100


class Page(msgspec.Struct, rename="camel"):
    items: list[msgspec.Raw]
    next_after: int
    head: int


def text(value: str) -> dict[str, LocalizedString]:
    return {"zh-Hans": LocalizedString(value, TextKind.AUTHENTIC)}


async def fill(pool: asyncpg.Pool, events: int) -> None:
    """`events` events, 100 per agreement, appended 8 agreements at a time."""
    store, mapper = EventStore(pool), Mapper()
    meta = mapper.encode_metadata(EventMetadata(actor_user="bench", actor_party=Party.id_for("ZH-HRSS")))
    queue = asyncio.Queue()
    for n in range(events // PER_AGREEMENT):
        queue.put_nowait(n)

    async def appender() -> None:
        while not queue.empty():
            n = queue.get_nowait()
            agreement = Agreement.draft(uuid4(), f"BENCH-{n}", text("基准协议"), "zh-Hans",
                                        InstrumentType.COOPERATION_AGREEMENT)
            for a in range(PER_AGREEMENT - 1):
                agreement.define_area(f"A{a}", text(f"合作领域 {a}"))
            now = datetime.now(UTC)
            rows = mapper.to_new_events(agreement.collect_events(), GENESIS_HASH, meta, now, now)
            await store.append(rows, meta, now)

    await asyncio.gather(*(appender() for _ in range(8)))


async def catch_up(url: str, token: str) -> tuple[int, float]:
    decode = msgspec.json.Decoder(Page).decode
    after, seen = 0, 0
    async with httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {token}"},
                                 timeout=60) as client:
        started = time.perf_counter()
        while True:
            r = await client.get("/events", params={"after": after, "limit": 1000})
            page = decode(r.content)
            seen += len(page.items)
            after = page.next_after
            if after == page.head:
                return seen, time.perf_counter() - started


async def latency(url: str, token: str, agreement_ids: list[str], rate: float, seconds: float,
                  after: int) -> tuple[list[float], int, float]:
    auth = {"Authorization": f"Bearer {token}"}
    latencies: list[float] = []
    sent = 0
    stop = asyncio.Event()

    async def follow() -> None:
        async with httpx.AsyncClient(base_url=url, headers={**auth, "Last-Event-ID": str(after)},
                                     timeout=httpx.Timeout(30, read=None)) as client:
            async with client.stream("GET", "/events/stream") as r:
                async for line in r.aiter_lines():
                    if line.startswith("data: "):
                        recorded = datetime.fromisoformat(json.loads(line[6:])["recordedAt"])
                        latencies.append((datetime.now(UTC) - recorded).total_seconds() * 1000)
                    if stop.is_set():
                        return

    async def writer(n: int, client: httpx.AsyncClient, start: float) -> None:
        nonlocal sent
        k = 0
        while (now := time.perf_counter() - start) < seconds:
            due = (k * 8 + n) / rate
            if due > now:
                await asyncio.sleep(due - now)
            r = await client.post(f"/agreements/{agreement_ids[n]}/areas",
                                  json={"code": f"L{n}x{k}", "title": {"zh-Hans": {"text": "领域",
                                                                                   "kind": "authentic"}}})
            assert r.status_code == 201, r.text
            sent += 1
            k += 1

    following = asyncio.create_task(follow())
    await asyncio.sleep(0.5)
    async with httpx.AsyncClient(base_url=url, headers=auth, timeout=30,
                                 limits=httpx.Limits(max_connections=16)) as client:
        start = time.perf_counter()
        await asyncio.gather(*(writer(n, client, start) for n in range(8)))
        took = time.perf_counter() - start
    for _ in range(100):
        if len(latencies) >= sent:
            break
        await asyncio.sleep(0.05)
    stop.set()
    following.cancel()
    return latencies, sent, took


async def main(args: argparse.Namespace) -> None:
    tmp = tempfile.TemporaryDirectory(prefix="pactum-bench-feed-")
    server = None
    if os.environ.get("DATABASE_URL"):
        admin_dsn = os.environ["DATABASE_URL"]
    else:
        server = EmbeddedServer(Path(tmp.name))
        admin_dsn = server.start()
    name = f"pactum_bench_feed_{os.getpid()}"
    await ensure_database(admin_dsn, name)
    dsn = with_database(admin_dsn, name)
    settings = Settings.from_env()
    pool = await create_pool(dsn, settings, size=10)
    served = None
    try:
        async with pool.acquire() as conn:
            await migrate(conn)
        started = time.perf_counter()
        await fill(pool, args.events)
        print(f"setup: {args.events} events appended in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        numbered = await Sequencer(pool, EventStore(pool)).catch_up()
        took = time.perf_counter() - started
        print(f"sequencer: {numbered} events numbered in {took:.1f} s = {numbered / took:,.0f} events/s")
        started = time.perf_counter()
        projected = await System(pool, settings).runner.catch_up()  # so the server's runner is idle
        print(f"projections: {projected} events applied in {time.perf_counter() - started:.1f} s (setup)")
        admin = (await Keys(pool).issue("bench", is_admin=True)).token
        writer_key = (await Keys(pool).issue("bench", party_id=Party.id_for("ZH-HRSS"))).token
        served = await asyncio.to_thread(Served(dsn, PACTUM_POOL_SIZE="20").start)
        seen, took = await catch_up(served.url, admin)
        print(f"catch-up over HTTP: {seen} events in {took:.2f} s = {seen / took:,.0f} events/s "
              f"(GET /events, limit 1000, one client)")
        async with httpx.AsyncClient(base_url=served.url, headers={"Authorization": f"Bearer {writer_key}"},
                                     timeout=30) as client:
            ids = []
            for n in range(8):
                r = await client.post("/agreements", json={
                    "code": f"LAT-{n}", "title": {"zh-Hans": {"text": "协议", "kind": "authentic"}},
                    "authenticLanguage": "zh-Hans"})
                ids.append(r.json()["id"])
        await asyncio.sleep(1)
        head = await pool.fetchval("SELECT seq FROM sequencer_tracking")
        lat, sent, took = await latency(served.url, admin, ids, args.rate, args.seconds, head)
        lat.sort()
        print(f"latency commit -> SSE at {sent / took:,.0f} commands/s ({sent} commands, {len(lat)} "
              f"delivered): p50 {statistics.median(lat):.1f} ms, p99 {lat[int(len(lat) * 0.99) - 1]:.1f} ms, "
              f"max {lat[-1]:.1f} ms")
    finally:
        if served:
            await asyncio.to_thread(served.stop)
        await pool.close()
        conn = await asyncpg.connect(admin_dsn)
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()
        if server:
            server.stop()
        tmp.cleanup()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=500.0, help="commands/s while measuring latency")
    parser.add_argument("--seconds", type=float, default=10.0)
    asyncio.run(main(parser.parse_args()))
