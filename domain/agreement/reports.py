"""Reports as the agreement holds them: an author's own active report, a changed copy put in a report's
place, and the co-leads whose shares decide a joint commitment's level."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from domain.agreement.rules import reporting_on, responsible_parties
from domain.agreement.state import AgreementState, Report
from domain.errors import NotReportAuthor, ReportNotActive, UnknownReport
from domain.values import ResponsibilityRole


def own_active_report(agreement: AgreementState, report_id: UUID, party_id: UUID,
                      on_behalf_of: UUID | None, today: date) -> Report:
    report = agreement.reports.get(report_id)
    if report is None:
        raise UnknownReport(f"no report {report_id}")
    _, principal = reporting_on(agreement, report.commitment_code, party_id, on_behalf_of, today)
    if principal != report.party_id:
        raise NotReportAuthor(f"report {report_id} speaks for party {report.party_id}")
    if not report.active:
        raise ReportNotActive(f"report {report_id} was {'retracted' if report.retracted else 'corrected'}")
    return report


def replace_report(agreement: AgreementState, report_id: UUID, **changes: Any) -> None:
    """The report changed, in its place in `reports` and in its commitment's reports (one object in both)."""
    old = agreement.reports[report_id]
    new = agreement.reports[report_id] = replace(old, **changes)
    listed = agreement.progress[old.commitment_code].reports
    at = next(i for i in range(len(listed) - 1, -1, -1) if listed[i] is old)  # mostly a recent one
    listed[at] = new


def co_leads(agreement: AgreementState, code: str) -> frozenset[UUID]:
    return frozenset(responsible_parties(agreement, code, {ResponsibilityRole.CO_LEAD}))
