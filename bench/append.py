"""Commands per second of pactum's command cycle against its references, measured in the same run.

Run by hand (not in CI), after `pip install -e '.[bench]'`:

    python bench/append.py                 # embedded PostgreSQL in a temporary directory
    DATABASE_URL=postgresql://… python bench/append.py --seconds 8 --check

Workload, per client, over its own agreements, fresh streams and a long one: draft an agreement (1
command, 2 events: drafted and the drafter's party added), then define 9 areas one command at a time
(each command: load -> decide -> save of 1 event); then 10 commands on the client's long agreement
(stored with `--long` events before the run, growing as it goes); then a new agreement. Measured side by
side at 1 and 8 clients, like for like:

  pactum         service.usecases.dispatch.Commands on Executor + Repository (asyncpg, one pool),
                 with the repository's cache (the default: the cached copy caught up with newer
                 events before each command) and without it (cache_size=0: every command replays its
                 stream).
  eventsourcing  eventsourcing's own Application on its PostgreSQL module (psycopg), same domain
                 Agreement class, get -> command -> save, in threads; a separate database on the
                 same server. Its recorder takes LOCK TABLE … EXCLUSIVE per insert to keep its log
                 gapless. Without a cache (every get replays), and with its cache trusted
                 (AGGREGATE_CACHE_MAXSIZE, AGGREGATE_CACHE_FASTFORWARD=n: its fastest gapless setting).

The two comparisons printed: caches on both sides, and caches off on both sides. Neither side takes
snapshots in either (pactum's Repository is built without Snapshots, the Application without
snapshotting intervals), so "caches off" is every command replaying its whole stream on both sides.
Each comparison also prints the CPU per command of both sides (this process plus the PostgreSQL
backends serving the run's database, read from /proc): on a shared machine commands/s follow whatever
else runs, the CPU per command much less.
  raw            asyncpg, one event per transaction (BEGIN / INSERT / COMMIT) into a table like
                 pactum's events table, with and without LOCK TABLE … IN EXCLUSIVE MODE; and the
                 same INSERT as one statement in its own implicit transaction (pactum's shape).

`--check` adds a run of pactum at the highest client count with a reader following the global log
(EventStore.read_log from START) and verifies it saw every stored event exactly once, in order.
`--what-if` adds a run that says where pactum's time goes: EventStore.append of a prebuilt row on
held connections (the append statement alone).
Each database is created fresh for its measurement and dropped afterwards. Figures drift 10-30 %
between runs on shared machines: use --repeat 3 for medians, and read the ratios.
"""

# ruff: noqa: E402  (the path is set before the imports: see below)
from __future__ import annotations

import sys as _sys
from pathlib import Path as _Path

# Run as a script, this file's folder comes first on the path, where bench/http.py hides the standard `http`.
_sys.path[:] = [p for p in _sys.path if _Path(p or ".").resolve() != _Path(__file__).resolve().parent]

import argparse
import asyncio
import cProfile
import dataclasses
import io
import itertools
import os
import pstats
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from uuid import UUID, uuid4

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from domain.agreement import Agreement
from domain.values import InstrumentType, LocalizedString, PartyRole, TextKind
from service.config import Settings
from service.store.db import EmbeddedServer, create_pool, with_database
from service.store.eventstore import START, EventStore, LogCursor
from service.store.mapper import EventMetadata, Mapper, NewEvent
from service.store.migrate import migrate
from service.store.repository import Repository
from service.usecases.commands import DefineArea, DraftAgreement
from service.usecases.context import Caller, Context
from service.usecases.dispatch import Commands
from service.usecases.execute import Executor

AREAS_PER_AGREEMENT = 9
ON_LONG = 10  # commands on the long agreement after each fresh one
LONG = 300  # events of each client's long agreement before the run (default of --long)
LANGUAGE = "zh-Hans"
AREA_TITLES = ["就业创业", "人才交流", "技能培训", "社会保险", "劳动关系", "人力资源服务",
               "职称互认", "公共服务", "信息共享"]


def text(value: str) -> dict[str, LocalizedString]:
    return {LANGUAGE: LocalizedString(value, TextKind.AUTHENTIC),
            "en": LocalizedString(f"{value} (translation)", TextKind.UNOFFICIAL)}


