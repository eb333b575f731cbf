"""The data-quality queue: every defect of the fixture and every inferred date, each resolvable."""

from __future__ import annotations

from pathlib import Path

import yaml

from domain.indicator import Indicator
from domain.indicator.values import FlagKind
from domain.quality import Defect
from domain.quantity import Qualifier, stated
from service.seed_indicators import observation_id_for
from service.usecases.commands import CorrectObservation, ResolveDefect, RetractObservation
from service.usecases.context import Caller, Context

FIXTURE = yaml.safe_load((Path(__file__).parents[2] / "service/data/gba-seeds.yaml").read_text("utf-8"))
ADMIN = Context(Caller(key_id=None, party_id=None, is_admin=True))
# By hand: observations whose date the seed does not state (S000: its publication month; S001 and S003: the
# inferred date of the event they report), and the one "since last year" of IND-PUBINST-APPLICANTS.
INFERRED_AS_OF = 13 + 6 + 2
INFERRED_SINCE = 1
# The ZZJ pact's period and entry into force: inferred from its title (its parties only see them).
INFERRED_ZZJ = 2
ALL = 14 + INFERRED_AS_OF + INFERRED_SINCE + INFERRED_ZZJ
# The defects that fall on an agreement's source text: seen by that agreement's parties only.
ZZJ_ONLY = "人才开发、就业创业、社会保障、技能培养等六大方面"
GDHK_ONLY = "first batch of 9 high-frequency government service items"


async def queue(api, who: str, **params) -> dict:
    got = await api.client.get("/data-quality", params={"limit": 100, **params}, headers=api.auth(who))
    assert got.status_code == 200, got.text
    return got.json()


async def test_every_defect_of_the_fixture_is_queued_with_raw_text_source_flag_and_what_resolves_it(api):
    served = await queue(api, "admin")

    items = served["items"]
    defects = [i for i in items if i["flag"] != "inferred_date"]
    assert len(FIXTURE["data_quality"]) == 14
    assert sorted((i["raw"], i["flag"], i["source"]["id"]) for i in defects) == sorted(
        (d["raw"], d["issue"], d["src"]) for d in FIXTURE["data_quality"])
    assert len(items) == ALL == served["openCount"]
    assert served["resolvedCount"] == 0
    assert all(i["status"] == "open" and i["resolved"] is None and i["resolveBy"] for i in items)
    garbled = next(i for i in items if i["raw"].startswith("about 53,27"))
    assert (garbled["subject"]["kind"], garbled["source"]["document"], garbled["note"],
            garbled["raised"]["eventType"]) == (
        "source", "003_0ff110037dad8882.txt", "probable: 532,700 (53.27万); action: store raw, value null, "
        "flag", "data_quality.defect_noted")
    unit_loss = next(i for i in items if i["flag"] == "unit_loss")
    assert (unit_loss["subject"]["kind"], unit_loss["subject"]["indicatorCode"], unit_loss["note"]) == (
        "observation", "IND-PUBINST-APPLICANTS", "source counts 人次 (person-times)")
    since = next(i for i in items if i["flag"] == "inferred_date" and i["raw"] == "2020")
    assert (since["subject"]["indicatorCode"], since["note"]) == ("IND-PUBINST-APPLICANTS", "since last year")
    zzj = [(i["subject"]["label"], i["raw"], i["note"], i["source"]) for i in items
           if i["subject"]["kind"] == "agreement" and i["flag"] == "inferred_date"]
    assert zzj == [
        ("the agreement's period", "2025-01-01 to 2025-12-31", "'2025年' in title; no dates in seed", None),
        ("the agreement's entry into force", "2025-01-01",
         "Start of the agreement period: '2025年' in title; no dates in seed", None)]


async def test_a_fact_of_an_agreement_shows_only_to_its_parties(api):
    party = [i["raw"] for i in (await queue(api, "ZH-HRSS"))["items"]]
    other = [i["raw"] for i in (await queue(api, "GD-HRSS"))["items"]]

    assert ZZJ_ONLY in party and GDHK_ONLY not in party and len(party) == ALL - 1
    assert ZZJ_ONLY not in other and GDHK_ONLY not in other and len(other) == ALL - 2 - INFERRED_ZZJ


