"""The seed import: idempotent, through the application services, faithful to the seed file, resumable."""

from __future__ import annotations

import itertools
import json
import os
from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest

import projections
from domain.party import Party
from service.seed import ZZJ, Seeder, agreement_id_for, load_seeds
from service.store.db import create_pool, with_database
from service.system import System
from service.usecases.commands import DefineCommitment

TABLES = [table for p in projections.ALL for table in p.tables]
TIMESTAMPS = {"drafted_at", "updated_at", "recorded_at"}
ZZJ_SEED = next(a for a in load_seeds()["agreements"] if a["id"] == ZZJ)
_numbers = itertools.count()


@pytest.fixture
async def clean_system(server_dsn: str, template: str, settings) -> AsyncIterator[System]:
    """A second fresh database, for a clean seed to compare with."""
    name = f"pactum_test_clean_{os.getpid()}_{next(_numbers)}"
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        pool = await create_pool(with_database(server_dsn, name), settings, size=4)
        try:
            yield System(pool, settings)
        finally:
            await pool.close()
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def seed(system: System) -> None:
    await Seeder(system).run()
    await system.runner.catch_up()


async def snapshot(pool: asyncpg.Pool) -> dict[str, list[dict[str, Any]]]:
    """Every row of every projection table, as plain JSON values, in a stable order."""
    return {
        table: [
            json.loads(r[0])
            for r in await pool.fetch(f"SELECT to_jsonb(t)::text AS r FROM {table} t ORDER BY r")
        ]
        for table in TABLES
    }


def without_timestamps(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[str]]:
    return {
        table: sorted(
            json.dumps({k: v for k, v in row.items() if k not in TIMESTAMPS}, sort_keys=True) for row in rows
        )
        for table, rows in tables.items()
    }


async def streams(pool: asyncpg.Pool) -> dict[str, list[str]]:
    """The event types of each stream, in stream order."""
    out: dict[str, list[str]] = defaultdict(list)
    for row in await pool.fetch("SELECT stream_id, event_type FROM events ORDER BY stream_id, version"):
        out[str(row["stream_id"])].append(row["event_type"])
    return dict(out)


async def event_count(pool: asyncpg.Pool) -> int:
    return await pool.fetchval("SELECT count(*) FROM events")


async def test_a_second_seed_run_stores_no_event_and_leaves_the_same_read_models(system):
    await seed(system)
    events, read_models = await event_count(system.pool), await snapshot(system.pool)
    assert events > 0
    await seed(system)
    assert await event_count(system.pool) == events
    assert await snapshot(system.pool) == read_models


async def test_every_seeded_event_is_stored_by_the_application_services_as_the_seed_user(system):
    await Seeder(system).run()
    rows = await system.pool.fetch("SELECT event_type, payload::text, metadata::text FROM events")
    metadata = [json.loads(r["metadata"]) for r in rows]
    assert {m["actor_user"] for m in metadata} == {"pactum seed"}
    assert all(m["idempotency_key"].startswith("seed:") for m in metadata)
    keys = await system.pool.fetch("SELECT key FROM idempotency_keys")
    assert {k["key"] for k in keys} == {m["idempotency_key"] for m in metadata}

    signatures = [
        (json.loads(r["payload"]), m)
        for r, m in zip(rows, metadata, strict=True)
        if r["event_type"] == "agreement.signed_by_party"
    ]
    # Every signatory of every agreement signs once, itself.
    assert sorted(p["party_id"] for p, _ in signatures) == sorted(
        str(Party.id_for(entry["party"])) for a in load_seeds()["agreements"] for entry in a["parties"]
    )
    for payload, meta in signatures:
        assert meta["actor_party"] == payload["party_id"]


async def test_the_zzj_commitments_carry_authentic_chinese_and_unofficial_english_text(system):
    await seed(system)
    rows = await system.pool.fetch(
        "SELECT code, area_code, text FROM agreement_commitment WHERE agreement_id = $1 ORDER BY ordinal",
        agreement_id_for(ZZJ),
    )
    expected = [(area["id"], c) for area in ZZJ_SEED["areas"] for c in area["commitments"]]
    assert [r["code"] for r in rows] == [c["id"] for _, c in expected]
    assert len(rows) == 27 and (rows[0]["code"], rows[-1]["code"]) == ("A1.1", "A6.5")
    for row, (area, commitment) in zip(rows, expected, strict=True):
        assert row["area_code"] == area
        assert row["text"]["zh-Hans"] == {"text": commitment["zh-Hans"], "kind": "authentic"}
        assert row["text"]["en"] == {"text": commitment["en"], "kind": "unofficial"}


async def test_an_interrupted_seed_resumes_to_the_result_of_a_clean_seed(system, clean_system, monkeypatch):
    commands = system.commands
    execute, calls = commands.execute, 0

    async def interrupted_on_the_fifth_commitment(command, ctx):
        nonlocal calls
        calls += isinstance(command, DefineCommitment)
        if calls == 5:
            raise ConnectionResetError("the seed was interrupted")
        return await execute(command, ctx)

    monkeypatch.setattr(commands, "execute", interrupted_on_the_fifth_commitment)
    with pytest.raises(ConnectionResetError):
        await Seeder(system).run()
    assert (
        await system.pool.fetchval(
            "SELECT count(*) FROM events WHERE event_type = 'agreement.commitment_defined'"
        )
        == 4
    )
    monkeypatch.undo()

    await seed(system)
    await seed(clean_system)
    assert await streams(system.pool) == await streams(clean_system.pool)
    assert without_timestamps(await snapshot(system.pool)) == without_timestamps(
        await snapshot(clean_system.pool)
    )
