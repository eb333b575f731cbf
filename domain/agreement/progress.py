"""Reporting progress on a commitment: start, hold, resume, report, retract and correct reports."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain.agreement.checks import (
    checked_evidence,
    health_on_scale,
    level_on_scale,
    not_in_future,
    require_reason,
    require_text,
)
from domain.agreement.reports import co_leads, own_active_report, replace_report
from domain.agreement.rules import reporting_on, require_new_id, responsible_parties
from domain.agreement.state import AgreementEvent, AgreementState, Report
from domain.agreement.upcasts import next_steps_listed
from domain.agreement.values import (
    CommitmentLifecycle,
    CompletionLevel,
    Evidence,
    Health,
    NextStep,
    Verification,
)
from domain.errors import (
    InvalidCommitmentTransition,
    NotAJointCommitment,
)
from domain.person import PersonalText, named
from domain.values import LocalizedText, ResponsibilityRole

L = CommitmentLifecycle


class CommitmentStarted(AgreementEvent):
    TOPIC = "agreement.commitment_started"
    commitment_code: str
    party_id: UUID
    on_behalf_of: UUID | None
    started_on: date

    def apply(self, agreement: AgreementState) -> None:
        progress = agreement.progress[self.commitment_code]
        progress.lifecycle, progress.started_on = L.IN_PROGRESS, self.started_on


class CommitmentPutOnHold(AgreementEvent):
    TOPIC = "agreement.commitment_put_on_hold"
    commitment_code: str
    party_id: UUID
    on_behalf_of: UUID | None
    reason: str
    held_on: date

    def apply(self, agreement: AgreementState) -> None:
        agreement.progress[self.commitment_code].lifecycle = L.ON_HOLD


class CommitmentResumed(AgreementEvent):
    TOPIC = "agreement.commitment_resumed"
    commitment_code: str
    party_id: UUID
    on_behalf_of: UUID | None
    resumed_on: date

    def apply(self, agreement: AgreementState) -> None:
        agreement.progress[self.commitment_code].lifecycle = L.IN_PROGRESS


class ProgressReported(AgreementEvent):
    TOPIC = "agreement.progress_reported"
    SCHEMA_VERSION = 2
    UPCASTERS = {1: next_steps_listed}  # noqa: RUF012  # read by the mapper, never changed
    EARLIER_TYPES = {"next_steps": LocalizedText | None}  # noqa: RUF012  # as version 1 stored it
    report_id: UUID
    commitment_code: str
    party_id: UUID
    on_behalf_of: UUID | None
    as_of: date
    level: CompletionLevel
    health: Health
    narrative: LocalizedText
    evidence: tuple[Evidence, ...]
    next_steps: tuple[NextStep, ...]
    own_share: bool
    reported_on: date
    contact_person: PersonalText | None = None  # personal: sealed with the person's key when stored

    def apply(self, agreement: AgreementState) -> None:
        _add_report(agreement, self, self.report_id)


class ReportRetracted(AgreementEvent):
    TOPIC = "agreement.report_retracted"
    report_id: UUID
    commitment_code: str
    party_id: UUID
    on_behalf_of: UUID | None
    reason: str
    retracted_on: date

    def apply(self, agreement: AgreementState) -> None:
        replace_report(agreement, self.report_id, retracted=True)
        agreement.progress[self.commitment_code].refresh(co_leads(agreement, self.commitment_code))


class ReportCorrected(AgreementEvent):
    TOPIC = "agreement.report_corrected"
    SCHEMA_VERSION = 2
    UPCASTERS = {1: next_steps_listed}  # noqa: RUF012  # read by the mapper, never changed
    EARLIER_TYPES = {"next_steps": LocalizedText | None}  # noqa: RUF012  # as version 1 stored it
    report_id: UUID
    correction_id: UUID
    commitment_code: str
    party_id: UUID
    on_behalf_of: UUID | None
    as_of: date
    level: CompletionLevel
    health: Health
    narrative: LocalizedText
    evidence: tuple[Evidence, ...]
    next_steps: tuple[NextStep, ...]
    own_share: bool
    reason: str
    corrected_on: date
    contact_person: PersonalText | None = None  # personal: sealed with the person's key when stored

    def apply(self, agreement: AgreementState) -> None:
        replace_report(agreement, self.report_id, corrected_by=self.correction_id)
        _add_report(agreement, self, self.correction_id)


class Progress(AgreementState):
    def start_commitment(self, code: str, party_id: UUID, started_on: date, today: date,
                         on_behalf_of: UUID | None = None) -> None:
        _transition(self, code, party_id, on_behalf_of, today, L.PLANNED)
        not_in_future(started_on, today, "started on")
        self.trigger_event(CommitmentStarted, commitment_code=code, party_id=party_id,
                           on_behalf_of=on_behalf_of, started_on=started_on)

    def put_commitment_on_hold(self, code: str, party_id: UUID, reason: str, today: date,
                               on_behalf_of: UUID | None = None) -> None:
        _transition(self, code, party_id, on_behalf_of, today, L.IN_PROGRESS)
        require_reason(reason, "putting a commitment on hold")
        self.trigger_event(CommitmentPutOnHold, commitment_code=code, party_id=party_id,
                           on_behalf_of=on_behalf_of, reason=reason, held_on=today)

    def resume_commitment(self, code: str, party_id: UUID, today: date,
                          on_behalf_of: UUID | None = None) -> None:
        _transition(self, code, party_id, on_behalf_of, today, L.ON_HOLD)
        self.trigger_event(CommitmentResumed, commitment_code=code, party_id=party_id,
                           on_behalf_of=on_behalf_of, resumed_on=today)

    def report_progress(self, report_id: UUID, code: str, party_id: UUID, as_of: date,
                        level: CompletionLevel | str, health: Health | str, narrative: LocalizedText,
                        today: date, evidence: tuple[Evidence, ...] = (),
                        next_steps: tuple[NextStep, ...] = (), own_share: bool = False,
                        on_behalf_of: UUID | None = None, contact_person: PersonalText | None = None) -> None:
        _, principal = reporting_on(self, code, party_id, on_behalf_of, today)
        require_new_id(self, report_id)
        content = _report_content(as_of, level, health, narrative, evidence, today)
        if own_share and principal not in responsible_parties(self, code, {ResponsibilityRole.CO_LEAD}):
            raise NotAJointCommitment(f"party {principal} is not a co-lead of a joint commitment {code}")
        self.trigger_event(ProgressReported, report_id=report_id, commitment_code=code, party_id=party_id,
                           on_behalf_of=on_behalf_of, next_steps=_checked_steps(next_steps),
                           own_share=own_share, reported_on=today, contact_person=named(contact_person),
                           **content)

    def retract_report(self, report_id: UUID, party_id: UUID, reason: str, today: date,
                       on_behalf_of: UUID | None = None) -> None:
        report = own_active_report(self, report_id, party_id, on_behalf_of, today)
        require_reason(reason, "a retraction")
        self.trigger_event(ReportRetracted, report_id=report_id, commitment_code=report.commitment_code,
                           party_id=party_id, on_behalf_of=on_behalf_of, reason=reason, retracted_on=today)

    def correct_report(self, report_id: UUID, correction_id: UUID, party_id: UUID, reason: str, as_of: date,
                       level: CompletionLevel | str, health: Health | str, narrative: LocalizedText,
                       today: date, evidence: tuple[Evidence, ...] = (),
                       next_steps: tuple[NextStep, ...] = (), on_behalf_of: UUID | None = None,
                       contact_person: PersonalText | None = None) -> None:
        report = own_active_report(self, report_id, party_id, on_behalf_of, today)
        require_new_id(self, correction_id)
        content = _report_content(as_of, level, health, narrative, evidence, today)
        require_reason(reason, "a correction")
        self.trigger_event(ReportCorrected, report_id=report_id, correction_id=correction_id,
                           commitment_code=report.commitment_code, party_id=party_id,
                           on_behalf_of=on_behalf_of, next_steps=_checked_steps(next_steps),
                           own_share=report.own_share, reason=reason, corrected_on=today,
                           contact_person=named(contact_person), **content)


def _transition(agreement: AgreementState, code: str, party_id: UUID, on_behalf_of: UUID | None,
                today: date, expected: CommitmentLifecycle) -> None:
    progress, _ = reporting_on(agreement, code, party_id, on_behalf_of, today)
    if progress.lifecycle is not expected:
        raise InvalidCommitmentTransition(f"commitment {code} is {progress.lifecycle}, not {expected}")


def _report_content(as_of: date, level: CompletionLevel | str, health: Health | str, narrative: LocalizedText,
                    evidence: tuple[Evidence, ...], today: date) -> dict[str, Any]:
    content = {"level": level_on_scale(level), "health": health_on_scale(health),
               "evidence": checked_evidence(evidence), "as_of": as_of, "narrative": narrative}
    require_text(narrative, "narrative")
    not_in_future(as_of, today, "report as of")
    return content


def _checked_steps(steps: tuple[NextStep, ...]) -> tuple[NextStep, ...]:
    for step in steps:
        require_text(step.text, "a next step")
    return tuple(steps)


def _add_report(agreement: AgreementState, event: ProgressReported | ReportCorrected,
                report_id: UUID) -> None:
    report = Report(report_id, event.commitment_code, event.on_behalf_of or event.party_id, event.as_of,
                    event.level, event.health, event.own_share, len(event.evidence))
    progress = agreement.progress[event.commitment_code]
    progress.reports.append(report)
    agreement.reports[report_id] = report
    agreement.used_ids.add(report_id)
    progress.verification = progress.verification or Verification.SELF_REPORTED
    if isinstance(event, ReportCorrected):  # an active report was corrected away: derive from them all
        progress.refresh(co_leads(agreement, event.commitment_code))
    else:
        progress.take_in(report, co_leads(agreement, event.commitment_code))
