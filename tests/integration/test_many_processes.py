"""Two API processes and two workers on one database, 16 writers, one of each SIGKILLed in the middle.

Every accepted command is stored exactly once (retries carry their Idempotency-Key), the log is gapless,
and the views the surviving worker kept equal a rebuild, row by row and answer by answer.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections import Counter
from pathlib import Path

import httpx

import projections
from domain.party import Party
from service.seed import ZZJ, agreement_id_for
from tests.integration.processes import free_port, pactum, run
from tests.integration.test_projections import snapshot
from tests.integration.test_worker_failover import caught_up, started
from tests.integration.writers import Fleet, Sent, send

PACT = agreement_id_for(ZZJ)
CO_LEADS = ("ZH-HRSS", "ZS-HRSS")
CODES = ["A1.1", "A1.2", "A1.3", "A1.4", "A2.1"]  # both co-leads report on these
WRITERS, COMMANDS = 16, 12  # writers 0-7 on the one pact, 8-15 registering parties (a stream each)
KILL_AFTER = 96  # accepted commands before one API process and the owning worker are killed


def report(w: int, i: int) -> tuple[str, dict]:
    return (f"/agreements/{PACT}/commitments/{CODES[w % len(CODES)]}/progress-reports",
            {"asOf": "2025-03-01", "level": "limited", "health": "on_track",
             "narrative": {"zh-Hans": {"text": f"进展 w{w} r{i}", "kind": "authentic"}}})


def registration(w: int, i: int) -> tuple[str, dict]:
    names = {"en": {"text": f"Party {w} {i}", "kind": "official"}}
    return "/parties", {"code": f"MP-{w}-{i}", "names": names}


def writer_of(sent: Sent) -> int:
    return int(sent.key[1:].split("-")[0])


async def answers(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> dict[str, object]:
    """What the views serve over HTTP for the pact and the parties the writers registered."""
    paths = [f"/agreements/{PACT}", f"/agreements/{PACT}/progress", "/parties?limit=100"]
    out = {}
    for path in paths:
        reply = await client.get(url + path, headers=headers)
        assert reply.status_code == 200, (path, reply.text)
        out[path] = reply.json()
    return out


async def stored_exactly_once(pool, sent: list[Sent]) -> None:
    """One idempotency key and one event for every accepted command, none for anything else."""
    keys = await pool.fetch("SELECT key FROM idempotency_keys WHERE key LIKE 'w%-c%'")
    assert sorted(r["key"] for r in keys) == sorted(s.key for s in sent)
    texts = Counter(r[0] for r in await pool.fetch(
        "SELECT payload::jsonb #>> '{narrative,zh-Hans,text}' FROM events "
        "WHERE stream_id = $1 AND event_type = 'agreement.progress_reported'", PACT)
        if r[0].startswith("进展 w"))
    assert texts == {f"进展 w{w} r{i}": 1 for w in range(8) for i in range(COMMANDS)}
    assert len({s.body["resourceId"] for s in sent if writer_of(s) < 8}) == 8 * COMMANDS
    codes = Counter(r[0] for r in await pool.fetch(
        "SELECT payload::jsonb ->> 'code' FROM events WHERE event_type = 'party.registered' "
        "AND payload::jsonb ->> 'code' LIKE 'MP-%'"))
    assert codes == {f"MP-{w}-{i}": 1 for w in range(8, WRITERS) for i in range(COMMANDS)}


async def gapless(system) -> None:
    """Versions 1..n in every stream; once caught up, the feed numbers every event once, 1..N."""
    assert await system.pool.fetchval(
        "SELECT count(*) FROM (SELECT stream_id FROM events GROUP BY stream_id "
        "HAVING count(*) <> max(version) OR min(version) <> 1) s") == 0
    await caught_up(system, await system.pool.fetchval("SELECT max(position) FROM events"), within=15)
    total = await system.pool.fetchval("SELECT count(*) FROM events")
    for _ in range(150):
        numbered = await system.pool.fetchrow("SELECT count(*), min(seq), max(seq) FROM event_seq")
        if numbered[0] == total:
            break
        await asyncio.sleep(0.1)
    assert tuple(numbered) == (total, 1, total)


async def test_two_api_processes_and_two_workers_lose_nothing_and_duplicate_nothing_when_one_of_each_dies(
        seeded, dsn: str, tmp_path: Path):
    began = time.monotonic()
    admin = (await seeded.keys.issue("many processes", is_admin=True)).token
    leads = [(await seeded.keys.issue(code, party_id=Party.id_for(code))).token for code in CO_LEADS]
    env = {"DATABASE_URL": dsn, "PACTUM_LOG_LEVEL": "warning", "PACTUM_RATE_LIMIT": "1000000"}
    ports = [free_port(), free_port()]
    apis = [pactum("serve", "--api-only", env={**env, "PORT": str(port),
                                               "PACTUM_DATA_DIR": str(tmp_path / str(port))})
            for port in ports]
    workers = [pactum("project", env=env)]
    try:
        for api in apis:
            line = await asyncio.to_thread(api.stdout.readline)
            assert line.startswith("pactum API serving"), line + api.stderr.read()[-2000:]
        await started(workers[0], seeded.pool, locks=len(projections.ALL) + 1)  # it owns every job
        workers.append(pactum("project", env=env))
        await started(workers[1], seeded.pool, locks=len(projections.ALL) + 1)

        fleet = Fleet([f"http://127.0.0.1:{port}" for port in ports])
        accepted = 0
        kill_now = asyncio.Event()
        async with httpx.AsyncClient(timeout=30) as client:
            async def writer(w: int) -> list[Sent]:
                nonlocal accepted
                sent = []
                for i in range(COMMANDS):
                    path, body = report(w, i) if w < 8 else registration(w, i)
                    token = leads[w % 2] if w < 8 else admin
                    sent.append(await send(client, fleet, w + i, path, body,
                                           {"Authorization": f"Bearer {token}"}, f"w{w}-c{i}"))
                    accepted += 1
                    if accepted >= KILL_AFTER:
                        kill_now.set()
                return sent

            async def killer() -> None:
                await kill_now.wait()
                os.killpg(apis[0].pid, signal.SIGKILL)
                os.killpg(workers[0].pid, signal.SIGKILL)
                await asyncio.sleep(0.3)  # the load balancer notices a moment later
                fleet.dead.add(fleet.urls[0])

            *results, _ = await asyncio.gather(*(writer(w) for w in range(WRITERS)), killer())
            sent = [s for batch in results for s in batch]
            assert apis[0].wait(timeout=10) == -signal.SIGKILL
            assert workers[0].wait(timeout=10) == -signal.SIGKILL

            # Every command was accepted in the end, some only on a retry after the kill.
            assert len(sent) == WRITERS * COMMANDS
            assert Counter(s.status for s in sent) == {201: WRITERS * COMMANDS}, [
                s for s in sent if s.status != 201]
            retried = [s for s in sent if s.failures]
            print(f"{len(retried)} commands retried after a failure: "
                  f"{Counter(f for s in retried for f in s.failures)}")

            await stored_exactly_once(seeded.pool, sent)
            await gapless(seeded)

            # The views the surviving worker kept equal a rebuild of every projection.
            headers = {"Authorization": f"Bearer {admin}"}
            followed, served = await snapshot(seeded.pool), await answers(client, fleet.urls[1], headers)
            rebuilt = await asyncio.to_thread(run, "rebuild", "all", env=env, timeout=60)
            assert rebuilt.returncode == 0, rebuilt.stderr[-2000:]
            assert await snapshot(seeded.pool) == followed
            assert await answers(client, fleet.urls[1], headers) == served
            assert len(served[f"/agreements/{PACT}/progress"]) > 0
    finally:
        for proc in [*apis, *workers]:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
    print(f"many-process test took {time.monotonic() - began:.1f} s")
