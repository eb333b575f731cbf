"""Requests per second of pactum over HTTP against a bare litestar + asyncpg app, in the same run.

Run by hand (not in CI), with Debian's wrk installed (`apt-get install -y wrk`):

    python bench/http.py                  # embedded PostgreSQL in a temporary directory
    python bench/http.py --seconds 20 --runs 3

Seeds the ZZJ pact into a fresh database, serves it with `pactum serve` (uvicorn, httptools, projections
running), and serves bench/bare_app.py on another database of the same embedded server, holding the same
response documents. wrk with 32 connections measures, each for `--seconds`, `--runs` times taking turns
with the bare app (the figures of the run with the median requests/s are compared):

  GET /agreements/{id}            vs bare GET of the same bytes by primary key
  GET /agreements/{id}/progress   vs bare GET of the same bytes by primary key
  POST /agreements                vs bare POST inserting one row in a transaction
  32 writers: POST progress reports on the 27 commitments of the one pact, round robin, vs bare POST

and prints requests/s, p50/p99, server CPU per request, answers 409, the load average after each run,
and the ratio to the bare app.
"""

# ruff: noqa: E402  (the path is set before the imports: see below)
from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on the path, and its name hides the standard `http`.
_HERE, ROOT = Path(__file__).resolve().parent, Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse
import asyncio
import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from uuid import uuid4

import httpx

from bench import wrk
from bench.servers import bare, fresh_database, migrated_system, pactum, postgres_cpu
from domain.party import Party
from service.seed import ZZJ, Seeder, agreement_id_for, load_seeds
from service.store.embedded import EmbeddedServer

PACT = agreement_id_for(ZZJ)
REPORT = ('\'{"asOf":"2025-03-01","level":"limited","health":"on_track",'
          '"narrative":{"zh-Hans":{"text":"进展 \' .. counter .. \'","kind":"authentic"}}}\'')
DRAFT = ('\'{"code":"B-\' .. wrk.thread:get("id") .. "-" .. counter .. \'","authenticLanguage":"zh-Hans",'
         '"title":{"zh-Hans":{"text":"基准协议","kind":"authentic"}}}\'')


def commitment_codes() -> list[str]:
    pact = next(a for a in load_seeds()["agreements"] if a["id"] == ZZJ)
    return [c["id"] for area in pact["areas"] for c in area["commitments"]]


async def prepare(admin_dsn: str) -> tuple[str, str, str]:
    """The seeded pactum database, a key of a signatory of the pact, and the bare app's database."""
    dsn = await fresh_database(admin_dsn, "pactum_bench")
    system = await migrated_system(dsn)
    try:
        await Seeder(system).run()
        token = (await system.keys.issue("bench", party_id=Party.id_for("ZH-HRSS"))).token
        await system.runner.catch_up()
    finally:
        await system.pool.close()
    return dsn, token, await fresh_database(admin_dsn, "bare_bench")


async def copy_documents(pactum_url: str, token: str, bare_dsn: str) -> dict[str, str]:
    """The bare app's rows: pactum's own answers, byte for byte; their ids by pactum path."""
    import asyncpg

    from bench.bare_app import SCHEMA

    conn = await asyncpg.connect(bare_dsn)
    ids = {}
    try:
        await conn.execute(SCHEMA)
        async with httpx.AsyncClient(base_url=pactum_url) as client:
            for path in (f"/agreements/{PACT}", f"/agreements/{PACT}/progress"):
                body = (await client.get(path, headers={"Authorization": f"Bearer {token}"})).text
                ids[path] = str(uuid4())
                await conn.execute("INSERT INTO docs (id, body) VALUES ($1, $2)", ids[path], body)
                print(f"  {path}: {len(body.encode()):,} bytes")
    finally:
        await conn.close()
    return ids


