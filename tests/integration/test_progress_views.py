"""The progress views over a year of the ZZJ pact: progress, obligations, at risk, the summary; rebuilds."""

from __future__ import annotations

from datetime import date

import pytest

import projections
from domain.errors import AgreementSuspended
from service.reads.attention_views import AtRiskPage
from service.reads.errors import AggregateNotFound, NotVisible
from service.reads.progress_views import AgreementProgressView, CommitmentProgressView
from service.system import System
from tests.integration.progress_story import GD, JM, PACT, ZH, ZS, Story
from tests.integration.test_projections import snapshot


def commitment(view: AgreementProgressView, code: str) -> CommitmentProgressView:
    return next(c for area in view.areas for c in area.commitments if c.code == code)


def reasons(page: AtRiskPage) -> dict[str, list[str]]:
    return {item.commitment_code: [r.reason.value for r in item.reasons] for item in page.items}


async def progress(system: System, today: date) -> AgreementProgressView:
    await system.runner.catch_up()
    return await system.progress_queries.agreement_progress(PACT, None, today)


async def at_risk(system: System, today: date, viewer=None, limit: int = 100) -> AtRiskPage:
    await system.runner.catch_up()
    return await system.progress_queries.at_risk(viewer, today, (0, 0), limit)


@pytest.fixture
async def story(seeded: System) -> Story:
    return Story(seeded)


async def test_reports_set_level_health_verification_and_the_last_report(seeded, story):
    await story.planned()
    await story.first_reports()

    view = await progress(seeded, date(2025, 3, 10))
    a11, a51, a52 = (commitment(view, c) for c in ("A1.1", "A5.1", "A5.2"))
    assert (a11.lifecycle, a11.level, a11.health, a11.verification) == (
        "in_progress", "limited", "on_track", "self_reported")
    assert (a11.last_report.party_id, a11.last_report.as_of) == (ZH, date(2025, 3, 1))
    assert a11.started_on == date(2025, 2, 1) and a11.evidence_count == 1
    assert (a11.due.deadline, a11.timeliness) == (date(2025, 6, 30), "not_due")
    assert commitment(view, "A2.4").due.deadline == date(2025, 9, 30)  # "by September": month precision
    assert a51.health == "off_track"
    assert a52.milestones[0].achieved_on == date(2025, 3, 20) and a52.evidence_count == 1
    assert [(a.code, a.rollup.commitment_count) for a in view.areas][0] == ("A1", 4)
    assert view.rollup.level_counts.limited == 2 and view.rollup.level_counts.no_evidence == 25
    assert reasons(await at_risk(seeded, date(2025, 3, 10))) == {"A5.1": ["off_track"]}


async def test_a_claim_acknowledged_by_one_and_disputed_by_another_then_claimed_again_and_completed(
        seeded, story):
    await story.planned()
    await story.first_reports()
    await story.claimed()
    queries = seeded.progress_queries

    a11 = commitment(await progress(seeded, date(2025, 5, 16)), "A1.1")
    assert a11.lifecycle == "completion_claimed" and a11.evidence_count == 3
    assert [a.party_id for a in a11.open_claim.acknowledged] == [ZS] and a11.open_claim.awaiting == [JM]
    waiting = (await queries.obligations(JM, None, date(2025, 5, 16))).claims_awaiting_acknowledgement
    assert [(c.commitment_code, c.claimant, c.awaiting) for c in waiting] == [("A1.1", ZH, [JM])]
    assert (await queries.obligations(ZS, ZS, date(2025, 5, 16))).claims_awaiting_acknowledgement == []

    await story.disputed()
    a11 = commitment(await progress(seeded, date(2025, 5, 20)), "A1.1")
    assert (a11.lifecycle, a11.verification, a11.open_claim) == ("in_progress", "disputed", None)
    sides = {p: [(d.commitment_code, d.side, d.reason) for d in
                 (await queries.obligations(p, None, date(2025, 5, 20))).open_disputes] for p in (ZH, ZS, JM)}
    assert sides == {
        ZH: [("A1.1", "received", "培训记录不全")], ZS: [], JM: [("A1.1", "raised", "培训记录不全")]}
    listed = reasons(await at_risk(seeded, date(2025, 5, 20)))
    assert listed["A1.1"] == ["disputed"]
    assert listed["A4.2"] == ["milestone_overdue", "no_recent_report"]
    assert listed["A5.1"] == ["off_track"]
    assert len(listed) == 27  # nothing else has been reported in the 90 days since entry into force

    await story.completed()
    a11 = commitment(await progress(seeded, date(2025, 6, 5)), "A1.1")
    assert (a11.lifecycle, a11.level, a11.verification) == ("completed", "complete", "acknowledged")
    assert (a11.completed_on, a11.timeliness) == (date(2025, 5, 31), "on_time")
    assert (await queries.obligations(ZH, None, date(2025, 6, 5))).open_disputes == []
    assert "A1.1" not in reasons(await at_risk(seeded, date(2025, 6, 5)))