AGREEMENT_TITLE = text("珠中江三地人力资源和社会保障合作协议")
AREA_TEXTS = [text(t) for t in AREA_TITLES]
AREA_AIMS = [text(f"深化{t}合作") for t in AREA_TITLES]


@dataclass
class Result:
    system: str
    variant: str
    clients: int
    commands: int
    seconds: float
    cpu_s: float
    server_cpu_s: float | None = None
    note: str = ""

    @property
    def rate(self) -> float:
        return self.commands / self.seconds

    @property
    def cpu_us_per_command(self) -> float:
        return 1e6 * self.cpu_s / max(self.commands, 1)

    @property
    def server_cpu_us_per_command(self) -> float | None:
        return None if self.server_cpu_s is None else 1e6 * self.server_cpu_s / max(self.commands, 1)


# -- databases ------------------------------------------------------------------------------------


class Server:
    """The server under test: DATABASE_URL, or the embedded one in a temporary directory."""

    def __init__(self, url: str | None, data_dir: Path | None) -> None:
        self.url = url
        self._embedded: EmbeddedServer | None = None
        self._tmp: tempfile.TemporaryDirectory | None = None
        if not url:
            if data_dir is None:
                self._tmp = tempfile.TemporaryDirectory(prefix="pactum-bench-")
                data_dir = Path(self._tmp.name)
            self._embedded = EmbeddedServer(data_dir)

    def start(self) -> str:
        if self._embedded is not None:
            self.url = self._embedded.start()
        assert self.url
        return self.url

    def stop(self) -> None:
        if self._embedded is not None:
            self._embedded.stop()
        if self._tmp is not None:
            self._tmp.cleanup()

    async def fresh_database(self, name: str) -> str:
        admin = await asyncpg.connect(self.url)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()
        return with_database(self.url, name)

    async def drop_database(self, name: str) -> None:
        admin = await asyncpg.connect(self.url)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


def psycopg_env(dsn: str) -> dict[str, str]:
    """eventsourcing's POSTGRES_* settings for a libpq URI (a socket directory is a host too)."""
    parts = urlsplit(dsn)
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    return {
        "POSTGRES_DBNAME": unquote(parts.path.lstrip("/")) or "postgres",
        "POSTGRES_HOST": query.get("host") or parts.hostname or "localhost",
        "POSTGRES_PORT": str(query.get("port") or parts.port or 5432),
        "POSTGRES_USER": unquote(parts.username or "") or query.get("user") or "postgres",
        "POSTGRES_PASSWORD": unquote(parts.password or "") or query.get("password") or "",
    }


def bench_settings(pool_size: int) -> Settings:
    """The environment's settings (whatever fields they grow), with the bench's pool and timeouts."""
    return dataclasses.replace(Settings.from_env(), database_url=None, pool_size=pool_size,
                               transaction_timeout_s=10, idle_in_transaction_timeout_s=5)


# -- measuring ------------------------------------------------------------------------------------


