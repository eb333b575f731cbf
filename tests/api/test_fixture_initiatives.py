"""The fixture's initiatives and reported outcomes over HTTP, item by item, and who may read them.

Expected values are read from the fixture file (with yaml) or written out by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from domain.party import Party
from service.cli.running import seed_once
from service.seed import Seeder

FIXTURE = yaml.safe_load((Path(__file__).parents[2] / "service/data/gba-seeds.yaml").read_text("utf-8"))
INITIATIVES = {i["id"]: i for i in FIXTURE["initiatives"]}
GDHK = next(a for a in FIXTURE["agreements"] if a["id"] == "GDHK-XBS-2023")
OUTCOMES = "GDHK-XBS-2023-OUTCOMES"  # by hand: the code the outcomes of GDHK-XBS-2023 are recorded under
ITEM_LISTS = ("items", "examples", "next_focus")
# By hand: the bounds each qualifier implies (lower, upper) for a value v.
BOUNDS = {"exact": lambda v: (v, v), "gt": lambda v: (v, None)}


def number(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


async def initiatives(api, who: str = "admin") -> dict[str, dict]:
    answer = await api.client.get("/initiatives", params={"limit": 100}, headers=api.auth(who))
    assert answer.status_code == 200, answer.text
    return {i["code"]: i for i in answer.json()["items"]}


async def with_key(api, code: str) -> str:
    api.keys[code] = (await api.system.keys.issue("test", party_id=Party.id_for(code))).token
    return code


async def test_every_initiative_is_served_with_its_kind_owner_source_and_items(api):
    served = await initiatives(api)

    assert sorted(served) == sorted([*INITIATIVES, OUTCOMES])
    for code, i in INITIATIVES.items():
        got = served[code]
        assert got["kind"] == i["kind"], code
        assert (got["owner"] or {}).get("code") == i.get("owner"), code
        if i.get("owner"):
            assert got["owner"]["id"] == str(Party.id_for(i["owner"]))
        assert got["speaker"] == i.get("speaker"), code
        assert got["source"]["id"] == i["src"], code
        assert (got["summary"] or {}).get("en", {}).get("text") == i.get("en"), code
        expected = [(key, text) for key in ITEM_LISTS for text in i.get(key, ())]
        expected += [("milestones", m["en"]) for m in i.get("milestones", ())]
        assert [item["text"]["en"]["text"] for item in got["items"]] == [text for _, text in expected], code
        assert (got["audience"], got["agreements"]) == ("public", []), code


async def test_inferred_dates_of_initiatives_say_so_and_a_garbled_one_is_kept_raw(api):
    served = await initiatives(api)

    effective = served["CN-TALENT-ENDORSEMENT"]["effectiveFrom"]
    stated = INITIATIVES["CN-TALENT-ENDORSEMENT"]["effective_from"]
    assert (effective["value"], effective["inferred"]) == (stated["value"], stated["inferred"])
    assert effective["basis"].startswith("the date of the event S001 reports, inferred")

    done, in_use = served["HQ-MNN"]["items"]
    [first, second] = INITIATIVES["HQ-MNN"]["milestones"]
    assert (done["due"]["value"], done["due"]["inferred"], done["due"]["basis"]) == (
        first["due"]["value"], True, first["due"]["basis"])
    assert (in_use["due"], in_use["dueRaw"]) == (None, second["due"]["raw"])


async def test_the_outcomes_of_the_gd_hk_agreement_keep_every_figure_as_stated(api):
    got = (await initiatives(api))[OUTCOMES]

    assert (got["kind"], got["audience"], got["source"]["id"]) == (
        "outcome_report", "agreement_parties", "S003")
    assert [a["code"] for a in got["agreements"]] == ["GDHK-XBS-2023"]
    reported = GDHK["outcomes_reported"]
    assert [item["text"]["en"]["text"] for item in got["items"]] == [o["en"] for o in reported]
    for item, o in zip(got["items"], reported, strict=True):
        qty, figure = o["qty"], item["quantity"]
        if qty is None:
            assert figure is None, o["en"]
        elif qty["qualifier"] == "garbled":
            assert (figure["value"], figure["raw"], figure["flag"]) == (None, qty["raw"], "garbled_number")
            assert (figure["lower"], figure["upper"]) == (None, None)
        else:
            value = Decimal(qty["value"])
            assert (number(figure["value"]), figure["qualifier"], figure["unit"]) == (
                value, qty["qualifier"], qty["unit"]), o["en"]
            assert (number(figure["lower"]), number(figure["upper"])) == BOUNDS[qty["qualifier"]](value)
        if o.get("ext"):
            assert f"ext: {o['ext']}" in item["note"]


async def test_outcomes_of_an_agreement_are_read_only_by_its_parties(api):
    outsider, gd, hk = "ZH-HRSS", await with_key(api, "GD-GOV"), await with_key(api, "HK-GOV")
    outcome_id = (await initiatives(api))[OUTCOMES]["id"]

    for party in (gd, hk):
        assert OUTCOMES in await initiatives(api, party)
        answer = await api.client.get(f"/initiatives/{outcome_id}", headers=api.auth(party))
        assert answer.status_code == 200
    assert OUTCOMES not in await initiatives(api, outsider)
    hidden = await api.client.get(f"/initiatives/{outcome_id}", headers=api.auth(outsider))
    assert hidden.status_code == 404
    assert hidden.json()["type"] == "urn:pactum:problem:not-found"
    assert sorted(await initiatives(api, outsider)) == sorted(INITIATIVES)


async def test_an_unknown_initiative_is_not_found_and_a_bad_cursor_is_a_problem(api):
    missing = await api.client.get("/initiatives/00000000-0000-4000-8000-000000000000",
                                   headers=api.auth("admin"))
    bad = await api.client.get("/initiatives", params={"cursor": "!!"}, headers=api.auth("admin"))

    assert (missing.status_code, missing.json()["type"]) == (404, "urn:pactum:problem:not-found")
    assert (bad.status_code, bad.json()["type"]) == (400, "urn:pactum:problem:invalid-cursor")


async def test_pages_of_initiatives_follow_each_other(api):
    first = await api.client.get("/initiatives", params={"limit": 4}, headers=api.auth("admin"))
    rest = await api.client.get("/initiatives", params={"limit": 4, "cursor": first.json()["nextCursor"]},
                                headers=api.auth("admin"))

    codes = [i["code"] for i in first.json()["items"] + rest.json()["items"]]
    assert codes == [*INITIATIVES, OUTCOMES]
    assert rest.json()["nextCursor"] is None


async def test_a_second_seed_run_adds_no_event_and_says_so(api, capsys):
    before = await api.system.pool.fetchval("SELECT count(*) FROM events")

    await seed_once(api.system)
    lines = await Seeder(api.system).run()

    assert await api.system.pool.fetchval("SELECT count(*) FROM events") == before
    assert lines[-1] == "already loaded: nothing new stored"
    assert "seed: already loaded: nothing new stored" in capsys.readouterr().out.splitlines()
