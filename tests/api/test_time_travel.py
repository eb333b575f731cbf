"""An agreement and its progress as they stood at business dates, as known at instants, and at versions."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.audit_story import AuditStory
from tests.api.conftest import Api


@pytest.fixture
async def story(api: Api) -> AuditStory:
    story = AuditStory(api.system)
    await story.play()
    await api.caught_up()
    return story


async def read(api: Api, path: str, **params: str) -> dict[str, Any]:
    response = await api.client.get(path, params=params, headers=api.auth("ZH-HRSS"))
    assert response.status_code == 200, response.text
    return response.json()


async def levels(api: Api, story: AuditStory, **params: str) -> dict[str, str]:
    view = await read(api, f"/agreements/{story.id}/progress", **params)
    return {c["code"]: c["level"] for area in view["areas"] for c in area["commitments"]}


async def status(api: Api, story: AuditStory, **params: str) -> tuple[str, int, int]:
    view = await read(api, f"/agreements/{story.id}", **params)
    return view["status"], view["version"], len(view["signatures"])


NONE = {"A1.1": "no_evidence", "A1.2": "no_evidence", "A1.3": "no_evidence"}


async def test_as_of_a_date_shows_what_had_happened_by_then_late_reports_included(api, story):
    assert await status(api, story, asOf="2025-01-31") == ("signed", 13, 3)
    assert await levels(api, story, asOf="2025-01-31") == NONE
    # the late March report is event 17: the version is that of the last event taken in
    assert await status(api, story, asOf="2025-03-31") == ("in_force", 17, 3)
    assert await levels(api, story, asOf="2025-03-31") == {
        "A1.1": "limited", "A1.2": "no_evidence", "A1.3": "substantial"}  # the late March report counts
    assert await levels(api, story, asOf="2025-05-31") == {
        "A1.1": "limited", "A1.2": "limited", "A1.3": "substantial"}  # the July correction does not yet


async def test_as_known_at_an_instant_shows_only_what_was_recorded_by_then(api, story):
    assert await status(api, story, asKnownAt=story.known["signed"].isoformat()) == ("signed", 13, 3)
    assert await levels(api, story, asKnownAt=story.known["signed"].isoformat()) == NONE
    assert await levels(api, story, asKnownAt=story.known["april"].isoformat()) == {
        "A1.1": "limited", "A1.2": "limited", "A1.3": "no_evidence"}  # the late report was not known yet
    assert await levels(api, story, asKnownAt=story.known["late"].isoformat()) == {
        "A1.1": "limited", "A1.2": "limited", "A1.3": "substantial"}
    assert await levels(api, story, asKnownAt=story.known["corrected"].isoformat()) == {
        "A1.1": "substantial", "A1.2": "limited", "A1.3": "substantial"}


async def test_both_clocks_together_and_a_version(api, story):
    march_as_known_in_april = dict(asOf="2025-03-31", asKnownAt=story.known["april"].isoformat())
    assert await levels(api, story, **march_as_known_in_april) == {
        "A1.1": "limited", "A1.2": "no_evidence", "A1.3": "no_evidence"}
    assert await status(api, story, version="14") == ("in_force", 14, 3)
    assert await levels(api, story, version="14") == NONE
    view = await read(api, f"/agreements/{story.id}/progress", asOf="2025-03-31")
    assert view["asOf"] == "2025-03-31"


async def test_a_past_state_has_the_shape_of_the_present_one(api, story):
    now = await read(api, f"/agreements/{story.id}")
    head = await read(api, f"/agreements/{story.id}", version=str(now["version"]))
    assert head == now
    progress = await read(api, f"/agreements/{story.id}/progress")
    assert await read(api, f"/agreements/{story.id}/progress", version=str(now["version"])) == progress
    first = await read(api, f"/agreements/{story.id}", version="1")
    assert (first["status"], first["parties"], first["commitments"]) == ("draft", [], [])
    january = await read(api, f"/agreements/{story.id}", asOf="2025-01-31")
    assert [s["status"] for s in january["statusHistory"]] == ["draft", "open_for_signature", "signed"]


async def test_time_travel_leaves_the_read_models_as_they_were(api, story):
    before = await read(api, f"/agreements/{story.id}/progress")
    await read(api, f"/agreements/{story.id}/progress", asOf="2025-01-31")
    assert await read(api, f"/agreements/{story.id}/progress") == before
    count = await api.system.pool.fetchval("SELECT count(*) FROM commitment_progress WHERE agreement_id = $1",
                                           story.id)
    assert count == 3
