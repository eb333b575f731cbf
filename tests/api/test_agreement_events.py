"""An agreement's events: all in stream order, typed, with actor, both clocks and hash; filters; pages."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.api.audit_story import JM, ZH, AuditStory
from tests.api.conftest import Api

PROBLEM = "urn:pactum:problem:"
SPRING = ["agreement.progress_reported"] * 3 + ["agreement.report_corrected"]
TYPES = ["agreement.drafted", *["agreement.party_added"] * 3, "agreement.area_defined",
         *["agreement.commitment_defined"] * 3, "agreement.opened_for_signature",
         *["agreement.signed_by_party"] * 3, "agreement.fully_signed", "agreement.entered_into_force",
         *SPRING]


@pytest.fixture
async def story(api: Api) -> AuditStory:
    story = AuditStory(api.system)
    await story.play()
    return story


async def events(api: Api, story: AuditStory, who: str = "ZS-HRSS", **params: Any) -> list[dict[str, Any]]:
    response = await api.client.get(f"/agreements/{story.id}/events", params=params, headers=api.auth(who))
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_every_event_in_stream_order_typed_with_actor_clocks_and_hash(api, story):
    items = await events(api, story, limit=100)
    assert [e["type"] for e in items] == TYPES
    assert [e["version"] for e in items] == list(range(1, 19))
    late = items[16]
    assert (late["seq"], late["streamId"], late["schemaVersion"]) == (None, str(story.id), 2)
    assert late["actor"] == {"party": str(JM), "keyId": None, "user": "audit story", "onBehalfOf": None}
    assert late["occurredAt"] == "2025-03-25T02:00:00Z"  # 10:00 in UTC+8
    assert late["recordedAt"] > story.known["april"].isoformat().replace("+00:00", "Z")
    payload = late["payload"]
    assert late["type"] == "agreement.progress_reported" and "type" not in payload
    assert (payload["commitment_code"], payload["level"], payload["as_of"]) == (
        "A1.3", "substantial", "2025-03-25")
    assert payload["narrative"]["en"] == {"text": "A1.3进展", "kind": "machine"}
    assert payload["evidence"][1] == {"title": "会议纪要", "url": None, "document_id": "AUDIT-2025-004",
                                      "sha256": None}
    stored = await api.system.pool.fetchval("SELECT hash FROM events WHERE stream_id = $1 AND version = 17",
                                            story.id)
    assert late["hash"] == stored.hex() and len(late["hash"]) == 64
    assert items[0]["actor"]["party"] == str(ZH) and items[0]["amendmentId"] is None
    # the payload is the stored one, byte for byte what the hash covers
    row = await api.system.pool.fetchrow(
        "SELECT payload::text AS payload, position FROM events WHERE stream_id = $1 AND version = 17",
        story.id)
    assert payload == json.loads(row["payload"]) and late["position"] == row["position"]


async def test_filters_by_type_commitment_and_either_clock(api, story):
    def versions(items):
        return [e["version"] for e in items]

    reports = "agreement.progress_reported,agreement.report_corrected"
    assert versions(await events(api, story, types=reports)) == [15, 16, 17, 18]
    repeated = ["agreement.fully_signed", "agreement.drafted"]
    assert versions(await events(api, story, types=repeated)) == [1, 13]
    assert versions(await events(api, story, commitment="A1.3")) == [8, 17]
    assert versions(await events(api, story, commitment="A1.1")) == [6, 15, 18]
    march = dict(occurredFrom="2025-03-01T00:00:00+08:00", occurredTo="2025-04-01T00:00:00+08:00")
    assert versions(await events(api, story, **march)) == [15, 17]
    assert versions(await events(api, story, recordedFrom=story.known["april"].isoformat())) == [17, 18]
    signed = story.known["signed"].isoformat()
    assert versions(await events(api, story, recordedTo=signed)) == list(range(1, 14))


async def test_pages_follow_the_stream(api, story):
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 5, **({"cursor": cursor} if cursor else {})}
        response = await api.client.get(f"/agreements/{story.id}/events", params=params,
                                        headers=api.auth("admin"))
        body = response.json()
        seen += [e["version"] for e in body["items"]]
        pages += 1
        if not (cursor := body["nextCursor"]):
            break
    assert (seen, pages) == (list(range(1, 19)), 4)


async def test_bad_filters_are_problems(api, story):
    cases = [
        (dict(types="agreement.nonsense"), 400, "unknown-event-type"),
        (dict(types="agreement.drafted,,party.exploded"), 400, "unknown-event-type"),
        (dict(occurredFrom="2025-03-01T00:00:00"), 400, "instant-without-offset"),
        (dict(recordedTo="2025-03-01"), 400, "instant-without-offset"),
        (dict(occurredTo="yesterday"), 400, "invalid-instant"),
        (dict(cursor="!!"), 400, "invalid-cursor"),
        (dict(limit="0"), 400, "invalid-parameter"),
        (dict(commitment="A 1"), 400, "invalid-parameter"),
    ]
    for params, status, kind in cases:
        response = await api.client.get(f"/agreements/{story.id}/events", params=params,
                                        headers=api.auth("ZH-HRSS"))
        assert (response.status_code, response.json()["type"]) == (status, PROBLEM + kind), params
