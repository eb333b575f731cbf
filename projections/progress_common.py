"""What several commitment_progress handlers do: derive level, health and last report; lapse claims."""

from __future__ import annotations

from uuid import UUID

from asyncpg import Connection

from domain.agreement.state import CommitmentProgress, Report
from domain.agreement.values import CompletionLevel, Health
from domain.values import ResponsibilityRole

# The active reports that decide (latest as-of wins, ties by order): the latest of all, the latest whole
# report, and each party's latest share. Refreshing from these gives what refreshing from every active report
# gives, at a cost that does not grow with the commitment's reports (index commitment_report_latest).
_REPORT = ("SELECT report_id, party_id, as_of, reported_on, level, health, own_share, evidence_count, "
           "position FROM commitment_report WHERE agreement_id = $1 AND code = $2 AND active")
DECIDING_REPORTS = (
    f"({_REPORT} ORDER BY as_of DESC, position DESC LIMIT 1) "
    f"UNION ({_REPORT} AND NOT own_share ORDER BY as_of DESC, position DESC LIMIT 1) "
    f"UNION (SELECT DISTINCT ON (party_id) * FROM ({_REPORT} AND own_share) s "
    "ORDER BY party_id, as_of DESC, position DESC) ORDER BY position")
REFRESHED = (
    "UPDATE commitment_progress SET level = CASE WHEN lifecycle = 'completed' THEN 'complete' ELSE $3 END, "
    "shares = $4, health = $5, last_report = $6, last_report_on = $7 "
    "WHERE agreement_id = $1 AND code = $2")
LAPSE_OPEN_CLAIM = (
    "UPDATE commitment_claim k SET status = 'lapsed' FROM commitment_progress c "
    "WHERE c.agreement_id = $1 AND c.code = $2 AND k.agreement_id = c.agreement_id "
    "AND k.claim_id = c.open_claim_id")


async def refresh(conn: Connection, agreement_id: UUID, code: str) -> None:
    """Level, shares, health and last report from the active reports, by the domain's own rule."""
    rows = await conn.fetch(DECIDING_REPORTS, agreement_id, code)
    responsibilities = await conn.fetchval(
        "SELECT responsibilities FROM commitment_progress WHERE agreement_id = $1 AND code = $2",
        agreement_id, code)
    co_leads = frozenset(
        UUID(r["party_id"]) for r in responsibilities if r["role"] == ResponsibilityRole.CO_LEAD)
    progress = CommitmentProgress(reports=[
        Report(r["report_id"], code, r["party_id"], r["as_of"], CompletionLevel(r["level"]),
               Health(r["health"]), r["own_share"], r["evidence_count"]) for r in rows])
    progress.refresh(co_leads)
    latest = sorted(rows, key=lambda r: r["as_of"])[-1] if rows else None  # stable, as the domain's
    last = None if latest is None else {
        k: latest[k] for k in ("report_id", "party_id", "as_of", "reported_on", "level", "health")}
    shares = [{"party_id": party, "level": level} for party, level in progress.shares.items()]
    await conn.execute(REFRESHED, agreement_id, code, progress.level.value, shares,
                       progress.health.value if progress.health else None, last, progress.last_report_on)


async def lapse_open_claim(conn: Connection, agreement_id: UUID, code: str) -> None:
    await conn.execute(LAPSE_OPEN_CLAIM, agreement_id, code)


async def lapse_every_open_claim(conn: Connection, agreement_id: UUID) -> None:
    """The agreement ended: open claims lapse, and their commitments are back in progress."""
    await conn.execute(
        "UPDATE commitment_claim SET status = 'lapsed' WHERE agreement_id = $1 AND status = 'open'",
        agreement_id)
    await conn.execute(
        "UPDATE commitment_progress SET lifecycle = 'in_progress', open_claim_id = NULL "
        "WHERE agreement_id = $1 AND open_claim_id IS NOT NULL", agreement_id)


async def set_lifecycle(conn: Connection, agreement_id: UUID, code: str, lifecycle: str) -> None:
    await conn.execute(
        "UPDATE commitment_progress SET lifecycle = $3 WHERE agreement_id = $1 AND code = $2",
        agreement_id, code, lifecycle)


async def add_evidence(conn: Connection, agreement_id: UUID, code: str, count: int) -> None:
    await conn.execute(
        "UPDATE commitment_progress SET other_evidence = other_evidence + $3 "
        "WHERE agreement_id = $1 AND code = $2", agreement_id, code, count)
