"""The party registry as the seed holds it: names marked with their true kind, parents by id and code."""

from __future__ import annotations

from domain.party import Party


async def party_by_code(api, code: str) -> list[dict]:
    got = await api.client.get("/parties", params={"code": code}, headers=api.auth("ZH-HRSS"))
    assert got.status_code == 200, got.text
    return got.json()["items"]


async def test_hong_kong_and_macao_name_themselves_officially_in_traditional_chinese(api):
    [hk] = await party_by_code(api, "HK-GOV")
    [mo] = await party_by_code(api, "MO-GOV")
    [dsal] = await party_by_code(api, "MO-DSAL")
    [gd] = await party_by_code(api, "GD-HRSS")

    assert hk["names"]["zh-Hant"] == {"text": "香港特別行政區政府", "kind": "official"}
    assert mo["names"]["zh-Hant"] == {"text": "澳門特別行政區政府", "kind": "official"}
    assert dsal["names"]["zh-Hant"] == {"text": "勞工事務局", "kind": "official"}
    assert mo["names"]["pt"] == {"text": "Governo da Região Administrativa Especial de Macau",
                                 "kind": "unofficial"}
    assert gd["names"]["zh-Hant"] == {"text": "廣東省人力資源和社會保障廳", "kind": "converted"}
    assert gd["names"]["zh-Hans"] == {"text": "广东省人力资源和社会保障厅", "kind": "official"}


async def test_a_party_names_its_parent_by_id_and_code(api):
    [dsal] = await party_by_code(api, "MO-DSAL")
    [mo] = await party_by_code(api, "MO-GOV")

    assert (dsal["parentId"], dsal["parentCode"]) == (str(Party.id_for("MO-GOV")), "MO-GOV")
    assert (mo["parentId"], mo["parentCode"]) == (None, None)
    read = await api.client.get(f"/parties/{dsal['id']}", headers=api.auth("GD-HRSS"))
    assert read.json()["parentCode"] == "MO-GOV"


async def test_an_unknown_code_finds_nothing_and_a_malformed_one_is_refused(api):
    assert await party_by_code(api, "XX-NONE") == []
    bad = await api.client.get("/parties", params={"code": "HK GOV"}, headers=api.auth("ZH-HRSS"))
    assert bad.status_code == 400
    assert bad.headers["content-type"] == "application/problem+json"
