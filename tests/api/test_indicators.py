"""Indicators served as their sources state them: each figure of the fixture, item by item; series."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import yaml

from service.seed import Seeder

FIXTURE = yaml.safe_load((Path(__file__).parents[2] / "service/data/gba-seeds.yaml").read_text("utf-8"))
DOCUMENTS = {"S000": "000_d23a23d0b4afbc49.txt", "S001": "001_f394c176d7a92930.txt",
             "S002": "002_ec87c47b6ebf5488.txt", "S003": "003_0ff110037dad8882.txt"}
# The bounds each qualifier implies: (value is the lower bound, value is the upper bound).
BOUND = {"exact": (True, True), "gt": (True, False), "nearly": (False, True), "approx": (False, False)}
# Raw texts the fixture gives that hold no figure (kept as context, not as the figure's text).
NO_FIGURE = {"collected during ... held this year"}
# The seed's data-quality defects that fall on an observation, by hand: (indicator, source, value) -> flag.
FLAGS = {
    ("IND-PUBINST-APPLICANTS", "S000", 1000): {"kind": "unit_loss", "raw": "more than 1,000 applicants",
                                               "note": "source counts 人次 (person-times)"},
    ("IND-HETAO-RESEARCH", "S002", 12): {"kind": "mistranslation", "raw": "released 12 rankings",
                                          "note": "12 lists (榜单) of research challenges"},
    ("IND-RULE-CASES", "S002", 16): {"kind": "ambiguous_unit", "raw": "covering 16 areas", "note": None},
}


async def all_indicators(api) -> dict[str, dict]:
    listed = await api.client.get("/indicators", params={"limit": 100}, headers=api.auth("GD-HRSS"))
    assert listed.status_code == 200, listed.text
    return {i["code"]: i for i in listed.json()["items"]}


async def series_of(api, indicator_id: str) -> list[dict]:
    got = await api.client.get(f"/indicators/{indicator_id}/series", headers=api.auth("ZH-HRSS"))
    assert got.status_code == 200, got.text
    return got.json()["observations"]


def key(source: str, dims: dict, unit: str | None, as_of: str | None) -> tuple:
    return source, tuple(sorted((k, str(v)) for k, v in dims.items())), unit, as_of


async def test_every_figure_of_the_fixture_is_served_as_its_source_states_it(api):
    served = await all_indicators(api)

    assert sorted(served) == sorted(i["id"] for i in FIXTURE["indicators"])
    for ind in FIXTURE["indicators"]:
        got = served[ind["id"]]
        assert got["definition"]["unit"] == ind.get("unit"), ind["id"]
        assert got["definition"]["accumulation"] == ind.get("accumulation"), ind["id"]
        assert {k: v["text"] for k, v in got["definition"]["name"].items()} == ind.get("name", {})
        points = {key(o["source"]["id"], o["dimensions"], o["quantity"]["unit"],
                      o["period"]["asOf"]["value"] if o["period"]["asOf"] else None): o
                  for o in await series_of(api, got["id"])}
        assert len(points) == got["observationCount"] == len(ind.get("observations", [])), ind["id"]
        for obs in ind.get("observations", []):
            unit = obs.get("unit") or ind.get("unit")
            o = points[key(obs["src"], obs.get("dims", {}), unit, obs.get("as_of"))]
            q, qualifier = o["quantity"], obs.get("qualifier", "exact")
            lower, upper = BOUND[qualifier]
            raw = obs.get("raw") if obs.get("raw") not in NO_FIGURE else None
            value = str(obs["value"])  # decimal text, exactly as stated
            assert (q["value"], q["qualifier"], q["unit"], q["raw"], q["flag"]) == (
                value, qualifier, unit, raw, None), (ind["id"], obs)
            assert (q["lower"], q["upper"]) == (value if lower else None, value if upper else None)
            assert o["source"]["id"] == obs["src"] and o["source"]["document"] == DOCUMENTS[obs["src"]]
            assert o["members"] == obs.get("members", [])
            assert o["flags"] == ([FLAGS[ind["id"], obs["src"], obs["value"]]]
                                  if (ind["id"], obs["src"], obs["value"]) in FLAGS else []), ind["id"]
            assert o["corrections"] == 0 and o["originalQuantity"] == q


def significant_digits(number: str) -> int:
    return len(Decimal(number).normalize().as_tuple().digits)


async def test_no_served_figure_is_more_precise_than_its_source(api):
    walked = 0
    for indicator in (await all_indicators(api)).values():
        for o in await series_of(api, indicator["id"]):
            q = o["quantity"]
            assert q["value"].isdigit(), q  # every figure of the sources is a whole number
            if q["raw"] is not None:
                written = re.search(r"[0-9][0-9,.]*[0-9]|[0-9]", q["raw"]).group()
                assert significant_digits(q["value"]) <= sum(ch.isdigit() for ch in written), q
                assert Decimal(q["value"]) % Decimal(q["resolution"]) == 0, q
            else:
                assert q["resolution"] is None, q  # not read from text: no precision is claimed
            walked += 1
    assert walked == 32


async def test_62700_macao_residents_then_more_than_300000_residents_of_both_is_a_break_not_growth(api):
    served = await all_indicators(api)

    points = await series_of(api, served["IND-SS-INSURED"]["id"])

    assert [(p["period"]["asOf"]["value"], p["quantity"]["qualifier"], p["quantity"]["value"],
             p["quantity"]["lower"], p["quantity"]["upper"], p["dimensions"]) for p in points] == [
        ("2021-11", "exact", "62700", "62700", "62700", {"population": "MO"}),
        ("2023-02", "gt", "300000", "300000", None, {"population": "HK+MO"}),
    ]
    assert points[0]["breaks"] == []
    assert points[1]["breaks"] == [
        {"kind": "scope", "detail": "dimensions population=MO -> population=HK+MO"}]
    assert points[1]["quantity"]["raw"] == "more than 300,000 people have benefited"
    assert points[1]["period"]["asOf"]["inferred"] is True
    assert points[0]["note"] == "ext: the Chinese source reads 6.27万人"


async def test_a_bundle_of_counts_breaks_at_every_change_of_unit(api):
    served = await all_indicators(api)

    points = await series_of(api, served["IND-HETAO-RESEARCH"]["id"])

    assert [p["quantity"]["unit"] for p in points] == [
        "lists_released", "unveiled_projects_implemented", "pilot_projects"]
    assert [b["kind"] for p in points for b in p["breaks"]] == ["unit", "unit"]


async def test_a_target_keeps_its_qualifier(api):
    served = await all_indicators(api)

    cities = served["IND-TRANSPORT-CARD-CITIES"]["definition"]["targets"]

    assert [(t["quantity"]["value"], t["quantity"]["qualifier"], t["quantity"]["lower"], t["source"]["id"])
            for t in cities] == [("300", "gt", "300", "S002")]


async def test_indicators_are_public_to_every_key_and_unknown_ones_are_not_found(api):
    served = await all_indicators(api)
    one = served["IND-LNT-TXNS"]["id"]

    for who in ("admin", "ZH-HRSS", "GD-HRSS"):
        got = await api.client.get(f"/indicators/{one}", headers=api.auth(who))
        assert got.status_code == 200 and got.json()["code"] == "IND-LNT-TXNS"
    missing = await api.client.get("/indicators/00000000-0000-4000-8000-000000000000",
                                   headers=api.auth("ZH-HRSS"))
    anonymous = await api.client.get(f"/indicators/{one}")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert anonymous.status_code == 401


async def test_a_second_seed_run_adds_no_indicator_event(api):
    count = "SELECT count(*) FROM events WHERE stream_type = 'indicator'"
    before = await api.system.pool.fetchval(count)

    await Seeder(api.system).run()

    assert before == 19 + 32
    assert await api.system.pool.fetchval(count) == before
