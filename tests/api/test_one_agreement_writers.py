"""Partners reporting on one pact at once are served in turn; a write from another process is caught up."""

from __future__ import annotations

import asyncio
from datetime import date
from uuid import UUID

from domain.agreement.values import CompletionLevel, Health
from domain.party import Party
from domain.values import LocalizedString, TextKind
from service.seed import ZZJ, agreement_id_for
from service.system import System
from service.usecases.commands.progress import ReportProgress
from service.usecases.context import Caller, Context
from service.usecases.turns import Turns

PACT = agreement_id_for(ZZJ)
CO_LEADS = ("ZH-HRSS", "ZS-HRSS", "JM-HRSS")
CODES = [f"A1.{n}" for n in range(1, 5)] + [f"A2.{n}" for n in range(1, 5)] + ["A3.1", "A3.2", "A3.3"] + [
    f"A4.{n}" for n in range(1, 8)] + [f"A5.{n}" for n in range(1, 5)] + [f"A6.{n}" for n in range(1, 6)]


def body(n: int) -> dict:
    return {"asOf": "2025-03-01", "level": "limited", "health": "on_track",
            "narrative": {"zh-Hans": {"text": f"进展 {n}", "kind": "authentic"}}}


async def reports_stored(system: System) -> list[tuple[int, str]]:
    rows = await system.pool.fetch(
        "SELECT version, payload::jsonb->>'report_id' AS report FROM events "
        "WHERE stream_id = $1 AND event_type = 'agreement.progress_reported' ORDER BY version", PACT)
    return [(r["version"], r["report"]) for r in rows]


async def test_thirty_two_partners_reporting_at_once_are_all_accepted_each_report_stored_once(api):
    # 32 writers: each of the 27 commitments once, five of them by a second co-lead.
    writers = [(code, CO_LEADS[0]) for code in CODES] + [(code, CO_LEADS[1]) for code in CODES[:5]]
    assert len(writers) == 32 and len(set(writers)) == 32
    before = await api.system.pool.fetchval("SELECT max(version) FROM events WHERE stream_id = $1", PACT)

    async def send(n: int, code: str, party: str):
        return await api.client.post(f"/agreements/{PACT}/commitments/{code}/progress-reports", json=body(n),
                                     headers={**api.auth(party), "Idempotency-Key": f"writer-{n}"})

    answers = await asyncio.gather(*(send(n, code, party) for n, (code, party) in enumerate(writers)))

    assert [a.status_code for a in answers] == [201] * 32, [a.text for a in answers if a.status_code != 201]
    stored = await reports_stored(api.system)
    assert len(stored) == 32
    assert sorted(a.json()["resourceId"] for a in answers) == sorted(report for _, report in stored)
    assert [version for version, _ in stored] == list(range(before + 1, before + 33))

    # A repeat of one of them is answered from its key and stores nothing.
    again = await send(7, *writers[7])
    assert again.status_code == 201 and again.json()["resourceId"] == answers[7].json()["resourceId"]
    assert len(await reports_stored(api.system)) == 32


async def test_a_write_from_another_process_is_caught_up_by_reading_only_the_newer_events(api):
    first = await api.client.post(f"/agreements/{PACT}/commitments/A1.1/progress-reports", json=body(1),
                                  headers=api.auth("ZH-HRSS"))
    assert first.status_code == 201
    cached_at = first.json()["version"]

    other = System(api.system.pool, api.system.settings)  # another process: its own cache and queue
    zs = Party.id_for("ZS-HRSS")
    for n in range(2):
        await other.commands.execute(ReportProgress(
            agreement_id=PACT, code="A1.2", as_of=date(2025, 3, 1), level=CompletionLevel.LIMITED,
            health=Health.ON_TRACK,
            narrative={"zh-Hans": LocalizedString(f"另一进程 {n}", TextKind.AUTHENTIC)}),
            Context(caller=Caller(key_id=None, party_id=zs)))

    reads: list[tuple[UUID, int, int]] = []
    read_stream = api.system.store.read_stream

    async def counted(stream_id: UUID, after_version: int = 0):
        events = await read_stream(stream_id, after_version)
        reads.append((stream_id, after_version, len(events)))
        return events

    api.system.store.read_stream = counted
    try:
        third = await api.client.post(f"/agreements/{PACT}/commitments/A1.3/progress-reports", json=body(3),
                                      headers=api.auth("ZH-HRSS"))
    finally:
        del api.system.store.read_stream
    assert third.status_code == 201, third.text
    assert third.json()["version"] == cached_at + 3
    assert reads == [(PACT, cached_at, 2)]


async def test_a_command_that_finds_its_agreement_queue_full_is_told_when_to_retry(api):
    api.system.executor.turns = Turns(max_waiting=0, max_wait_s=8)
    async with api.system.executor.turns.turn(PACT):  # a command in flight, and no room to wait
        answer = await api.client.post(f"/agreements/{PACT}/commitments/A1.1/progress-reports",
                                       json=body(1), headers=api.auth("ZH-HRSS"))
    assert answer.status_code == 409
    assert answer.json()["type"] == "urn:pactum:problem:concurrency-conflict"
    assert answer.headers["Retry-After"] == "2"
    assert await reports_stored(api.system) == []
