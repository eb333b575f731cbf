"""No served figure is more precise than its source: every observation and target, against the fixture."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

FIXTURE = yaml.safe_load((Path(__file__).parents[2] / "service/data/gba-seeds.yaml").read_text("utf-8"))
# By hand, from the raw texts of the fixture: the place of the last digit each one states, and how many
# digits it writes.
RESOLUTION = {
    "nearly 4,000 Hong Kong and Macao-invested projects": ("1", 4),
    "more than 300,000 people have benefited": ("1", 6),
    "13.47 million": ("10000", 4),
    "released 12 rankings": ("1", 2),
}
NO_FIGURE = {"collected during ... held this year"}  # context, not the figure's text


def fixture_figures() -> dict[tuple, dict]:
    """(indicator, source, unit, as_of, dimensions) -> the fixture's observation."""
    out = {}
    for ind in FIXTURE["indicators"]:
        for obs in ind.get("observations", []):
            unit = obs.get("unit") or ind.get("unit")
            dims = tuple(sorted((k, str(v)) for k, v in obs.get("dims", {}).items()))
            out[ind["id"], obs["src"], unit, obs.get("as_of"), dims] = obs
    return out


async def served_figures(api) -> dict[tuple, dict]:
    listed = (await api.client.get("/indicators", params={"limit": 100}, headers=api.auth("ZH-HRSS"))).json()
    out = {}
    for ind in listed["items"]:
        series = (await api.client.get(f"/indicators/{ind['id']}/series", headers=api.auth("ZH-HRSS"))).json()
        for o in series["observations"]:
            as_of = o["period"]["asOf"]["value"] if o["period"]["asOf"] else None
            key = (ind["code"], o["source"]["id"], o["quantity"]["unit"], as_of,
                   tuple(sorted(o["dimensions"].items())))
            out[key] = o
    return out


async def test_every_served_observation_keeps_its_sources_qualifier_and_precision(api):
    expected, served = fixture_figures(), await served_figures(api)

    assert sorted(served) == sorted(expected) and len(served) == 32
    for key, obs in expected.items():
        q = served[key]["quantity"]
        raw = obs.get("raw") if obs.get("raw") not in NO_FIGURE else None
        assert isinstance(q["value"], str), key  # decimal text, never a binary float
        assert (q["value"], q["qualifier"], q["raw"]) == (str(obs["value"]), obs.get("qualifier", "exact"),
                                                         raw), key
        assert q["resolution"] == (RESOLUTION[raw][0] if raw else None), key
        if raw:  # the digits served down to the resolution are the digits the source writes, no more
            stated = Decimal(q["value"]) / Decimal(q["resolution"])
            assert stated == stated.to_integral_value(), key
            assert len(str(int(stated))) == RESOLUTION[raw][1], key
        for bound in ("lower", "upper"):
            assert q[bound] in (None, q["value"]), key  # a bound is the stated figure, never a derived one


async def test_13_47_million_keeps_its_precision_to_the_ten_thousand(api):
    served = await served_figures(api)

    octopus = served["IND-LNT-TXNS", "S002", "transactions", "2024-12", (("card", "Lingnan Tong Octopus"),)]

    assert {k: octopus["quantity"][k] for k in ("value", "qualifier", "raw", "resolution")} == {
        "value": "13470000", "qualifier": "exact", "raw": "13.47 million", "resolution": "10000"}


async def test_targets_keep_their_qualifier_and_claim_no_precision_they_were_not_given(api):
    listed = (await api.client.get("/indicators", params={"limit": 100}, headers=api.auth("ZH-HRSS"))).json()

    targets = [(i["code"], t["quantity"]) for i in listed["items"] for t in i["definition"]["targets"]]

    assert [(code, q["value"], q["qualifier"], q["lower"], q["upper"], q["resolution"])
            for code, q in targets] == [("IND-TRANSPORT-CARD-CITIES", "300", "gt", "300", None, None)]
