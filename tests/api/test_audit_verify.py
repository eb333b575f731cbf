"""GET /agreements/{id}/audit/verify: the agreement's events with their leaves and proofs, and what broke."""

from __future__ import annotations

import base64

from domain.party import Party
from service.cli.log import verify_lines
from service.store.merkle import leaf_hash, verify_inclusion
from service.store.signed_note import open_note

PROBLEM = "urn:pactum:problem:"


async def zzj(api) -> str:
    """The Zhuhai-Zhongshan-Jiangmen pact, which ZH-HRSS, ZS-HRSS and JM-HRSS signed."""
    await api.system.sequencer.catch_up()
    await api.system.integrator.catch_up()
    page = (await api.client.get("/agreements", headers=api.auth("JM-HRSS"))).json()
    return next(a["id"] for a in page["items"] if a["code"].startswith("ZZJ"))


async def test_a_party_gets_every_event_with_its_leaf_and_a_proof_in_the_signed_checkpoint(api):
    agreement = await zzj(api)
    answer = await api.client.get(f"/agreements/{agreement}/audit/verify", headers=api.auth("ZH-HRSS"))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["ok"] is True and body["findings"] == []
    origin, size, root, _ = open_note(body["checkpoint"], api.system.log_signer.verifier).split("\n")
    assert int(size) == body["checkpointSize"] and root == body["rootHash"]
    versions = [e["version"] for e in body["events"]]
    assert versions == list(range(1, len(versions) + 1)) and len(versions) > 5
    for event in body["events"]:
        leaf = base64.b64decode(event["leaf"])
        assert leaf.startswith(b'{"format":"pactum.leaf/v1","seq":%d,"streamId":"%s"' % (
            event["seq"], agreement.encode()))
        verify_inclusion(event["seq"] - 1, int(size), leaf_hash(leaf),
                         [base64.b64decode(p) for p in event["inclusionProof"]], base64.b64decode(root))
        assert event["included"] is True


async def test_a_non_party_and_an_unknown_agreement_get_404(api):
    agreement = await zzj(api)
    answer = await api.client.get(f"/agreements/{agreement}/audit/verify", headers=api.auth("GD-HRSS"))
    assert (answer.status_code, answer.json()["type"]) == (404, PROBLEM + "not-found")
    nobody = Party.id_for("XX")
    unknown = await api.client.get(f"/agreements/{nobody}/audit/verify", headers=api.auth("admin"))
    assert unknown.status_code == 404
    assert (await api.client.get(f"/agreements/{agreement}/audit/verify")).status_code == 401


async def test_an_edited_payload_is_named_over_http_and_by_pactum_verify(api):
    agreement = await zzj(api)
    seq, version = await api.system.pool.fetchrow(
        "SELECT s.seq, e.version FROM event_seq s JOIN events e USING (position) "
        "WHERE e.stream_id = $1 AND e.version = 3", agreement)
    async with api.system.pool.acquire() as conn, conn.transaction():
        await conn.execute("ALTER TABLE events DISABLE TRIGGER USER")
        await conn.execute("""UPDATE events SET payload = '{"forged":true}' WHERE stream_id = $1
                              AND version = 3""", agreement)
        await conn.execute("ALTER TABLE events ENABLE TRIGGER USER")
    body = (await api.client.get(f"/agreements/{agreement}/audit/verify", headers=api.auth("ZS-HRSS"))).json()
    assert body["ok"] is False
    assert [(f["kind"], f["seq"], f["version"]) for f in body["findings"]] == [
        ("event-changed", seq, 3), ("chain-broken", seq, 3)]
    assert [e["included"] for e in body["events"] if e["version"] == version] == [False]
    lines, held = await verify_lines(api.system)
    assert not held
    assert lines[1].startswith(f"FAIL event-changed: seq {seq} (stream {agreement} version 3, ")
    lines, held = await verify_lines(api.system, agreement)
    assert not held and lines[1].startswith(f"FAIL event-changed: seq {seq} ")


async def test_pactum_verify_says_ok_on_an_untouched_log(api):
    await zzj(api)
    lines, held = await verify_lines(api.system)
    assert held and lines[-1] == "OK: every chain, leaf and checkpoint holds"
