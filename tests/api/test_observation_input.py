"""Observations over HTTP (admin keys): each kind of bad input is a problem with a stable type, nothing
stored; progress against a target uses the bound the qualifier implies, and says so."""

from __future__ import annotations

from domain.indicator import Indicator
from domain.indicator.values import Accumulation, Definition, MeasureType, SourceRef, Target
from domain.quantity import Qualifier, stated
from domain.values import LocalizedString, TextKind
from service.usecases.commands import DefineIndicator
from service.usecases.context import Caller, Context

ADMIN = Context(Caller(key_id=None, party_id=None, is_admin=True))
INSURED = Indicator.id_for("IND-SS-INSURED")
PROBLEM = "urn:pactum:problem:"
EVENTS = "SELECT count(*) FROM events"
S002 = {"id": "S002", "document": "002_ec87c47b6ebf5488.txt"}


def body(value: str | None = "70000", qualifier: str | None = "exact", unit: str | None = "persons",
         as_of: str = "2024-12", source: dict | None = None, observation_id: int = 1, **figure) -> dict:
    return {"observationId": f"00000000-0000-4000-8000-{observation_id:012d}", "observation": {
        "quantity": {"value": value, "qualifier": qualifier, "unit": unit, **figure},
        "period": {"asOf": {"value": as_of}}, "nature": "media_reported", "source": source or S002,
        "dimensions": {"population": "MO"}}}


async def post(api, indicator, payload: dict, who: str = "admin"):
    return await api.client.post(f"/indicators/{indicator}/observations", json=payload, headers=api.auth(who))


async def refused(api, indicator, payload: dict, status: int, code: str, who: str = "admin") -> None:
    before = await api.system.pool.fetchval(EVENTS)
    got = await post(api, indicator, payload, who)
    assert (got.status_code, got.json()["type"]) == (status, PROBLEM + code), got.text
    assert got.headers["content-type"] == "application/problem+json"
    assert await api.system.pool.fetchval(EVENTS) == before


async def define(api, code: str, measure: MeasureType, unit: str, targets: tuple[Target, ...] = ()) -> str:
    name = {"en": LocalizedString(code, TextKind.UNOFFICIAL)}
    await api.system.commands.execute(DefineIndicator(code=code, definition=Definition(
        name, measure, unit, Accumulation.CUMULATIVE, ("population",), targets)), ADMIN)
    return str(Indicator.id_for(code))


async def test_an_observation_in_the_indicators_unit_is_recorded_and_served(api):
    got = await post(api, INSURED, body(raw="70,000 Macao residents"))
    await api.caught_up()

    assert got.status_code == 201, got.text
    series = (await api.client.get(f"/indicators/{INSURED}/series", headers=api.auth("ZH-HRSS"))).json()
    last = series["observations"][-1]
    assert (last["quantity"]["value"], last["quantity"]["lower"], last["quantity"]["upper"],
            last["period"]["asOf"]["precision"], last["source"]["id"]) == ("70000", "70000", "70000", "month",
                                                                            "S002")


async def test_another_unit_is_refused_persons_are_not_person_times(api):
    await refused(api, INSURED, body(unit="person_times"), 422, "unit-differs-from-indicator")


async def test_a_negative_count_is_refused(api):
    await refused(api, INSURED, body(value="-5"), 422, "negative-count")


async def test_a_percentage_outside_0_to_100_is_refused(api):
    share = await define(api, "IND-TEST-SHARE", MeasureType.PERCENTAGE, "percent")

    await refused(api, share, body(value="120", unit="percent"), 422, "percentage-out-of-range")
    await refused(api, share, body(value="50", qualifier="gt", unit="percent", lower="50",
                                     upper="101"), 422,
                  "percentage-out-of-range")
    assert (await post(api, share, body(value="99.5", unit="percent"))).status_code == 201


async def test_a_duplicate_of_the_same_dimensions_period_and_source_is_refused(api):
    seeded_again = body(value="62700", as_of="2021-11", source={"id": "S000", "document": "000.txt"})

    await refused(api, INSURED, seeded_again, 409, "duplicate-observation")


async def test_bounds_that_contradict_the_qualifier_are_refused(api):
    await refused(api, INSURED, body(value="300000", qualifier="gt", lower="200000"), 422,
                  "bounds-contradict-qualifier")
    await refused(api, INSURED, body(value="4000", qualifier="nearly", upper="4500"), 422,
                  "bounds-contradict-qualifier")
    await refused(api, INSURED, body(value="5", qualifier="exact", lower="5", upper="6"), 422,
                  "bounds-contradict-qualifier")
    await refused(api, INSURED, body(value=None, qualifier=None), 422, "bounds-contradict-qualifier")


async def test_malformed_figures_a_party_key_and_unknown_dimensions_store_nothing(api):
    await refused(api, INSURED, body(value="1e5"), 422, "invalid-body")
    await refused(api, INSURED, body(value="NaN"), 422, "invalid-body")
    await refused(api, INSURED, body(), 403, "forbidden", who="GD-HRSS")
    unknown = body()
    unknown["observation"]["dimensions"] = {"city": "Zhuhai"}
    await refused(api, INSURED, unknown, 422, "unknown-dimension")


async def test_progress_uses_the_bound_the_qualifier_implies_and_says_so(api):
    target = Target(stated(5000, Qualifier.GT, "projects"), SourceRef("S001", "001_f394c176d7a92930.txt"))
    aim = await define(api, "IND-TEST-TARGET", MeasureType.COUNT, "projects", (target,))
    first = await post(api, aim, body("4000", "nearly", "projects", "2023-02", observation_id=1))
    assert first.status_code == 201, first.text
    await api.caught_up()

    series = f"/indicators/{aim}/series"
    nearly = (await api.client.get(series, headers=api.auth("ZH-HRSS"))).json()["progress"]
    await post(api, aim, body("6000", "gt", "projects", "2024-02", observation_id=2))
    await api.caught_up()
    more = (await api.client.get(series, headers=api.auth("ZH-HRSS"))).json()["progress"]

    assert [(p["boundUsed"], p["relation"], p["percent"], p["reached"], p["basis"]) for p in nearly] == [
        ("upper", "at_most", "80.0", False,
         "'nearly 4000' is an upper bound: at most 80.0% of the target (more than 5000); not reached")]
    assert [(p["boundUsed"], p["relation"], p["percent"], p["reached"]) for p in more] == [
        ("lower", "at_least", "120.0", True)]
    assert more[0]["target"]["quantity"]["qualifier"] == "gt"


async def test_a_target_without_observations_says_there_is_nothing_to_measure(api):
    cities = Indicator.id_for("IND-TRANSPORT-CARD-CITIES")

    got = (await api.client.get(f"/indicators/{cities}/series", headers=api.auth("ZH-HRSS"))).json()

    assert [(p["target"]["quantity"]["value"], p["observationId"], p["boundUsed"], p["reached"], p["basis"])
            for p in got["progress"]] == [
        ("300", None, None, None, "no readable observation in the target's unit yet")]
