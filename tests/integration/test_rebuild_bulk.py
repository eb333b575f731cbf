"""Bulk writes of projections: runs of INSERTs as COPY, waiting INSERTs sent before any statement that needs
them, shadow tables indexed after their load; the rows, indexes and positions a rebuild leaves are the ones
the runner kept, and a rebuild that dies midway changes nothing and is simply run again."""

from __future__ import annotations

import gc
import json

import asyncpg
import pytest

import projections
from domain.party import Party
from domain.values import PartyRole
from service.seed import agreement_id_for
from service.store.copying import insert_plan, mentioned
from service.store.runner import Runner
from service.store.shadow import Shadows
from service.usecases.commands import AddParty, DefineArea, DraftAgreement, RegisterParty
from tests.integration.test_parking import insert_event
from tests.integration.test_projections import ADMIN, TABLES, snapshot, text
from tests.integration.test_rebuild_live import registered

INDEXES = (
    "SELECT tablename, regexp_replace(indexdef, 'INDEX \\S+ ON \\S+', 'INDEX ON') AS made FROM pg_indexes "
    "WHERE schemaname = current_schema() AND tablename = ANY($1::text[]) ORDER BY 1, 2")


def test_a_plain_insert_has_a_plan_turning_arguments_and_constants_into_the_row():
    plan = insert_plan("INSERT INTO t (a, b, c, d, e) VALUES ($2, 'draft', $1, NULL, 7)")
    assert (plan.table, plan.columns) == ("t", ("a", "b", "c", "d", "e"))
    assert plan.record(("x", "y")) == ("y", "draft", "x", None, 7)
    assert insert_plan("INSERT INTO t (a, b) VALUES ($1, $2)").record((1, 2, 3)) == (1, 2)
    assert insert_plan("INSERT INTO t (a) VALUES ($3)").record((1, 2, 3)) == (3,)


def test_statements_copy_cannot_send_have_no_plan():
    for query in (
        "INSERT INTO t (a) VALUES ($1) ON CONFLICT (a) DO NOTHING",
        "INSERT INTO t (a, b) SELECT code, $2 FROM u WHERE id = $1",
        "INSERT INTO t (a) VALUES ($1::uuid)",
        "INSERT INTO t (a, b) VALUES (coalesce($1, 'x'), $2)",
        "INSERT INTO t (a, b) VALUES ($1)",
        "UPDATE t SET a = $1",
    ):
        assert insert_plan(query) is None, query


def test_a_statement_mentions_the_tables_it_names_and_no_table_whose_name_only_begins_like_one():
    tables = ("commitment_progress", "commitment_report", "progress_agreement")
    query = "UPDATE commitment_progress SET level = $3 FROM commitment_report_x WHERE agreement_id = $1"
    assert mentioned(query, tables) == {"commitment_progress"}


async def test_rebuild_all_gives_every_view_table_the_rows_and_indexes_the_runner_kept(seeded):
    pool, execute = seeded.pool, seeded.commands.execute
    await registered(seeded, "BULK", 120)
    for i in range(0, 120, 10):  # renamed in the batch that registers them: an UPDATE after the COPY
        await insert_event(pool, Party.id_for(f"BULK-{i}"), 2, "party.renamed",
                           json.dumps({"names": {"en": {"text": f"Renamed {i}", "kind": "official"}}}))
    await execute(RegisterParty(code="NUL-1", names=text("a\x00b")), ADMIN)
    pact = agreement_id_for("BULK-PACT")
    await execute(DraftAgreement(agreement_id=pact, code="BULK-PACT", title=text("Bulk"),
                                 authentic_language="en"), ADMIN)
    for i in range(3):
        await execute(AddParty(agreement_id=pact, party_id=Party.id_for(f"BULK-{i}"),
                               role=PartyRole.SIGNATORY), ADMIN)
        await execute(DefineArea(agreement_id=pact, code=f"A{i}", title=text(f"Area {i}")), ADMIN)
    await seeded.runner.catch_up()
    followed, indexes = await snapshot(pool), await pool.fetch(INDEXES, TABLES)
    events = await pool.fetchval("SELECT count(*) FROM events")

    assert await seeded.runner.rebuild_all(projections.ALL) == events
    assert await snapshot(pool) == followed
    assert await pool.fetch(INDEXES, TABLES) == indexes
    names = {r["code"]: json.loads(r["names"]) for r in await pool.fetch(
        "SELECT code, names::text AS names FROM party_directory WHERE code LIKE 'BULK-%' OR code = 'NUL-1'")}
    assert len(names) == 121
    assert names["BULK-10"] == {"en": {"text": "Renamed 10", "kind": "official"}}
    assert names["BULK-11"] == {"en": {"text": "BULK-11", "kind": "official"}}
    assert names["NUL-1"] == {"en": {"text": "a\ufffdb", "kind": "official"}}
    summary = await pool.fetchrow("SELECT party_count, area_count, version FROM agreement_summary "
                                  "WHERE agreement_id = $1", pact)
    assert tuple(summary) == (3, 3, 7)
    with pytest.raises(asyncpg.UniqueViolationError):  # the swapped-in tables have their constraints
        await pool.execute("INSERT INTO party_directory (party_id, code, names, version) "
                           "VALUES (gen_random_uuid(), 'BULK-1', '{}', 1)")


