"""Every event read over HTTP carries its leaf bytes: SHA-256(0x00 ‖ leaf) is the leaf hash its inclusion
proof leads from to the signed root. The hashing and the proof check here are hashlib, written out."""

from __future__ import annotations

import base64
import hashlib
import json

from service.http.routes.events import _follow
from tests.api.flow import Flow

b64 = base64.b64decode


def sha(*parts: bytes) -> bytes:
    return hashlib.sha256(b"".join(parts)).digest()


def root_from(index: int, size: int, leaf_hash: bytes, proof: list[bytes]) -> bytes:
    """RFC 9162 §2.1.3.2: the root an inclusion proof leads to."""
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        assert sn > 0, "proof too long"
        if fn & 1 or fn == sn:
            r = sha(b"\x01", p, r)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = sha(b"\x01", r, p)
        fn, sn = fn >> 1, sn >> 1
    assert sn == 0, "proof too short"
    return r


async def logged(api) -> tuple[int, bytes]:
    """Everything numbered, in the tree and signed; the checkpoint's size and root as the API serves it."""
    api.system.checkpoints.interval_s = 0
    await api.system.sequencer.catch_up()
    await api.system.integrator.catch_up()
    note = (await api.client.get("/log/checkpoint", headers=api.auth("admin"))).text
    _, size, root = note.split("\n")[:3]
    return int(size), b64(root)


async def proves(api, seq: int, leaf: str, size: int, root: bytes) -> None:
    data = b64(leaf)
    assert data.startswith(b'{"format":"pactum.leaf/v1","seq":%d,"streamId":"' % seq)
    leaf_hash = sha(b"\x00", data)
    r = await api.client.get(f"/log/proof/inclusion?seq={seq}&size={size}", headers=api.auth("ZS-HRSS"))
    body = r.json()
    assert b64(body["leafHash"]) == leaf_hash
    assert root_from(seq - 1, size, leaf_hash, [b64(p) for p in body["proof"]]) == root


async def test_the_feed_carries_each_events_leaf_and_its_hash_is_proved_in_the_checkpoint(api):
    size, root = await logged(api)
    items = (await api.client.get("/events", params={"after": 0, "limit": 1000},
                                  headers=api.auth("admin"))).json()["items"]
    assert [e["seq"] for e in items] == list(range(1, size + 1))
    for e in items:
        await proves(api, e["seq"], e["leaf"], size, root)
        assert f'"streamId":"{e["streamId"]}","streamType":"{e["streamType"]}","version":{e["version"]},'\
            .encode() in b64(e["leaf"])


async def test_the_event_stream_serves_the_same_leaf_as_the_feed(api):
    size, root = await logged(api)
    page = (await api.client.get("/events", params={"after": size - 3, "limit": 3},
                                 headers=api.auth("admin"))).json()["items"]
    stream = _follow(api.system.feed, None, size - 3, None, 30)
    framed = (await anext(stream)).encode()
    await stream.aclose()
    sent = [json.loads(line[len(b"data: "):]) for line in framed.split(b"\r\n") if line.startswith(b"data: ")]
    assert [(e["seq"], e["leaf"]) for e in sent] == [(e["seq"], e["leaf"]) for e in page]
    for e in sent:
        await proves(api, e["seq"], e["leaf"], size, root)


async def test_an_agreements_history_and_export_carry_the_leaf_and_null_before_the_seq(api):
    flow = await Flow(api, "LEAF-1").draft()
    history = await api.client.get(f"/agreements/{flow.id}/events", headers=api.auth("ZH-HRSS"))
    assert [(e["seq"], e["leaf"]) for e in history.json()["items"]] == [(None, None), (None, None)]
    export = (await api.client.get(f"/agreements/{flow.id}/export", headers=api.auth("ZH-HRSS"))).text
    assert [(e["seq"], e["leaf"]) for e in map(json.loads, export.splitlines()[1:])] == [(None, None)] * 2

    size, root = await logged(api)
    history = (await api.client.get(f"/agreements/{flow.id}/events", headers=api.auth("ZH-HRSS"))).json()
    export = (await api.client.get(f"/agreements/{flow.id}/export", headers=api.auth("ZH-HRSS"))).text
    exported = [json.loads(line) for line in export.splitlines()[1:]]
    assert [e["seq"] for e in history["items"]] == [size - 1, size] == [e["seq"] for e in exported]
    assert [e["leaf"] for e in history["items"]] == [e["leaf"] for e in exported]
    for e in history["items"]:
        await proves(api, e["seq"], e["leaf"], size, root)
        assert e["hash"].encode() in b64(e["leaf"])


async def test_the_log_export_carries_the_same_leaf_bytes(api):
    size, root = await logged(api)
    feed = {e["seq"]: e["leaf"] for e in (await api.client.get(
        "/events", params={"after": 0, "limit": 1000}, headers=api.auth("admin"))).json()["items"]}
    header, *lines = [json.loads(line) async for line in api.system.log_export.lines()]
    assert header["treeSize"] == size
    assert {e["seq"]: e["leaf"] for e in lines} == feed
