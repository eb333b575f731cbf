"""Facts recorded late over HTTP: `occurredAt` says when they happened, and the business order holds."""

from __future__ import annotations

from service.seed import ZZJ, agreement_id_for
from tests.api.flow import Flow
from tests.api.helpers import text
from tests.api.test_bad_input import refused

PACT = agreement_id_for(ZZJ)


async def drafted(api, occurred_at: str = "2025-01-02T10:00:00+08:00") -> Flow:
    flow = Flow(api)
    r = await flow.post("/agreements", {"code": flow.code, "title": text("补录协议"),
                                        "authenticLanguage": "zh-Hans", "occurredAt": occurred_at})
    assert r.status_code == 201, r.text
    flow.id = r.json()["id"]
    return await flow.with_structure()


async def history(api, flow: Flow) -> list[tuple[str, str]]:
    await api.caught_up()
    body = (await api.client.get(f"/agreements/{flow.id}", headers=api.auth("ZH-HRSS"))).json()
    return [(h["status"], h["effectiveOn"]) for h in body["statusHistory"]]


async def test_a_pact_recorded_late_keeps_its_own_dates_in_its_status_history(api):
    flow = await drafted(api)
    for path, body in [
        ("/text-freeze", {"occurredAt": "2025-01-10T09:00:00+08:00"}),
        ("/signatures", {"signedOn": "2025-01-16", "occurredAt": "2025-01-16T10:00:00+08:00"}),
    ]:
        assert (await flow.post(path, body)).status_code == 201
    for who in ("ZS-HRSS", "JM-HRSS"):
        assert (await flow.post("/signatures", {"signedOn": "2025-01-17"}, who=who)).status_code == 201
    entered = await flow.post("/entry-into-force", {
        "effectiveOn": "2025-01-01", "inferred": True, "retroactive": True, "basis": "the year in the title",
        "occurredAt": "2025-01-17T12:00:00+08:00"})

    assert entered.status_code == 201, entered.text
    assert await history(api, flow) == [("draft", "2025-01-02"), ("open_for_signature", "2025-01-10"),
                                        ("signed", "2025-01-17"), ("in_force", "2025-01-01")]
    events = (await api.client.get(f"/agreements/{flow.id}/events", headers=api.auth("ZH-HRSS"))).json()
    occurred = {e["type"]: e["occurredAt"] for e in events["items"]}
    assert occurred["agreement.drafted"] == "2025-01-02T02:00:00Z"
    assert occurred["agreement.opened_for_signature"] == "2025-01-10T01:00:00Z"
    assert occurred["agreement.entered_into_force"] == "2025-01-17T04:00:00Z"


async def test_a_draft_dated_after_now_is_refused(api):
    flow = Flow(api)
    body = {"code": flow.code, "title": text("未来"), "authenticLanguage": "zh-Hans",
            "occurredAt": "2999-01-01T00:00:00Z"}
    await refused(api, flow.post("/agreements", body), 422, "date-in-future")


async def test_a_text_freeze_dated_after_now_is_refused(api):
    flow = await drafted(api)
    await refused(api, flow.post("/text-freeze", {"occurredAt": "2999-01-01T00:00:00+08:00"}), 422,
                  "date-in-future")


async def test_a_text_freeze_dated_without_offset_is_refused(api):
    flow = await drafted(api)
    await refused(api, flow.post("/text-freeze", {"occurredAt": "2025-01-10T09:00:00"}), 422, "invalid-body")


async def test_a_text_freeze_dated_before_the_draft_is_refused(api):
    flow = await drafted(api)
    await refused(api, flow.post("/text-freeze", {"occurredAt": "2025-01-01T09:00:00+08:00"}), 409,
                  "text-frozen-before-drafted")


async def test_a_signature_dated_before_the_text_freeze_is_refused(api):
    flow = await drafted(api)
    assert (await flow.post("/text-freeze", {"occurredAt": "2025-01-10T09:00:00+08:00"})).status_code == 201
    await refused(api, flow.post("/signatures", {"signedOn": "2025-01-09"}), 409, "signed-before-text-frozen")


async def test_a_text_freeze_without_a_body_happens_now(api):
    flow = await drafted(api)

    assert (await flow.post("/text-freeze", None)).status_code == 201
    await refused(api, flow.post("/signatures", {"signedOn": "2025-01-16"}), 409, "signed-before-text-frozen")


async def test_an_unmarked_entry_into_force_before_the_last_signature_is_refused(api):
    flow = await (await (await drafted(api)).frozen()).signed()
    body = {"effectiveOn": "2025-01-01", "inferred": True, "basis": "the year in the title"}
    await refused(api, flow.post("/entry-into-force", body), 409, "retroactive-entry-not-marked")


async def test_an_entry_into_force_marked_retroactive_after_the_signatures_is_refused(api):
    flow = await (await (await drafted(api)).frozen()).signed()
    body = {"effectiveOn": "2025-01-20", "retroactive": True, "basis": "a decision of the parties"}
    await refused(api, flow.post("/entry-into-force", body), 422, "not-retroactive")


async def test_a_report_says_when_it_was_made(api):
    flow = await (await (await drafted(api)).frozen()).signed()
    assert (await flow.post("/entry-into-force", {"effectiveOn": "2025-02-01"})).status_code == 201
    report = {"asOf": "2025-03-31", "level": "limited", "health": "on_track", "narrative": text("进展"),
              "occurredAt": "2025-04-02T09:00:00+08:00"}

    assert (await flow.post("/commitments/A1.1/progress-reports", report)).status_code == 201
    events = (await api.client.get(f"/agreements/{flow.id}/events", headers=api.auth("ZH-HRSS"))).json()
    [reported] = [e for e in events["items"] if e["type"] == "agreement.progress_reported"]
    assert reported["occurredAt"] == "2025-04-02T01:00:00Z"


async def test_the_seeded_pact_is_coherent_on_the_business_clock(api):
    body = (await api.client.get(f"/agreements/{PACT}", headers=api.auth("ZH-HRSS"))).json()

    assert [(h["status"], h["effectiveOn"]) for h in body["statusHistory"]] == [
        ("draft", "2025-01-16"), ("open_for_signature", "2025-01-16"), ("signed", "2025-01-16"),
        ("in_force", "2025-01-01")]
    entry = body["entryIntoForce"]
    assert (entry["effectiveOn"], entry["inferred"], entry["retroactive"]) == ("2025-01-01", True, True)
    assert entry["basis"].startswith("Start of the agreement period")
    events = (await api.client.get(f"/agreements/{PACT}/events", params={"limit": 100},
                                   headers=api.auth("ZH-HRSS"))).json()["items"]
    assert {e["occurredAt"] for e in events} == {"2025-01-15T16:00:00Z"}  # 2025-01-16 00:00 in UTC+8



async def test_a_text_freeze_body_of_null_is_refused(api):
    flow = await drafted(api)
    sent = api.client.post(f"/agreements/{flow.id}/text-freeze", content=b"null",
                           headers={**api.auth("ZH-HRSS"), "content-type": "application/json"})
    await refused(api, sent, 422, "invalid-body")
