"""Commands run before routing send what the routes send, refuse as the routes refuse, and leave to the
routes every request they cannot run as the routes would."""

from __future__ import annotations

import json

import pytest

from service.seed import ZZJ, agreement_id_for
from tests.api.conftest import Api

PACT = agreement_id_for(ZZJ)
REPORTS = f"/agreements/{PACT}/commitments/A1.1/progress-reports"
REPORT = {"asOf": "2025-03-01", "level": "limited", "health": "on_track",
          "narrative": {"zh-Hans": {"text": "进展顺利", "kind": "authentic"}}}
DRAFT = {"code": "HOT-1", "authenticLanguage": "zh-Hans",
         "title": {"zh-Hans": {"text": "协议", "kind": "authentic"}}}
ROUTE = {"If-Match": "*"}  # means what no If-Match means, and sends the request to the route
JSON = {"Content-Type": "application/json"}
VARYING = {"x-request-id", "ratelimit-remaining", "ratelimit-reset"}


@pytest.fixture
async def hot(api: Api, monkeypatch: pytest.MonkeyPatch):
    """The API with checked keys trusted (as when KeyWatch hears every key change), and a list of what the
    hot commands said of each request: True, run there; False, left to the route."""
    said: list[bool] = []
    commands = api.app.hot_commands
    serve = commands.serve

    async def told(*args):
        said.append(await serve(*args))
        return said[-1]

    monkeypatch.setattr(commands, "serve", told)
    api.system.keys.hearing(True)
    for who in ("ZH-HRSS", "HK-HA"):  # each key checked once, by a read
        assert (await api.client.get("/agreements", headers=api.auth(who))).status_code == 200
    said.clear()
    yield api, said
    api.system.keys.hearing(False)


async def both(api: Api, said: list[bool], path: str, body: bytes, who: str = "ZH-HRSS",
               **headers: str):
    """The same request through the route, then run before routing."""
    sent = {**api.auth(who), **JSON, **headers}
    route = await api.client.post(path, content=body, headers={**sent, **ROUTE})
    hot = await api.client.post(path, content=body, headers=sent)
    assert said == [False, True]
    said.clear()
    return route, hot


def names(response) -> list[str]:
    return [name for name in response.headers if name not in VARYING]


def fixed(response) -> dict[str, str]:
    return {name: value for name, value in response.headers.items()
            if name not in VARYING | {"etag", "pactum-position", "location"}}


async def test_a_draft_run_before_routing_answers_as_the_route_does(hot):
    api, said = hot
    route, ran = await both(api, said, "/agreements", json.dumps(DRAFT).encode())

    assert (route.status_code, ran.status_code) == (201, 201)
    assert names(ran) == names(route)
    assert fixed(ran) == fixed(route)
    assert ran.headers["etag"] == route.headers["etag"] == f'"{ran.json()["version"]}"'
    assert ran.headers["location"] == f"/agreements/{ran.json()['id']}"
    assert int(ran.headers["pactum-position"]) == ran.json()["position"] > route.json()["position"]
    assert int(ran.headers["ratelimit-remaining"]) == int(route.headers["ratelimit-remaining"]) - 1
    await api.caught_up()
    read = await api.client.get(ran.headers["location"], headers=api.auth("ZH-HRSS"))
    assert (read.status_code, read.json()["code"]) == (200, "HOT-1")


async def test_a_report_run_before_routing_is_stored_as_the_routes_are(hot):
    api, said = hot
    route, ran = await both(api, said, REPORTS, json.dumps(REPORT).encode())

    assert (route.status_code, ran.status_code) == (201, 201)
    assert names(ran) == names(route)
    assert list(ran.json()) == list(route.json()) == ["id", "version", "position", "resourceId"]
    assert ran.json()["version"] == route.json()["version"] + 1
    await api.caught_up()
    story = (await api.client.get(f"/agreements/{PACT}/commitments/A1.1", headers=api.auth("ZH-HRSS"))).json()
    ids = {r["reportId"] for r in story["reports"]}
    assert {route.json()["resourceId"], ran.json()["resourceId"]} <= ids