class Died(Exception):
    """The process running the rebuild is gone."""


async def test_a_rebuild_that_dies_midway_leaves_the_live_views_and_positions_and_runs_again(
        seeded, monkeypatch):
    pool = seeded.pool
    await registered(seeded, "BULK", 300)
    await seeded.runner.catch_up()
    tracked = "SELECT name, txid, position, state FROM projection_tracking ORDER BY name"
    followed, positions = await snapshot(pool), await pool.fetch(tracked)
    left = "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rebuild_%'"

    async def left_behind(self, conn) -> None:
        """A dead process cleans nothing up."""

    monkeypatch.setattr(Shadows, "drop", left_behind)
    pages: list[int] = []

    def dies_after_the_second_page(count: int) -> None:
        pages.append(count)
        if len(pages) == 2:
            raise Died

    seeded.runner.batch_size = 5  # pages of 5, then of 200 events
    with pytest.raises(Died):
        await seeded.runner.rebuild_all(projections.ALL, dies_after_the_second_page)
    assert pages == [5, 200]
    assert gc.isenabled()
    assert await snapshot(pool) == followed
    assert await pool.fetch(tracked) == positions
    assert await pool.fetchval(left) == len(projections.ALL)

    monkeypatch.undo()
    events = await pool.fetchval("SELECT count(*) FROM events")
    assert await seeded.runner.rebuild_all(projections.ALL) == events
    assert await snapshot(pool) == followed
    assert await pool.fetchval(left) == 0


class Marker:
    """A test projection: one row per event, and every 40th event marks the row it just inserted."""

    name = "test_marker"
    tables = ("test_marked",)

    def __init__(self) -> None:
        self.seen = 0

    async def apply(self, event: object, env: projections.Envelope, conn: asyncpg.Connection) -> None:
        await conn.execute("INSERT INTO test_marked (position, note) VALUES ($1, 'new')", env.position)
        self.seen += 1
        if self.seen % 40 == 0:
            await conn.execute("UPDATE test_marked SET note = 'marked' WHERE position = $1", env.position)


async def test_waiting_inserts_reach_the_table_before_a_statement_that_reads_them_and_in_their_order(seeded):
    pool = seeded.pool
    await pool.execute("CREATE TABLE test_marked (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                       "position bigint NOT NULL UNIQUE, note text NOT NULL)")
    log = [r[0] for r in await pool.fetch("SELECT position FROM events ORDER BY txid, position")]
    assert len(log) > 200  # several runs of 40 in one batch of 500
    marker = Marker()
    runner = Runner(pool, seeded.store, seeded.mapper, [marker], batch_size=500)
    marked = [log[i] for i in range(39, len(log), 40)]
    rows = "SELECT position, note FROM test_marked ORDER BY seq"
    expected = [(p, "marked" if p in marked else "new") for p in log]

    assert await runner.catch_up() == len(log)
    assert [tuple(r) for r in await pool.fetch(rows)] == expected
    marker.seen = 0
    await runner.rebuild(marker)
    assert [tuple(r) for r in await pool.fetch(rows)] == expected
