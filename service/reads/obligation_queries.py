"""A party's obligations across agreements, from the commitment_progress read model and the clock."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import asyncpg

from domain.agreement.values import OPEN_LIFECYCLES
from service.reads.attention_views import DisputeSide, PartyObligationsView
from service.reads.progress_shapes import due_of, due_view, open_claim, timeliness_of
from service.reads.queries import shaped

# Signed and not ended: what a party answers for now.
CURRENT = "a.status IN ('signed', 'in_force', 'suspended', 'finalising')"
WINDOWS = (30, 90)
RESPONSIBLE = f"""
SELECT a.agreement_id, a.code AS agreement_code, c.*
  FROM commitment_progress c JOIN progress_agreement a USING (agreement_id)
 WHERE {CURRENT} AND c.responsibilities @> jsonb_build_array(jsonb_build_object('party_id', $1::uuid::text))
 ORDER BY a.listed_position, c.ordinal"""
MILESTONES = f"""
SELECT m.agreement_id, m.code, m.milestone_code, m.due
  FROM commitment_milestone m JOIN commitment_progress c USING (agreement_id, code)
  JOIN progress_agreement a USING (agreement_id)
 WHERE {CURRENT} AND c.responsibilities @> jsonb_build_array(jsonb_build_object('party_id', $1::uuid::text))
   AND m.achieved_on IS NULL AND m.deadline <= $2::date + {max(WINDOWS)}
 ORDER BY m.deadline, m.ordinal"""
AWAITING = f"""
SELECT a.code AS agreement_code, k.*
  FROM commitment_claim k JOIN progress_agreement a USING (agreement_id)
 WHERE {CURRENT} AND k.status = 'open' AND k.counterparties @> ARRAY[$1::uuid]
   AND NOT k.acknowledged ? $1::uuid::text
 ORDER BY a.listed_position, k.position"""
DISPUTES = f"""
SELECT a.agreement_id, a.code AS agreement_code, c.code AS commitment_code, k.claim_id, k.claimant,
       k.disputed_by, k.dispute_reason AS reason, k.disputed_on
  FROM commitment_progress c JOIN progress_agreement a USING (agreement_id)
  JOIN commitment_claim k ON k.agreement_id = c.agreement_id AND k.claim_id = c.last_claim_id
 WHERE {CURRENT} AND k.status = 'disputed' AND (k.claimant = $1 OR k.disputed_by = $1)
   AND c.lifecycle IN ('in_progress', 'on_hold')
 ORDER BY a.listed_position, c.ordinal"""


def responsibility(row: asyncpg.Record, party_id: UUID, today: date) -> dict[str, Any]:
    role = next(r["role"] for r in row["responsibilities"] if r["party_id"] == str(party_id))
    return {
        **{k: row[k] for k in ("agreement_id", "agreement_code", "area_code", "lifecycle", "level",
                               "health")},
        "commitment_code": row["code"], "role": role, "due": due_view(due_of(row["due"])),
        "timeliness": timeliness_of(row, today),
    }


def due_items(commitments: list[asyncpg.Record], milestones: list[asyncpg.Record],
              today: date) -> list[dict[str, Any]]:
    """Open commitments and their unachieved milestones with a due date, soonest deadline first."""
    live = {(c["agreement_id"], c["code"]): c for c in commitments if c["lifecycle"] in OPEN_LIFECYCLES}
    dated = [(c, None, c["due"]) for c in live.values() if c["due"]]
    dated += [(live[key], m["milestone_code"], m["due"]) for m in milestones
              if (key := (m["agreement_id"], m["code"])) in live]
    items = []
    for c, milestone_code, stored in dated:
        due = due_of(stored)
        items.append({
            "agreement_id": c["agreement_id"], "agreement_code": c["agreement_code"],
            "commitment_code": c["code"], "milestone_code": milestone_code, "due": due_view(due),
            "days_left": (due.deadline - today).days, "lifecycle": c["lifecycle"], "level": c["level"],
        })
    return sorted(items, key=lambda i: i["days_left"])


async def obligations(conn: asyncpg.Connection, party_id: UUID, today: date) -> PartyObligationsView:
    commitments = await conn.fetch(RESPONSIBLE, party_id)
    due = due_items(commitments, await conn.fetch(MILESTONES, party_id, today), today)
    awaiting = [{"agreement_id": k["agreement_id"], "agreement_code": k["agreement_code"],
                 "commitment_code": k["code"], **open_claim(k)} for k in await conn.fetch(AWAITING, party_id)]
    disputes = [{**d, "side": DisputeSide.RAISED if d["disputed_by"] == party_id else DisputeSide.RECEIVED}
                for d in await conn.fetch(DISPUTES, party_id)]
    return shaped({
        "party_id": party_id, "as_of": today,
        "responsibilities": [responsibility(c, party_id, today) for c in commitments],
        "overdue": [i for i in due if i["days_left"] < 0],
        **{f"due_within_{n}_days": [i for i in due if 0 <= i["days_left"] <= n] for n in WINDOWS},
        "claims_awaiting_acknowledgement": awaiting,
        "open_disputes": disputes,
    }, PartyObligationsView)