def backend_cpu_s(database: str) -> float | None:
    """CPU seconds used so far by the local PostgreSQL backends serving `database`; None when there is no
    /proc to read them from (another OS, or the server on another machine serves no local backend)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    total, found, tick = 0.0, False, os.sysconf("SC_CLK_TCK")
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").split()
            if len(title) < 3 or title[0] != b"postgres:" or title[2].decode() != database:
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, UnicodeDecodeError):
            continue  # a process that ended meanwhile
        total, found = total + (int(fields[11]) + int(fields[12])) / tick, True
    return total if found else None


class Window:
    """Counts commands between the end of a warm-up and the end of the measured seconds, with the CPU
    time of this process and of the PostgreSQL backends serving `database` over the same seconds."""

    def __init__(self, warmup: float, seconds: float) -> None:
        self.warmup = warmup
        self.seconds = seconds
        self.counts: list[int] = []
        self.stopped = threading.Event()
        self.database = ""
        self.server_cpu_s: float | None = None

    def _server_cpu(self) -> float | None:
        return backend_cpu_s(self.database) if self.database else None

    def _server_spent(self, before: float | None) -> None:
        after = self._server_cpu()
        self.server_cpu_s = None if before is None or after is None else after - before

    def total(self) -> int:
        return sum(self.counts)

    def slot(self) -> int:
        self.counts.append(0)
        return len(self.counts) - 1

    def measure_blocking(self) -> tuple[int, float, float]:
        time.sleep(self.warmup)
        server0 = self._server_cpu()  # before the clock starts: reading /proc takes a few ms
        c0, t0, cpu0 = self.total(), time.perf_counter(), time.process_time()
        time.sleep(self.seconds)
        c1, t1, cpu1 = self.total(), time.perf_counter(), time.process_time()
        self._server_spent(server0)
        self.stopped.set()
        return c1 - c0, t1 - t0, cpu1 - cpu0

    async def measure(self) -> tuple[int, float, float]:
        """Commands, seconds and this process's CPU seconds (the loop is blocked while /proc is read)."""
        await asyncio.sleep(self.warmup)
        server0 = self._server_cpu()  # before the clock starts: reading /proc takes a few ms
        c0, t0, cpu0 = self.total(), time.perf_counter(), time.process_time()
        await asyncio.sleep(self.seconds)
        c1, t1, cpu1 = self.total(), time.perf_counter(), time.process_time()
        self._server_spent(server0)
        self.stopped.set()
        return c1 - c0, t1 - t0, cpu1 - cpu0


# -- (1) pactum -----------------------------------------------------------------------------------


async def follow_log(store: EventStore, stop: asyncio.Event, seen: list[tuple[int, int]]) -> None:
    """A consumer of the global log: every event it reads, in the order it reads them."""
    cursor = START
    while True:
        batch = await store.read_log(cursor, limit=500)
        for event in batch:
            seen.append((event.txid, event.position))
        if batch:
            last = batch[-1]
            cursor = LogCursor(last.txid, last.position)
        elif stop.is_set():
            return
        else:
            await asyncio.sleep(0.005)


def long_agreement(party_id: UUID, areas: int) -> Agreement:
    """A draft with `areas` areas, not yet saved: 2 + `areas` events."""
    agreement = Agreement.draft(uuid4(), f"LONG-{uuid4().hex[:8]}", AGREEMENT_TITLE, LANGUAGE,
                                InstrumentType.COOPERATION_AGREEMENT, None, drafted_by=party_id)
    agreement.add_party(party_id, PartyRole.SIGNATORY)
    for i in range(areas):
        agreement.define_area(f"A{i + 1}", AREA_TEXTS[i % 9], (f"领域{i + 1}",), AREA_AIMS[i % 9])
    return agreement


async def store_long(repo: Repository, party_id: UUID, areas: int) -> UUID:
    agreement = long_agreement(party_id, areas)
    now = datetime.now(UTC)
    await repo.save(agreement, EventMetadata(actor_user="bench"), now, now)
    return agreement.id


