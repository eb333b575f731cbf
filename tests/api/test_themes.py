"""Themes across agreements: counts and lists of what the caller may see, indicators for every key."""

from __future__ import annotations

from domain.theme import ThemeCode, ThemeTarget
from service.seed import agreement_id_for
from service.usecases.commands import AssignTheme, UnassignTheme
from service.usecases.context import Caller, Context

ADMIN = Context(Caller(key_id=None, party_id=None, is_admin=True))
# By hand, from the ZZJ areas of the fixture and the seed's reviewable table (service/seed_themes.py):
# theme -> (commitments of ZZJ, indicator codes).
ZZJ_THEMES = {
    "employment": (["A1.1", "A1.2", "A1.3", "A1.4", "A2.1", "A2.2", "A2.3", "A2.4"],
                   ["IND-HKMO-WORKING-GD", "IND-PUBINST-APPLICANTS"]),
    "social-security": (["A5.1", "A5.2", "A5.3", "A5.4"],
                        ["IND-SS-INSURED", "IND-SSCARD-HOLDERS", "IND-SSCARD-OUTLETS"]),
    "talent-and-qualifications": (["A4.1", "A4.2", "A4.3", "A4.4", "A4.5", "A4.6", "A4.7"],
                                  ["IND-PRO-QUALIFIED"]),
    "skills": (["A6.1", "A6.2", "A6.3", "A6.4", "A6.5"], ["IND-VQ-EXAMS-MO"]),
    "labour-inspection": (["A5.1", "A5.2", "A5.3"], ["IND-ARB-STATIONS"]),
    "entrepreneurship": (["A3.1", "A3.2", "A3.3"],
                         ["IND-INCUB-BASES", "IND-INCUB-JOBS", "IND-INCUB-PROJECTS"]),
    "government-services": ([], []),
    "health": ([], ["IND-MMDC-INSTITUTIONS"]),
    "transport": ([], ["IND-LNT-CARDS", "IND-LNT-TXNS", "IND-TRANSPORT-CARD-CITIES"]),
    "rule-connection": ([], ["IND-HENGQIN-OPINIONS", "IND-HETAO-RESEARCH", "IND-RULE-CASES"]),
}


async def themes(api, who: str) -> list[dict]:
    got = await api.client.get("/themes", headers=api.auth(who))
    assert got.status_code == 200, got.text
    return got.json()["items"]


async def theme(api, who: str, code: str) -> dict:
    got = await api.client.get(f"/themes/{code}", headers=api.auth(who))
    assert got.status_code == 200, got.text
    return got.json()


async def test_every_canonical_theme_is_listed_with_what_a_party_of_the_zzj_pact_sees(api):
    listed = await themes(api, "ZH-HRSS")

    assert [(t["code"], t["name"]["en"]["text"], t["commitmentCount"], t["indicatorCount"])
            for t in listed] == [
        ("employment", "Employment", 8, 2), ("social-security", "Social security", 4, 3),
        ("talent-and-qualifications", "Talent and qualifications", 7, 1), ("skills", "Skills", 5, 1),
        ("labour-inspection", "Labour inspection", 3, 1), ("entrepreneurship", "Entrepreneurship", 3, 3),
        ("government-services", "Government services", 0, 0), ("health", "Health", 0, 1),
        ("transport", "Transport", 0, 3), ("rule-connection", "Rule connection", 0, 3)]


async def test_a_theme_lists_its_commitments_with_their_basis_and_its_indicators(api):
    for code, (commitments, indicators) in ZZJ_THEMES.items():
        got = await theme(api, "ZS-HRSS", code)
        assert [c["code"] for c in got["commitments"]] == commitments, code
        assert sorted(i["code"] for i in got["indicators"]) == indicators, code
        assert all(c["agreementCode"] == "ZZJ-HRSS-2025" and c["inferred"] for c in got["commitments"])
    inspection = await theme(api, "ZS-HRSS", "labour-inspection")
    first = inspection["commitments"][0]
    assert (first["areaCode"], first["areaTitle"]["en"]["text"], first["text"]["zh-Hans"]["text"],
            first["assignedTo"], first["basis"]) == (
        "A5", "Advance coordinated development in social security", "加大劳动监察保障方面协作力度",
        "commitment", "inferred from the commitment's text: cooperation on labour inspection")
    security = await theme(api, "ZS-HRSS", "social-security")
    assert {c["assignedTo"] for c in security["commitments"]} == {"area"}
    assert security["commitments"][0]["basis"] == (
        "inferred from the area's title: coordinated development in social security")
    assert [(i["code"], i["observationCount"]) for i in security["indicators"]] == [
        ("IND-SS-INSURED", 2), ("IND-SSCARD-HOLDERS", 1), ("IND-SSCARD-OUTLETS", 2)]


async def test_a_non_party_learns_nothing_about_the_agreement_not_even_a_count(api):
    listed = await themes(api, "HK-HA")  # party to no agreement of the seed
    employment = await theme(api, "HK-HA", "employment")

    assert [t["commitmentCount"] for t in listed] == [0] * 10
    assert [t["indicatorCount"] for t in listed] == [2, 3, 1, 1, 1, 3, 0, 1, 3, 3]
    assert employment["commitments"] == []
    assert sorted(i["code"] for i in employment["indicators"]) == [
        "IND-HKMO-WORKING-GD", "IND-PUBINST-APPLICANTS"]
    admin = await themes(api, "admin")
    # ZZJ's counts plus the GD-Macao programme's: EMP 3 (2 also entrepreneurship), SS 4, TAL 2 (1 also
    # skills), GOV 3 (labour inspection)
    assert [t["commitmentCount"] for t in admin][:6] == [8 + 3, 4 + 4, 7 + 2, 5 + 1, 3 + 3, 3 + 2]


async def test_an_unknown_theme_is_a_problem_with_a_stable_type(api):
    got = await api.client.get("/themes/tourism", headers=api.auth("ZH-HRSS"))
    malformed = await api.client.get("/themes/%20x", headers=api.auth("ZH-HRSS"))

    assert got.status_code == 404
    assert got.headers["content-type"] == "application/problem+json"
    assert got.json()["type"] == "urn:pactum:problem:unknown-theme"
    assert malformed.status_code == 400


async def test_an_assignment_and_its_withdrawal_are_events_that_the_view_follows(api):
    zzj = agreement_id_for("ZZJ-HRSS-2025")
    target = ThemeTarget(agreement_id=zzj, area="A4", commitment="A4.3")
    await api.system.commands.execute(AssignTheme(
        theme=ThemeCode.GOVERNMENT_SERVICES, target=target, basis="reviewed: information sharing between "
        "governments", inferred=False), ADMIN)
    await api.caught_up()

    added = await theme(api, "JM-HRSS", "government-services")

    assert [(c["code"], c["assignedTo"], c["inferred"], c["basis"]) for c in added["commitments"]] == [
        ("A4.3", "commitment", False, "reviewed: information sharing between governments")]
    await api.system.commands.execute(UnassignTheme(
        theme=ThemeCode.GOVERNMENT_SERVICES, target=target, reason="review withdrawn"), ADMIN)
    await api.caught_up()
    assert (await theme(api, "JM-HRSS", "government-services"))["commitments"] == []
    stored = await api.system.pool.fetch(
        "SELECT event_type FROM events WHERE stream_type = 'theme' AND version > 1 ORDER BY position DESC "
        "LIMIT 2")
    assert [r["event_type"] for r in stored] == ["theme.unassigned", "theme.assigned"]
