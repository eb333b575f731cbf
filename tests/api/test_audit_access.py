"""Who reads the history: parties and admins; a non-party is told nothing exists. Bad points in time."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from tests.api.audit_story import AuditStory
from tests.api.conftest import Api

PROBLEM = "urn:pactum:problem:"
READS = ["/events", "?version=1", "?asOf=2025-03-31", "?asKnownAt={now}", "/progress?asOf=2025-03-31",
         "/progress?version=3"]


@pytest.fixture
async def story(api: Api) -> AuditStory:
    story = AuditStory(api.system)
    await story.drafted_and_signed()
    await story.in_force()
    return story


async def test_a_non_party_gets_404_exactly_as_for_an_unknown_agreement(api, story):
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    for suffix in (r.format(now=now) for r in READS):
        unknown = await api.client.get(f"/agreements/{uuid4()}{suffix}", headers=api.auth("GD-HRSS"))
        hidden = await api.client.get(f"/agreements/{story.id}{suffix}", headers=api.auth("GD-HRSS"))
        assert (hidden.status_code, hidden.json()["type"]) == (404, PROBLEM + "not-found"), suffix
        assert (unknown.status_code, unknown.json()["type"]) == (404, PROBLEM + "not-found"), suffix
        assert hidden.json()["detail"].replace(str(story.id), "X") == \
            unknown.json()["detail"].replace(unknown.url.path.split("/")[2], "X"), suffix
        for who in ("ZS-HRSS", "admin"):
            seen = await api.client.get(f"/agreements/{story.id}{suffix}", headers=api.auth(who))
            assert seen.status_code == 200, (suffix, who, seen.text)


async def test_bad_points_in_time_are_problems(api, story):
    cases = [
        ("?version=0", 400, "invalid-parameter"),
        ("?version=null", 400, "invalid-parameter"),
        ("/export?to=null", 400, "invalid-parameter"),
        ("?version=15", 422, "version-beyond-stream"),
        ("/progress?version=99", 422, "version-beyond-stream"),
        ("?asOf=2025-03-01T10:00:00", 400, "instant-without-offset"),
        ("?asKnownAt=2025-03-01", 400, "instant-without-offset"),
        ("?asOf=2025-02-30", 400, "invalid-instant"),
        ("?asKnownAt=soon", 400, "invalid-instant"),
        ("?asOf=2999-01-01", 422, "instant-in-future"),
        ("/progress?asKnownAt=2999-01-01T00:00:00Z", 422, "instant-in-future"),
        ("?asOf=9999-12-31T23:59:59-12:00", 400, "invalid-instant"),
        ("?version=3&asOf=2025-03-01", 400, "conflicting-parameters"),
        ("/progress?version=3&asKnownAt=2025-03-01T00:00:00Z", 400, "conflicting-parameters"),
        ("?asOf=2024-12-31", 404, "not-found"),  # nothing of it had happened yet
    ]
    for suffix, status, kind in cases:
        response = await api.client.get(f"/agreements/{story.id}{suffix}", headers=api.auth("ZH-HRSS"))
        assert (response.status_code, response.json()["type"]) == (status, PROBLEM + kind), suffix
        assert response.headers["content-type"] == "application/problem+json"