async def run_pactum(server: Server, clients: int, cache: bool, window: Window,
                     check: bool = False, long: int = LONG) -> Result:
    name = f"bench_pactum_{clients}_{'cache' if cache else 'nocache'}{'_check' if check else ''}"
    dsn = await server.fresh_database(name)
    window.database = name
    settings = bench_settings(pool_size=clients + (1 if check else 0))
    conn = await asyncpg.connect(dsn)
    await migrate(conn)
    await conn.close()
    pool = await create_pool(dsn, settings, size=settings.pool_size)
    store = EventStore(pool)
    repo = Repository(store, Mapper(), cache_size=4096 if cache else 0)
    commands = Commands(Executor(repo))
    caller = Caller(key_id=uuid4(), party_id=uuid4(), is_admin=True, user="bench")

    async def client(n: int, long_id: UUID) -> None:
        slot = window.slot()
        on_long = itertools.count(long)
        for serial in itertools.count():
            agreement_id = uuid4()
            await commands.execute(DraftAgreement(
                agreement_id=agreement_id, code=f"BENCH-{n}-{serial}", title=AGREEMENT_TITLE,
                authentic_language=LANGUAGE), Context(caller))
            window.counts[slot] += 1
            areas = [(agreement_id, i) for i in range(AREAS_PER_AGREEMENT)]
            for target, i in areas + [(long_id, next(on_long)) for _ in range(ON_LONG)]:
                if window.stopped.is_set():
                    return
                await commands.execute(DefineArea(
                    agreement_id=target, code=f"A{i + 1}", title=AREA_TEXTS[i % 9],
                    aliases=(f"领域{i + 1}",), aim=AREA_AIMS[i % 9]), Context(caller))
                window.counts[slot] += 1

    note = ""
    try:
        stop_reader = asyncio.Event()
        seen: list[tuple[int, int]] = []
        reader = asyncio.create_task(follow_log(store, stop_reader, seen)) if check else None
        longs = [await store_long(repo, caller.party_id, long) for _ in range(clients)]
        tasks = [asyncio.create_task(client(n, longs[n])) for n in range(clients)]
        commands_done, seconds, cpu = await window.measure()
        await asyncio.gather(*tasks)
        if reader is not None:
            stop_reader.set()
            stored = await pool.fetch("SELECT txid, position FROM events ORDER BY txid, position")
            deadline = time.monotonic() + 30
            while len(seen) < len(stored) and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            await reader
            expected = [(r["txid"], r["position"]) for r in stored]
            ok = seen == expected
            note = (f"log check: reader saw {len(seen)} of {len(expected)} events, "
                    f"{len(seen) - len(set(seen))} twice, {len(set(expected) - set(seen))} missed, "
                    f"{'in order, exactly once: OK' if ok else 'FAILED'}")
            if not ok:
                raise SystemExit(note)
    finally:
        await pool.close()
        await server.drop_database(name)
    variant = ("cache on" if cache else "cache off (replay)") + (" + log reader" if check else "")
    return Result("pactum", variant, clients, commands_done, seconds, cpu, window.server_cpu_s, note)


# -- (2) eventsourcing Application ----------------------------------------------------------------


def es_application_class() -> type:
    from eventsourcing.application import Application
    from eventsourcing.persistence import Transcoding

    class LocalizedStringAsDict(Transcoding):
        type = LocalizedString
        name = "localized_string"

        def encode(self, obj: LocalizedString) -> dict[str, str]:
            return {"text": obj.text, "kind": obj.kind.value}

        def decode(self, data: dict[str, str]) -> LocalizedString:
            return LocalizedString(data["text"], TextKind(data["kind"]))

    class BenchApplication(Application):
        """The library's Application, with a transcoding for the domain's value object.

        The json module writes str-valued enums (TextKind, InstrumentType, PartyRole) as plain
        strings without asking a transcoding, and tuples as lists; the workload needs no more.
        """

        def register_transcodings(self, transcoder) -> None:
            super().register_transcodings(transcoder)
            transcoder.register(LocalizedStringAsDict())

    return BenchApplication


