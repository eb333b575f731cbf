"""Reads of the party registry: a page of parties in code order, one party."""

from __future__ import annotations

from uuid import UUID

import asyncpg

from service.reads.errors import AggregateNotFound
from service.reads.party_views import PartyPage, PartyView
from service.reads.rows import decoder
from service.reads.wire import LocalizedTextView

COLUMNS = "SELECT party_id, code, names::text AS names, jurisdiction, parent_id, version FROM party_directory"
names = decoder(LocalizedTextView)


def party_view(row: asyncpg.Record) -> PartyView:
    return PartyView(id=row["party_id"], code=row["code"], names=names(row["names"]),
                     jurisdiction=row["jurisdiction"], parent_id=row["parent_id"], version=row["version"])


async def list_parties(pool: asyncpg.Pool, after: str, limit: int) -> PartyPage:
    rows = await pool.fetch(f"{COLUMNS} WHERE code > $1 ORDER BY code LIMIT $2", after, limit + 1)
    more = len(rows) > limit
    return PartyPage(items=[party_view(r) for r in rows[:limit]],
                     next_cursor=rows[limit - 1]["code"] if more else None)


async def party(pool: asyncpg.Pool, party_id: UUID) -> PartyView:
    row = await pool.fetchrow(f"{COLUMNS} WHERE party_id = $1", party_id)
    if row is None:
        raise AggregateNotFound("party", party_id)
    return party_view(row)
