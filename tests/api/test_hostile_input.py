"""Hostile input: deep nesting, huge arrays, SQL metacharacters, header injection. Never a 500,
never a partial write."""

from __future__ import annotations

import pytest

from tests.api.flow import Flow
from tests.api.helpers import stored_rows

SQL = "'; DROP TABLE events; -- \" OR 1=1 /* $1 \\x00"


async def post_raw(api, flow: Flow, path: str, content: bytes, **headers: str):
    return await api.client.post(
        f"/agreements/{flow.id}{path}",
        content=content,
        headers={**api.auth("ZH-HRSS"), "content-type": "application/json", **headers},
    )


async def test_deeply_nested_json_is_refused_without_storing(api):
    flow = await Flow(api).draft()
    before = await stored_rows(api.system.pool)
    nested = b'{"code": "A1", "title": ' + b"[" * 5000 + b"]" * 5000 + b"}"

    response = await post_raw(api, flow, "/areas", nested)

    assert response.status_code in (400, 422)
    assert response.headers["content-type"] == "application/problem+json"
    assert await stored_rows(api.system.pool) == before


async def test_ten_thousand_element_arrays_are_refused_without_storing(api):
    flow = await Flow(api).draft()
    before = await stored_rows(api.system.pool)
    body = {
        "code": "A1",
        "title": {"zh-Hans": {"text": "一", "kind": "authentic"}},
        "aliases": ["x"] * 10_000,
    }

    response = await api.client.post(f"/agreements/{flow.id}/areas", json=body, headers=api.auth("ZH-HRSS"))

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/aliases"
    assert await stored_rows(api.system.pool) == before


async def test_sql_metacharacters_are_stored_and_read_back_verbatim(api):
    flow = await Flow(api).draft()
    title = {"zh-Hans": {"text": SQL, "kind": "authentic"}}

    created = await api.client.post(
        f"/agreements/{flow.id}/areas",
        json={"code": "A1", "title": title, "aliases": [SQL]},
        headers=api.auth("ZH-HRSS"),
    )
    await api.caught_up()
    detail = await api.client.get(f"/agreements/{flow.id}", headers=api.auth("ZH-HRSS"))

    assert created.status_code == 201
    area = detail.json()["areas"][0]
    assert area["title"]["zh-Hans"]["text"] == SQL and area["aliases"] == [SQL]
    assert await api.system.pool.fetchval("SELECT count(*) FROM events") > 0


@pytest.mark.parametrize("value", ["key\r\nX-Injected: 1", "key\x00", "k" * 256, " "])
async def test_hostile_idempotency_keys_are_refused(api, value):
    flow = await Flow(api).draft()
    before = await stored_rows(api.system.pool)
    body = b'{"code": "A1", "title": {"zh-Hans": {"text": "\xe4\xb8\x80", "kind": "authentic"}}}'

    try:
        response = await post_raw(api, flow, "/areas", body, **{"Idempotency-Key": value})
    except Exception:  # the HTTP client itself refuses to send some of these headers
        return
    assert response.status_code == 400
    assert "x-injected" not in response.headers
    assert await stored_rows(api.system.pool) == before


@pytest.mark.parametrize("body", [b"[]", b"null", b'"text"', b"12", b"{}", b'{"code": null}'])
async def test_bodies_of_the_wrong_shape_get_a_problem(api, body):
    flow = await Flow(api).draft()
    before = await stored_rows(api.system.pool)

    response = await post_raw(api, flow, "/areas", body)

    assert response.status_code in (400, 422)
    assert response.json()["type"].startswith("urn:pactum:problem:")
    assert await stored_rows(api.system.pool) == before
