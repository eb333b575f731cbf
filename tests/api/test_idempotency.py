"""Idempotency-Key: a repeat returns the first response and stores nothing new."""

from __future__ import annotations

import asyncio

from tests.api.flow import Flow
from tests.api.helpers import stored_rows, text


def area(code: str) -> dict:
    return {"code": code, "title": text(f"领域{code}")}


async def test_a_repeated_request_returns_the_first_response_and_stores_nothing(api):
    flow = await Flow(api).draft()
    first = await flow.post("/areas", area("A1"), **{"Idempotency-Key": "area-a1"})
    before = await stored_rows(api.system.pool)

    again = await flow.post("/areas", area("A1"), **{"Idempotency-Key": "area-a1"})

    assert again.status_code == first.status_code == 201
    assert again.json() == first.json()
    assert again.headers["etag"] == first.headers["etag"]
    assert await stored_rows(api.system.pool) == before


async def test_a_repeated_draft_creates_one_agreement(api):
    body = {"code": "ONCE", "title": text("一次"), "authenticLanguage": "zh-Hans"}
    headers = {**api.auth("ZH-HRSS"), "Idempotency-Key": "draft-once"}

    first = await api.client.post("/agreements", json=body, headers=headers)
    again = await api.client.post("/agreements", json=body, headers=headers)

    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert (
        await api.system.pool.fetchval(
            "SELECT count(DISTINCT stream_id) FROM events WHERE event_type = 'agreement.drafted'"
        )
        == 7  # the six agreements of the seed, and this one
    )


async def test_fifty_concurrent_requests_with_one_key_store_one_set_of_events(api):
    flow = await Flow(api).draft()
    before = await api.system.pool.fetchval("SELECT count(*) FROM events")

    replies = await asyncio.gather(
        *(flow.post("/areas", area("A7"), **{"Idempotency-Key": "burst"}) for _ in range(50))
    )

    assert {r.status_code for r in replies} == {201}
    assert len({r.text for r in replies}) == 1
    assert len({r.headers["etag"] for r in replies}) == 1
    assert await api.system.pool.fetchval("SELECT count(*) FROM events") == before + 1
    assert await api.system.pool.fetchval("SELECT count(*) FROM idempotency_keys WHERE key = 'burst'") == 1


async def test_fifty_concurrent_drafts_with_one_key_create_one_agreement(api):
    body = {"code": "BURST", "title": text("并发"), "authenticLanguage": "zh-Hans"}
    headers = {**api.auth("ZS-HRSS"), "Idempotency-Key": "burst-draft"}

    replies = await asyncio.gather(
        *(api.client.post("/agreements", json=body, headers=headers) for _ in range(50))
    )

    assert len({(r.status_code, r.text) for r in replies}) == 1
    assert (
        await api.system.pool.fetchval(
            "SELECT count(*) FROM events WHERE event_type = 'agreement.drafted' "
            "AND payload->>'code' = 'BURST'"
        )
        == 1
    )


async def test_reusing_a_key_for_another_request_is_refused(api):
    flow = await Flow(api).draft()
    await flow.post("/areas", area("A1"), **{"Idempotency-Key": "k1"})
    before = await stored_rows(api.system.pool)

    other = await flow.post("/areas", area("A2"), **{"Idempotency-Key": "k1"})

    assert other.status_code == 422
    assert other.json()["type"] == "urn:pactum:problem:idempotency-key-reused"
    assert await stored_rows(api.system.pool) == before


async def test_keys_of_different_parties_do_not_collide(api):
    flow = await (await Flow(api).draft()).with_structure()

    mine = await flow.post("/areas", area("A2"), **{"Idempotency-Key": "same"})
    theirs = await flow.post("/areas", area("A3"), who="ZS-HRSS", **{"Idempotency-Key": "same"})

    assert mine.status_code == theirs.status_code == 201
    assert theirs.json()["version"] == mine.json()["version"] + 1
