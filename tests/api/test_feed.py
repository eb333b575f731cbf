"""GET /events: the log in seq order, a page at a time, filtered to the caller's agreements without a skip or
a repeat, long polled, and refusing cursors and filters it cannot use."""

from __future__ import annotations

import asyncio
import time
from uuid import UUID

import msgspec

from service.reads.events import EventPage
from tests.api.flow import JM, ZH, ZS, Flow

PAGE = msgspec.json.Decoder(EventPage)  # the documented union: every item must decode as its own type


def kind(event) -> str:
    return type(event).__struct_config__.tag


async def numbered(api) -> int:
    await api.system.sequencer.catch_up()
    return await api.system.pool.fetchval("SELECT count(*) FROM events")


async def read_all(api, who: str, limit: int, **params) -> tuple[list, int]:
    """Every page from the start; the items and how many pages it took."""
    items, after, pages = [], 0, 0
    while True:
        r = await api.client.get("/events", params={"after": after, "limit": limit, **params},
                                 headers=api.auth(who))
        assert r.status_code == 200, r.text
        page = PAGE.decode(r.content)
        items += page.items
        pages += 1
        assert page.next_after >= after
        if page.next_after == page.head:
            return items, pages
        after = page.next_after


async def test_an_admin_reads_every_event_once_in_seq_order(api):
    total = await numbered(api)
    items, pages = await read_all(api, "admin", 10)
    assert total > 60
    assert [e.seq for e in items] == list(range(1, total + 1))
    assert pages == -(-total // 10)
    stored = await api.system.pool.fetch(
        "SELECT stream_id, version, event_type FROM events ORDER BY txid, position")
    assert [(e.stream_id, e.version, kind(e)) for e in items] == [tuple(r) for r in stored]
    assert len({e.id for e in items}) == total


async def test_an_event_carries_its_envelope_actor_and_stored_payload(api):
    flow = await Flow(api, "FEED-1").draft()
    await numbered(api)
    r = await api.client.get("/events", params={"after": 0, "limit": 1000}, headers=api.auth("admin"))
    body = r.json()
    drafted, joined = [e for e in body["items"] if e["streamId"] == flow.id]
    assert (drafted["type"], drafted["version"], drafted["schemaVersion"]) == ("agreement.drafted", 1, 1)
    actor = drafted["actor"]
    assert actor["party"] == ZH and actor["keyId"] and actor["onBehalfOf"] is None
    assert drafted["payload"]["code"] == "FEED-1" and drafted["payload"]["drafted_by"] == ZH
    assert joined["type"] == "agreement.party_added"
    assert joined["payload"] == {"party_id": ZH, "role": "signatory"}
    stored = await api.system.pool.fetchval(  # byte for byte as stored: what the hash chain covers
        "SELECT payload::text FROM events WHERE stream_id = $1 AND version = 1", UUID(flow.id))
    assert b'"payload" : ' + stored.encode() + b"}" in r.content
    assert set(drafted) == {"type", "seq", "id", "streamId", "streamType", "version", "schemaVersion",
                            "occurredAt", "recordedAt", "actor", "leaf", "payload"}
    assert drafted["streamType"] == "agreement" and drafted["occurredAt"].endswith("+00:00")
    again = await api.client.get("/events", params={"after": drafted["seq"] - 1, "limit": 1},
                                 headers=api.auth("ZS-HRSS"))
    assert again.json()["items"] == []  # ZS is no party to it yet


async def test_a_party_sees_its_agreements_and_the_registry_and_its_cursor_never_skips(api):
    private = await Flow(api, "FEED-ZH-ZS").draft()
    assert (await private.post("/parties", {"partyId": ZS, "role": "signatory"})).status_code == 201
    other = await Flow(api, "FEED-ZH-ONLY").draft()
    total = await numbered(api)

    everything, _ = await read_all(api, "admin", 1000)
    as_jm, pages = await read_all(api, "JM-HRSS", 1)
    as_zs, _ = await read_all(api, "ZS-HRSS", 7)
    jm_streams = {r["agreement_id"] for r in await api.system.pool.fetch(
        "SELECT agreement_id FROM agreement_party WHERE party_id = $1", UUID(JM))}
    assert [e.seq for e in as_jm] == [e.seq for e in everything
                                      if e.stream_type in ("party", "indicator") or e.stream_id in jm_streams]
    assert pages >= len(as_jm) and len(as_jm) < total
    zs_of_private = [e.version for e in as_zs if str(e.stream_id) == private.id]
    assert zs_of_private == [1, 2, 3]  # all of it, the events before ZS joined too
    assert not [e for e in as_zs if str(e.stream_id) == other.id]
    assert not [e for e in as_jm if str(e.stream_id) in (private.id, other.id)]


async def test_a_type_filter_keeps_only_those_types(api):
    await numbered(api)
    items, _ = await read_all(api, "admin", 50, types="party.registered,agreement.signed_by_party")
    assert items and {kind(e) for e in items} == {"party.registered", "agreement.signed_by_party"}


async def test_a_long_poll_answers_when_an_event_is_numbered(api):
    head = await numbered(api)

    async def poll():
        return await api.client.get("/events", params={"after": head, "wait": 10},
                                    headers=api.auth("ZH-HRSS"))

    started = time.monotonic()
    waiting = asyncio.create_task(poll())
    await asyncio.sleep(0.3)
    assert not waiting.done()
    flow = await Flow(api, "FEED-LATE").draft()
    await api.system.sequencer.catch_up()
    r = await waiting
    assert r.status_code == 200 and time.monotonic() - started < 5
    got = [(e["seq"], e["streamId"]) for e in r.json()["items"]]
    assert got == [(head + 1, flow.id), (head + 2, flow.id)]


async def test_a_long_poll_with_nothing_new_ends_after_the_wait(api):
    head = await numbered(api)
    started = time.monotonic()
    r = await api.client.get("/events", params={"after": head, "wait": 1}, headers=api.auth("JM-HRSS"))
    assert 0.9 < time.monotonic() - started < 3
    assert r.json() == {"items": [], "nextAfter": head, "head": head}


async def test_bad_cursors_limits_waits_and_filters_are_problems(api):
    head = await numbered(api)
    cases = {
        "after=-1": "invalid-parameter",
        "after=x": "invalid-parameter",
        f"after={head + 1}": "unknown-seq",
        "limit=0": "invalid-parameter",
        "limit=1001": "invalid-parameter",
        "wait=31": "invalid-parameter",
        "wait=-1": "invalid-parameter",
        "types=agreement.no_such_thing": "unknown-event-type",
        "types=DROP TABLE": "invalid-parameter",
    }
    for query, code in cases.items():
        r = await api.client.get(f"/events?{query}", headers=api.auth("ZH-HRSS"))
        assert (r.status_code, r.json()["type"]) == (400, f"urn:pactum:problem:{code}"), query
        assert r.headers["content-type"] == "application/problem+json"
    future = {**api.auth("ZH-HRSS"), "Last-Event-ID": str(head + 5)}
    r = await api.client.get("/events/stream", headers=future)
    assert (r.status_code, r.json()["type"]) == (400, "urn:pactum:problem:unknown-seq")
    r = await api.client.get("/events/stream", headers={**api.auth("ZH-HRSS"), "Last-Event-ID": "abc"})
    assert (r.status_code, r.json()["type"]) == (400, "urn:pactum:problem:invalid-parameter")
    assert (await api.client.get("/events")).status_code == 401
    assert await numbered(api) == head  # nothing stored
