"""Crypto-shredding: a person named in a report, read back, erased; every stored byte, proof and signed
checkpoint stays as it was, and the name reads as erased everywhere (and is stored nowhere)."""

from __future__ import annotations

import base64
from typing import Any
from uuid import UUID, uuid4

import projections
from domain.agreement import Agreement as AgreementAggregate
from domain.person import PersonalText
from service.cli.log import verify_lines
from service.store.eventstore import COLUMNS, stored_row
from service.store.merkle import verify_consistency, verify_inclusion
from service.store.signed_note import open_note
from tests.api.helpers import stored_rows
from tests.api.world import report

PROBLEM = "urn:pactum:problem:"
NAME = "陳大文 Chan Tai-man"
REASON = "Erasure request ER-2026-041 (data subject's own request)"


async def _logged(world) -> int:
    world.system.checkpoints.interval_s = 0  # a checkpoint for every size the tree reaches
    await world.system.sequencer.catch_up()
    await world.system.integrator.catch_up()
    await world.system.runner.catch_up()
    return await world.system.pool.fetchval("SELECT count(*) FROM events")


async def _get(world, path: str, who: str = "lead", **params: Any) -> Any:
    answer = await world.client.get(path, headers=world.auth(who), params=params)
    assert answer.status_code == 200, answer.text
    return answer.text if answer.headers["content-type"].startswith("text/plain") else answer.json()


async def _story_people(world, agreement) -> list[Any]:
    story = await _get(world, f"/agreements/{agreement.id}/commitments/A1.1")
    return [r["contactPerson"] for r in story["reports"]]


async def _rows(world) -> list[tuple]:
    return [tuple(r) for r in await world.system.pool.fetch(
        "SELECT position, stream_id, version, event_type, payload::text, metadata::text, occurred_at, "
        "recorded_at, hash FROM events ORDER BY position")]


async def _inclusion_proofs(world, size: int) -> dict[int, dict]:
    return {seq: await _get(world, "/log/proof/inclusion", seq=seq, size=size) for seq in range(1, size + 1)}