@pytest.mark.parametrize("path, body, status, problem", [
    ("/agreements", b"", 400, "malformed-body"),
    ("/agreements", b"{", 400, "malformed-body"),
    ("/agreements", b'{"code": "X"}', 422, "invalid-body"),
    ("/agreements", b'{"code": "X", "code": "Y"}', 422, "invalid-body"),
    (REPORTS, b'{"asOf": "2025-02-30", "level": "limited", "health": "on_track"}', 422, "invalid-body"),
    (REPORTS.replace("A1.1", "Z9.9"), json.dumps(REPORT).encode(), 403, "forbidden"),
    (REPORTS.replace(str(PACT), "00000000-0000-4000-8000-000000000000"), json.dumps(REPORT).encode(), 404,
     "not-found"),
])
async def test_a_refusal_before_routing_is_the_routes_problem(hot, path, body, status, problem):
    api, said = hot
    route, ran = await both(api, said, path, body)

    assert (route.status_code, ran.status_code) == (status, status)
    assert ran.json()["type"] == route.json()["type"]
    assert route.json()["type"] == f"urn:pactum:problem:{problem}"
    assert ran.content == route.content
    assert fixed(ran) == fixed(route)


async def test_a_non_party_learns_nothing_before_routing_either(hot):
    api, said = hot
    route, ran = await both(api, said, REPORTS, json.dumps(REPORT).encode(), who="HK-HA")
    ghost = REPORTS.replace(str(PACT), "00000000-0000-4000-8000-000000000000")
    nobody, _ = await both(api, said, ghost, json.dumps(REPORT).encode(), who="HK-HA")

    assert (route.status_code, ran.status_code, nobody.status_code) == (404, 404, 404)
    assert ran.content == route.content == nobody.content.replace(
        b"00000000-0000-4000-8000-000000000000", str(PACT).encode())
    assert fixed(ran) == fixed(route)


async def test_media_type_refusal_before_routing_is_the_routes(hot):
    api, said = hot
    body = json.dumps(DRAFT).encode()
    route, ran = await both(api, said, "/agreements", body, **{"Content-Type": "text/plain"})

    assert (route.status_code, ran.status_code) == (415, 415)
    assert ran.content == route.content
    assert ran.headers["accept-post"] == route.headers["accept-post"] == "application/json"


@pytest.mark.parametrize("path, headers", [
    ("/agreements?dryRun=1", {}),
    ("/agreements/", {}),
    ("/agreements", {"If-Match": '"1"'}),
    ("/agreements", {"Idempotency-Key": "k-1"}),
    ("/agreements", {"Authorization": "Basic eDp5"}),
    (REPORTS.replace("A1.1", "-A1"), {}),  # a code its pattern refuses
    (REPORTS.replace(str(PACT), str(PACT).upper()), {}),  # a UUID the route reads, not canonical
    ("/keys", {}),  # its handler needs more than a path, a body and `run`
])
async def test_what_cannot_run_before_routing_goes_to_the_route_untouched(hot, path, headers):
    api, said = hot
    sent = {**api.auth("ZH-HRSS"), **JSON, **headers}

    await api.client.post(path, content=json.dumps(DRAFT).encode(), headers=sent)

    assert said == [False]


async def test_a_key_not_checked_yet_goes_to_the_route_which_checks_it(hot):
    api, said = hot
    body = json.dumps(REPORT).encode()
    first = await api.client.post(REPORTS, content=body, headers={**api.auth("ZS-HRSS"), **JSON})
    second = await api.client.post(REPORTS, content=body, headers={**api.auth("ZS-HRSS"), **JSON})

    assert said == [False, True]
    assert first.status_code == second.status_code
