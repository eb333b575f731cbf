"""An agreement from draft to entry into force over HTTP, with ETags and If-Match."""

from __future__ import annotations

from domain.party import Party
from tests.api.flow import JM, ZH, ZS, Flow, commitment
from tests.api.helpers import stored_rows

GD = str(Party.id_for("GD-HRSS"))


async def test_an_agreement_goes_from_draft_to_in_force(api):
    flow = await (await (await (await Flow(api).draft()).with_structure()).frozen()).signed()

    entered = await flow.post(
        "/entry-into-force",
        {"effectiveOn": "2025-01-01", "inferred": True, "retroactive": True,
         "basis": "start of the year named in the title"},
    )
    await api.caught_up()
    detail = await api.client.get(f"/agreements/{flow.id}", headers=api.auth("JM-HRSS"))

    assert entered.status_code == 201
    body = detail.json()
    assert body["status"] == "in_force"
    assert body["version"] == entered.json()["version"]
    assert detail.headers["etag"] == entered.headers["etag"] == f'"{body["version"]}"'
    assert int(entered.headers["pactum-position"]) == entered.json()["position"]
    assert [p["partyId"] for p in body["parties"]] == [ZH, ZS, JM]
    assert body["commitments"][0]["responsibilities"] == [
        {"partyId": ZH, "role": "co_lead"},
        {"partyId": ZS, "role": "co_lead"},
        {"partyId": JM, "role": "co_lead"},
    ]
    assert body["commitments"][0]["nature"] == "deliverable"


async def test_a_command_with_the_current_etag_is_accepted(api):
    flow = await Flow(api).draft()
    first = await flow.post(
        "/areas", {"code": "A1", "title": {"zh-Hans": {"text": "一", "kind": "authentic"}}}
    )

    second = await flow.post(
        "/areas",
        {"code": "A2", "title": {"zh-Hans": {"text": "二", "kind": "authentic"}}},
        **{"If-Match": first.headers["etag"]},
    )

    assert second.status_code == 201
    assert second.json()["version"] == first.json()["version"] + 1


async def test_a_stale_if_match_gets_412_and_stores_nothing(api):
    flow = await Flow(api).draft()
    await flow.post("/areas", {"code": "A1", "title": {"zh-Hans": {"text": "一", "kind": "authentic"}}})
    before = await stored_rows(api.system.pool)

    stale = await flow.post(
        "/areas",
        {"code": "A2", "title": {"zh-Hans": {"text": "二", "kind": "authentic"}}},
        **{"If-Match": '"1"'},
    )

    assert stale.status_code == 412
    assert stale.json()["type"] == "urn:pactum:problem:version-mismatch"
    assert stale.headers["etag"] == '"3"'
    assert await stored_rows(api.system.pool) == before


async def test_a_party_cannot_act_on_an_agreement_it_is_not_part_of(api):
    flow = await Flow(api).draft()
    before = await stored_rows(api.system.pool)

    refused = await flow.post(
        "/areas", {"code": "A9", "title": {"zh-Hans": {"text": "九", "kind": "authentic"}}}, who="GD-HRSS"
    )

    assert refused.status_code == 404
    assert refused.json()["type"] == "urn:pactum:problem:not-found"
    assert await stored_rows(api.system.pool) == before


async def test_commitments_cannot_be_edited_once_the_text_is_frozen(api):
    flow = await (await (await Flow(api).draft()).with_structure()).frozen()
    before = await stored_rows(api.system.pool)

    refused = await flow.post("/commitments", commitment("A1.2", [(ZH, "lead")]))

    assert refused.status_code == 409
    assert refused.json()["type"] == "urn:pactum:problem:structure-frozen"
    assert await stored_rows(api.system.pool) == before


async def test_a_second_signature_by_the_same_party_is_refused(api):
    flow = await (await (await (await Flow(api).draft()).with_structure()).frozen()).signed("ZH-HRSS")
    before = await stored_rows(api.system.pool)

    again = await flow.post("/signatures", {"signedOn": "2025-01-17"})

    assert again.status_code == 409
    assert again.json()["type"] == "urn:pactum:problem:already-signed-by-party"
    assert await stored_rows(api.system.pool) == before


async def test_an_observer_cannot_sign(api):
    flow = await (await Flow(api).draft()).with_structure()
    await flow.post("/parties", {"partyId": GD, "role": "observer"})
    await flow.frozen()
    before = await stored_rows(api.system.pool)

    refused = await flow.post("/signatures", {"signedOn": "2025-01-16"}, who="GD-HRSS")

    assert refused.status_code == 403
    assert refused.json()["type"] == "urn:pactum:problem:forbidden"
    assert "signatory" in refused.json()["detail"]
    assert await stored_rows(api.system.pool) == before


async def test_adding_an_unregistered_party_is_refused(api):
    flow = await Flow(api).draft()
    before = await stored_rows(api.system.pool)

    refused = await flow.post(
        "/parties", {"partyId": "00000000-0000-4000-8000-000000000000", "role": "signatory"}
    )

    assert refused.status_code == 422
    assert refused.json()["type"] == "urn:pactum:problem:unknown-party"
    assert await stored_rows(api.system.pool) == before
