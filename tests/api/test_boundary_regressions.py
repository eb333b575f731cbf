"""What once got a 500, or was stored and stopped a projection, stays refused at the boundary."""

from __future__ import annotations

import pytest

from tests.api.flow import Flow
from tests.api.helpers import stored_rows, text
from tests.projection_health import caught_up_or_lagging

PROBLEM = "urn:pactum:problem:"


@pytest.mark.parametrize(
    ("path", "cursor"), [("/parties", "SEsA"), ("/agreements", "MQA"), ("/at-risk", "AA")]
)
async def test_a_cursor_that_decodes_to_nul_is_an_invalid_cursor(api, path, cursor):
    response = await api.client.get(path, params={"cursor": cursor}, headers=api.auth("ZH-HRSS"))

    assert response.status_code == 400, response.text
    assert response.json()["type"] == PROBLEM + "invalid-cursor"


async def test_a_key_label_with_nul_is_refused_and_no_key_is_issued(api):
    keys = await api.system.pool.fetchval("SELECT count(*) FROM api_keys")
    body = {"label": "portal\x00", "admin": True}

    response = await api.client.post("/keys", json=body, headers=api.auth("admin"))

    assert response.status_code == 422, response.text
    assert response.json()["type"] == PROBLEM + "invalid-body"
    assert response.json()["errors"][0]["pointer"] == "/label"
    assert await api.system.pool.fetchval("SELECT count(*) FROM api_keys") == keys


async def test_a_title_with_nul_is_refused_and_the_projections_keep_up(api):
    flow = await Flow(api).draft()
    before = await stored_rows(api.system.pool)

    response = await flow.post("/areas", {"code": "A1", "title": text("a\x00b")})

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["pointer"] == "/title/zh-Hans/text"
    assert await stored_rows(api.system.pool) == before
    assert await caught_up_or_lagging(api.system) == {}


async def test_a_party_name_with_nul_is_refused(api):
    before = await stored_rows(api.system.pool)

    response = await api.client.post(
        "/parties", json={"code": "NUL-1", "names": text("甲\x00")}, headers=api.auth("admin")
    )

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["pointer"] == "/names/zh-Hans/text"
    assert await stored_rows(api.system.pool) == before


async def test_json_sent_as_text_plain_is_refused_with_415(api):
    flow = await Flow(api).draft()
    before = await stored_rows(api.system.pool)

    response = await api.client.post(
        f"/agreements/{flow.id}/areas",
        content=b'{"code": "A1", "title": {"zh-Hans": {"text": "x", "kind": "authentic"}}}',
        headers={**api.auth("ZH-HRSS"), "content-type": "text/plain"},
    )

    assert response.status_code == 415, response.text
    assert response.json()["type"] == PROBLEM + "unsupported-media-type"
    assert await stored_rows(api.system.pool) == before


@pytest.mark.parametrize(("query", "pointer", "detail"), [
    ("/log/proof/consistency?from=0&to=2", "/from", "Expected `int` >= 1"),
    ("/agreements?minPosition=1&minPosition=2", "/minPosition", "given more than once"),
    ("/agreements?limit=2.0", "/limit", "not a whole number in decimal digits"),
    ("/data-quality?status=null", "/status", "null is not a value of this parameter: leave it out"),
    ("/agreements?minPosition=null", "/minPosition", "not a whole number in decimal digits"),
])
async def test_a_refused_query_parameter_is_named_as_sent(api, query, pointer, detail):
    response = await api.client.get(query, headers=api.auth("ZH-HRSS"))

    assert response.status_code == 400, response.text
    assert response.json()["type"] == PROBLEM + "invalid-parameter"
    assert response.json()["errors"] == [{"pointer": pointer, "detail": detail}]