async def _name_anywhere(world) -> list[str]:
    """Every table whose rows spell the name, as text or as UTF-8 bytes (bytea columns print hex)."""
    pool = world.system.pool
    tables = await pool.fetch("SELECT table_name FROM information_schema.tables "
                              "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
    found = []
    for (table,) in tables:
        hits = await pool.fetchval(
            f'SELECT count(*) FROM "{table}" t WHERE strpos(t::text, $1) > 0 OR strpos(t::text, $2) > 0',
            NAME, NAME.encode().hex())
        if hits:
            found.append(table)
    return found


async def test_a_named_person_reads_back_then_erased_every_byte_proof_and_checkpoint_holds(world):
    a = await world.agreement()
    reported = await a.ok("/commitments/A1.1/progress-reports", report(contactPerson={"name": NAME}))
    [person] = await _story_people(world, a)
    person_id = person["personId"]
    assert person == {"personId": person_id, "name": NAME, "erased": False}
    again = {"name": NAME, "personId": person_id}  # the same person named again
    corrected = await a.ok(f"/progress-reports/{reported['resourceId']}/correction",
                           {"reason": "数据有误", **report(level="substantial", contactPerson=again)})
    assert await _story_people(world, a) == [person, person]

    # what is stored: the person id and the name sealed, never the name
    payloads = [p for (p,) in await world.system.pool.fetch(
        "SELECT payload::text FROM events WHERE stream_id = $1 AND payload->>'contact_person' IS NOT NULL "
        "ORDER BY version", UUID(a.id))]
    assert len(payloads) == 2
    assert all(f'"contact_person":{{"person_id":"{person_id}","nonce":"' in p for p in payloads)
    assert await _name_anywhere(world) == []

    size = await _logged(world)
    checkpoint = await _get(world, f"/log/checkpoints/{size}")
    root = checkpoint.split("\n")[2]
    proofs = await _inclusion_proofs(world, size)
    rows = await _rows(world)
    history = await _get(world, f"/agreements/{a.id}/events", limit=100)
    export = (await world.client.get(f"/agreements/{a.id}/export", headers=world.auth("lead"))).text
    assert person_id in export and NAME not in export  # the export carries the payloads as stored

    erased = await world.client.post(f"/persons/{person_id}/erasure", json={"reason": REASON},
                                     headers=world.auth("admin"))
    assert erased.status_code == 201, erased.text
    assert erased.json()["personId"] == person_id

    # (b) the stored rows are byte for byte what they were; the erasure is one more event
    after = await _rows(world)
    assert after[:-1] == rows
    assert after[-1][2:5] == (1, "person.erased", f'{{"person_id":"{person_id}","reason":"{REASON}"}}')
    # (a) the signed checkpoint, its root and every proof in it are the same, and the tree grew from it
    new_size = await _logged(world)
    assert new_size == size + 1
    assert await _get(world, f"/log/checkpoints/{size}") == checkpoint
    assert (await _get(world, f"/log/checkpoints/{size}")).split("\n")[2] == root
    assert await _inclusion_proofs(world, size) == proofs
    verifier = world.system.log_signer.verifier
    new_root = base64.b64decode(open_note(await _get(world, "/log/checkpoint"), verifier).split("\n")[2])
    for seq, proof in (await _inclusion_proofs(world, new_size)).items():
        verify_inclusion(seq - 1, new_size, base64.b64decode(proof["leafHash"]),
                         [base64.b64decode(h) for h in proof["proof"]], new_root)
    consistency = await _get(world, "/log/proof/consistency", **{"from": size, "to": new_size})
    assert consistency["fromRootHash"] == root
    verify_consistency(size, new_size, [base64.b64decode(h) for h in consistency["proof"]],
                       base64.b64decode(root), new_root)
    lines, held = await verify_lines(world.system)
    assert held, lines
    lines, held = await verify_lines(world.system, UUID(a.id))
    assert held, lines

    # (c) the story shows the erased marker; the history still gives the payload as stored
    marker = {"personId": person_id, "name": None, "erased": True}
    assert await _story_people(world, a) == [marker, marker]
    assert await _get(world, f"/agreements/{a.id}/events", limit=100) == history
    export = (await world.client.get(f"/agreements/{a.id}/export", headers=world.auth("lead"))).text
    assert person_id in export and NAME not in export
    replayed = await world.system.repository.replay(AgreementAggregate, UUID(a.id))
    assert replayed.version == corrected["version"]
    stored = [stored_row(r) for r in await world.system.pool.fetch(
        f"SELECT {COLUMNS} FROM events WHERE stream_id = $1 AND version >= $2 ORDER BY version",
        UUID(a.id), corrected["version"] - 1)]
    assert [world.system.mapper.to_domain_event(s).contact_person for s in stored] == [
        PersonalText(UUID(person_id), None)] * 2
    # no projection stops: each followed the erasure, and one rebuilt from the start replays it all
    rebuilt = await world.system.runner.rebuild(projections.BY_NAME["commitment_progress"])
    assert rebuilt == await world.system.pool.fetchval("SELECT count(*) FROM events")
    assert await world.system.pool.fetchval(
        "SELECT count(*) FROM projection_tracking WHERE state <> 'running'") == 0
    # (d) nothing spells the name; the key is gone, the reason kept
    assert await _name_anywhere(world) == []
    key, erased_at, reason = await world.system.pool.fetchrow(
        "SELECT key, erased_at, reason FROM persons WHERE id = $1", UUID(person_id))
    assert (key, reason) == (None, REASON) and erased_at is not None


async def _refused(world, path: str, body: Any, who: str, status: int, kind: str) -> None:
    before = await stored_rows(world.system.pool)
    answer = await world.client.post(path, json=body, headers=world.auth(who))
    assert (answer.status_code, answer.json()["type"]) == (status, PROBLEM + kind), answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert await stored_rows(world.system.pool) == before


async def test_bad_erasures_and_naming_an_erased_person_are_problems_with_nothing_stored(world):
    a = await world.agreement()
    await a.ok("/commitments/A1.1/progress-reports", report(contactPerson={"name": "李四 Lee Sze"}))
    [person] = await _story_people(world, a)
    erasure = f"/persons/{person['personId']}/erasure"
    await _refused(world, erasure, {"reason": REASON}, "lead", 403, "forbidden")
    await _refused(world, f"/persons/{uuid4()}/erasure", {"reason": REASON}, "admin", 404, "unknown-person")
    await _refused(world, erasure, {"reason": " "}, "admin", 422, "reason-required")
    await _refused(world, erasure, {}, "admin", 422, "invalid-body")
    erased = await world.client.post(erasure, json={"reason": REASON}, headers=world.auth("admin"))
    assert erased.status_code == 201, erased.text
    await _refused(world, erasure, {"reason": REASON}, "admin", 409, "already-erased")
    named_again = report(contactPerson={"name": "李四 Lee Sze", "personId": person["personId"]})
    await _refused(world, f"/agreements/{a.id}/commitments/A1.1/progress-reports", named_again, "lead", 422,
                   "person-erased")
    await _refused(world, f"/agreements/{a.id}/commitments/A1.1/progress-reports",
                   report(contactPerson={"name": "  "}), "lead", 422, "text-required")
    # a new mention without the id is a new person, with a key of their own
    await a.ok("/commitments/A1.1/progress-reports", report(contactPerson={"name": "李四 Lee Sze"}))
    erased, named = await _story_people(world, a)
    assert erased == {"personId": person["personId"], "name": None, "erased": True}
    assert named["personId"] != person["personId"] and named["name"] == "李四 Lee Sze"


async def test_a_person_id_chosen_to_be_an_agreements_id_is_still_erased(world):
    a = await world.agreement()
    await a.ok("/commitments/A1.1/progress-reports", report(contactPerson={"name": "王五", "personId": a.id}))
    erased = await world.client.post(f"/persons/{a.id}/erasure", json={"reason": REASON},
                                     headers=world.auth("admin"))
    assert erased.status_code == 201, erased.text
    assert await _story_people(world, a) == [{"personId": a.id, "name": None, "erased": True}]
