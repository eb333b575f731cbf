"""Poison events: NUL made storable, retries then parking of only the projection an event breaks, the
operator's skip and resume (also from the command line), and reads that do not wait for a parked one."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID, uuid4

import asyncpg
import pytest

import projections
from domain.party import Party
from domain.values import LocalizedString, TextKind
from service.cli.operators import projections_command
from service.seed import agreement_id_for
from service.store import parking
from service.store.mapper import GENESIS_HASH, chain_hash
from service.store.parking import OperatorRefused, ProjectionParked, RetryPolicy
from service.store.storable import storable_json
from service.system import System
from service.usecases.commands import DefineArea, DraftAgreement, RegisterParty
from service.usecases.context import Caller, Context
from tests.conftest import test_settings as settings_with

ADMIN = Context(Caller(key_id=None, party_id=None, is_admin=True, user="test"))
QUICK = RetryPolicy(attempts=3, first_delay_s=0.01)
NAMES = [p.name for p in projections.ALL]
DIRECTORY_CODE_TAKEN = ('UniqueViolationError: duplicate key value violates unique constraint '
                        '"party_directory_code_key"\nDETAIL:  Key (code)=(FIRST) already exists.')


def text(value: str) -> dict[str, LocalizedString]:
    return {"en": LocalizedString(value, TextKind.OFFICIAL)}


async def register(system: System, code: str, name: str | None = None, where: str | None = None) -> int:
    command = RegisterParty(code=code, names=text(name or code), jurisdiction=where)
    return (await system.commands.execute(command, ADMIN)).saved.position


async def insert_event(pool: asyncpg.Pool, stream_id: UUID, version: int, event_type: str,
                       payload: str) -> int:
    """An event written straight into the log, past every check of the command path, hash chain intact."""
    prev = await pool.fetchval("SELECT hash FROM events WHERE stream_id = $1 AND version = $2",
                               stream_id, version - 1) or GENESIS_HASH
    metadata, now = b'{"actorUser":"sql"}', datetime.now(UTC)
    digest = chain_hash(prev, stream_id, version, event_type, 1, payload.encode(), metadata, now, now)
    return await pool.fetchval(
        "INSERT INTO events (stream_id, stream_type, version, event_type, schema_version, payload, metadata, "
        "occurred_at, recorded_at, hash) VALUES ($1, 'party', $2, $3, 1, $4::json, $5::json, $6, $6, $7) "
        "RETURNING position", stream_id, version, event_type, payload, metadata.decode(), now, digest)


def registered(code: str) -> str:
    return json.dumps({"code": code, "names": {"en": {"text": code, "kind": "official"}},
                       "jurisdiction": None, "parent_id": None})


async def states(system: System) -> dict[str, tuple[str, int, int]]:
    return {s.name: (s.state, s.position, s.lag) for s in await parking.statuses(system.pool, NAMES)}


async def dead_letters(pool: asyncpg.Pool) -> list[tuple]:
    rows = await pool.fetch("SELECT projection, position, version, event_type, error, attempts, resolution "
                            "FROM projection_dead_letters ORDER BY projection, position")
    return [tuple(r) for r in rows]


def test_an_escaped_nul_becomes_the_replacement_character_and_an_escaped_backslash_stays():
    assert storable_json(r'{"a":"x\u0000y","b":"\\u0000","c":"\\\u0000"}') == (
        r'{"a":"x\ufffdy","b":"\\u0000","c":"\\\ufffd"}')


async def test_nul_written_through_the_commands_projects_as_u_fffd_and_stays_nul_in_the_log(system):
    position = await register(system, "NUL-PARTY", "a\x00b", "Guang\x00dong")
    pact = agreement_id_for("NUL-PACT")
    await system.commands.execute(DraftAgreement(agreement_id=pact, code="NUL-PACT", title=text("Pact"),
                                                 authentic_language="en"), ADMIN)
    define = DefineArea(agreement_id=pact, code="A1", title=text("a\x00b"), aliases=("x\x00",))
    head = (await system.commands.execute(define, ADMIN)).saved.position
    await system.runner.catch_up()
    assert await states(system) == {name: ("running", head, 0) for name in NAMES}
    party = await system.queries.party(Party.id_for("NUL-PARTY"))
    assert (party.names["en"].text, party.jurisdiction) == ("a\ufffdb", "Guang\ufffddong")
    area = (await system.queries.agreement(pact, None)).areas[0]
    assert (area.title["en"].text, area.aliases) == ("a\ufffdb", ["x\ufffd"])
    assert await system.pool.fetchval("SELECT title->'en'->>'text' FROM progress_area") == "a\ufffdb"
    stored = await system.pool.fetchval("SELECT payload::text FROM events WHERE position = $1", position)
    assert '"text":"a\\u0000b"' in stored and '"jurisdiction":"Guang\\u0000dong"' in stored


async def test_a_poison_event_parks_only_the_projection_it_breaks_until_skipped(system):
    system.runner.retry = QUICK
    first = await register(system, "FIRST")
    poison = await insert_event(system.pool, uuid4(), 1, "party.registered", registered("FIRST"))
    head = await register(system, "AFTER")
    await system.runner.catch_up()
    running = {name: ("running", head, 0) for name in NAMES}
    assert await states(system) == {**running, "party_directory": ("parked", first, 2)}
    assert await dead_letters(system.pool) == [
        ("party_directory", poison, 1, "party.registered", DIRECTORY_CODE_TAKEN, 3, None)]

    later = await register(system, "LATER")  # parked: not tried again, however often the runner runs
    await system.runner.catch_up()
    assert (await states(system))["party_directory"] == ("parked", first, 3)
    assert (await dead_letters(system.pool))[0][5] == 3

    with pytest.raises(OperatorRefused, match="parked at position"):
        await parking.skip(system.pool, "party_directory", head, "wrong event", "ops")
    with pytest.raises(OperatorRefused, match="not parked"):
        await parking.skip(system.pool, "agreement_summary", poison, "not parked", "ops")
    await parking.skip(system.pool, "party_directory", poison, "a second FIRST", "ops")
    await system.runner.catch_up()
    assert await states(system) == {name: ("running", later, 0) for name in NAMES}
    assert [r["code"] for r in await system.pool.fetch("SELECT code FROM party_directory ORDER BY code")] == [
        "AFTER", "FIRST", "LATER"]
    assert (await dead_letters(system.pool))[0][6] == "skipped"
    audit = await system.pool.fetchrow(
        "SELECT projection, action, position, actor, reason, at FROM projection_audit")
    assert tuple(audit)[:5] == ("party_directory", "skip", poison, "ops", "a second FIRST") and audit["at"]

    directory = await system.pool.fetch("SELECT * FROM party_directory ORDER BY code")
    await system.runner.rebuild(projections.BY_NAME["party_directory"])  # skips the skipped event again
    assert await system.pool.fetch("SELECT * FROM party_directory ORDER BY code") == directory
    assert (await states(system))["party_directory"] == ("running", later, 0)


async def test_an_undecodable_payload_parks_every_projection_and_resume_without_a_fix_parks_again(system):
    system.runner.retry = QUICK
    before = await register(system, "RENAMED")
    poison = await insert_event(system.pool, Party.id_for("RENAMED"), 2, "party.renamed", '{"names": 42}')
    await system.runner.catch_up()
    assert await states(system) == {name: ("parked", before, 1) for name in NAMES}
    error = "ValidationError: Expected `object`, got `int` - at `$.names`"
    assert await dead_letters(system.pool) == [
        (name, poison, 2, "party.renamed", error, 3, None) for name in sorted(NAMES)]

    assert await parking.resume(system.pool, "party_directory", "try again", "ops") == poison
    await system.runner.catch_up()
    assert (await states(system))["party_directory"] == ("parked", before, 1)
    letters = {r[0]: r for r in await dead_letters(system.pool)}
    assert (letters["party_directory"][5], letters["party_directory"][6]) == (6, None)

    for name in NAMES:
        await parking.skip(system.pool, name, poison, "a payload no version of party.renamed had", "ops")
    await system.runner.catch_up()
    assert await states(system) == {name: ("running", poison, 0) for name in NAMES}


async def test_resume_after_a_fix_applies_the_event_it_was_parked_at(system):
    system.runner.retry = QUICK
    await system.pool.execute("INSERT INTO party_directory (party_id, code, names, version) "
                              "VALUES ($1, 'STRAY', '{}', 1)", uuid4())
    stray = await register(system, "STRAY")
    await system.runner.catch_up()
    assert (await states(system))["party_directory"][0] == "parked"
    await system.pool.execute("DELETE FROM party_directory WHERE code = 'STRAY'")  # the fix
    await parking.resume(system.pool, "party_directory", "stray row removed", "ops")
    await system.runner.catch_up()
    assert (await states(system))["party_directory"] == ("running", stray, 0)
    assert await system.pool.fetchval("SELECT party_id FROM party_directory") == Party.id_for("STRAY")
    assert (await dead_letters(system.pool))[0][6] == "resumed"
    assert await system.pool.fetchval("SELECT action FROM projection_audit") == "resume"


async def test_the_others_keep_up_while_one_backs_off_and_reads_never_wait_for_a_parked_one(system):
    system.runner.retry = RetryPolicy(attempts=3, first_delay_s=3)  # parks ~9 s after its first failure
    system.runner.poll_interval = 0.05
    first = await register(system, "FIRST")
    await insert_event(system.pool, uuid4(), 1, "party.registered", registered("FIRST"))
    stop = asyncio.Event()
    running = asyncio.create_task(system.runner.run(stop))
    try:
        head = await register(system, "AFTER")
        others = tuple(p for p in projections.ALL if p.name != "party_directory")
        started = time.monotonic()
        await system.queries.wait_for(head, others)
        while (await states(system))["party_directory"][1] != first:  # it applies what precedes the poison
            assert time.monotonic() - started < 30
            await asyncio.sleep(0.05)
        # the others reached the head while party_directory was still backing off, not after it parked
        assert (await states(system))["party_directory"] == ("running", first, 2)
        while (await states(system))["party_directory"][0] != "parked":
            assert time.monotonic() - started < 30
            await asyncio.sleep(0.05)
    finally:
        stop.set()
        await running
    started = time.monotonic()
    with pytest.raises(ProjectionParked, match="party_directory"):
        await system.queries.wait_for(head, projections.ALL)
    assert time.monotonic() - started < 3  # not the 5 s a lagging read model gets
    await system.queries.wait_for(first, projections.ALL)  # what it did apply is still read at once


async def test_the_projections_command_lists_skips_and_resumes(system, dsn, capsys):
    system.runner.retry = QUICK
    first = await register(system, "FIRST")
    poison = await insert_event(system.pool, uuid4(), 1, "party.registered", registered("FIRST"))
    await system.runner.catch_up()
    settings = settings_with(database_url=dsn)

    def args(action: str, name: str | None = None, position: int | None = None) -> argparse.Namespace:
        return argparse.Namespace(action=action, name=name, position=position, reason="why", by="ops")

    await projections_command(settings, args("list"))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["NAME", "STATE", "POSITION", "LAG", "ERROR"]
    assert lines[1:] == [
        f"agreement_summary    running          {poison}       0  ",
        f"agreement_detail     running          {poison}       0  ",
        f"party_directory      parked           {first}       1  at position {poison} (party.registered)",
        *(f"    {line}" for line in DIRECTORY_CODE_TAKEN.splitlines()),
        f"commitment_progress  running          {poison}       0  ",
        f"indicator_series     running          {poison}       0  ",
        f"themes               running          {poison}       0  ",
        f"data_quality         running          {poison}       0  ",
        f"initiative_directory running          {poison}       0  "]
    with pytest.raises(SystemExit, match="refused: agreement_summary is not parked"):
        await projections_command(settings, args("resume", "agreement_summary"))

    env = {**os.environ, "DATABASE_URL": dsn, "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "projections", "skip", "party_directory", "--position",
         str(poison), "--reason", "duplicate FIRST", "--by", "ops"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[3].split() == ["party_directory", "running", str(poison), "0"]
    assert await system.pool.fetchval("SELECT reason FROM projection_audit") == "duplicate FIRST"