def run_eventsourcing(server: Server, clients: int, cache: bool, window: Window, long: int = LONG) -> Result:
    name = f"bench_es_{clients}_{'cache' if cache else 'nocache'}"
    dsn = asyncio.run(server.fresh_database(name))
    window.database = name
    env = {"PERSISTENCE_MODULE": "eventsourcing.postgres", **psycopg_env(dsn),
           "POSTGRES_POOL_SIZE": str(clients), "POSTGRES_MAX_OVERFLOW": "2",
           "CREATE_TABLE": "y"}
    if cache:  # its fastest gapless setting: the cached copy trusted, as the only writer
        env["AGGREGATE_CACHE_MAXSIZE"] = "4096"
        env["AGGREGATE_CACHE_FASTFORWARD"] = "n"
    app = es_application_class()(env=env)
    party_id = uuid4()
    errors: list[BaseException] = []
    longs = []
    for _ in range(clients):
        stored = long_agreement(party_id, long)
        app.save(stored)
        longs.append(stored.id)

    def client(n: int) -> None:
        slot = window.slot()
        on_long = itertools.count(long)
        try:
            for serial in itertools.count():
                agreement = Agreement.draft(uuid4(), f"BENCH-{n}-{serial}", AGREEMENT_TITLE, LANGUAGE,
                                            InstrumentType.COOPERATION_AGREEMENT, None, drafted_by=party_id)
                agreement.add_party(party_id, PartyRole.SIGNATORY)
                app.save(agreement)
                window.counts[slot] += 1
                areas = [(agreement.id, i) for i in range(AREAS_PER_AGREEMENT)]
                for target, i in areas + [(longs[n], next(on_long)) for _ in range(ON_LONG)]:
                    if window.stopped.is_set():
                        return
                    loaded = app.repository.get(target)
                    loaded.define_area(f"A{i + 1}", AREA_TEXTS[i % 9], (f"领域{i + 1}",), AREA_AIMS[i % 9])
                    app.save(loaded)
                    window.counts[slot] += 1
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
            window.stopped.set()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    try:
        for t in threads:
            t.start()
        commands_done, seconds, cpu = window.measure_blocking()
        for t in threads:
            t.join()
        if errors:
            raise errors[0]
        # The stored events decode back into the same aggregate.
        some = app.repository.get(next(iter(_es_originators(app))))
        assert isinstance(some, Agreement)
    finally:
        app.close()
        asyncio.run(server.drop_database(name))
    variant = "Application" + (", cache on (trusted)" if cache else "")
    return Result("eventsourcing", variant, clients, commands_done, seconds, cpu, window.server_cpu_s)


def _es_originators(app) -> Iterator[UUID]:
    for notification in app.recorder.select_notifications(start=None, limit=1):
        yield notification.originator_id


# -- (3) raw asyncpg ------------------------------------------------------------------------------

RAW_INSERT = """
INSERT INTO events (stream_id, stream_type, version, event_type, schema_version, payload, metadata,
                    occurred_at, recorded_at, hash)
VALUES ($1, 'agreement', $2, 'agreement.area_defined', 1, $3::json, $4::json, $5, $5, $6)
"""


async def run_raw(server: Server, clients: int, mode: str, window: Window) -> Result:
    """mode: 'tx' (BEGIN/INSERT/COMMIT), 'lock' (BEGIN/LOCK/INSERT/COMMIT), 'stmt' (INSERT alone),
    'store' (pactum's EventStore.append of one prebuilt row on a held connection: its statement alone)."""
    name = f"bench_raw_{clients}_{mode}"
    dsn = await server.fresh_database(name)
    window.database = name
    conn = await asyncpg.connect(dsn)
    await migrate(conn)
    await conn.close()
    pool = await asyncpg.create_pool(dsn, min_size=clients, max_size=clients)
    store = EventStore(pool)
    payload = ('{"code":"A1","title":{"zh-Hans":{"text":"就业创业","kind":"authentic"},"en":{"text":'
               '"Employment and entrepreneurship (translation)","kind":"unofficial"}},"aliases":'
               '["领域1"],"aim":{"zh-Hans":{"text":"深化就业创业合作","kind":"authentic"},"en":{"text":'
               '"Deepen cooperation (translation)","kind":"unofficial"}}}')
    metadata = '{"actor_party":"6c1f0f0e-8a59-4d0c-9a57-2f43f7a0c0de","actor_user":"bench"}'

    async def client(n: int) -> None:
        slot = window.slot()
        stream_id = uuid4()
        # Not conn.prepare(): asyncpg ends its Parse/Describe with Flush, not Sync, so the implicit
        # transaction (holding ROW EXCLUSIVE on events) stays open, the next BEGIN inherits the
        # lock, and LOCK TABLE then upgrades it: deadlocks between clients. The statement cache
        # prepares once per connection anyway.
        async with pool.acquire() as conn:
            for version in itertools.count(1):
                if window.stopped.is_set():
                    return
                now = datetime.now(UTC)
                if mode == "store":
                    row = NewEvent(stream_id, "agreement", version, "agreement.area_defined", 1,
                                   payload.encode(), now, os.urandom(32))
                    await store.append([row], metadata.encode(), now, conn=conn)
                elif mode == "stmt":
                    await conn.execute(RAW_INSERT, stream_id, version, payload, metadata, now, os.urandom(32))
                else:
                    async with conn.transaction():
                        if mode == "lock":
                            await conn.execute("LOCK TABLE events IN EXCLUSIVE MODE")
                        await conn.execute(RAW_INSERT, stream_id, version, payload, metadata, now,
                                           os.urandom(32))
                window.counts[slot] += 1

    try:
        tasks = [asyncio.create_task(client(n)) for n in range(clients)]
        commands_done, seconds, cpu = await window.measure()
        await asyncio.gather(*tasks)
    finally:
        await pool.close()
        await server.drop_database(name)
    variant = {"tx": "BEGIN/INSERT/COMMIT", "lock": "BEGIN/LOCK/INSERT/COMMIT",
               "stmt": "INSERT alone (1 round trip)", "store": "EventStore.append alone"}[mode]
    return Result("raw asyncpg" if mode != "store" else "pactum store", variant, clients,
                  commands_done, seconds, cpu, window.server_cpu_s)