def median(runs: list[wrk.Figures]) -> wrk.Figures:
    return sorted(runs, key=lambda f: f.rps)[len(runs) // 2]


def compare(name: str, ours: list[wrk.Figures], reference: list[wrk.Figures]) -> float:
    """Prints every run and the medians' ratio (and the p99 against the GET target)."""
    mine, theirs = median(ours), median(reference)
    ratio = mine.rps / theirs.rps
    print(name)
    for label, runs in (("pactum", ours), ("bare  ", reference)):
        for figures in runs:
            print(f"  {label} {figures.line()}")
    print(f"  ratio  {ratio:.2f} (medians of {len(ours)} runs); pactum p99 {mine.p99_ms:.1f} ms", flush=True)
    return ratio


def turns(run, ours, reference, ours_lua: str, reference_lua: str, runs: int):
    """`runs` runs of each, taking turns; the bare app's only once pactum has caught up behind its own."""
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(run(ours, ours_lua))
        settle(ours)
        theirs.append(run(reference, reference_lua))
    return mine, theirs


def settle(child, timeout: float = 300) -> None:
    """Wait until the server is idle (its projections caught up): under 5 % of a core for half a second."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = wrk.cpu_seconds(child.pid)
        time.sleep(0.5)
        if wrk.cpu_seconds(child.pid) - before < 0.025:
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("get", "post"), help="only the GETs, or only the POSTs")
    args = parser.parse_args()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if shutil.which("wrk") is None:
        sys.exit("bench/http.py needs wrk: apt-get install -y wrk")
    with tempfile.TemporaryDirectory(prefix="pactum-bench-") as tmp:
        server = EmbeddedServer(Path(tmp))
        admin_dsn = server.start()
        try:
            dsn, token, bare_dsn = asyncio.run(prepare(admin_dsn))
            ours, reference = pactum(dsn).wait_ready(), bare(bare_dsn).wait_ready()
            try:
                measure(ours, reference, token, bare_dsn, args.seconds, args.runs, args.only,
                        postgres_cpu(server))
            finally:
                ours.stop()
                reference.stop()
        finally:
            server.stop()


def measure(ours, reference, token: str, bare_dsn: str, seconds: int, runs: int = 3,
            only: str | None = None, database: Callable[[], float] | None = None) -> None:
    ratios = {}
    if only != "post":
        ratios |= measure_gets(ours, reference, token, bare_dsn, seconds, runs, database)
    if only != "get":
        ratios |= measure_posts(ours, reference, token, seconds, runs, database)
    print("ratios to bare: " + ", ".join(f"{k} {v:.2f}" for k, v in ratios.items()))


def _runner(seconds: int, database: Callable[[], float] | None = None):
    return lambda child, lua, s=seconds: wrk.run(child.url, lua, child.pid, s, database=database)


def measure_gets(ours, reference, token: str, bare_dsn: str, seconds: int, runs: int,
                 database: Callable[[], float] | None = None) -> dict[str, float]:
    docs = asyncio.run(copy_documents(ours.url, token, bare_dsn))
    run = _runner(seconds, database)
    for path in docs:  # warm up both
        run(ours, wrk.get(path, token), 2)
        run(reference, wrk.get(f"/rows/{docs[path]}"), 2)
    ratios = {}
    for path, row in docs.items():
        ratios[f"GET {path}"] = compare(
            f"GET {path}", *turns(run, ours, reference, wrk.get(path, token), wrk.get(f"/rows/{row}"), runs))
    return ratios


def measure_posts(ours, reference, token: str, seconds: int, runs: int,
                  database: Callable[[], float] | None = None) -> dict[str, float]:
    run = _runner(seconds, database)
    bare_post, drafts = wrk.post('"/rows"', DRAFT), wrk.post('"/agreements"', DRAFT, token)
    run(reference, bare_post, 2)  # warm up both
    run(ours, drafts, 2)
    ratios = {}
    mine, theirs = turns(run, ours, reference, drafts, bare_post, runs)
    ratios["POST /agreements"] = compare("POST /agreements", mine, theirs)
    before = stream_length(ours.url, token)
    writers, theirs = turns(run, ours, reference, writers_script(token), bare_post, runs)
    ratios["32 writers, one agreement"] = compare("32 writers on the commitments of one agreement", writers,
                                                  theirs)
    print(f"  the pact's stream grew from {before:,} to {stream_length(ours.url, token):,} events")
    return ratios


def writers_script(token: str) -> str:
    """wrk's script: progress reports on the pact's commitments, round robin over the connections."""
    codes = "{" + ", ".join(f'"{c}"' for c in commitment_codes()) + "}"
    code = 'CODES[(counter + wrk.thread:get("id")) % #CODES + 1]'
    path = f'"/agreements/{PACT}/commitments/" .. {code} .. "/progress-reports"'
    return f"CODES = {codes}\n" + wrk.post(path, REPORT, token)


def stream_length(url: str, token: str) -> int:
    answer = httpx.get(f"{url}/agreements/{PACT}", headers={"Authorization": f"Bearer {token}"}).json()
    return int(answer.get("version", 0))


if __name__ == "__main__":
    main()
