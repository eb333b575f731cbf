"""Bad input gets a problem with a stable type, and nothing is stored."""

from __future__ import annotations

import pytest

from tests.api.flow import ZH, Flow, commitment
from tests.api.helpers import stored_rows

PROBLEM = "urn:pactum:problem:"


@pytest.fixture
async def frozen(api) -> Flow:
    return await (await (await Flow(api).draft()).with_structure()).frozen()


async def refused(api, call, status: int, kind: str) -> dict:
    before = await stored_rows(api.system.pool)
    response = await call
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == PROBLEM + kind
    assert body["status"] == status and body["title"] and body["detail"]
    assert await stored_rows(api.system.pool) == before
    return body


def raw(api, flow: Flow, path: str, content: bytes, who: str = "ZH-HRSS", **headers: str):
    return api.client.post(
        f"/agreements/{flow.id}{path}",
        content=content,
        headers={**api.auth(who), "content-type": "application/json", **headers},
    )


async def test_malformed_json_is_refused(api, frozen):
    await refused(api, raw(api, frozen, "/signatures", b'{"signedOn": '), 400, "malformed-body")


async def test_invalid_utf8_is_refused(api, frozen):
    await refused(
        api,
        raw(api, frozen, "/signatures", b'{"signedOn": "2025-01-16", "place": "\xff\xfe"}'),
        400,
        "malformed-body",
    )


async def test_a_string_is_not_a_boolean(api, frozen):
    body = await refused(
        api,
        frozen.post("/entry-into-force", {"effectiveOn": "2025-01-01", "inferred": "true"}),
        422,
        "invalid-body",
    )
    assert body["errors"][0]["pointer"] == "/inferred"


async def test_a_number_is_not_a_date(api, frozen):
    body = await refused(api, frozen.post("/signatures", {"signedOn": 20250116}), 422, "invalid-body")
    assert body["errors"][0]["pointer"] == "/signedOn"


async def test_unknown_fields_are_refused(api, frozen):
    body = await refused(
        api, frozen.post("/signatures", {"signedOn": "2025-01-16", "signer": "me"}), 422, "invalid-body"
    )
    assert "signer" in body["errors"][0]["detail"]


async def test_a_date_time_without_offset_is_refused(api, frozen):
    await refused(
        api,
        frozen.post("/signatures", {"signedOn": "2025-01-16", "occurredAt": "2025-01-16T10:00:00"}),
        422,
        "invalid-body",
    )


async def test_a_signature_dated_in_the_future_is_refused(api, frozen):
    await refused(api, frozen.post("/signatures", {"signedOn": "2999-01-01"}), 422, "date-in-future")


async def test_an_event_that_occurs_after_it_is_recorded_is_refused(api, frozen):
    await refused(
        api,
        frozen.post("/signatures", {"signedOn": "2025-01-16", "occurredAt": "2999-01-01T00:00:00Z"}),
        422,
        "date-in-future",
    )


async def test_an_unknown_agreement_is_not_found(api, frozen):
    frozen.id = "9b2f3c1e-0000-4000-8000-000000000000"
    await refused(api, frozen.post("/signatures", {"signedOn": "2025-01-16"}), 404, "not-found")


async def test_a_path_id_that_is_not_a_uuid_is_not_found(api):
    await refused(
        api,
        api.client.post(
            "/agreements/not-a-uuid/signatures", json={"signedOn": "2025-01-16"}, headers=api.auth("ZH-HRSS")
        ),
        404,
        "not-found",
    )


async def test_a_commitment_in_an_unknown_area_is_refused(api):
    flow = await Flow(api).draft()
    await refused(
        api, flow.post("/commitments", commitment("X.1", [(ZH, "lead")], area="NOPE")), 422, "unknown-area"
    )


async def test_a_commitment_without_a_lead_is_refused(api):
    flow = await (await Flow(api).draft()).with_structure()
    await refused(
        api, flow.post("/commitments", commitment("A1.9", [(ZH, "supporting")])), 422, "no-responsible-party"
    )


async def test_a_malformed_if_match_is_refused(api, frozen):
    await refused(
        api,
        frozen.post("/signatures", {"signedOn": "2025-01-16"}, **{"If-Match": "seven"}),
        400,
        "invalid-if-match",
    )


async def test_an_idempotency_key_with_control_characters_is_refused(api, frozen):
    await refused(
        api,
        frozen.post("/signatures", {"signedOn": "2025-01-16"}, **{"Idempotency-Key": "a b\tc"}),
        400,
        "invalid-idempotency-key",
    )


@pytest.mark.parametrize("limit", ["0", "-1", "101", "abc", "50.5"])
async def test_a_page_size_outside_bounds_is_refused(api, limit):
    await refused(
        api,
        api.client.get("/agreements", params={"limit": limit}, headers=api.auth("ZH-HRSS")),
        400,
        "invalid-parameter",
    )


async def test_a_cursor_this_api_did_not_issue_is_refused(api):
    await refused(
        api,
        api.client.get("/agreements", params={"cursor": "%%%"}, headers=api.auth("ZH-HRSS")),
        400,
        "invalid-cursor",
    )


async def test_an_oversized_body_is_refused(api, frozen):
    huge = b'{"signedOn": "2025-01-16", "place": "' + b"x" * 300_000 + b'"}'
    await refused(api, raw(api, frozen, "/signatures", huge), 413, "body-too-large")


async def test_an_empty_body_is_refused(api, frozen):
    await refused(api, raw(api, frozen, "/signatures", b""), 400, "malformed-body")


async def test_an_admin_key_cannot_sign_for_a_party(api, frozen):
    await refused(api, frozen.post("/signatures", {"signedOn": "2025-01-16"}, who="admin"), 403, "forbidden")


async def test_only_an_admin_registers_parties(api):
    body = {"code": "XX-NEW", "names": {"en": {"text": "New", "kind": "official"}}}
    await refused(api, api.client.post("/parties", json=body, headers=api.auth("ZH-HRSS")), 403, "forbidden")
