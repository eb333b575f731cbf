"""The whole fixture over HTTP, item by item: every party, every agreement, its signatures and commitments.

Expected values are read from the fixture file itself (with yaml), or written out here by hand; never from
the product's code."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

FIXTURE = yaml.safe_load((Path(__file__).parents[2] / "service/data/gba-seeds.yaml").read_text("utf-8"))
AGREEMENTS = {a["id"]: a for a in FIXTURE["agreements"]}
LANGUAGES = ("zh-Hans", "zh-Hant", "en", "pt")
# By hand: what each agreement's sources leave it at.
STATUS = {"ZZJ-HRSS-2025": "in_force", "GDMO-2021-SS": "signed", "GDMO-2021-OTMC": "signed",
          "GDMO-2021-VSTE": "signed", "GDMO-2021-PROGRAMME": "signed", "GDHK-XBS-2023": "signed"}
# By hand: the day the programme's commitments were made is not in the fixture; it is that of the meeting.
PROGRAMME_DAY = "2021-11-05"
# By hand: signing dates inferred though the fixture gives them plainly (the ZZJ year; the programme).
ALSO_INFERRED = {"ZZJ-HRSS-2025": "202501/17", "GDMO-2021-PROGRAMME": "2021-11-05"}
# By hand: bodies of Hong Kong and Macao write Traditional Chinese officially; elsewhere it is converted.
OWN_SCRIPT = {"HK-GOV", "HK-ITIB", "HK-HHB", "HK-HA", "MO-GOV", "MO-DSAL", "MO-FSS", "MO-DSEDT"}


def texts(values: dict) -> dict[str, str]:
    """The fixture's strings per language ({lang: str | {text: ...}}), other keys left out."""
    out = {}
    for lang, value in values.items():
        if lang in LANGUAGES:
            out[lang] = value["text"] if isinstance(value, dict) else value
    return out


def served_texts(values: dict) -> dict[str, str]:
    return {lang: v["text"] for lang, v in values.items()}


async def get(api, path: str, who: str = "admin", **params) -> dict:
    answer = await api.client.get(path, params=params, headers=api.auth(who))
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.fixture
async def served(api) -> dict:
    """Parties by code, and agreements in full by code, as the API serves them to an admin key."""
    parties = {p["code"]: p for p in (await get(api, "/parties", limit=100))["items"]}
    listed = (await get(api, "/agreements", limit=100))["items"]
    agreements = {a["code"]: await get(api, f"/agreements/{a['id']}") for a in listed}
    return {"parties": parties, "agreements": agreements}


async def test_every_party_is_served_with_its_names_jurisdiction_and_parent(served):
    parties = served["parties"]
    assert sorted(parties) == sorted(p["id"] for p in FIXTURE["parties"])
    for p in FIXTURE["parties"]:
        got = parties[p["id"]]
        assert served_texts(got["names"]) == texts(p["names"]), p["id"]
        assert got["jurisdiction"] == p.get("jurisdiction"), p["id"]
        if p.get("parent"):
            assert got["parent"] == {"id": parties[p["parent"]]["id"], "code": p["parent"]}
            assert got["parentId"] == parties[p["parent"]]["id"]
        else:
            assert got["parent"] is None and got["parentId"] is None
        if "zh-Hant" in got["names"]:
            kind = "official" if p["id"] in OWN_SCRIPT else "converted"
            assert got["names"]["zh-Hant"]["kind"] == kind, p["id"]


async def test_every_agreement_is_served_with_its_title_type_parties_and_status(served):
    agreements = served["agreements"]
    assert sorted(agreements) == sorted(AGREEMENTS)
    assert len(agreements) == 6
    for code, a in AGREEMENTS.items():
        got = agreements[code]
        assert got["instrumentType"] == a["instrument_type"], code
        assert got["status"] == STATUS[code], code
        if "title" in a:
            assert served_texts(got["title"]) == texts(a["title"]), code
        assert sorted((p["code"], p["role"]) for p in got["parties"]) == sorted(
            (p["party"], p["role"]) for p in a["parties"]), code


async def test_every_signature_has_its_date_and_says_when_the_date_is_inferred(served):
    for code, a in AGREEMENTS.items():
        got = served["agreements"][code]
        stated = a.get("signed_on", PROGRAMME_DAY)
        day = stated["value"] if isinstance(stated, dict) else stated
        inferred = isinstance(stated, dict) and stated.get("inferred", False)
        assert got["signedOn"] == day, code
        assert sorted(s["signedOn"] for s in got["signatures"]) == [day] * len(a["parties"]), code
        assert got["signedOnInferred"] is (inferred or code in ALSO_INFERRED), code
        for s in [got, *got["signatures"]]:
            assert s["signedOnInferred"] is got["signedOnInferred"], code
            if inferred:
                assert s["signedOnBasis"] == stated["basis"], code
            elif code in ALSO_INFERRED:
                assert ALSO_INFERRED[code] in s["signedOnBasis"], code
            else:
                assert s["signedOnBasis"] is None, code


