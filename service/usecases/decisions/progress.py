"""Handlers of work on a commitment: start, hold, resume, reports, due dates and milestones."""

from __future__ import annotations

from domain.agreement import Agreement
from service.usecases.commands import (
    AchieveMilestone,
    CorrectReport,
    DefineMilestone,
    PutCommitmentOnHold,
    ReportProgress,
    RescheduleMilestone,
    ResumeCommitment,
    RetractReport,
    SetDueDate,
    StartCommitment,
)
from service.usecases.context import Decision


def start_commitment(a: Agreement, c: StartCommitment, d: Decision) -> None:
    a.start_commitment(c.code, d.party, c.started_on, d.today, c.on_behalf_of)


def put_commitment_on_hold(a: Agreement, c: PutCommitmentOnHold, d: Decision) -> None:
    a.put_commitment_on_hold(c.code, d.party, c.reason, d.today, c.on_behalf_of)


def resume_commitment(a: Agreement, c: ResumeCommitment, d: Decision) -> None:
    a.resume_commitment(c.code, d.party, d.today, c.on_behalf_of)


def report_progress(a: Agreement, c: ReportProgress, d: Decision) -> None:
    a.report_progress(d.new_record, c.code, d.party, c.as_of, c.level, c.health, c.narrative, d.today,
                      c.evidence, c.next_steps, c.own_share, c.on_behalf_of, c.contact_person)


def retract_report(a: Agreement, c: RetractReport, d: Decision) -> None:
    a.retract_report(c.report_id, d.party, c.reason, d.today, c.on_behalf_of)


def correct_report(a: Agreement, c: CorrectReport, d: Decision) -> None:
    a.correct_report(c.report_id, d.new_record, d.party, c.reason, c.as_of, c.level, c.health, c.narrative,
                     d.today, c.evidence, c.next_steps, c.on_behalf_of, c.contact_person)


def set_due_date(a: Agreement, c: SetDueDate, d: Decision) -> None:
    # an admin key speaks for no party: it may set the text's due date while drafting, not move it after
    a.set_due_date(c.code, c.due, d.today, d.caller.party_id, c.reason)


def define_milestone(a: Agreement, c: DefineMilestone, d: Decision) -> None:
    a.define_milestone(c.code, c.milestone_code, c.title, c.due, d.party, d.today, c.deliverable,
                       c.on_behalf_of)


def achieve_milestone(a: Agreement, c: AchieveMilestone, d: Decision) -> None:
    a.achieve_milestone(c.code, c.milestone_code, d.party, c.achieved_on, c.evidence, d.today, c.on_behalf_of)


def reschedule_milestone(a: Agreement, c: RescheduleMilestone, d: Decision) -> None:
    a.reschedule_milestone(c.code, c.milestone_code, c.due, c.reason, d.party, d.today, c.on_behalf_of)