# -- running --------------------------------------------------------------------------------------


def run_async(coro_factory: Callable[[], Awaitable[Any]], use_uvloop: bool) -> Any:
    if use_uvloop:
        import uvloop

        return uvloop.run(coro_factory())
    return asyncio.run(coro_factory())


@contextmanager
def profiled(enabled: bool, label: str) -> Iterator[None]:
    if not enabled:
        yield
        return
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).strip_dirs()
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(30)
        print(f"\n== profile: {label} ==\n{out.getvalue()}", file=sys.stderr)


def medians(results: list[Result]) -> list[Result]:
    """One result per (system, variant, clients): the run with the median rate, in first-run order."""
    groups: dict[tuple[str, str, int], list[Result]] = {}
    for r in results:
        groups.setdefault((r.system, r.variant, r.clients), []).append(r)
    picked = []
    for runs in groups.values():
        ranked = sorted(runs, key=lambda r: r.rate)
        median = ranked[len(ranked) // 2]
        if len(runs) > 1:
            median.note = "; ".join(filter(None, [median.note, "runs: " + ", ".join(
                f"{r.rate:,.0f}" for r in runs)]))
        picked.append(median)
    return picked


def print_table(results: list[Result]) -> None:
    def find(system: str, clients: int, variant: str) -> Result | None:
        found = [r for r in results if (r.system, r.clients, r.variant) == (system, clients, variant)]
        return found[0] if found else None

    def ratio(r: Result, ref: Result | None) -> str:
        return f"{r.rate / ref.rate:.2f}x" if ref and r.system.startswith("pactum") else ""

    def server_cpu(r: Result) -> str:
        return "n/a" if r.server_cpu_us_per_command is None else f"{r.server_cpu_us_per_command:,.0f}"

    header = (f"{'system':<15} {'variant':<36} {'clients':>7} {'commands/s':>11} {'client CPU µs/cmd':>18} "
              f"{'server CPU µs/cmd':>18} {'/eventsourcing':>15} {'/raw tx':>8} {'/raw 1-stmt':>12}")
    print()
    print(header)
    print("-" * len(header))
    for r in results:
        es = find("eventsourcing", r.clients,
                  "Application, cache on (trusted)" if r.variant.startswith("cache on") else "Application")
        raw_tx = find("raw asyncpg", r.clients, "BEGIN/INSERT/COMMIT")
        raw_stmt = find("raw asyncpg", r.clients, "INSERT alone (1 round trip)")
        print(f"{r.system:<15} {r.variant:<36} {r.clients:>7} {r.rate:>11,.0f} {r.cpu_us_per_command:>18,.0f}"
              f" {server_cpu(r):>18} {ratio(r, es):>15} {ratio(r, raw_tx):>8} {ratio(r, raw_stmt):>12}")
    for r in results:
        if r.note:
            print(f"{r.system} {r.variant} x{r.clients}: {r.note}")
    top = max((r.clients for r in results), default=0)
    print()
    for label, ours, theirs in (("caches on both sides", "cache on", "Application, cache on (trusted)"),
                                ("caches off both sides (no cache, no snapshots: every command replays its "
                                 "whole stream)", "cache off (replay)", "Application")):
        pactum, es = find("pactum", top, ours), find("eventsourcing", top, theirs)
        if pactum and es:
            times = pactum.rate / es.rate
            verdict = "met" if times >= 4 else "NOT met"
            print(f"like for like at {top} clients, {label}: pactum {pactum.rate:,.0f} / eventsourcing "
                  f"{es.rate:,.0f} commands/s = {times:.2f}x (target >= 4x: {verdict})"
                  f"{cpu_ratio(pactum, es)}")


def cpu_ratio(pactum: Result, es: Result) -> str:
    """The CPU both sides spend per command (this process and its PostgreSQL backends): the ratio that
    holds when the machine is shared, where commands/s follow whatever else runs."""
    if pactum.server_cpu_us_per_command is None or es.server_cpu_us_per_command is None:
        return ""
    ours = pactum.cpu_us_per_command + pactum.server_cpu_us_per_command
    theirs = es.cpu_us_per_command + es.server_cpu_us_per_command
    return f"; CPU per command {ours:,.0f} / {theirs:,.0f} µs = {theirs / ours:.2f}x less"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--seconds", type=float, default=6.0, help="measured seconds per run (default 6)")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured seconds first (default 1)")
    parser.add_argument("--clients", default="1,8", help="client counts, comma-separated (default 1,8)")
    parser.add_argument("--only", default="pactum,eventsourcing,raw",
                        help="systems to run, comma-separated: pactum, eventsourcing, raw")
    parser.add_argument("--check", action="store_true",
                        help="also run pactum at the highest client count with a log reader and "
                             "verify it saw every event exactly once")
    parser.add_argument("--long", type=int, default=LONG,
                        help=f"events of each client's long agreement before the run (default {LONG})")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run everything N times and report each figure's median (default 1)")
    parser.add_argument("--what-if", action="store_true",
                        help="also run pactum's EventStore.append alone on held connections")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the pactum runs (to stderr); asyncpg's Cython and the loop show "
                             "better under: py-spy record -o out.svg -- python bench/append.py --only pactum")
    parser.add_argument("--no-uvloop", action="store_true", help="use the default asyncio loop")
    parser.add_argument("--data-dir", type=Path, help="embedded server's directory (default: a temp dir)")
    args = parser.parse_args(argv)

    counts = [int(c) for c in args.clients.split(",")]
    only = {s.strip() for s in args.only.split(",")}
    uvloop_on = not args.no_uvloop
    server = Server(os.environ.get("DATABASE_URL"), args.data_dir)
    url = server.start()
    print(f"server: {'DATABASE_URL' if os.environ.get('DATABASE_URL') else 'embedded ' + url}; "
          f"{args.seconds:g} s per run after {args.warmup:g} s warm-up; loop: "
          f"{'uvloop' if uvloop_on else 'asyncio'}; {os.cpu_count()} CPUs", flush=True)
    results: list[Result] = []

    def record(result: Result) -> None:
        results.append(result)
        print(f"  {result.system:<14} {result.variant:<36} x{result.clients}: "
              f"{result.rate:,.0f} commands/s", flush=True)

    def window() -> Window:
        return Window(args.warmup, args.seconds)

    def one_round() -> None:
        for clients in counts:
            if "pactum" in only:
                for cache in (True, False):
                    with profiled(args.profile, f"pactum cache={cache} x{clients}"):
                        record(run_async(partial(run_pactum, server, clients, cache, window(),
                                                 long=args.long), uvloop_on))
            if "eventsourcing" in only:
                for cache in (True, False):
                    record(run_eventsourcing(server, clients, cache, window(), args.long))
            if "raw" in only:
                for mode in ("tx", "lock", "stmt"):
                    record(run_async(partial(run_raw, server, clients, mode, window()), uvloop_on))
            if args.what_if and "pactum" in only:
                record(run_async(partial(run_raw, server, clients, "store", window()), uvloop_on))
        if args.check and "pactum" in only:
            record(run_async(lambda: run_pactum(server, max(counts), True, window(), check=True,
                                                long=args.long), uvloop_on))

    try:
        for _ in range(args.repeat):
            one_round()
    finally:
        server.stop()
    print_table(medians(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
