"""Starting a commitment and reporting progress on it."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agreement.values import CommitmentLifecycle, CompletionLevel, Evidence, Health, NextStep
from domain.errors import (
    AgreementEnded,
    AgreementSuspended,
    DateInFuture,
    EvidenceNotLocatable,
    HealthOutsideScale,
    IdAlreadyUsed,
    InvalidChecksum,
    InvalidCommitmentTransition,
    LevelOutsideScale,
    NotAJointCommitment,
    NotAParty,
    NotInForce,
    NotResponsible,
    ReasonRequired,
    TextRequired,
    UnknownCommitment,
)
from tests.domain.implementation import (
    EVIDENCE,
    NARRATIVE,
    OTHER_ID,
    REPORT,
    REPORT_2,
    TODAY,
    report,
    reported,
    started,
    suspended,
    terminated,
)
from tests.domain.scenario import (
    ASSESSOR,
    JIANGMEN,
    ZHONGSHAN,
    ZHUHAI,
    en,
    given,
    in_force_pact,
    new_events,
    signed_pact,
    zh,
)

L = CommitmentLifecycle
STEPS = (NextStep(zh("开展试点"), date(2025, 6, 30)),)


def test_the_lead_starts_a_planned_commitment():
    agreement = given(*in_force_pact())

    agreement.start_commitment("C1", ZHUHAI, started_on=date(2025, 3, 1), today=TODAY)

    assert new_events(agreement) == [
        (
            "agreement.commitment_started",
            {
                "commitment_code": "C1",
                "party_id": ZHUHAI,
                "on_behalf_of": None,
                "started_on": date(2025, 3, 1),
            },
        )
    ]
    assert agreement.progress["C1"].lifecycle is L.IN_PROGRESS


def test_a_commitment_starts_once():
    agreement = given(*in_force_pact(), started())

    with pytest.raises(InvalidCommitmentTransition):
        agreement.start_commitment("C1", ZHUHAI, started_on=date(2025, 3, 2), today=TODAY)

    assert new_events(agreement) == []


def test_a_commitment_in_progress_is_put_on_hold_with_a_reason_and_resumed():
    agreement = given(*in_force_pact(), started())

    agreement.put_commitment_on_hold("C1", ZHUHAI, "等待省级批复", today=TODAY)
    agreement.resume_commitment("C1", ZHUHAI, today=TODAY)

    assert [topic for topic, _ in new_events(agreement)] == [
        "agreement.commitment_put_on_hold",
        "agreement.commitment_resumed",
    ]
    assert agreement.progress["C1"].lifecycle is L.IN_PROGRESS


@pytest.mark.parametrize(
    "hold, error",
    [
        (lambda a: a.put_commitment_on_hold("C1", ZHUHAI, " ", TODAY), ReasonRequired),
        (lambda a: a.resume_commitment("C1", ZHUHAI, TODAY), InvalidCommitmentTransition),
    ],
    ids=["hold-without-reason", "resume-what-is-not-on-hold"],
)
def test_holding_needs_a_reason_and_only_a_held_commitment_resumes(hold, error):
    agreement = given(*in_force_pact(), started())

    with pytest.raises(error):
        hold(agreement)

    assert new_events(agreement) == []


def test_a_responsible_party_reports_progress_with_evidence_and_next_steps():
    agreement = given(*in_force_pact(), started())

    report(agreement, party=ZHONGSHAN, evidence=EVIDENCE, next_steps=STEPS, health=Health.AT_RISK)

    assert new_events(agreement) == [
        (
            "agreement.progress_reported",
            {
                "report_id": REPORT,
                "commitment_code": "C1",
                "party_id": ZHONGSHAN,
                "on_behalf_of": None,
                "as_of": date(2025, 5, 1),
                "level": CompletionLevel.LIMITED,
                "health": Health.AT_RISK,
                "narrative": NARRATIVE,
                "evidence": EVIDENCE,
                "next_steps": STEPS,
                "own_share": False,
                "reported_on": TODAY,
                "contact_person": None,
            },
        )
    ]
    progress = agreement.progress["C1"]
    assert (progress.level, progress.health, progress.last_report_on) == (
        CompletionLevel.LIMITED,
        Health.AT_RISK,
        date(2025, 5, 1),
    )


def test_a_co_lead_reports_its_own_share_of_a_joint_commitment():
    agreement = given(
        *in_force_pact(), reported(REPORT, "C2", ZHUHAI, CompletionLevel.COMPLETE, own_share=True)
    )

    report(agreement, party=JIANGMEN, code="C2", report_id=REPORT_2, level="substantial", own_share=True)

    [(_, payload)] = new_events(agreement)
    assert (payload["own_share"], payload["party_id"]) == (True, JIANGMEN)
    progress = agreement.progress["C2"]
    assert progress.shares == {ZHUHAI: CompletionLevel.COMPLETE, JIANGMEN: CompletionLevel.SUBSTANTIAL}
    assert progress.level is CompletionLevel.NO_EVIDENCE  # Zhongshan has not reported its share


def test_only_co_leads_of_a_joint_commitment_report_a_share():
    agreement = given(*in_force_pact())

    with pytest.raises(NotAJointCommitment):
        report(agreement, own_share=True)

    assert new_events(agreement) == []


@pytest.mark.parametrize(
    "party, error",
    [(JIANGMEN, NotResponsible), (ASSESSOR, NotResponsible), (OTHER_ID, NotAParty)],
    ids=["other-signatory", "assessor", "outsider"],
)
def test_only_responsible_parties_report(party, error):
    agreement = given(*in_force_pact())

    with pytest.raises(error):
        report(agreement, party=party)

    assert new_events(agreement) == []


@pytest.mark.parametrize(
    "events, error",
    [
        (signed_pact(), NotInForce),
        ((*in_force_pact(), suspended()), AgreementSuspended),
        ((*in_force_pact(), terminated()), AgreementEnded),
    ],
    ids=["not-yet-in-force", "suspended", "terminated"],
)
def test_reports_are_taken_only_while_the_agreement_is_in_force(events, error):
    agreement = given(*events)

    with pytest.raises(error):
        report(agreement)

    assert new_events(agreement) == []


@pytest.mark.parametrize(
    "changes, error",
    [
        ({"level": "almost"}, LevelOutsideScale),
        ({"health": "fine"}, HealthOutsideScale),
        ({"narrative": en("  ")}, TextRequired),
        ({"as_of": date(2025, 6, 2)}, DateInFuture),
        ({"evidence": (Evidence("会议纪要"),)}, EvidenceNotLocatable),
        ({"evidence": (Evidence("会议纪要", document_id="GD-2025-7", sha256="123"),)}, InvalidChecksum),
        ({"code": "C9"}, UnknownCommitment),
    ],
    ids=[
        "level-outside-scale",
        "unknown-health",
        "empty-narrative",
        "future",
        "unlocatable-evidence",
        "bad-checksum",
        "unknown-commitment",
    ],
)
def test_a_report_with_bad_content_is_rejected(changes, error):
    agreement = given(*in_force_pact())

    with pytest.raises(error):
        report(agreement, **changes)

    assert new_events(agreement) == []


def test_a_report_id_is_used_once():
    agreement = given(*in_force_pact(), reported())

    with pytest.raises(IdAlreadyUsed):
        report(agreement)

    assert new_events(agreement) == []


def test_the_latest_report_as_of_sets_the_level_whatever_the_order_of_recording():
    agreement = given(
        *in_force_pact(),
        reported(REPORT, level=CompletionLevel.SUBSTANTIAL, as_of=date(2025, 5, 1)),
        reported(REPORT_2, level=CompletionLevel.LIMITED, as_of=date(2025, 4, 1)),  # late report of April
    )

    assert agreement.progress["C1"].level is CompletionLevel.SUBSTANTIAL
    assert agreement.progress["C1"].last_report_on == date(2025, 5, 1)