async def test_the_gd_hk_agreement_is_signed_on_its_inferred_date_with_its_basis(served):
    got = served["agreements"]["GDHK-XBS-2023"]

    assert (got["signedOn"], got["signedOnInferred"]) == ("2023-11-02", True)
    assert got["signedOnBasis"] == ("not in seed; ext (China News Service, Xinhua): signed in Hong Kong "
                                    "on 2 Nov")
    assert got["title"]["en"]["kind"] == "machine"


async def test_agreements_reported_without_their_text_say_so_and_hold_no_commitment(served):
    for code, a in AGREEMENTS.items():
        got = served["agreements"][code]
        if a.get("areas"):
            assert got["textNotHeld"] is None, code
        else:
            assert got["textNotHeld"].startswith(f"{a['src']} reports that the agreement was signed"), code
            assert (got["areas"], got["commitments"]) == ([], []), code


async def test_every_area_and_commitment_is_served_in_order_with_its_text(served):
    for code, a in AGREEMENTS.items():
        got = served["agreements"][code]
        areas = a.get("areas", [])
        assert [r["code"] for r in got["areas"]] == [area["id"] for area in areas], code
        for served_area, area in zip(got["areas"], areas, strict=True):
            assert served_texts(served_area["title"]) == texts(area["title"]), (code, area["id"])
        expected = [(area["id"], c) for area in areas for c in area["commitments"]]
        assert [(c["areaCode"], c["code"]) for c in got["commitments"]] == [(r, c["id"]) for r, c in expected]
        for served_c, (_, c) in zip(got["commitments"], expected, strict=True):
            assert served_texts(served_c["text"]) == texts(c), c["id"]
            if "modality" in c:
                assert served_c["modality"] == c["modality"], c["id"]


async def test_the_programme_has_four_areas_and_twelve_commitments(served):
    got = served["agreements"]["GDMO-2021-PROGRAMME"]

    assert [r["code"] for r in got["areas"]] == ["EMP", "SS", "TAL", "GOV"]
    assert len(got["commitments"]) == 12


async def test_owner_hints_are_inferred_responsibilities_with_their_basis(served):
    parties = served["parties"]
    for code in ("ZZJ-HRSS-2025", "GDMO-2021-PROGRAMME"):
        a = AGREEMENTS[code]
        signatories = sorted(parties[p["party"]]["id"] for p in a["parties"])
        hints = {c["id"]: c.get("owner_hint") for area in a["areas"] for c in area["commitments"]}
        for c in served["agreements"][code]["commitments"]:
            assert c["responsibilityInferred"] is True, c["code"]
            lead = {"GD": "GD-HRSS", "MO": "MO-GOV"}.get(hints[c["code"]])
            if lead:
                assert c["responsibilities"] == [{"partyId": parties[lead]["id"], "role": "lead"}]
                assert f"owner hint '{hints[c['code']]}'" in c["responsibilityBasis"]
            else:
                assert sorted(r["partyId"] for r in c["responsibilities"]) == signatories, c["code"]
                assert {r["role"] for r in c["responsibilities"]} == {"co_lead"}
                assert "(inferred)" in c["responsibilityBasis"]


async def test_every_nature_is_stored_as_inferred_from_the_verb(served):
    # No commitment of the fixture states its nature: each one the API serves is inferred, with its verb.
    for code in ("ZZJ-HRSS-2025", "GDMO-2021-PROGRAMME"):
        for c in served["agreements"][code]["commitments"]:
            assert c["natureInferred"] is True, c["code"]
            assert c["natureBasis"] == (f"inferred from the verb: '{c['modality']}' implies the nature "
                                        f"'{c['nature']}'"), c["code"]


async def test_continuous_and_deliverable_natures_follow_the_verbs(served):
    natures = {c["code"]: (c["modality"], c["nature"])
               for c in served["agreements"]["GDMO-2021-PROGRAMME"]["commitments"]}
    assert natures["GOV.3"] == ("strengthen", "continuous")
    assert natures["GOV.1"] == ("build", "deliverable")
    assert natures["TAL.1"] == ("pilot", "exploratory")
    assert natures["EMP.1"] == ("improve", "continuous")
