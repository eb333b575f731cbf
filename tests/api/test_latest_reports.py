"""A commitment's level, health, shares, last report and evidence follow from its latest active reports, in
any order of arrival, through corrections and retractions."""

from __future__ import annotations

from tests.api.world import evidence, report


async def commitment(agreement, code: str) -> dict:
    await agreement.world.system.runner.catch_up()
    world = agreement.world
    answer = await world.client.get(agreement.path("/progress"), headers=world.auth("lead"))
    assert answer.status_code == 200, answer.text
    return next(c for area in answer.json()["areas"] for c in area["commitments"] if c["code"] == code)


async def test_the_latest_as_of_decides_whatever_order_reports_arrive_in(world):
    a = await world.agreement()
    await a.report("A1.1", asOf="2025-05-01", level="substantial", health="at_risk", evidence=evidence())
    await a.report("A1.1", asOf="2025-03-01", level="limited", health="off_track")  # older, arrives later
    latest_tie = await a.report("A1.1", asOf="2025-05-01", level="substantial", health="on_track",
                                evidence=evidence() + evidence("照片"))

    seen = await commitment(a, "A1.1")

    assert (seen["level"], seen["health"], seen["evidenceCount"]) == ("substantial", "on_track", 3)
    assert (seen["lastReport"]["reportId"], seen["lastReport"]["asOf"]) == (latest_tie, "2025-05-01")


async def test_a_retraction_and_a_correction_bring_back_the_report_before_and_its_evidence(world):
    a = await world.agreement()
    first = await a.report("A1.1", asOf="2025-02-01", level="limited", health="on_track", evidence=evidence())
    second = await a.report("A1.1", asOf="2025-04-01", level="substantial", health="at_risk",
                            evidence=evidence() + evidence("照片"))

    await a.ok(f"/progress-reports/{second}/retraction", {"reason": "重复上报"})
    retracted = await commitment(a, "A1.1")
    corrected_id = (await a.ok(f"/progress-reports/{first}/correction",
                               {"reason": "数据有误", **report(asOf="2025-02-01", level="not_started",
                                                            health="off_track")}))["resourceId"]
    corrected = await commitment(a, "A1.1")

    assert (retracted["level"], retracted["health"], retracted["evidenceCount"]) == ("limited", "on_track", 1)
    assert retracted["lastReport"]["reportId"] == first
    assert (corrected["level"], corrected["health"], corrected["evidenceCount"]) == (
        "not_started", "off_track", 0)
    assert corrected["lastReport"]["reportId"] == str(corrected_id)


async def test_a_joint_commitment_is_as_far_as_its_least_advanced_co_lead_by_each_ones_latest_share(world):
    a = await world.agreement()
    await a.report("A1.2", ownShare=True, asOf="2025-03-01", level="complete")
    await a.report("A1.2", ownShare=True, asOf="2025-01-01", level="not_started")  # the lead's older share
    await a.report("A1.2", who="co_lead", ownShare=True, asOf="2025-02-01", level="limited")
    both = await commitment(a, "A1.2")
    await a.report("A1.2", who="co_lead", ownShare=True, asOf="2025-04-01", level="substantial")
    later = await commitment(a, "A1.2")

    assert both["level"] == "limited"
    assert later["level"] == "substantial"
    assert later["lastReport"]["partyId"] == world.ids["co_lead"]
