"""Commands waiting for one agreement are decided in turn and stored together; each keeps its own answer."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date
from uuid import UUID

import pytest

from domain.agreement.values import CompletionLevel, Health
from domain.party import Party
from domain.person import PersonalText
from domain.values import LocalizedString, TextKind
from service.seed import ZZJ, agreement_id_for
from service.store.persons import PersonErased
from service.system import System
from service.usecases.commands.progress import ReportProgress
from service.usecases.context import Caller, Context
from service.usecases.errors import Forbidden, VersionMismatch

PACT = agreement_id_for(ZZJ)
ZH = Caller(key_id=None, party_id=Party.id_for("ZH-HRSS"))


def report(code: str, n: int) -> ReportProgress:
    return ReportProgress(agreement_id=PACT, code=code, as_of=date(2025, 3, 1), level=CompletionLevel.LIMITED,
                          health=Health.ON_TRACK,
                          narrative={"zh-Hans": LocalizedString(f"进展 {n}", TextKind.AUTHENTIC)})


async def stored_reports(system: System) -> list[tuple[int, int, str | None]]:
    rows = await system.pool.fetch(
        "SELECT version, txid, metadata::jsonb->>'idempotency_key' AS key FROM events "
        "WHERE stream_id = $1 AND event_type = 'agreement.progress_reported' ORDER BY version", PACT)
    return [(r["version"], r["txid"], r["key"]) for r in rows]


async def test_commands_waiting_together_are_stored_in_one_append_each_with_its_own_key_and_answer(seeded):
    head = await seeded.pool.fetchval("SELECT max(version) FROM events WHERE stream_id = $1", PACT)
    codes = ["A1.1", "A1.2", "A1.3", "A1.4", "A2.1", "A2.2"]

    outcomes = await asyncio.gather(*(
        seeded.commands.execute(report(code, n), Context(caller=ZH, idempotency_key=f"k{n}", fingerprint="f"))
        for n, code in enumerate(codes)))

    stored = await stored_reports(seeded)
    assert [(version - head, key) for version, _, key in stored] == [
        (1, "k0"), (2, "k1"), (3, "k2"), (4, "k3"), (5, "k4"), (6, "k5")]
    assert [o.saved.version - head for o in outcomes] == [1, 2, 3, 4, 5, 6]
    assert len({txid for _, txid, _ in stored}) == 1  # all six queued before the first was decided
    keys = await seeded.pool.fetch(
        "SELECT key, version FROM idempotency_keys WHERE key LIKE 'k_' ORDER BY key")
    assert [(k["key"], k["version"]) for k in keys] == [(f"k{n}", head + 1 + n) for n in range(6)]
    positions = await seeded.pool.fetch(
        "SELECT k.position = e.position AS same FROM idempotency_keys k JOIN events e "
        "ON e.stream_id = k.stream_id AND e.version = k.version WHERE k.key LIKE 'k_'")
    assert [p["same"] for p in positions] == [True] * 6


async def test_a_command_that_breaks_a_rule_fails_alone_and_the_others_of_its_append_are_stored(seeded):
    head = await seeded.pool.fetchval("SELECT max(version) FROM events WHERE stream_id = $1", PACT)
    commands = [report("A1.1", 0), report("A1.2", 1), report("Z9.9", 2), report("A1.3", 3)]

    outcomes = await asyncio.gather(*(seeded.commands.execute(c, Context(caller=ZH)) for c in commands),
                                    return_exceptions=True)

    assert isinstance(outcomes[2], Forbidden)  # no role on a commitment it does not know
    assert [o.saved.version - head for o in (outcomes[0], outcomes[1], outcomes[3])] == [1, 2, 3]
    assert [version - head for version, _, _ in await stored_reports(seeded)] == [1, 2, 3]


async def test_two_commands_naming_the_same_version_in_one_append_one_stored_the_other_412(seeded):
    head = await seeded.pool.fetchval("SELECT max(version) FROM events WHERE stream_id = $1", PACT)
    first = asyncio.create_task(seeded.commands.execute(report("A1.1", 0), Context(caller=ZH)))
    await asyncio.sleep(0)  # in flight: the next two wait together
    named = [seeded.commands.execute(report(code, n), Context(caller=ZH, expected_version=head + 1))
             for n, code in ((1, "A1.2"), (2, "A1.3"))]

    outcomes = await asyncio.gather(first, *named, return_exceptions=True)

    assert outcomes[0].saved.version == head + 1
    assert outcomes[1].saved.version == head + 2
    assert isinstance(outcomes[2], VersionMismatch) and outcomes[2].current == head + 2
    assert len(await stored_reports(seeded)) == 2


async def test_an_append_that_meets_another_process_is_decided_again_after_its_events(seeded):
    other = System(seeded.pool, seeded.settings)  # another process: its own cache and queue
    await seeded.commands.execute(report("A1.1", 0), Context(caller=ZH))  # cached here
    head = await seeded.pool.fetchval("SELECT max(version) FROM events WHERE stream_id = $1", PACT)
    current = seeded.repository.current
    calls = []

    async def overtaken(cls, aggregate_id):
        aggregate = await current(cls, aggregate_id)
        if not calls:  # after this process caught up, before it appends
            await other.commands.execute(report("A2.1", 9), Context(caller=ZH))
        calls.append(aggregate.version)
        return aggregate

    seeded.repository.current = overtaken
    try:
        outcomes = await asyncio.gather(*(seeded.commands.execute(report(code, n), Context(caller=ZH))
                                          for n, code in ((1, "A1.2"), (2, "A1.3"))))
    finally:
        del seeded.repository.current
    assert calls[:2] == [head, head + 1]
    assert sorted(o.saved.version for o in outcomes) == [head + 2, head + 3]
    versions = [version for version, _, _ in await stored_reports(seeded)]
    assert versions == list(range(versions[0], head + 4))


@pytest.mark.parametrize("same_key_requests", [20])
async def test_requests_with_one_key_waiting_together_store_one_set(seeded, same_key_requests):
    ctx = Context(caller=ZH, idempotency_key="once", fingerprint="same")
    outcomes = await asyncio.gather(*(seeded.commands.execute(report("A1.1", 0), ctx)
                                      for _ in range(same_key_requests)))
    assert len({(o.saved.version, o.saved.position, o.record_id) for o in outcomes}) == 1
    assert len(await stored_reports(seeded)) == 1


async def test_a_report_naming_an_erased_person_fails_alone_in_its_append(seeded):
    person = UUID("5e000000-0000-4000-8000-000000000001")
    admin = Caller(key_id=None, party_id=None, is_admin=True)
    await seeded.commands.execute(replace(report("A1.1", 0), contact_person=PersonalText(person, "陈小明")),
                                  Context(caller=ZH))
    await seeded.persons.erase(admin, person, "asked to be forgotten")
    head = await seeded.pool.fetchval("SELECT max(version) FROM events WHERE stream_id = $1", PACT)
    first = asyncio.create_task(seeded.commands.execute(report("A1.2", 1), Context(caller=ZH)))
    await asyncio.sleep(0)  # in flight: the next three wait together
    waiting = [report("A1.3", 2), replace(report("A1.4", 3), contact_person=PersonalText(person, "陈小明")),
               report("A2.1", 4)]

    outcomes = await asyncio.gather(first, *(seeded.commands.execute(c, Context(caller=ZH)) for c in waiting),
                                    return_exceptions=True)

    assert isinstance(outcomes[2], PersonErased)
    assert [outcomes[i].saved.version - head for i in (0, 1, 3)] == [1, 2, 3]
    assert [version - head for version, _, _ in await stored_reports(seeded)][-3:] == [1, 2, 3]
