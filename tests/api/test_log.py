"""The transparency log over HTTP: key, checkpoints as signed notes, proofs, witnesses, and bad input."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from service.store.checkpoint_note import cosign, witness_verifier
from service.store.merkle import verify_consistency, verify_inclusion
from service.store.signed_note import Verifier, open_note
from tests.integration.log_helpers import register_parties

PROBLEM = "urn:pactum:problem:"


async def logged(api) -> int:
    await api.system.sequencer.catch_up()
    await api.system.integrator.catch_up()
    return await api.system.pool.fetchval("SELECT count(*) FROM events")


async def grow(api, n: int, prefix: str) -> int:
    api.system.checkpoints.interval_s = 0
    await register_parties(api.system, n, prefix)
    return await logged(api)


async def test_the_key_and_the_latest_checkpoint_are_a_verifier_key_and_a_note_it_opens(api):
    size = await logged(api)
    key = (await api.client.get("/log/key", headers=api.auth("ZH-HRSS"))).json()
    verifier = Verifier.parse(key["verifierKey"])
    assert key["name"] == verifier.name and key["keyId"] == verifier.id.hex() and key["origin"]
    answer = await api.client.get("/log/checkpoint", headers=api.auth("ZS-HRSS"))
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    origin, tree_size, root, _ = open_note(answer.text, verifier).split("\n")
    assert (origin, int(tree_size)) == (key["origin"], size)
    same = await api.client.get(f"/log/checkpoints/{size}", headers=api.auth("admin"))
    assert same.text == answer.text


async def test_proofs_verify_against_the_signed_roots(api):
    first = await logged(api)
    second = await grow(api, 3, "PROOF")
    h = api.auth("JM-HRSS")
    roots = {}
    for size in (first, second):
        note = (await api.client.get(f"/log/checkpoints/{size}", headers=h)).text
        roots[size] = base64.b64decode(note.split("\n")[2])
    for seq in (1, first, second):
        body = (await api.client.get(f"/log/proof/inclusion?seq={seq}&size={second}", headers=h)).json()
        assert (body["seq"], body["leafIndex"], body["treeSize"]) == (seq, seq - 1, second)
        verify_inclusion(seq - 1, second, base64.b64decode(body["leafHash"]),
                         [base64.b64decode(p) for p in body["proof"]], roots[second])
    body = (await api.client.get(f"/log/proof/consistency?from={first}&to={second}", headers=h)).json()
    assert base64.b64decode(body["fromRootHash"]) == roots[first]
    proof = [base64.b64decode(p) for p in body["proof"]]
    verify_consistency(first, second, proof, roots[first], roots[second])


@pytest.mark.parametrize(("query", "status", "code"), [
    ("/log/proof/inclusion?seq=0&size={size}", 400, "invalid-parameter"),
    ("/log/proof/inclusion?seq={beyond}&size={size}", 422, "seq-not-in-tree"),
    ("/log/proof/inclusion?seq=1&size={beyond}", 404, "no-checkpoint"),
    ("/log/proof/inclusion?seq=1", 400, "invalid-parameter"),
    ("/log/proof/inclusion?seq=x&size=1", 400, "invalid-parameter"),
    ("/log/proof/consistency?from={beyond}&to={size}", 422, "invalid-range"),
    ("/log/proof/consistency?from=1&to={beyond}", 404, "no-checkpoint"),
    ("/log/checkpoints/{beyond}", 404, "no-checkpoint"),
    ("/log/checkpoints/0", 400, "invalid-parameter"),
])
async def test_bad_proof_requests_are_problems_with_stable_types(api, query, status, code):
    size = await logged(api)
    answer = await api.client.get(query.format(size=size, beyond=size + 1), headers=api.auth("ZH-HRSS"))
    assert answer.status_code == status, answer.text
    assert answer.json()["type"] == PROBLEM + code


async def test_the_log_needs_a_key_and_an_empty_log_has_no_checkpoint(api):
    assert (await api.client.get("/log/checkpoint")).status_code == 401
    answer = await api.client.get("/log/checkpoint", headers=api.auth("ZH-HRSS"))
    assert answer.status_code == 404 and answer.json()["type"] == PROBLEM + "no-checkpoint"


async def test_a_party_registers_a_witness_whose_cosignature_the_checkpoint_then_carries(api):
    size = await logged(api)
    key = Ed25519PrivateKey.generate()
    vkey = str(witness_verifier("zh.example/witness", key))
    h = api.auth("ZH-HRSS")
    registered = await api.client.post("/log/witnesses", json={"verifierKey": vkey}, headers=h)
    assert registered.status_code == 201 and registered.json()["verifierKey"] == vkey
    again = await api.client.post("/log/witnesses", json={"verifierKey": vkey}, headers=api.auth("ZS-HRSS"))
    assert again.status_code == 409
    note = (await api.client.get("/log/checkpoint", headers=h)).text
    body = note.rpartition("\n\n")[0] + "\n"
    line = cosign(body, "zh.example/witness", key, 1_700_000_000)
    posted = await api.client.post(f"/log/checkpoints/{size}/cosignatures", json={"cosignature": line},
                                   headers=api.auth("JM-HRSS"))
    assert posted.status_code == 201, posted.text
    with_cosignature = (await api.client.get("/log/checkpoint", headers=h)).text
    assert with_cosignature == note + line
    listed = (await api.client.get("/log/witnesses", headers=h)).json()["witnesses"]
    assert [w["verifierKey"] for w in listed] == [vkey]


async def test_bad_witness_keys_and_cosignatures_are_refused_with_stable_types(api):
    size = await logged(api)
    second = await grow(api, 1, "COSIG")
    h = api.auth("ZH-HRSS")
    key = Ed25519PrivateKey.generate()
    note_key = str(Verifier("zh.example/w", 0x01, witness_verifier("zh.example/w", key).public))
    cases = [({"verifierKey": "nonsense"}, 422, "invalid-witness-key"),
             ({"verifierKey": note_key}, 422, "invalid-witness-key")]
    for body, status, code in cases:
        answer = await api.client.post("/log/witnesses", json=body, headers=h)
        assert (answer.status_code, answer.json()["type"]) == (status, PROBLEM + code)
    admin = await api.client.post("/log/witnesses", json={"verifierKey": str(witness_verifier("a/b", key))},
                                  headers=api.auth("admin"))
    assert admin.status_code == 403
    await api.client.post("/log/witnesses", json={"verifierKey": str(witness_verifier("zh.example/w", key))},
                          headers=h)
    first_note = (await api.client.get(f"/log/checkpoints/{size}", headers=h)).text
    first_body = first_note.rpartition("\n\n")[0] + "\n"
    stranger = Ed25519PrivateKey.generate()
    posts = [
        (second, cosign(first_body, "zh.example/w", key, 1), 422, "invalid-cosignature"),  # over another
        (size, cosign(first_body, "zh.example/w", stranger, 1), 422, "unknown-witness"),
        (size, "\u2014 zh.example/w not-base64\n", 422, "invalid-cosignature"),
        (size, "garbage", 422, "invalid-cosignature"),
        (second + 1, cosign(first_body, "zh.example/w", key, 1), 404, "no-checkpoint"),
    ]
    for at, line, status, code in posts:
        answer = await api.client.post(f"/log/checkpoints/{at}/cosignatures", json={"cosignature": line},
                                       headers=h)
        assert (answer.status_code, answer.json()["type"]) == (status, PROBLEM + code), line
    assert await api.system.pool.fetchval("SELECT count(*) FROM tlog_cosignature") == 0