async def test_a_correction_resolves_its_flag_and_the_queue_keeps_it_with_the_correcting_event(api):
    hetao = Indicator.id_for("IND-HETAO-RESEARCH")
    outcome = await api.system.commands.execute(CorrectObservation(
        indicator_id=hetao, observation_id=observation_id_for("IND-HETAO-RESEARCH", 0),
        quantity=stated(12, Qualifier.EXACT, "lists_released"), resolves=(FlagKind.MISTRANSLATION,),
        reason="the Chinese original releases 12 lists (榜单) of research challenges"), ADMIN)
    await api.caught_up()

    resolved = await queue(api, "ZH-HRSS", status="resolved")
    still_open = await queue(api, "ZH-HRSS", status="open")

    [item] = resolved["items"]
    assert (item["raw"], item["flag"], item["status"]) == (
        "released 12 rankings", "mistranslation", "resolved")
    assert item["resolved"] == {
        "eventType": "indicator.observation_corrected", "streamId": str(hetao),
        "version": outcome.saved.version, "position": outcome.saved.position, "resolution": "corrected",
        "reason": "the Chinese original releases 12 lists (榜单) of research challenges"}
    assert item["resolvedAt"] is not None
    assert "released 12 rankings" not in [i["raw"] for i in still_open["items"]]
    assert (resolved["resolvedCount"], still_open["openCount"]) == (1, ALL - 2)  # less GDHK's, less this


async def test_a_defect_resolved_by_a_stated_fact_and_an_inferred_date_by_a_retraction(api):
    raw = "about 53,27 Hong Kong people are living in the mainland cities of the Greater Bay Area"
    await api.system.commands.execute(ResolveDefect(
        defect_id=Defect.id_for("S003", raw), resolution="532,700 (53.27万), per the Chinese original",
        reason="the People's Daily Overseas Edition text reads 53.27万"), ADMIN)
    jobs = Indicator.id_for("IND-HKMO-WORKING-GD")
    await api.system.commands.execute(RetractObservation(
        indicator_id=jobs, observation_id=observation_id_for("IND-HKMO-WORKING-GD", 0),
        reason="superseded by a dated source"), ADMIN)
    await api.caught_up()

    items = {(i["raw"], i["subject"]["indicatorCode"]): i for i in (await queue(api, "admin"))["items"]}

    stated_fact = items[raw, None]["resolved"]
    assert (stated_fact["eventType"], stated_fact["resolution"]) == (
        "data_quality.defect_resolved", "532,700 (53.27万), per the Chinese original")
    retracted = items["2023-02", "IND-HKMO-WORKING-GD"]
    assert (retracted["flag"], retracted["resolved"]["eventType"], retracted["resolved"]["resolution"]) == (
        "inferred_date", "indicator.observation_retracted", "retracted")


async def test_the_queue_pages_with_an_opaque_cursor(api):
    first = await queue(api, "admin", limit=20)
    second = await queue(api, "admin", limit=20, cursor=first["nextCursor"])
    huge = await api.client.get("/data-quality", params={"cursor": "OTk5OTk5OTk5OTk5OTk5OTk5OTkvMA"},
                                headers=api.auth("admin"))
    bad = await api.client.get("/data-quality", params={"cursor": "!!"}, headers=api.auth("admin"))

    assert len(first["items"]) == 20 and second["nextCursor"] is None
    assert len({i["id"] for i in first["items"] + second["items"]}) == ALL
    assert bad.status_code == 400 and bad.json()["type"] == "urn:pactum:problem:invalid-cursor"
    assert huge.status_code == 400 and huge.json()["type"] == "urn:pactum:problem:invalid-cursor"


async def test_a_correction_over_http_resolves_the_flag_it_names_and_refuses_a_contradiction(api):
    cases = Indicator.id_for("IND-RULE-CASES")
    url = f"/indicators/{cases}/observations/{observation_id_for('IND-RULE-CASES', 1)}/corrections"
    figure = {"value": "16", "qualifier": "exact", "unit": "areas"}

    contradicted = await api.client.post(url, headers=api.auth("admin"), json={
        "quantity": {**figure, "lower": "15"}, "reason": "x", "resolves": ["ambiguous_unit"]})
    corrected = await api.client.post(url, headers=api.auth("admin"), json={
        "quantity": figure, "reason": "the Chinese original counts 16 fields (领域)",
        "resolves": ["ambiguous_unit"]})
    await api.caught_up()

    assert contradicted.status_code == 422
    assert contradicted.json()["type"] == "urn:pactum:problem:bounds-contradict-qualifier"
    assert corrected.status_code == 201, corrected.text
    [item] = (await queue(api, "admin", status="resolved"))["items"]
    assert (item["raw"], item["resolved"]["eventType"], item["resolved"]["position"],
            item["resolved"]["reason"]) == ("covering 16 areas", "indicator.observation_corrected",
                                            corrected.json()["position"], "the Chinese original counts 16 "
                                            "fields (领域)")
