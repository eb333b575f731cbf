"""Wire values -> domain values."""

from __future__ import annotations

from domain.agreement import values as changes
from domain.agreement.values import AmendmentChange, DueDate, Evidence, VerificationPolicy
from domain.values import LocalizedString, LocalizedText, Period, Responsibility, default_nature
from service.http.amendment_schemas import (
    AddCommitmentChange,
    AmendmentChangeIn,
    CancelCommitmentChange,
    ChangeDueDateChange,
    ReviseCommitmentChange,
)
from service.http.progress_schemas import (
    CorrectReportRequest,
    DueDateIn,
    EvidenceIn,
    ReportProgressRequest,
    VerificationPolicyIn,
)
from service.http.schemas import ResponsibilityIn
from service.http.wire import LocalizedStringIn, PeriodIn
from service.usecases.progress_commands import ReportContent


def localized(text: dict[str, LocalizedStringIn] | None) -> LocalizedText | None:
    if text is None:
        return None
    return {lang: LocalizedString(value.text, value.kind) for lang, value in text.items()}


def period(value: PeriodIn | None) -> Period | None:
    if value is None:
        return None
    return Period(value.starts_on, value.ends_on, value.inferred, value.basis)


def responsibilities(values: list[ResponsibilityIn]) -> tuple[Responsibility, ...]:
    return tuple(Responsibility(r.party_id, r.role) for r in values)


def evidence(values: list[EvidenceIn]) -> tuple[Evidence, ...]:
    return tuple(Evidence(e.title, e.url, e.document_id, e.sha256) for e in values)


def due_date(value: DueDateIn) -> DueDate:
    return DueDate(value.on, value.precision)


def policy(value: VerificationPolicyIn) -> VerificationPolicy:
    return VerificationPolicy(value.kind, value.quorum, value.days)


def change(value: AmendmentChangeIn) -> AmendmentChange:
    code = value.commitment_code
    if isinstance(value, AddCommitmentChange):
        due = due_date(value.due) if value.due else None
        nature = value.nature or default_nature(value.modality)
        return changes.add_commitment(
            code, value.area_code, localized(value.text), value.modality, nature,
            responsibilities(value.responsibilities), due,
        )
    if isinstance(value, ReviseCommitmentChange):
        held = responsibilities(value.responsibilities) if value.responsibilities else None
        return changes.revise_commitment(code, localized(value.text), value.modality, value.nature, held)
    if isinstance(value, CancelCommitmentChange):
        return changes.cancel_commitment(code, value.reason)
    if isinstance(value, ChangeDueDateChange):
        return changes.change_due_date(code, due_date(value.due))
    return changes.set_policy(policy(value.policy), code)


def report_content(value: ReportProgressRequest | CorrectReportRequest) -> ReportContent:
    return ReportContent(
        value.as_of, value.level, value.health, localized(value.narrative), evidence(value.evidence),
        localized(value.next_steps),
    )
