"""Reading the seeded ZZJ pact, listing, paging and read-your-writes over HTTP."""

from __future__ import annotations

import asyncio
from contextlib import suppress

from domain.party import Party
from service.seed import ZZJ, agreement_id_for
from tests.api.helpers import text

PACT = agreement_id_for(ZZJ)
SIGNATORIES = ["ZH-HRSS", "ZS-HRSS", "JM-HRSS"]


async def test_a_signatory_lists_the_zzj_pact(api):
    response = await api.client.get("/agreements", headers=api.auth("ZH-HRSS"))

    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["code"] == ZZJ and item["status"] == "in_force"
    assert (item["partyCount"], item["areaCount"], item["commitmentCount"]) == (3, 6, 27)


async def test_the_pact_shows_its_parties_areas_commitments_signatures_and_entry_into_force(api):
    response = await api.client.get(f"/agreements/{PACT}", headers=api.auth("JM-HRSS"))

    assert response.status_code == 200
    pact = response.json()
    assert response.headers["etag"] == f'"{pact["version"]}"'
    assert [p["code"] for p in pact["parties"]] == SIGNATORIES
    zhuhai = pact["parties"][0]
    assert zhuhai["names"]["zh-Hans"]["text"] == "珠海市人力资源和社会保障局"
    assert zhuhai["names"]["en"]["text"] == "Zhuhai Municipal Human Resources and Social Security Bureau"
    assert all(p["role"] == "signatory" and p["signedOn"] == "2025-01-16" for p in pact["parties"])
    assert [a["code"] for a in pact["areas"]] == ["A1", "A2", "A3", "A4", "A5", "A6"]
    assert len(pact["commitments"]) == 27
    first = pact["commitments"][0]
    assert first["code"] == "A1.1" and first["modality"] == "establish"
    assert first["text"]["zh-Hans"]["kind"] == "authentic"
    assert first["text"]["en"]["kind"] == "unofficial"
    assert {s["partyId"] for s in pact["signatures"]} == {str(Party.id_for(c)) for c in SIGNATORIES}
    assert {s["signedOn"] for s in pact["signatures"]} == {"2025-01-16"}
    assert pact["status"] == "in_force" and pact["signedOn"] == "2025-01-16"
    entry = pact["entryIntoForce"]
    assert entry["effectiveOn"] == "2025-01-01" and entry["inferred"] is True and entry["basis"]


async def test_a_party_outside_the_pact_neither_lists_nor_reads_it(api):
    listed = await api.client.get("/agreements", headers=api.auth("GD-HRSS"))
    read = await api.client.get(f"/agreements/{PACT}", headers=api.auth("GD-HRSS"))

    # GD-HRSS signed the Guangdong-Macao agreements of 2021 and their programme, not the ZZJ pact.
    assert [a["code"] for a in listed.json()["items"]] == [
        "GDMO-2021-SS", "GDMO-2021-OTMC", "GDMO-2021-VSTE", "GDMO-2021-PROGRAMME"]
    assert read.status_code == 404
    assert read.json()["type"] == "urn:pactum:problem:not-found"


async def test_reads_without_a_valid_key_are_refused(api):
    missing = await api.client.get("/agreements")
    wrong = await api.client.get("/agreements", headers={"Authorization": "Bearer pk_00_nope"})

    assert missing.status_code == wrong.status_code == 401
    assert missing.headers["content-type"] == "application/problem+json"
    assert wrong.json()["type"] == "urn:pactum:problem:unauthenticated"


async def test_pages_follow_the_cursor_until_the_end(api):
    for n in range(3):
        body = {"code": f"P-{n}", "title": text(f"协议{n}"), "authenticLanguage": "zh-Hans"}
        assert (
            await api.client.post("/agreements", json=body, headers=api.auth("ZH-HRSS"))
        ).status_code == 201
    await api.caught_up()

    codes, cursor = [], ""
    while True:
        page = (
            await api.client.get(
                "/agreements", params={"limit": 2, "cursor": cursor}, headers=api.auth("ZH-HRSS")
            )
        ).json()
        codes += [i["code"] for i in page["items"]]
        if not (cursor := page["nextCursor"]):
            break
    assert codes == [ZZJ, "P-0", "P-1", "P-2"]


async def test_a_read_waits_for_the_position_a_command_returned(api):
    body = {"code": "WAIT-1", "title": text("等待"), "authenticLanguage": "zh-Hans"}
    created = (await api.client.post("/agreements", json=body, headers=api.auth("ZH-HRSS"))).json()
    api.system.notifier.start()
    stop = asyncio.Event()
    runner = asyncio.create_task(api.system.runner.run(stop))
    try:
        read = await api.client.get(
            f"/agreements/{created['id']}",
            params={"minPosition": created["position"]},
            headers=api.auth("ZH-HRSS"),
        )
    finally:
        stop.set()
        with suppress(asyncio.CancelledError):
            await runner
        await api.system.notifier.stop()

    assert read.status_code == 200
    assert read.json()["code"] == "WAIT-1"


async def test_a_read_that_cannot_catch_up_answers_503_with_retry_after(api):
    body = {"code": "LAG-1", "title": text("滞后"), "authenticLanguage": "zh-Hans"}
    created = (await api.client.post("/agreements", json=body, headers=api.auth("ZH-HRSS"))).json()
    api.system.queries.max_wait = 0.2

    read = await api.client.get(
        f"/agreements/{created['id']}",
        params={"minPosition": created["position"]},
        headers=api.auth("ZH-HRSS"),
    )

    assert read.status_code == 503
    assert read.headers["retry-after"] == "1"
    assert read.json()["type"] == "urn:pactum:problem:read-model-behind"
