"""Commands after signing over HTTP: each group's happy path; bad input refused, with nothing stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

from tests.api.helpers import stored_rows, text
from tests.api.world import TODAY, Agreement, decided_at, evidence, report

PROBLEM = "urn:pactum:problem:"
CLAIM = {"completedOn": "2025-03-01", "evidence": evidence()}


async def events(agreement: Agreement, after: int = 0) -> list[str]:
    rows = await agreement.world.system.pool.fetch(
        "SELECT event_type FROM events WHERE stream_id = $1 AND version > $2 ORDER BY version",
        agreement.id,
        after,
    )
    return [r["event_type"].removeprefix("agreement.") for r in rows]


async def refused(
    agreement: Agreement, suffix: str, body: Any, status: int, kind: str, who: str = "lead"
) -> dict[str, Any]:
    before = await stored_rows(agreement.world.system.pool)
    response = await agreement.post(suffix, body, who, **{"Idempotency-Key": f"refused-{uuid4()}"})
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == PROBLEM + kind, problem
    assert await stored_rows(agreement.world.system.pool) == before
    return problem


async def all_sign(agreement: Agreement, amendment: str) -> None:
    for who in ("lead", "co_lead", "supporting", "other_signatory"):
        await agreement.ok(f"/amendments/{amendment}/signatures", {"signedOn": TODAY}, who)


# -- happy paths ------------------------------------------------------------------------------


async def test_a_commitment_is_started_held_resumed_reported_corrected_and_retracted(world):
    a = await world.agreement()
    version = (await a.ok("/commitments/A1.1/start", {"startedOn": "2025-02-01"}))["version"]
    await a.ok("/commitments/A1.1/hold", {"reason": "资金未到位"})
    await a.ok("/commitments/A1.1/resumption", {})

    reported = await a.ok(
        "/commitments/A1.1/progress-reports",
        report(evidence=evidence(), nextSteps=[{"text": text("召开第二次会议"), "due": "2025-09-30"}],
               health="at_risk"),
    )
    corrected = await a.ok(
        f"/progress-reports/{reported['resourceId']}/correction",
        {"reason": "数据有误", **report(level="substantial")},
    )
    await a.ok(f"/progress-reports/{corrected['resourceId']}/retraction", {"reason": "重复上报"})

    assert reported["id"] == a.id and reported["resourceId"] != corrected["resourceId"]
    assert await events(a, version - 1) == [
        "commitment_started",
        "commitment_put_on_hold",
        "commitment_resumed",
        "progress_reported",
        "report_corrected",
        "report_retracted",
    ]
    await refused(
        a,
        f"/progress-reports/{reported['resourceId']}/retraction",
        {"reason": "再撤"},
        409,
        "report-not-active",
    )


async def test_a_repeated_report_with_the_same_idempotency_key_names_the_same_report(world):
    a = await world.agreement()
    key = {"Idempotency-Key": "report-once"}

    first = await a.post("/commitments/A1.1/progress-reports", report(), **key)
    again = await a.post("/commitments/A1.1/progress-reports", report(), **key)

    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert (await events(a)).count("progress_reported") == 1


async def test_co_leads_report_their_shares_of_a_joint_commitment(world):
    a = await world.agreement()

    await a.ok("/commitments/A1.2/progress-reports", report(ownShare=True, level="substantial"))
    await a.ok("/commitments/A1.2/progress-reports", report(ownShare=True), who="co_lead")

    assert (await events(a)).count("progress_reported") == 2
    await refused(
        a, "/commitments/A1.1/progress-reports", report(ownShare=True), 422, "not-a-joint-commitment"
    )


async def test_milestones_are_defined_rescheduled_and_achieved_and_due_dates_moved(world):
    a = await world.agreement()
    version = (
        await a.ok(
            "/commitments/A1.1/milestones",
            {
                "code": "M1",
                "title": text("首次联席会议"),
                "due": {"on": "2025-06-01", "precision": "month"},
                "deliverable": text("会议纪要"),
            },
        )
    )["version"]
    await a.ok(
        "/commitments/A1.1/milestones/M1/rescheduling", {"due": {"on": "2025-09-30"}, "reason": "场地"}
    )
    await a.ok(
        "/commitments/A1.1/milestones/M1/achievement", {"achievedOn": "2025-09-01", "evidence": evidence()}
    )
    await a.ok("/commitments/A1.2/due-date", {"due": {"on": "2026-12-31"}, "reason": "延期"}, who="co_lead")

    assert await events(a, version - 1) == [
        "milestone_defined",
        "milestone_rescheduled",
        "milestone_achieved",
        "due_date_set",
    ]
    await refused(
        a,
        "/commitments/A1.1/milestones/M1/achievement",
        {"achievedOn": "2025-09-02", "evidence": evidence()},
        409,
        "milestone-already-achieved",
    )
    await refused(
        a,
        "/commitments/A1.1/milestones/M9/rescheduling",
        {"due": {"on": "2025-09-30"}, "reason": "x"},
        404,
        "unknown-milestone",
    )
    await refused(a, "/commitments/A1.1/due-date", {"due": {"on": "2026-12-31"}}, 422, "reason-required")


async def test_a_claim_acknowledged_by_every_counterparty_completes_the_commitment(world):
    a = await world.agreement()
    claim = await a.claim("A1.1", narrative=text("联盟已成立"))

    for who in ("co_lead", "supporting", "other_signatory"):
        await a.ok(f"/completion-claims/{claim}/acknowledgements", None, who)

    assert (await events(a))[-2:] == ["completion_acknowledged", "commitment_completed"]
    await a.ok("/commitments/A1.1/reopening", {"reason": "发现新问题"})
    assert (await events(a))[-1] == "commitment_reopened"


async def test_a_disputed_claim_goes_back_in_progress_and_a_withdrawn_one_can_be_claimed_again(world):
    a = await world.agreement()
    disputed = await a.claim()
    await a.ok(f"/completion-claims/{disputed}/disputes", {"reason": "证据不足"}, "co_lead")
    withdrawn = await a.claim()
    await a.ok(f"/completion-claims/{withdrawn}/withdrawal", {"reason": "补充材料"})
    await a.claim()

    assert [e for e in await events(a) if "claim" in e or "completion" in e] == [
        "completion_claimed",
        "completion_disputed",
        "completion_claimed",
        "claim_withdrawn",
        "completion_claimed",
    ]


async def test_a_claim_undisputed_for_its_days_is_deemed_complete(world):
    a = await world.agreement(policy={"kind": "deemed_after_days", "days": 10})
    with decided_at(datetime.now(UTC) - timedelta(days=30)):
        old = await a.claim("A1.1")
    fresh = await a.claim("A1.2")

    await a.ok(f"/completion-claims/{old}/deemed-completion", None, "admin")

    assert (await events(a))[-2:] == ["completion_claimed", "commitment_completed"]
    await refused(a, f"/completion-claims/{fresh}/deemed-completion", None, 409, "not-yet-deemed")


async def test_an_independent_assessment_decides_a_claim_under_the_assessor_policy(world):
    a = await world.agreement(policy={"kind": "independent_assessor"})
    claim = await a.claim()

    assessed = await a.ok(
        "/commitments/A1.1/assessments",
        {"assessedOn": "2025-04-01", "level": "complete", "findings": text("已完成"), "evidence": evidence()},
        "assessor",
    )

    assert assessed["resourceId"]
    assert (await events(a))[-2:] == ["assessment_recorded", "commitment_completed"]
    await refused(a, f"/completion-claims/{claim}/acknowledgements", None, 409, "claim-not-open", "co_lead")


async def test_the_verification_policy_is_set_while_drafting_only(world):
    draft = await world.agreement("structured")
    await draft.ok(
        "/verification-policy", {"policy": {"kind": "quorum", "quorum": 2}, "commitmentCode": "A1.2"}
    )
    signed = await world.agreement()

    await refused(signed, "/verification-policy", {"policy": {"kind": "lead_only"}}, 409, "structure-frozen")
    await refused(
        draft, "/verification-policy", {"policy": {"kind": "quorum"}}, 422, "invalid-verification-policy"
    )


async def test_an_agreement_is_suspended_resumed_ended_reported_on_in_its_final_window_and_closed_out(world):
    a = await world.agreement()
    version = (await a.ok("/suspension", {"suspendedOn": "2025-06-01", "reason": "机构调整"}, "admin"))[
        "version"
    ]
    await a.ok("/resumption", {"resumedOn": "2025-07-01"}, "co_lead")
    await a.ok("/period-end", {"endedOn": "2025-12-31", "finalReportDue": TODAY})
    await a.report(asOf="2025-12-31", level="substantial")
    await a.ok("/close-out", {"closedOn": TODAY})

    assert await events(a, version - 1) == [
        "suspended",
        "resumed",
        "period_ended",
        "progress_reported",
        "commitment_closed_incomplete",
        "commitment_closed_incomplete",
        "closed",
    ]


async def test_an_agreement_is_superseded_by_another_and_not_by_an_unknown_one(world):
    a, successor = await world.agreement(), await world.agreement("draft")

    await refused(
        a,
        "/supersession",
        {"byAgreementId": "00000000-0000-4000-8000-000000000000", "supersededOn": "2025-06-01"},
        422,
        "unknown-agreement",
    )
    await refused(
        a, "/supersession", {"byAgreementId": a.id, "supersededOn": "2025-06-01"}, 422, "superseded-by-self"
    )
    await a.ok("/supersession", {"byAgreementId": successor.id, "supersededOn": "2025-06-01"})
    assert (await events(a))[-1] == "superseded"


async def test_an_amendment_signed_by_every_signatory_applies_and_one_can_be_withdrawn(world):
    a = await world.agreement()
    proposed = await a.ok(
        "/amendments",
        {
            "summary": text("新增一项承诺"),
            "changes": [
                {
                    "type": "add_commitment",
                    "commitmentCode": "A1.3",
                    "areaCode": "A1",
                    "text": text("共建平台"),
                    "modality": "build",
                    "responsibilities": [{"partyId": world.ids["co_lead"], "role": "lead"}],
                    "due": {"on": "2026-12-31"},
                },
                {"type": "revise_commitment", "commitmentCode": "A1.1", "modality": "promote"},
                {
                    "type": "set_verification_policy",
                    "policy": {"kind": "quorum", "quorum": 2},
                    "commitmentCode": "A1.2",
                },
            ],
        },
    )
    await all_sign(a, proposed["resourceId"])
    withdrawn = await a.amendment("co_lead")
    await a.ok(f"/amendments/{withdrawn}/withdrawal", {"reason": "另行协商"}, "co_lead")

    assert await events(a, proposed["version"]) == [
        "amendment_signed",
        "amendment_signed",
        "amendment_signed",
        "amendment_signed",
        "commitment_added",
        "due_date_set",
        "commitment_revised",
        "verification_policy_set",
        "amendment_applied",
        "amendment_proposed",
        "amendment_withdrawn",
    ]
    await a.ok("/commitments/A1.3/progress-reports", report(), "co_lead")


async def test_reporting_rights_are_delegated_and_revoked(world):
    a = await world.agreement(delegation=False)
    await a.ok(
        "/delegations", {"delegateId": world.ids["coordinator"], "commitmentCodes": ["A1.2"]}, "co_lead"
    )

    await a.ok("/commitments/A1.2/progress-reports", report(onBehalfOf=world.ids["co_lead"]), "coordinator")
    await a.ok(f"/delegations/{world.ids['coordinator']}/revocation", None, "co_lead")

    assert (await events(a))[-3:] == [
        "reporting_right_delegated",
        "progress_reported",
        "reporting_right_revoked",
    ]
    await refused(
        a, f"/delegations/{world.ids['coordinator']}/revocation", None, 409, "no-such-delegation", "co_lead"
    )
    await refused(a, "/delegations", {"delegateId": world.ids["assessor"]}, 409, "not-a-coordinator")


async def test_observers_and_assessors_comment(world):
    a = await world.agreement()

    first = await a.ok("/comments", {"text": text("请补充数据")}, "observer")
    second = await a.ok("/comments", {"text": text("数据口径不一"), "commitmentCode": "A1.1"}, "assessor")

    assert first["resourceId"] != second["resourceId"]
    await refused(
        a, "/comments", {"text": text("?"), "commitmentCode": "A9.9"}, 404, "unknown-commitment", "observer"
    )


# -- bad input --------------------------------------------------------------------------------


async def test_a_completed_commitment_cannot_be_claimed(world):
    a = await world.agreement(policy={"kind": "lead_only"})
    await a.claim()

    await refused(a, "/commitments/A1.1/completion-claims", CLAIM, 409, "commitment-already-completed")


async def test_a_withdrawn_claim_cannot_be_acknowledged(world):
    a = await world.agreement()
    claim = await a.claim()
    await a.ok(f"/completion-claims/{claim}/withdrawal", {})

    await refused(a, f"/completion-claims/{claim}/acknowledgements", None, 409, "claim-not-open", "co_lead")


async def test_a_cancelled_commitment_takes_no_reports(world):
    a = await world.agreement()
    cancel = await a.ok(
        "/amendments",
        {"changes": [{"type": "cancel_commitment", "commitmentCode": "A1.1", "reason": "已由他项承诺覆盖"}]},
    )
    await all_sign(a, cancel["resourceId"])

    await refused(a, "/commitments/A1.1/progress-reports", report(), 409, "commitment-closed")


async def test_a_milestone_cannot_fall_due_before_the_agreement_starts(world):
    a = await world.agreement()

    await refused(
        a,
        "/commitments/A1.1/milestones",
        {"code": "M0", "title": text("筹备"), "due": {"on": "2024-06-01", "precision": "month"}},
        422,
        "due-before-start",
    )


async def test_a_completion_level_outside_the_scale_is_refused(world):
    a = await world.agreement()

    problem = await refused(
        a, "/commitments/A1.1/progress-reports", report(level="almost"), 422, "invalid-body"
    )

    assert problem["errors"][0]["pointer"] == "/level"


async def test_a_dispute_needs_a_reason(world):
    a = await world.agreement()
    claim = await a.claim()

    await refused(a, f"/completion-claims/{claim}/disputes", {}, 422, "invalid-body", "co_lead")
    await refused(
        a, f"/completion-claims/{claim}/disputes", {"reason": "   "}, 422, "dispute-without-reason", "co_lead"
    )


async def test_a_party_cannot_acknowledge_its_own_claim(world):
    a = await world.agreement()
    claim = await a.claim()

    await refused(a, f"/completion-claims/{claim}/acknowledgements", None, 409, "own-claim")


async def test_a_claim_needs_evidence(world):
    a = await world.agreement()

    await refused(
        a,
        "/commitments/A1.1/completion-claims",
        {"completedOn": "2025-03-01", "evidence": []},
        422,
        "evidence-required",
    )


async def test_nothing_is_reported_while_the_agreement_is_suspended(world):
    a = await world.agreement()
    await a.ok("/suspension", {"suspendedOn": "2025-06-01", "reason": "机构调整"})

    await refused(a, "/commitments/A1.1/progress-reports", report(), 409, "agreement-suspended")
    await refused(a, "/commitments/A1.1/completion-claims", CLAIM, 409, "agreement-suspended")


async def test_a_terminated_agreement_takes_nothing_but_comments(world):
    a = await world.agreement()
    claim, milestone, amendment = await a.claim("A1.2"), await a.milestone(), await a.amendment()
    await a.ok("/termination", {"terminatedOn": "2025-06-01", "reason": "目标已变"})
    calls = [
        ("/commitments/A1.1/progress-reports", report(), "lead"),
        ("/commitments/A1.1/start", {"startedOn": "2025-02-01"}, "lead"),
        (
            f"/commitments/A1.1/milestones/{milestone}/achievement",
            {"achievedOn": "2025-05-01", "evidence": evidence()},
            "lead",
        ),
        ("/commitments/A1.1/completion-claims", CLAIM, "lead"),
        (f"/completion-claims/{claim}/acknowledgements", None, "lead"),
        (f"/amendments/{amendment}/signatures", {"signedOn": TODAY}, "co_lead"),
        (
            "/amendments",
            {"changes": [{"type": "cancel_commitment", "commitmentCode": "A1.1", "reason": "x"}]},
            "lead",
        ),
        ("/suspension", {"suspendedOn": "2025-06-02", "reason": "x"}, "admin"),
        ("/termination", {"terminatedOn": "2025-06-02", "reason": "x"}, "admin"),
        ("/delegations", {"delegateId": world.ids["coordinator"]}, "lead"),
    ]

    for suffix, body, who in calls:
        await refused(a, suffix, body, 409, "agreement-ended", who)
    await a.ok("/comments", {"text": text("协议已终止，资料存档")}, "observer")


async def test_malformed_evidence_and_codes_are_refused_before_the_domain(world):
    a = await world.agreement()
    bad = [
        {"title": "纪要", "sha256": "ABC"},
        {"title": "纪要", "url": "ftp://example.org/x"},
        {"title": "纪要", "url": "https://example.org/" + "x" * 2048},
    ]

    for item in bad:
        await refused(
            a,
            "/commitments/A1.1/completion-claims",
            {"completedOn": "2025-03-01", "evidence": [item]},
            422,
            "invalid-body",
        )
    await refused(
        a,
        "/commitments/A1.1/completion-claims",
        {"completedOn": "2025-03-01", "evidence": evidence() * 51},
        422,
        "invalid-body",
    )
    await refused(
        a,
        "/commitments/A1.1/completion-claims",
        {"completedOn": "2025-03-01", "evidence": [{"title": "纪要"}]},
        422,
        "evidence-not-locatable",
    )
    await refused(a, "/commitments/-A1/start", {"startedOn": "2025-02-01"}, 400, "invalid-parameter")
    await refused(a, "/amendments", {"changes": [{"type": "rename_agreement"}]}, 422, "invalid-body")
