"""The progress views over HTTP: agreement progress, a party's obligations, at risk; who sees what."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from uuid import uuid4

import pytest

from service.usecases.context import business_today
from tests.integration.progress_story import JM, PACT, ZH, Story

PROBLEM = "urn:pactum:problem:"


@pytest.fixture
async def claimed(api) -> Story:
    """Due dates and milestones set, first reports in, A1.1 claimed and acknowledged by Zhongshan."""
    story = Story(api.system)
    for step in (story.planned, story.first_reports, story.claimed):
        await step()
    await api.caught_up()
    return story


async def get(api, path: str, who: str, **params):
    return await api.client.get(path, params=params, headers=api.auth(who))


async def test_a_signatory_reads_the_progress_of_each_area_and_commitment(api, claimed):
    response = await get(api, f"/agreements/{PACT}/progress", "ZS-HRSS")

    assert response.status_code == 200, response.text
    view = response.json()
    assert (view["code"], view["status"], view["asOf"]) == (
        "ZZJ-HRSS-2025",
        "in_force",
        str(business_today()),
    )
    assert [a["code"] for a in view["areas"]] == ["A1", "A2", "A3", "A4", "A5", "A6"]
    a11 = view["areas"][0]["commitments"][0]
    assert (a11["code"], a11["lifecycle"], a11["level"], a11["timeliness"]) == (
        "A1.1",
        "completion_claimed",
        "substantial",
        "overdue",
    )  # due 30 June 2025, not yet verified
    assert a11["openClaim"]["awaiting"] == [str(JM)] and a11["evidenceCount"] == 3
    assert a11["lastReport"]["partyId"] == str(ZH) and a11["due"]["deadline"] == "2025-06-30"
    assert view["rollup"]["awaitingAcknowledgementCount"] == 1
    assert view["rollup"]["lifecycleCounts"]["completionClaimed"] == 1
    assert view["areas"][0]["rollup"]["levelCounts"] == {
        "noEvidence": 3,
        "notStarted": 0,
        "limited": 0,
        "substantial": 1,
        "complete": 0,
    }


async def test_the_summary_shows_status_history_text_version_and_counts(api, claimed):
    pact = (await get(api, f"/agreements/{PACT}", "JM-HRSS")).json()
    listed = (await get(api, "/agreements", "JM-HRSS")).json()["items"][0]

    statuses = [h["status"] for h in pact["statusHistory"]]
    assert statuses == ["draft", "open_for_signature", "signed", "in_force"]
    assert pact["statusHistory"][-1]["effectiveOn"] == "2025-01-01" and pact["textVersion"] == 1
    assert pact["lifecycleCounts"]["completionClaimed"] == 1 and pact["levelCounts"]["limited"] == 1
    assert pact["substantialOrCompletePercent"] == 3.7
    assert {k: listed[k] for k in ("statusHistory", "lifecycleCounts", "levelCounts")} == {
        k: pact[k] for k in ("statusHistory", "lifecycleCounts", "levelCounts")
    }


async def test_a_party_reads_its_own_obligations_and_an_admin_any(api, claimed):
    own = await get(api, f"/parties/{JM}/obligations", "JM-HRSS")
    by_admin = await get(api, f"/parties/{JM}/obligations", "admin")

    assert own.status_code == by_admin.status_code == 200
    assert own.json() == by_admin.json()
    obligations = own.json()
    assert len(obligations["responsibilities"]) == 27
    assert {r["role"] for r in obligations["responsibilities"]} == {"co_lead"}
    [claim] = obligations["claimsAwaitingAcknowledgement"]
    assert (claim["commitmentCode"], claim["claimant"], claim["awaiting"]) == ("A1.1", str(ZH), [str(JM)])
    assert [(i["commitmentCode"], i["milestoneCode"]) for i in obligations["overdue"]] == [
        ("A4.2", "M1"),
        ("A1.1", None),
        ("A2.4", None),
    ]
    assert obligations["openDisputes"] == []


async def test_another_partys_obligations_are_forbidden_and_an_unknown_party_is_not_found(api, claimed):
    other = await get(api, f"/parties/{JM}/obligations", "ZH-HRSS")
    unknown = await get(api, f"/parties/{uuid4()}/obligations", "admin")
    not_uuid = await get(api, "/parties/not-a-uuid/obligations", "admin")

    assert (other.status_code, other.json()["type"]) == (403, PROBLEM + "forbidden")
    assert (unknown.status_code, unknown.json()["type"]) == (404, PROBLEM + "not-found")
    assert unknown.headers["content-type"] == "application/problem+json"
    assert (not_uuid.status_code, not_uuid.json()["type"]) == (404, PROBLEM + "not-found")


async def test_an_outsider_sees_neither_the_progress_nor_anything_at_risk(api, claimed):
    progress = await get(api, f"/agreements/{PACT}/progress", "GD-HRSS")
    at_risk = await get(api, "/at-risk", "GD-HRSS")

    assert (progress.status_code, progress.json()["type"]) == (404, PROBLEM + "not-found")
    assert at_risk.status_code == 200 and at_risk.json()["items"] == []
    assert (await get(api, f"/agreements/{uuid4()}/progress", "admin")).status_code == 404
    assert (await get(api, "/agreements/not-a-uuid/progress", "admin")).status_code == 404


async def test_at_risk_lists_each_commitment_once_with_its_reasons_a_page_at_a_time(api, claimed):
    items, cursor = [], ""
    while True:
        page = (await get(api, "/at-risk", "admin", limit=10, cursor=cursor)).json()
        assert page["asOf"] == str(business_today())
        items += page["items"]
        if not (cursor := page["nextCursor"]):
            break

    assert len(items) == len({i["commitmentCode"] for i in items}) == 27
    reasons = {i["commitmentCode"]: [r["reason"] for r in i["reasons"]] for i in items}
    assert reasons["A1.1"] == ["overdue"]  # claimed complete: the claim, not a report, is awaited
    assert reasons["A4.2"] == ["milestone_overdue", "no_recent_report"]
    assert reasons["A5.1"] == ["off_track", "no_recent_report"]
    milestone = next(r for i in items if i["commitmentCode"] == "A4.2" for r in i["reasons"])
    assert (milestone["milestoneCode"], milestone["on"]) == ("M1", "2025-04-30")
    assert (await get(api, "/at-risk", "ZS-HRSS", limit=100)).json()["items"] == items


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"limit": 0}, "invalid-parameter"),
        ({"limit": 101}, "invalid-parameter"),
        ({"cursor": "bm90LWEtY3Vyc29y"}, "invalid-cursor"),
        ({"minPosition": -1}, "invalid-parameter"),
    ],
)
async def test_bad_at_risk_parameters_are_refused(api, params, code):
    response = await get(api, "/at-risk", "admin", **params)

    assert (response.status_code, response.json()["type"]) == (400, PROBLEM + code)


async def test_a_progress_read_waits_for_the_position_a_command_returned(api, claimed):
    api.system.notifier.start()
    stop = asyncio.Event()
    runner = asyncio.create_task(api.system.runner.run(stop))
    try:
        await claimed.disputed()
        position = await api.system.pool.fetchval("SELECT max(position) FROM events")
        progress = await get(api, f"/agreements/{PACT}/progress", "ZH-HRSS", minPosition=position)
        obligations = await get(api, f"/parties/{ZH}/obligations", "ZH-HRSS", minPosition=position)
    finally:
        stop.set()
        with suppress(asyncio.CancelledError):
            await runner
        await api.system.notifier.stop()

    assert progress.json()["areas"][0]["commitments"][0]["verification"] == "disputed"
    [dispute] = obligations.json()["openDisputes"]
    assert (dispute["side"], dispute["disputedBy"]) == ("received", str(JM))


async def test_a_progress_read_that_cannot_catch_up_answers_503(api, claimed):
    await claimed.disputed()
    position = await api.system.pool.fetchval("SELECT max(position) FROM events")
    api.system.queries.max_wait = 0.2

    for path in (f"/agreements/{PACT}/progress", f"/parties/{ZH}/obligations", "/at-risk"):
        response = await get(api, path, "ZH-HRSS", minPosition=position)
        assert response.status_code == 503 and response.headers["retry-after"] == "1"
