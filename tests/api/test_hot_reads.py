"""The hottest reads, answered from their stored documents before routing, send what the routes send; what
they cannot answer they leave to the routes."""

from __future__ import annotations

import pytest
from structlog.testing import capture_logs

from service.http import hot_reads
from service.seed import ZZJ, agreement_id_for
from tests.api.conftest import Api

PACT = agreement_id_for(ZZJ)
AGREEMENT, PROGRESS = f"/agreements/{PACT}", f"/agreements/{PACT}/progress"
ROUTE = "?minPosition=0"  # a query: the route answers


async def hot(api: Api, path: str, who: str, *headers: tuple[bytes, bytes]):
    """What the hot read sends: (status, headers, body), or None when it leaves the request to the routes."""
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    token = api.keys[who].encode()
    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "state": {},
             "headers": [(b"authorization", b"Bearer " + token), *headers]}
    if not await hot_reads.serve(api.app, scope, send):
        assert sent == []
        return None
    start, body = sent
    return start["status"], dict((k.decode(), v.decode()) for k, v in start["headers"]), body["body"]


@pytest.fixture
async def hearing(api: Api) -> Api:
    api.system.keys.hearing(True)  # as when the process's KeyWatch hears every key change
    yield api
    api.system.keys.hearing(False)


@pytest.mark.parametrize("path, etag", [(AGREEMENT, True), (PROGRESS, False)])
async def test_a_hot_read_sends_the_bytes_and_headers_the_route_sends(hearing: Api, path: str, etag: bool):
    route = await hearing.client.get(path + ROUTE, headers=hearing.auth("ZH-HRSS"))

    status, headers, body = await hot(hearing, path, "ZH-HRSS")

    assert (route.status_code, status) == (200, 200)
    assert body == route.content
    same = ["content-type", "content-length", "pactum-position", "ratelimit-limit", "ratelimit-policy"]
    assert {h: headers[h] for h in same} == {h: route.headers[h] for h in same}
    assert headers["content-type"] == "application/json"
    assert ("etag" in headers, headers.get("etag")) == (etag, route.headers.get("etag"))
    assert int(headers["ratelimit-remaining"]) == int(route.headers["ratelimit-remaining"]) - 1


async def test_a_key_not_checked_yet_goes_to_the_route_which_checks_it(hearing: Api):
    assert await hot(hearing, AGREEMENT, "ZS-HRSS") is None

    assert (await hearing.client.get(AGREEMENT, headers=hearing.auth("ZS-HRSS"))).status_code == 200
    assert (await hot(hearing, AGREEMENT, "ZS-HRSS"))[0] == 200


async def test_a_non_party_learns_nothing_from_a_hot_read(hearing: Api):
    for _ in range(2):  # the first checks the key, the second finds it trusted
        refused = await hearing.client.get(PROGRESS, headers=hearing.auth("HK-HA"))
        assert refused.status_code == 404
        assert refused.json()["type"] == "urn:pactum:problem:not-found"
    await hearing.client.get(PROGRESS, headers=hearing.auth("ZH-HRSS"))  # the document is stored

    assert await hot(hearing, PROGRESS, "HK-HA") is None
    assert await hot(hearing, f"/agreements/{agreement_id_for('NO-SUCH')}", "ZH-HRSS") is None


async def test_queries_languages_and_bodies_go_to_the_route(hearing: Api):
    await hearing.client.get(AGREEMENT, headers=hearing.auth("ZH-HRSS"))
    assert (await hot(hearing, AGREEMENT, "ZH-HRSS"))[0] == 200

    assert await hot(hearing, AGREEMENT, "ZH-HRSS", (b"accept-language", b"en")) is None
    assert await hot(hearing, AGREEMENT, "ZH-HRSS", (b"content-length", b"2")) is None
    assert await hot(hearing, AGREEMENT, "ZH-HRSS", (b"authorization", b"Bearer other")) is None
    assert await hot(hearing, AGREEMENT + "/", "ZH-HRSS") is None
    assert await hot(hearing, AGREEMENT.upper(), "ZH-HRSS") is None


async def test_a_revoked_key_is_refused_by_the_route(hearing: Api):
    await hearing.client.get(AGREEMENT, headers=hearing.auth("ZH-HRSS"))
    key_id = next(k.key_id for k in await hearing.system.keys.list()
                  if k.party_id and hearing.keys["ZH-HRSS"].startswith(f"pk_{k.key_id.hex}_"))

    await hearing.system.keys.revoke(key_id)

    assert await hot(hearing, AGREEMENT, "ZH-HRSS") is None
    assert (await hearing.client.get(AGREEMENT, headers=hearing.auth("ZH-HRSS"))).status_code == 401


async def test_a_hot_read_through_the_app_is_logged_and_counted_as_its_route(hearing: Api):
    await hearing.client.get(PROGRESS, headers=hearing.auth("ZH-HRSS"))

    with capture_logs() as lines:
        answer = await hearing.client.get(PROGRESS,
                                          headers={**hearing.auth("ZH-HRSS"), "X-Request-ID": "hot-1"})
    metrics = (await hearing.client.get("/metrics")).text

    assert (answer.status_code, answer.headers["x-request-id"]) == (200, "hot-1")
    access = [(a["route"], a["status"], a["request_id"]) for a in lines if a["event"] == "request"]
    assert access == [("/agreements/{agreement_id}/progress", 200, "hot-1")]
    assert ('pactum_requests_total{app_name="pactum",method="GET",path="/agreements/{agreement_id}/progress",'
            'status_code="200"}') in metrics
