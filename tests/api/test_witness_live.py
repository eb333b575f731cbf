"""`pactum witness` against a live server: it cosigns a growing log, and alarms when the host rewrites history
and re-signs it with the log's own key."""

from __future__ import annotations

import asyncio
import json
import urllib.request

import pytest

from domain.party import Party
from service.seed import Seeder
from service.store.checkpoint_note import Checkpoint
from service.witness import Alarm, run
from tests.contract.conftest import LiveServer
from tests.integration.log_helpers import log_system, register_parties


def get(url: str, key: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


async def checkpoint_of(server: LiveServer, key: str, size: int) -> str:
    for _ in range(300):
        status, text = await asyncio.to_thread(get, server.url + "/log/checkpoint", key)
        if status == 200 and int(text.split("\n")[1]) >= size:
            return text
        await asyncio.sleep(0.05)
    raise AssertionError(f"no checkpoint of size {size}")


@pytest.fixture
async def live(pool, dsn, tmp_path):
    system = log_system(pool, tmp_path)  # the server's settings: the same log key under tmp_path
    await Seeder(system).run()
    key = (await system.keys.issue("witness", party_id=Party.id_for("ZH-HRSS"))).token
    server = await asyncio.to_thread(LiveServer(dsn, system.settings).start)
    try:
        yield server, system, key
    finally:
        await asyncio.to_thread(server.stop)


async def test_the_witness_cosigns_a_growing_log_and_alarms_on_a_rewritten_history(live, tmp_path):
    server, system, key = live
    events = await system.pool.fetchval("SELECT count(*) FROM events")
    await checkpoint_of(server, key, events)
    key_file, state = tmp_path / "witness.key", tmp_path / "witness.state.json"

    def witness() -> str:
        return run(server.url, key, key_file, "zh.example/witness", state)

    said = await asyncio.to_thread(witness)
    assert said.startswith(f"cosigned pactum.test/log at size {events} as zh.example/witness+")
    note = await checkpoint_of(server, key, events)
    assert note.splitlines()[-1].startswith("\u2014 zh.example/witness ")
    assert json.loads(state.read_text())["size"] == events

    await register_parties(system, 2)
    await checkpoint_of(server, key, events + 2)
    assert f"at size {events + 2} " in await asyncio.to_thread(witness)

    # The host rewrites an old event and rebuilds and re-signs the whole tree with the log's own key.
    async with system.pool.acquire() as conn, conn.transaction():
        await conn.execute("ALTER TABLE events DISABLE TRIGGER USER")
        await conn.execute("""UPDATE events SET payload = '{"rewritten":true}'
                              WHERE position = (SELECT position FROM event_seq WHERE seq = 3)""")
        await conn.execute("ALTER TABLE events ENABLE TRIGGER USER")
        await conn.execute("DELETE FROM tlog_cosignature; DELETE FROM tlog_checkpoint; "
                           "DELETE FROM tlog_node; UPDATE tlog_tracking SET size = 0")
    await register_parties(system, 1, prefix="AFTER")
    await checkpoint_of(server, key, events + 3)
    with pytest.raises(Alarm, match=f"the log no longer has the checkpoint of size {events + 2}"):
        await asyncio.to_thread(witness)
    # ... and it signs a checkpoint of the size the witness saw, over the rewritten tree.
    forged = await system.log_queries.tree.root(events + 2)
    await system.pool.execute(
        "INSERT INTO tlog_checkpoint (size, root, note, key_id) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT DO NOTHING",
        events + 2, forged, system.log_signer.sign(Checkpoint("pactum.test/log", events + 2, forged).body()),
        system.log_signer.verifier.id)
    with pytest.raises(Alarm, match=f"the log forked: the tree of {events + 3} does not extend the tree of "
                                    f"{events + 2} this witness cosigned"):
        await asyncio.to_thread(witness)
    assert json.loads(state.read_text())["size"] == events + 2  # it remembers what it cosigned, not the fork
