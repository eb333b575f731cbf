"""A commitment's level, shares, health and last report follow from its reports, one report at a time."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.agreement.state import CommitmentProgress, Report
from domain.agreement.values import CompletionLevel as L
from domain.agreement.values import Health as H

ZH, ZS = UUID(int=1), UUID(int=2)


def rep(n: int, as_of: date, level: L, health: H, party: UUID = ZH, own_share: bool = False) -> Report:
    return Report(UUID(int=100 + n), "A1.1", party, as_of, level, health, own_share, 0)


REPORTS = [
    rep(1, date(2025, 3, 1), L.LIMITED, H.ON_TRACK),
    rep(2, date(2025, 1, 1), L.COMPLETE, H.OFF_TRACK),  # late, but as of earlier: changes nothing
    rep(3, date(2025, 3, 1), L.SUBSTANTIAL, H.AT_RISK),  # the same as-of: the later one wins
    rep(4, date(2025, 2, 1), L.COMPLETE, H.ON_TRACK, ZS, own_share=True),
    rep(5, date(2025, 1, 1), L.NOT_STARTED, H.ON_TRACK, ZS, own_share=True),
]


def test_reports_taken_in_one_by_one_derive_what_all_of_them_derive_at_once():
    one_by_one, at_once = CommitmentProgress(), CommitmentProgress(reports=list(REPORTS))
    seen = []
    for report in REPORTS:
        one_by_one.reports.append(report)
        one_by_one.take_in(report, frozenset({ZH, ZS}))
        seen.append((one_by_one.level, one_by_one.health, one_by_one.last_report_on))
    at_once.refresh(frozenset({ZH, ZS}))

    assert seen == [
        (L.LIMITED, H.ON_TRACK, date(2025, 3, 1)),
        (L.LIMITED, H.ON_TRACK, date(2025, 3, 1)),
        (L.SUBSTANTIAL, H.AT_RISK, date(2025, 3, 1)),
        (L.SUBSTANTIAL, H.AT_RISK, date(2025, 3, 1)),
        (L.SUBSTANTIAL, H.AT_RISK, date(2025, 3, 1)),
    ]
    assert one_by_one.shares == at_once.shares == {ZS: L.COMPLETE}
    assert vars(one_by_one) == vars(at_once)


def test_shares_alone_give_the_least_advanced_co_lead():
    progress = CommitmentProgress()
    for report in REPORTS[3:]:
        progress.reports.append(report)
        progress.take_in(report, frozenset({ZH, ZS}))
    assert progress.level == L.NO_EVIDENCE  # ZH reported no share
    progress.take_in(rep(6, date(2025, 2, 2), L.LIMITED, H.ON_TRACK, ZH, own_share=True), frozenset({ZH, ZS}))
    assert progress.level == L.LIMITED and progress.shares == {ZS: L.COMPLETE, ZH: L.LIMITED}
