"""A party's obligations across agreements, from the commitment_progress read model and the clock.

One statement returns whether the party exists and the four lists as json; the claims awaiting
acknowledgement and the disputes come in their views' shape, the rest is derived here.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

import asyncpg

from domain.agreement.values import (
    OPEN_LIFECYCLES,
    CommitmentLifecycle,
    CompletionLevel,
    DueDate,
    Health,
    timeliness,
)
from domain.values import ResponsibilityRole
from service.reads.attention_views import (
    ClaimAwaitingView,
    DisputeView,
    DueItemView,
    PartyObligationsView,
    ResponsibilityObligationView,
)
from service.reads.documents import OF_SOURCES, Built
from service.reads.due_dates import due_view
from service.reads.errors import AggregateNotFound, NotVisible
from service.reads.rows import Row, array, decoder, open_claim

# Signed and not ended: what a party answers for now.
CURRENT = "a.status IN ('signed', 'in_force', 'suspended', 'finalising')"
RESPONSIBLE = "c.responsibilities @> jsonb_build_array(jsonb_build_object('party_id', $1::uuid::text))"
WINDOWS = (30, 90)
ROLE = ("(SELECT item.o->>'role' FROM jsonb_array_elements(c.responsibilities) WITH ORDINALITY AS item(o, n) "
        "WHERE item.o->>'party_id' = $1::uuid::text ORDER BY item.n LIMIT 1)")
COMMITMENTS = array(
    "json_build_object('agreementId', a.agreement_id, 'agreementCode', a.code, 'code', c.code, "
    f"'areaCode', c.area_code, 'role', {ROLE}, 'lifecycle', c.lifecycle, 'level', c.level, "
    "'health', c.health, 'due', c.due, 'completedOn', c.completed_on)",
    f"commitment_progress c JOIN progress_agreement a USING (agreement_id) WHERE {CURRENT} AND {RESPONSIBLE}",
    "a.listed_position, c.ordinal")
MILESTONES = array(
    "json_build_object('agreementId', m.agreement_id, 'code', m.code, 'milestoneCode', m.milestone_code, "
    "'due', m.due)",
    "commitment_milestone m JOIN commitment_progress c USING (agreement_id, code) "
    f"JOIN progress_agreement a USING (agreement_id) WHERE {CURRENT} AND {RESPONSIBLE} "
    f"AND m.achieved_on IS NULL AND m.deadline <= $2::date + {max(WINDOWS)}",
    "m.deadline, m.ordinal")
AWAITING = array(
    "json_build_object('agreementId', k.agreement_id, 'agreementCode', a.code, 'commitmentCode', k.code, "
    f"{open_claim('k')})",
    f"commitment_claim k JOIN progress_agreement a USING (agreement_id) WHERE {CURRENT} "
    "AND k.status = 'open' AND k.counterparties @> ARRAY[$1::uuid] AND NOT k.acknowledged ? $1::uuid::text",
    "a.listed_position, k.position")
DISPUTES = array(
    "json_build_object('agreementId', a.agreement_id, 'agreementCode', a.code, 'commitmentCode', c.code, "
    "'claimId', k.claim_id, 'claimant', k.claimant, 'disputedBy', k.disputed_by, "
    "'reason', k.dispute_reason, 'disputedOn', k.disputed_on, "
    "'side', CASE WHEN k.disputed_by = $1::uuid THEN 'raised' ELSE 'received' END)",
    "commitment_progress c JOIN progress_agreement a USING (agreement_id) "
    "JOIN commitment_claim k ON k.agreement_id = c.agreement_id AND k.claim_id = c.last_claim_id "
    f"WHERE {CURRENT} AND k.status = 'disputed' AND (k.claimant = $1::uuid OR k.disputed_by = $1::uuid) "
    "AND c.lifecycle IN ('in_progress', 'on_hold')",
    "a.listed_position, c.ordinal")
KNOWN = "EXISTS (SELECT 1 FROM party_directory WHERE party_id = $1::uuid)"
OBLIGATIONS = f"""
SELECT {KNOWN} AS known, {COMMITMENTS} AS commitments, {MILESTONES} AS milestones,
       {AWAITING} AS awaiting, {DISPUTES} AS disputes"""
# The same, with where the projections named by $3 stand, read in the same snapshot.
OBLIGATIONS_DOCUMENT = OBLIGATIONS + f", {OF_SOURCES.format(names='$3')} AS gen"


class CommitmentRow(Row):
    agreement_id: UUID
    agreement_code: str
    code: str
    area_code: str
    role: ResponsibilityRole
    lifecycle: CommitmentLifecycle
    level: CompletionLevel
    health: Health | None
    due: DueDate | None
    completed_on: date | None


class MilestoneRow(Row):
    agreement_id: UUID
    code: str
    milestone_code: str
    due: DueDate


commitments_of = decoder(list[CommitmentRow])
milestones_of = decoder(list[MilestoneRow])
awaiting_of = decoder(list[ClaimAwaitingView])
disputes_of = decoder(list[DisputeView])


def responsibility(c: CommitmentRow, today: date) -> ResponsibilityObligationView:
    return ResponsibilityObligationView(
        agreement_id=c.agreement_id, agreement_code=c.agreement_code, commitment_code=c.code,
        area_code=c.area_code, role=c.role, lifecycle=c.lifecycle, level=c.level, health=c.health,
        due=due_view(c.due), timeliness=timeliness(c.due, c.completed_on, today),
    )


def due_items(commitments: list[CommitmentRow], milestones: list[MilestoneRow],
              today: date) -> list[DueItemView]:
    """Open commitments and their unachieved milestones with a due date, soonest deadline first."""
    live = {(c.agreement_id, c.code): c for c in commitments if c.lifecycle in OPEN_LIFECYCLES}
    dated = [(c, None, c.due) for c in live.values() if c.due]
    dated += [(live[key], m.milestone_code, m.due) for m in milestones
              if (key := (m.agreement_id, m.code)) in live]
    items = [DueItemView(agreement_id=c.agreement_id, agreement_code=c.agreement_code, commitment_code=c.code,
                         milestone_code=milestone_code, due=due_view(due),
                         days_left=(due.deadline - today).days, lifecycle=c.lifecycle, level=c.level)
             for c, milestone_code, due in dated]
    return sorted(items, key=lambda i: i.days_left)


async def obligations(pool: asyncpg.Pool, party_id: UUID, viewer: UUID | None,
                      today: date) -> PartyObligationsView:
    """What `party_id` answers for; a party reads only its own (`viewer` None: an admin, any)."""
    if viewer is not None and viewer != party_id:
        if not await pool.fetchval(f"SELECT {KNOWN}", party_id):
            raise AggregateNotFound("party", party_id)
        raise NotVisible("a party reads only its own obligations")
    return _view(party_id, await pool.fetchrow(OBLIGATIONS, party_id, today), today)


async def obligations_built(pool: asyncpg.Pool, party_id: UUID, viewer: UUID | None, today: date,
                            sources: list[str]) -> Built:
    """The obligations as `obligations` reads them, with where `sources` stood."""
    if viewer is not None and viewer != party_id:
        await obligations(pool, party_id, viewer, today)  # raises: not found, or not visible
    row = await pool.fetchrow(OBLIGATIONS_DOCUMENT, party_id, today, sources)
    return Built(_view(party_id, row, today), row["gen"], [party_id], None)


def _view(party_id: UUID, row: asyncpg.Record, today: date) -> PartyObligationsView:
    if not row["known"]:
        raise AggregateNotFound("party", party_id)
    commitments = commitments_of(row["commitments"])
    due = due_items(commitments, milestones_of(row["milestones"]), today)
    soon, later = WINDOWS
    return PartyObligationsView(
        party_id=party_id, as_of=today,
        responsibilities=[responsibility(c, today) for c in commitments],
        overdue=[i for i in due if i.days_left < 0],
        due_within_30_days=[i for i in due if 0 <= i.days_left <= soon],
        due_within_90_days=[i for i in due if 0 <= i.days_left <= later],
        claims_awaiting_acknowledgement=awaiting_of(row["awaiting"]),
        open_disputes=disputes_of(row["disputes"]),
    )
