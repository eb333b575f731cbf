"""What needs attention, from the commitment_progress read model and the clock: the at-risk list."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import asyncpg

from domain.agreement.values import CommitmentLifecycle, CompletionLevel, DueDate, Health, timeliness
from service.reads.attention_views import AtRiskItemView, AtRiskPage, AtRiskReason, AtRiskReasonView
from service.reads.due_dates import due_view, stored_due
from service.reads.rows import Row, decoder, nullable

R = AtRiskReason
LIVE_AGREEMENT = "a.status IN ('in_force', 'suspended', 'finalising')"
LIVE_COMMITMENT = "c.lifecycle IN ('planned', 'in_progress', 'on_hold', 'completion_claimed')"
DUE_SOON_DAYS, QUIET_DAYS = 30, 90
# Each flag is one reason to list a commitment; $1 is today.
FLAGGED = f"""
WITH flagged AS (
    SELECT a.agreement_id, a.code AS agreement_code, a.listed_position, c.code, c.area_code, c.ordinal,
           c.lifecycle, c.level, c.health, c.due::text AS due, c.completed_on, c.last_report_on,
           c.last_claim_id,
           coalesce(c.last_report_on, c.added_on, a.in_force_on) AS quiet_since,
           coalesce(c.due_deadline < $1, false) AS overdue,
           coalesce(c.due_deadline BETWEEN $1 AND $1 + {DUE_SOON_DAYS}
                    AND c.level IN ('no_evidence', 'not_started', 'limited'), false) AS due_soon,
           coalesce(c.health = 'off_track', false) AS off_track,
           coalesce(a.status <> 'suspended' AND c.lifecycle <> 'completion_claimed'
                    AND coalesce(c.last_report_on, c.added_on, a.in_force_on) <= $1 - {QUIET_DAYS},
                    false) AS quiet,
           (SELECT json_agg(json_build_object('code', m.milestone_code, 'deadline', m.deadline)
                            ORDER BY m.ordinal)
              FROM commitment_milestone m WHERE m.agreement_id = c.agreement_id AND m.code = c.code
               AND m.achieved_on IS NULL AND m.deadline < $1) AS late_milestones
      FROM commitment_progress c JOIN progress_agreement a USING (agreement_id)
     WHERE {LIVE_AGREEMENT} AND {LIVE_COMMITMENT}
       AND ($2::uuid IS NULL OR $2 = ANY(a.parties))
       AND (a.listed_position, c.ordinal) > ($3, $4)
)
SELECT f.*, k.disputed_by, k.dispute_reason, k.disputed_on
  FROM flagged f
  LEFT JOIN commitment_claim k  -- the last claim, disputed, and no new claim since
    ON k.agreement_id = f.agreement_id AND k.claim_id = f.last_claim_id AND k.status = 'disputed'
 WHERE f.overdue OR f.due_soon OR f.off_track OR f.quiet OR k.claim_id IS NOT NULL
    OR f.late_milestones IS NOT NULL
 ORDER BY f.listed_position, f.ordinal
 LIMIT $5"""


class LateMilestone(Row):
    code: str
    deadline: date


late_milestones_of = nullable(decoder(list[LateMilestone]))


def reasons(row: asyncpg.Record, due: DueDate | None, today: date) -> list[AtRiskReasonView]:
    """Why the commitment is listed, each with the date it is about."""
    out = []

    def add(reason: AtRiskReason, detail: str, on: date | None, milestone: str | None = None) -> None:
        out.append(AtRiskReasonView(reason=reason, detail=detail, on=on, milestone_code=milestone))

    if row["overdue"] and due:
        add(R.OVERDUE, f"due by {due.deadline}, {(today - due.deadline).days} days ago", due.deadline)
    for m in late_milestones_of(row["late_milestones"]) or ():
        add(R.MILESTONE_OVERDUE, f"milestone {m.code} was due by {m.deadline} and is not achieved",
            m.deadline, m.code)
    if row["due_soon"] and due:
        add(R.DUE_SOON_BELOW_SUBSTANTIAL,
            f"due by {due.deadline}, in {(due.deadline - today).days} days, at level {row['level']}",
            due.deadline)
    if row["off_track"]:
        add(R.OFF_TRACK, f"reported off track as of {row['last_report_on']}", row["last_report_on"])
    if row["quiet"]:
        since = row["quiet_since"]
        add(R.NO_RECENT_REPORT, f"no report since {since}" if row["last_report_on"]
            else f"no report yet; reports were due from {since}", since)
    if row["disputed_by"]:
        add(R.DISPUTED, f"completion claim disputed by party {row['disputed_by']} on "
            f"{row['disputed_on']}: {row['dispute_reason']}", row["disputed_on"])
    return out


def item(row: asyncpg.Record, today: date) -> AtRiskItemView:
    due = stored_due(row["due"])
    health = row["health"]
    return AtRiskItemView(
        agreement_id=row["agreement_id"], agreement_code=row["agreement_code"], area_code=row["area_code"],
        commitment_code=row["code"], lifecycle=CommitmentLifecycle(row["lifecycle"]),
        level=CompletionLevel(row["level"]), health=None if health is None else Health(health),
        due=due_view(due), timeliness=timeliness(due, row["completed_on"], today),
        last_report_on=row["last_report_on"], reasons=reasons(row, due, today),
    )


async def at_risk(pool: asyncpg.Pool, viewer: UUID | None, today: date, after: tuple[int, int],
                  limit: int) -> AtRiskPage:
    """Open commitments of live agreements with at least one reason to worry, a page at a time."""
    rows = await pool.fetch(FLAGGED, today, viewer, after[0], after[1], limit + 1)
    last = rows[limit - 1] if len(rows) > limit else None
    return AtRiskPage(as_of=today, items=[item(row, today) for row in rows[:limit]],
                      next_cursor=f"{last['listed_position']}:{last['ordinal']}" if last else None)
