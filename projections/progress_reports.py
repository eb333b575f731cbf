"""commitment_progress: work on a commitment (start, hold, reports, assessments), due dates, milestones."""

from __future__ import annotations

from typing import Any

from asyncpg import Connection

from domain.agreement import Agreement
from projections.base import Envelope, Handlers
from projections.progress_common import add_evidence, refresh, set_lifecycle

HANDLERS = Handlers()
NEW_REPORT = (
    "INSERT INTO commitment_report (agreement_id, report_id, code, party_id, as_of, reported_on, level, "
    "health, own_share, evidence_count, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
VERIFIED_AT_LEAST_BY_SELF = (  # and the evidence of the active reports counted
    "UPDATE commitment_progress SET verification = coalesce(verification, 'self_reported'), "
    "report_evidence = report_evidence + $3 WHERE agreement_id = $1 AND code = $2")
DEACTIVATED = (  # its evidence no longer counted
    "WITH gone AS (UPDATE commitment_report SET active = false WHERE agreement_id = $1 AND report_id = $2 "
    "AND active RETURNING code, evidence_count) "
    "UPDATE commitment_progress c SET report_evidence = c.report_evidence - gone.evidence_count FROM gone "
    "WHERE c.agreement_id = $1 AND c.code = gone.code")


@HANDLERS.on(Agreement.CommitmentStarted)
async def started(event: Agreement.CommitmentStarted, env: Envelope, conn: Connection) -> None:
    await conn.execute(
        "UPDATE commitment_progress SET lifecycle = 'in_progress', started_on = $3 "
        "WHERE agreement_id = $1 AND code = $2", env.stream_id, event.commitment_code, event.started_on)


@HANDLERS.on(Agreement.CommitmentPutOnHold)
async def put_on_hold(event: Agreement.CommitmentPutOnHold, env: Envelope, conn: Connection) -> None:
    await set_lifecycle(conn, env.stream_id, event.commitment_code, "on_hold")


@HANDLERS.on(Agreement.CommitmentResumed)
async def resumed(event: Agreement.CommitmentResumed, env: Envelope, conn: Connection) -> None:
    await set_lifecycle(conn, env.stream_id, event.commitment_code, "in_progress")


@HANDLERS.on(Agreement.ProgressReported)
async def reported(event: Agreement.ProgressReported, env: Envelope, conn: Connection) -> None:
    await _report(conn, env, event, event.report_id, event.reported_on)


@HANDLERS.on(Agreement.ReportRetracted)
async def retracted(event: Agreement.ReportRetracted, env: Envelope, conn: Connection) -> None:
    await _deactivate(conn, env, event.report_id)
    await refresh(conn, env.stream_id, event.commitment_code)


@HANDLERS.on(Agreement.ReportCorrected)
async def corrected(event: Agreement.ReportCorrected, env: Envelope, conn: Connection) -> None:
    await _deactivate(conn, env, event.report_id)
    await _report(conn, env, event, event.correction_id, event.corrected_on)


@HANDLERS.on(Agreement.AssessmentRecorded)
async def assessed(event: Agreement.AssessmentRecorded, env: Envelope, conn: Connection) -> None:
    await conn.execute(
        "UPDATE commitment_progress SET assessed_level = $3, verification = 'independently_assessed', "
        "other_evidence = other_evidence + $4 WHERE agreement_id = $1 AND code = $2",
        env.stream_id, event.commitment_code, event.level.value, len(event.evidence))


@HANDLERS.on(Agreement.DueDateSet)
async def due_date_set(event: Agreement.DueDateSet, env: Envelope, conn: Connection) -> None:
    await conn.execute(
        "UPDATE commitment_progress SET due = $3, due_deadline = $4 WHERE agreement_id = $1 AND code = $2",
        env.stream_id, event.commitment_code, event.due, event.due.deadline)


@HANDLERS.on(Agreement.MilestoneDefined)
async def milestone_defined(event: Agreement.MilestoneDefined, env: Envelope, conn: Connection) -> None:
    await conn.execute(
        "INSERT INTO commitment_milestone (agreement_id, code, milestone_code, title, due, deadline, "
        "ordinal) VALUES ($1, $2, $3, $4, $5, $6, $7)", env.stream_id, event.commitment_code,
        event.milestone_code, event.title, event.due, event.due.deadline, env.version)


@HANDLERS.on(Agreement.MilestoneAchieved)
async def milestone_achieved(event: Agreement.MilestoneAchieved, env: Envelope, conn: Connection) -> None:
    await conn.execute(
        "UPDATE commitment_milestone SET achieved_on = $4 WHERE agreement_id = $1 AND code = $2 "
        "AND milestone_code = $3", env.stream_id, event.commitment_code, event.milestone_code,
        event.achieved_on)
    await add_evidence(conn, env.stream_id, event.commitment_code, len(event.evidence))


@HANDLERS.on(Agreement.MilestoneRescheduled)
async def rescheduled(event: Agreement.MilestoneRescheduled, env: Envelope, conn: Connection) -> None:
    await conn.execute(
        "UPDATE commitment_milestone SET due = $4, deadline = $5 WHERE agreement_id = $1 AND code = $2 "
        "AND milestone_code = $3", env.stream_id, event.commitment_code, event.milestone_code,
        event.new_due, event.new_due.deadline)


async def _report(conn: Connection, env: Envelope, event: Any, report_id: Any, reported_on: Any) -> None:
    """A report, or the correction of one: who it speaks for is the principal, not a delegate."""
    await conn.execute(
        NEW_REPORT, env.stream_id, report_id, event.commitment_code, event.on_behalf_of or event.party_id,
        event.as_of, reported_on, event.level.value, event.health.value, event.own_share,
        len(event.evidence), env.position)
    await conn.execute(VERIFIED_AT_LEAST_BY_SELF, env.stream_id, event.commitment_code, len(event.evidence))
    await refresh(conn, env.stream_id, event.commitment_code)


async def _deactivate(conn: Connection, env: Envelope, report_id: Any) -> None:
    await conn.execute(DEACTIVATED, env.stream_id, report_id)