async def test_shares_of_a_joint_commitment_the_least_advanced_co_lead_and_a_correction(seeded, story):
    await story.planned()
    await story.shares()

    a24 = commitment(await progress(seeded, date(2025, 9, 10)), "A2.4")
    assert {s.party_id: s.level for s in a24.shares} == {ZH: "substantial", ZS: "limited", JM: "complete"}
    assert (a24.level, a24.timeliness) == ("limited", "due_soon")
    assert reasons(await at_risk(seeded, date(2025, 9, 10)))["A2.4"] == [
        "due_soon_below_substantial", "no_recent_report"]  # the shares came in on 10 June
    due = await seeded.progress_queries.obligations(ZS, ZS, date(2025, 9, 10))
    assert [(i.commitment_code, i.days_left) for i in due.due_within_30_days] == [("A2.4", 20)]
    assert [i.commitment_code for i in due.due_within_90_days] == ["A2.4"]
    assert [(i.commitment_code, i.milestone_code, i.days_left) for i in due.overdue] == [
        ("A5.2", "M1", -163), ("A4.2", "M1", -133), ("A1.1", None, -72)]  # the most overdue first

    await story.share_corrected()
    a24 = commitment(await progress(seeded, date(2025, 9, 12)), "A2.4")
    assert a24.level == "substantial" and {s.party_id: s.level for s in a24.shares}[ZS] == "substantial"
    assert "A2.4" not in reasons(await at_risk(seeded, date(2025, 9, 12)))


async def test_a_suspension_holds_reports_and_quiets_the_no_report_reason_until_resumed(seeded, story):
    await story.planned()
    await story.suspended()

    with pytest.raises(AgreementSuspended):
        await story.report(ZH, "A1.1", "limited", "on_track", date(2025, 7, 2))
    view = await progress(seeded, date(2025, 7, 10))
    assert view.status == "suspended"
    assert reasons(await at_risk(seeded, date(2025, 7, 10))) == {
        "A1.1": ["overdue"], "A4.2": ["milestone_overdue"], "A5.2": ["milestone_overdue"]}

    await story.resumed()
    resumed = reasons(await at_risk(seeded, date(2025, 7, 20)))
    assert resumed["A4.2"] == ["milestone_overdue", "no_recent_report"]
    summary = await seeded.queries.agreement(PACT, None)
    assert [h.status for h in summary.status_history][-3:] == ["in_force", "suspended", "in_force"]
    assert [h.effective_on for h in summary.status_history][-2:] == [date(2025, 7, 1), date(2025, 7, 15)]


async def test_an_amendment_adds_a_commitment_and_a_text_version(seeded, story):
    await story.amended()

    a66 = commitment(await progress(seeded, date(2025, 11, 10)), "A6.6")
    assert (a66.area_code, a66.lifecycle, a66.due.deadline, a66.timeliness) == (
        "A6", "planned", date(2025, 11, 30), "due_soon")
    summary = await seeded.queries.agreement(PACT, None)
    assert (summary.text_version, summary.commitment_count, summary.lifecycle_counts.planned) == (2, 28, 28)
    assert "A6.6" in [c.code for c in summary.commitments]
    listed = reasons(await at_risk(seeded, date(2025, 11, 10)))
    assert listed["A6.6"] == ["due_soon_below_substantial"]  # added in August: not quiet for 90 days yet


async def test_close_out_leaves_the_rest_closed_incomplete_at_their_final_levels(seeded, story):
    for step in (story.planned, story.first_reports, story.claimed, story.disputed, story.completed,
                 story.shares, story.suspended, story.resumed, story.amended, story.share_corrected,
                 story.closed_out):
        await step()

    view = await progress(seeded, date(2026, 2, 2))
    assert view.status == "closed" and view.rollup.lifecycle_counts.closed_incomplete == 27
    finals = {c.code: (c.lifecycle, c.level) for area in view.areas for c in area.commitments}
    assert finals["A1.1"] == ("completed", "complete")
    assert finals["A2.4"] == ("closed_incomplete", "substantial")
    assert finals["A5.1"] == finals["A6.6"] == ("closed_incomplete", "limited")
    assert finals["A3.1"] == ("closed_incomplete", "no_evidence")
    summary = (await seeded.queries.list_agreements(None, 0, 10)).items[0]
    assert [h.status for h in summary.status_history] == [
        "draft", "open_for_signature", "signed", "in_force", "suspended", "in_force", "finalising", "closed"]
    levels = summary.level_counts
    assert (levels.complete, levels.substantial, levels.limited, levels.no_evidence) == (1, 1, 2, 24)
    assert summary.substantial_or_complete_percent == 7.1
    assert (await at_risk(seeded, date(2026, 2, 2))).items == []
    assert (await seeded.progress_queries.obligations(ZH, ZH, date(2026, 2, 2))).responsibilities == []

    before = await snapshot(seeded.pool)
    seeded.runner.batch_size = 7  # batches that cut through commands' events
    for projection in projections.ALL:
        await seeded.runner.rebuild(projection)
    assert await snapshot(seeded.pool) == before


async def test_the_views_are_scoped_to_the_parties_of_an_agreement(seeded, story):
    await story.planned()
    await seeded.runner.catch_up()
    queries = seeded.progress_queries

    with pytest.raises(AggregateNotFound):
        await queries.agreement_progress(PACT, GD, date(2025, 5, 20))
    assert (await at_risk(seeded, date(2025, 5, 20), viewer=GD)).items == []
    assert len((await at_risk(seeded, date(2025, 5, 20), viewer=ZS)).items) == 27
    with pytest.raises(NotVisible):
        await queries.obligations(ZH, GD, date(2025, 5, 20))
    outsider = await queries.obligations(GD, GD, date(2025, 5, 20))
    # GD-HRSS leads in the Guangdong-Macao programme of the seed, never in this pact.
    assert [r for r in outsider.responsibilities if r.agreement_id == PACT] == []
    assert outsider.claims_awaiting_acknowledgement == []

