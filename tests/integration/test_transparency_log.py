"""The log over a real PostgreSQL: the integrator builds the tree from event_seq, checkpoints are signed
as the tree grows, and proofs from the stored nodes verify against them."""

from __future__ import annotations

import asyncio
import base64
import stat
from uuid import UUID

import pytest

from service.seed import Seeder
from service.store.checkpoint_note import Checkpoint
from service.store.leaf import LEAVES_AFTER, leaf_bytes
from service.store.merkle import verify_consistency, verify_inclusion
from service.store.signed_note import Signer, open_note
from service.store.tlog import Integrator
from tests.integration.log_helpers import leaf, log_system, logged, mth, register_parties


async def stored_leaves(pool) -> list[bytes]:
    return [leaf(leaf_bytes(r)) for r in await pool.fetch(LEAVES_AFTER, 0, 10**9)]


@pytest.fixture
async def log(pool, tmp_path):
    return await logged(log_system(pool, tmp_path))


async def test_the_tree_holds_a_leaf_per_event_and_its_root_is_the_rfc6962_root_of_the_leaves(log):
    events = await log.pool.fetchval("SELECT count(*) FROM events")
    assert events > 50
    assert await log.log_queries.tree.size() == events
    latest = await log.checkpoints.latest()
    assert latest.size == events
    assert latest.root == mth(await stored_leaves(log.pool))
    assert await log.pool.fetchval("SELECT count(*) FROM tlog_node WHERE level = 0") == events


async def test_the_checkpoint_is_a_c2sp_note_signed_by_the_log_key_kept_under_the_data_dir(log, tmp_path):
    latest = await log.checkpoints.latest()
    text = open_note(latest.note, log.log_signer.verifier)
    assert text == f"pactum.test/log\n{latest.size}\n{base64.b64encode(latest.root).decode()}\n"
    assert Checkpoint.parse(text).size == latest.size
    key_file = tmp_path / "log-signing.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert str(Signer.parse(key_file.read_text())) == key_file.read_text().strip()
    assert log.log_signer.name == "pactum.test/log"


async def test_an_operator_key_is_used_as_given(pool, tmp_path):
    given = Signer.generate("gov.example/pactum")
    system = log_system(pool, tmp_path, log_key=str(given))
    assert str(system.log_signer.verifier) == str(given.verifier)
    assert not (tmp_path / "log-signing.key").exists()


async def test_inclusion_and_consistency_proofs_from_stored_nodes_verify_against_signed_roots(log):
    first = await log.checkpoints.latest()
    await register_parties(log, 5)
    await logged(log, seed=False)
    second = await log.checkpoints.latest()
    assert second.size == first.size + 5
    leaves = await stored_leaves(log.pool)
    for seq in (1, 2, first.size // 2, first.size, second.size):
        view = await log.log_queries.inclusion(seq, second.size)
        proof = [base64.b64decode(h) for h in view.proof]
        verify_inclusion(seq - 1, second.size, leaves[seq - 1], proof, second.root)
        assert base64.b64decode(view.leaf_hash) == leaves[seq - 1]
    consistency = await log.log_queries.consistency(first.size, second.size)
    verify_consistency(first.size, second.size, [base64.b64decode(h) for h in consistency.proof],
                       first.root, second.root)
    for old in (1, 3, first.size - 1):
        root = mth(leaves[:old])
        assert await log.log_queries.tree.root(old) == root
        proof = await log.log_queries.tree.consistency(old, second.size)
        verify_consistency(old, second.size, proof, root, second.root)


async def test_integrating_in_small_batches_and_racing_integrators_build_the_same_tree(pool, tmp_path):
    system = log_system(pool, tmp_path)
    await Seeder(system).run()
    await system.sequencer.catch_up()
    racers = [Integrator(pool, batch_size=7), Integrator(pool, batch_size=5), Integrator(pool, batch_size=50)]
    await asyncio.gather(*(r.catch_up() for r in racers))
    await racers[0].catch_up()
    events = await pool.fetchval("SELECT count(*) FROM events")
    assert await system.log_queries.tree.size() == events
    assert await system.log_queries.tree.root(events) == mth(await stored_leaves(pool))
    assert await pool.fetchval("SELECT count(*) FROM tlog_node") == 2 * events - bin(events).count("1")


async def test_the_run_loop_follows_the_sequencer_and_signs_no_more_often_than_asked(pool, tmp_path):
    system = log_system(pool, tmp_path, checkpoint_interval_s=30)
    system.integrator.poll_interval = system.sequencer.poll_interval = 0.02
    stop = asyncio.Event()
    running = asyncio.gather(system.sequencer.run(stop), system.integrator.run(stop))
    await register_parties(system, 3)
    for _ in range(200):
        if await system.log_queries.tree.size() == 3:
            break
        await asyncio.sleep(0.02)
    await register_parties(system, 2, prefix="MORE")
    for _ in range(200):
        if await system.log_queries.tree.size() == 5:
            break
        await asyncio.sleep(0.02)
    stop.set()
    await running
    assert await system.log_queries.tree.size() == 5
    sizes = [r["size"] for r in await pool.fetch("SELECT size FROM tlog_checkpoint")]
    assert len(sizes) == 1 and sizes[0] in (1, 2, 3)  # the second growth came within the interval


async def test_the_database_spells_the_leaf_fields_in_utc_with_microseconds(pool, tmp_path):
    system = log_system(pool, tmp_path)
    stream = "6f1c0a52-3b1e-4c55-8d0e-0d8a4b6a2e11"
    await pool.execute(
        "INSERT INTO events (stream_id, stream_type, version, event_type, schema_version, payload, metadata, "
        "occurred_at, recorded_at, hash) VALUES ($1, 'party', 1, 'party.registered', 1, "
        """'{"code": "X"}', '{}', '2025-03-01 09:30:00+08', '2025-03-01 01:30:00.00025+00', $2)""",
        UUID(stream), bytes(range(32)))
    await system.sequencer.catch_up()
    (row,) = await pool.fetch(LEAVES_AFTER, 0, 1)
    assert leaf_bytes(row) == (
        '{"format":"pactum.leaf/v1","seq":1,"streamId":"' + stream + '","streamType":"party","version":1,'
        '"type":"party.registered","schemaVersion":1,"occurredAt":"2025-03-01T01:30:00.000000Z",'
        '"recordedAt":"2025-03-01T01:30:00.000250Z","prevHash":"' + "00" * 32 + '","hash":"'
        + bytes(range(32)).hex() + '","metadata":{},"payload":{"code": "X"}}').encode()
