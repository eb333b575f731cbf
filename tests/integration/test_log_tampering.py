"""Tampering as the database superuser (trigger disabled): each is caught and named by `pactum verify`."""

from __future__ import annotations

import pytest

from service.reads.log_verify import LogVerifier
from service.store.leaf import LEAVES_AFTER, leaf_bytes
from service.store.mapper import chain_hash
from service.store.merkle import leaf_hash
from service.store.signed_note import Signer
from tests.integration.log_helpers import log_system, logged


@pytest.fixture
async def log(pool, tmp_path):
    return await logged(log_system(pool, tmp_path))


def verifier(system) -> LogVerifier:
    return LogVerifier(system.pool, system.checkpoints, system.log_signer.verifier)


async def position_of(pool, seq: int) -> int:
    return await pool.fetchval("SELECT position FROM event_seq WHERE seq = $1", seq)


async def tamper(pool, sql: str, *args) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute("ALTER TABLE events DISABLE TRIGGER USER")
        await conn.execute(sql, *args)
        await conn.execute("ALTER TABLE events ENABLE TRIGGER USER")


async def test_an_untouched_log_verifies(log):
    report = await verifier(log).verify()
    events = await log.pool.fetchval("SELECT count(*) FROM events")
    assert report.ok, report.findings
    assert (report.events, report.tree_size, report.checkpoint_size) == (events, events, events)


async def test_an_edited_payload_is_named_by_its_seq(log):
    position = await position_of(log.pool, 10)
    stream, version = await log.pool.fetchrow("SELECT stream_id, version FROM events WHERE position = $1",
                                              position)
    forged = """UPDATE events SET payload = '{"code":"FORGED"}' WHERE position = $1"""
    await tamper(log.pool, forged, position)
    report = await verifier(log).verify()
    first = report.findings[0]
    assert (first.kind, first.seq, first.stream_id, first.version) == ("event-changed", 10, stream, version)
    assert [f.kind for f in report.findings if f.seq == 10] == ["event-changed", "chain-broken"]
    assert "root-mismatch" in {f.kind for f in report.findings}


async def test_a_deleted_row_is_named_as_the_missing_seq(log):
    position = await position_of(log.pool, 20)
    await tamper(log.pool, "DELETE FROM event_seq WHERE seq = 20")
    await tamper(log.pool, "DELETE FROM events WHERE position = $1", position)
    report = await verifier(log).verify()
    assert (report.findings[0].kind, report.findings[0].seq) == ("missing-seq", 20)
    assert report.findings[0].detail == "no event at seq 20"


async def test_two_swapped_rows_are_named_as_a_reordering(log):
    a, b = await position_of(log.pool, 30), await position_of(log.pool, 31)
    rows = {r["position"]: (r["stream_id"], r["event_id"]) for r in await log.pool.fetch(
        "SELECT position, stream_id, event_id FROM event_seq WHERE position IN ($1, $2)", a, b)}
    await tamper(log.pool, "DELETE FROM event_seq WHERE seq IN (30, 31)")
    await log.pool.execute("INSERT INTO event_seq (seq, position, stream_id, event_id) VALUES "
                           "(30, $1, $2, $3), (31, $4, $5, $6)", b, *rows[b], a, *rows[a])
    report = await verifier(log).verify()
    reordered = [(f.seq, f.detail.split(" (")[0]) for f in report.findings if f.kind == "reordered"]
    assert reordered == [(30, "seq 30 holds the event logged at seq 31"),
                         (31, "seq 31 holds the event logged at seq 30")]
    assert (report.findings[0].kind, report.findings[0].seq) == ("reordered", 30)


async def test_a_checkpoint_signed_by_another_key_is_named(log):
    latest = await log.checkpoints.latest()
    forger = Signer.generate("pactum.test/log")
    await log.pool.execute("UPDATE tlog_checkpoint SET note = $1 WHERE size = $2",
                           forger.sign(latest.body), latest.size)
    report = await verifier(log).verify()
    assert [f.kind for f in report.findings] == ["checkpoint-forged"]
    assert report.findings[0].detail == (
        f"checkpoint {latest.size} is not signed by the log's key pactum.test/log+"
        f"{log.log_signer.verifier.id.hex()} (signed by pactum.test/log+{forger.verifier.id.hex()})")


async def test_a_rewrite_that_fixes_the_chain_and_the_stored_leaf_still_fails_the_signed_root(log):
    position = await position_of(log.pool, 5)
    row = await log.pool.fetchrow("SELECT e.*, p.hash AS prev FROM events e LEFT JOIN events p ON "
                                  "p.stream_id = e.stream_id AND p.version = e.version - 1 "
                                  "WHERE e.position = $1", position)
    forged_payload = '{"code":"REWRITTEN"}'
    new_hash = chain_hash(row["prev"] or bytes(32), row["stream_id"], row["version"], row["event_type"],
                          row["schema_version"], forged_payload.encode(), row["metadata"].encode(),
                          row["occurred_at"], row["recorded_at"])
    await tamper(log.pool, "UPDATE events SET payload = $1, hash = $2 WHERE position = $3",
                 forged_payload, new_hash, position)
    rewritten = (await log.pool.fetch(LEAVES_AFTER, 4, 5))[0]
    await log.pool.execute("UPDATE tlog_node SET hash = $1 WHERE level = 0 AND idx = 4",
                           leaf_hash(leaf_bytes(rewritten)))
    report = await verifier(log).verify()
    size = report.checkpoint_size
    assert [(f.kind, f.detail) for f in report.findings if f.seq is None or f.seq <= 5] == []
    assert ("root-mismatch", f"the tree of the stored events at size {size} does not have the root of the "
            f"signed checkpoint {size}") in [(f.kind, f.detail) for f in report.findings]
