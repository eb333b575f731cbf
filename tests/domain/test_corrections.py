"""Retracting and correcting reports: new events, nothing overwritten."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agreement import Agreement
from domain.agreement.values import CompletionLevel, Health
from domain.errors import (
    CommitmentClosed,
    IdAlreadyUsed,
    NotReportAuthor,
    ReasonRequired,
    ReportNotActive,
    UnknownReport,
)
from tests.domain.implementation import OTHER_ID, REPORT, REPORT_2, TODAY, cancelled, reported
from tests.domain.scenario import ZHONGSHAN, ZHUHAI, event, given, in_force_pact, new_events, zh

CORRECTION = zh("更正：平台完成招标")


def correct(agreement, report_id=REPORT, correction_id=REPORT_2, party=ZHUHAI, reason="数字有误", **changes):
    content = dict(
        as_of=date(2025, 4, 1), level="substantial", health="on_track", narrative=CORRECTION, today=TODAY
    )
    agreement.correct_report(report_id, correction_id, party, reason, **{**content, **changes})


def test_a_retracted_report_no_longer_counts_but_stays_in_the_history():
    agreement = given(
        *in_force_pact(),
        reported(REPORT, level=CompletionLevel.LIMITED, as_of=date(2025, 3, 1)),
        reported(REPORT_2, level=CompletionLevel.SUBSTANTIAL, as_of=date(2025, 4, 1)),
    )

    agreement.retract_report(REPORT_2, ZHUHAI, "误报", today=TODAY)

    assert new_events(agreement) == [
        (
            "agreement.report_retracted",
            {
                "report_id": REPORT_2,
                "commitment_code": "C1",
                "party_id": ZHUHAI,
                "on_behalf_of": None,
                "reason": "误报",
                "retracted_on": TODAY,
            },
        )
    ]
    assert agreement.progress["C1"].level is CompletionLevel.LIMITED
    assert agreement.reports[REPORT_2].retracted


def test_a_correction_is_a_new_report_that_replaces_the_one_it_corrects():
    agreement = given(*in_force_pact(), reported(REPORT, level=CompletionLevel.LIMITED))

    correct(agreement, health=Health.AT_RISK)

    assert new_events(agreement) == [
        (
            "agreement.report_corrected",
            {
                "report_id": REPORT,
                "correction_id": REPORT_2,
                "commitment_code": "C1",
                "party_id": ZHUHAI,
                "on_behalf_of": None,
                "as_of": date(2025, 4, 1),
                "level": CompletionLevel.SUBSTANTIAL,
                "health": Health.AT_RISK,
                "narrative": CORRECTION,
                "evidence": (),
                "next_steps": (),
                "own_share": False,
                "reason": "数字有误",
                "corrected_on": TODAY,
                "contact_person": None,
            },
        )
    ]
    assert agreement.reports[REPORT].corrected_by == REPORT_2
    assert agreement.progress["C1"].level is CompletionLevel.SUBSTANTIAL


def test_only_the_party_a_report_speaks_for_retracts_it():
    agreement = given(*in_force_pact(), reported(REPORT, party=ZHUHAI))

    with pytest.raises(NotReportAuthor):
        agreement.retract_report(REPORT, ZHONGSHAN, "误报", today=TODAY)

    assert new_events(agreement) == []


RETRACTED = event(
    Agreement.ReportRetracted,
    report_id=REPORT,
    commitment_code="C1",
    party_id=ZHUHAI,
    on_behalf_of=None,
    reason="误报",
    retracted_on=TODAY,
)
CORRECTED = event(
    Agreement.ReportCorrected,
    report_id=REPORT,
    correction_id=REPORT_2,
    commitment_code="C1",
    party_id=ZHUHAI,
    on_behalf_of=None,
    as_of=date(2025, 4, 1),
    level=CompletionLevel.SUBSTANTIAL,
    health=Health.ON_TRACK,
    narrative=CORRECTION,
    evidence=(),
    next_steps=(),
    own_share=False,
    reason="数字有误",
    corrected_on=TODAY,
)


@pytest.mark.parametrize("later", [RETRACTED, CORRECTED], ids=["retracted", "corrected"])
def test_a_report_is_retracted_or_corrected_once(later):
    agreement = given(*in_force_pact(), reported(REPORT), later)

    with pytest.raises(ReportNotActive):
        agreement.retract_report(REPORT, ZHUHAI, "再次撤回", today=TODAY)
    with pytest.raises(ReportNotActive):
        correct(agreement, correction_id=OTHER_ID)

    assert new_events(agreement) == []


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_retraction_and_a_correction_need_a_reason(reason):
    agreement = given(*in_force_pact(), reported(REPORT))

    with pytest.raises(ReasonRequired):
        agreement.retract_report(REPORT, ZHUHAI, reason, today=TODAY)
    with pytest.raises(ReasonRequired):
        correct(agreement, reason=reason)

    assert new_events(agreement) == []


def test_a_correction_needs_a_new_id_and_an_existing_report():
    agreement = given(*in_force_pact(), reported(REPORT), reported(REPORT_2))

    with pytest.raises(IdAlreadyUsed):
        correct(agreement, correction_id=REPORT_2)
    with pytest.raises(UnknownReport):
        correct(agreement, report_id=OTHER_ID, correction_id=OTHER_ID)

    assert new_events(agreement) == []


def test_reports_on_a_cancelled_commitment_are_neither_retracted_nor_corrected():
    agreement = given(*in_force_pact(), reported(REPORT), cancelled("C1"))

    with pytest.raises(CommitmentClosed):
        agreement.retract_report(REPORT, ZHUHAI, "误报", today=TODAY)

    assert new_events(agreement) == []
