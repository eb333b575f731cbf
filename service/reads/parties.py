"""Reads of the party registry: a page of parties in code order, one party."""

from __future__ import annotations

from uuid import UUID

import asyncpg

from service.reads.errors import AggregateNotFound
from service.reads.party_views import PartyPage, PartyRefView, PartyView
from service.reads.rows import decoder
from service.reads.wire import LocalizedTextView

COLUMNS = ("SELECT p.party_id, p.code, p.names::text AS names, p.jurisdiction, p.parent_id, "
           "parent.code AS parent_code, p.version FROM party_directory p "
           "LEFT JOIN party_directory parent ON parent.party_id = p.parent_id")
names = decoder(LocalizedTextView)


def party_view(row: asyncpg.Record) -> PartyView:
    return PartyView(id=row["party_id"], code=row["code"], names=names(row["names"]),
                     jurisdiction=row["jurisdiction"], parent_id=row["parent_id"],
                     parent_code=row["parent_code"], version=row["version"],
                     parent=PartyRefView(id=row["parent_id"], code=row["parent_code"])
                     if row["parent_id"] else None)


async def list_parties(pool: asyncpg.Pool, after: str, limit: int, code: str | None = None) -> PartyPage:
    """A page of parties in code order; only the party with `code`, when one is named."""
    rows = await pool.fetch(f"{COLUMNS} WHERE p.code > $1 AND ($3::text IS NULL OR p.code = $3) "
                            "ORDER BY p.code LIMIT $2", after, limit + 1, code)
    more = len(rows) > limit
    return PartyPage(items=[party_view(r) for r in rows[:limit]],
                     next_cursor=rows[limit - 1]["code"] if more else None)


async def party(pool: asyncpg.Pool, party_id: UUID) -> PartyView:
    row = await pool.fetchrow(f"{COLUMNS} WHERE p.party_id = $1", party_id)
    if row is None:
        raise AggregateNotFound("party", party_id)
    return party_view(row)
