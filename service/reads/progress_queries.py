"""Reads of the commitment_progress read model: an agreement's progress, a party's obligations, at risk.

Timeliness is derived here, from the stored due dates and the `today` the caller passes in.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any
from uuid import UUID

import asyncpg

from service.reads.attention_views import AtRiskPage, PartyObligationsView
from service.reads.errors import AggregateNotFound, NotVisible
from service.reads.obligation_queries import obligations
from service.reads.progress_shapes import due_of, due_view, open_claim, rollup, timeliness_of
from service.reads.progress_views import AgreementProgressView
from service.reads.queries import shaped
from service.reads.risk_queries import at_risk

VISIBLE = "($2::uuid IS NULL OR $2 = ANY(a.parties))"
OPEN_CLAIMS = (
    "SELECT k.* FROM commitment_claim k JOIN commitment_progress c ON c.agreement_id = k.agreement_id "
    "AND c.open_claim_id = k.claim_id WHERE k.agreement_id = $1")


def milestone(row: asyncpg.Record, today: date) -> dict[str, Any]:
    return {
        "code": row["milestone_code"], "title": row["title"], "due": due_view(due_of(row["due"])),
        "achieved_on": row["achieved_on"],
        "timeliness": timeliness_of({"due": row["due"], "completed_on": row["achieved_on"]}, today),
    }


def commitment(row: asyncpg.Record, claim: dict[str, Any] | None, milestones: list[dict[str, Any]],
               today: date) -> dict[str, Any]:
    columns = ("code", "area_code", "modality", "nature", "responsibilities", "lifecycle", "level",
               "assessed_level", "shares", "health", "verification", "started_on", "completed_on",
               "last_report")
    return {
        **{k: row[k] for k in columns},
        "due": due_view(due_of(row["due"])),
        "timeliness": timeliness_of(row, today),
        "open_claim": claim,
        "evidence_count": row["report_evidence"] + row["other_evidence"],
        "milestones": milestones,
    }


class ProgressQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def obligations(self, party_id: UUID, viewer: UUID | None, today: date) -> PartyObligationsView:
        """What `party_id` answers for; a party reads only its own (`viewer` None: an admin, any)."""
        async with self.pool.acquire() as conn, conn.transaction(isolation="repeatable_read",
                                                                 readonly=True):
            if not await conn.fetchval("SELECT 1 FROM party_directory WHERE party_id = $1", party_id):
                raise AggregateNotFound("party", party_id)
            if viewer is not None and viewer != party_id:
                raise NotVisible("a party reads only its own obligations")
            return await obligations(conn, party_id, today)

    async def at_risk(self, viewer: UUID | None, today: date, after: tuple[int, int],
                      limit: int) -> AtRiskPage:
        return await at_risk(self.pool, viewer, today, after, limit)

    async def agreement_progress(self, agreement_id: UUID, viewer: UUID | None,
                                 today: date) -> AgreementProgressView:
        """Every area and commitment of one agreement, with roll-ups; 404 unless `viewer` is a party."""
        async with self.pool.acquire() as conn, conn.transaction(isolation="repeatable_read",
                                                                 readonly=True):
            agreement = await conn.fetchrow(
                f"SELECT agreement_id, code, status, version FROM progress_agreement a "
                f"WHERE agreement_id = $1 AND {VISIBLE}", agreement_id, viewer)
            if agreement is None:
                raise AggregateNotFound("agreement", agreement_id)
            areas = await conn.fetch("SELECT code, title FROM progress_area WHERE agreement_id = $1 "
                                     "ORDER BY ordinal", agreement_id)
            rows = await conn.fetch("SELECT * FROM commitment_progress WHERE agreement_id = $1 "
                                    "ORDER BY ordinal", agreement_id)
            claims = {r["code"]: open_claim(r) for r in await conn.fetch(OPEN_CLAIMS, agreement_id)}
            milestones: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for m in await conn.fetch("SELECT * FROM commitment_milestone WHERE agreement_id = $1 "
                                      "ORDER BY ordinal", agreement_id):
                milestones[m["code"]].append(milestone(m, today))
        commitments = [commitment(r, claims.get(r["code"]), milestones[r["code"]], today) for r in rows]
        by_area: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for c in commitments:
            by_area[c["area_code"]].append(c)
        areas = [{"code": a["code"], "title": a["title"], "rollup": rollup(by_area[a["code"]]),
                  "commitments": by_area[a["code"]]} for a in areas]
        return shaped({**agreement, "as_of": today, "rollup": rollup(commitments), "areas": areas},
                      AgreementProgressView)
