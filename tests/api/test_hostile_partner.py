"""A hostile partner at the HTTP boundary (the requests: hostile_requests.py): each gets the status and
problem type written there, never a 5xx; a refused one stores nothing; the projections stay at the head of
the log."""

from __future__ import annotations

import pytest

from tests.api.helpers import stored_rows
from tests.api.hostile_requests import CASES, Hostile
from tests.api.world import World, evidence, report
from tests.projection_health import caught_up_or_lagging

PROBLEM = "urn:pactum:problem:"


@pytest.fixture(scope="module")
async def agreements(world: World) -> dict[str, str]:
    draft = await world.agreement("structured")
    live = await world.agreement("in_force")
    await live.ok("/commitments/A1.1/progress-reports", report(evidence=evidence()))
    return {"draft": draft.id, "live": live.id}


async def send(world: World, case: Hostile, agreements: dict[str, str]):
    headers = {**world.auth(case.who), **case.headers}
    body = {"content": case.body} if isinstance(case.body, bytes) else {"json": case.body}
    url = case.path.format(**agreements)
    return await world.client.request(case.method, url, headers=headers, params=case.params, **body)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
async def test_a_hostile_request_gets_its_problem_and_changes_nothing(world, agreements, case: Hostile):
    before = await stored_rows(world.system.pool)

    response = await send(world, case, agreements)

    problem = response.json() if response.headers.get("content-type") == "application/problem+json" else {}
    assert response.status_code < 500, response.text
    assert (response.status_code, problem.get("type", "").removeprefix(PROBLEM) or None) == (
        case.status, case.problem), response.text
    if case.pointer is not None:
        assert [e["pointer"] for e in problem["errors"]] == [case.pointer], response.text
    if case.status >= 400:
        assert await stored_rows(world.system.pool) == before
    assert await caught_up_or_lagging(world.system) == {}


def test_the_partner_sends_at_least_forty_hostile_requests():
    refused = [c for c in CASES if c.status >= 400]
    assert len(refused) >= 40 and len(CASES) == len({c.name for c in CASES})
