"""Generations of agreements' stored view documents: every projection batch that touches an agreement moves
its generation in the batch's own transaction, so a document built before the batch is never served after."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

import asyncpg

# The streams of the batch, and the agreements of any party among them (a renamed party shows in their
# views); in a fixed order, so that concurrent batches lock the rows in one order and never deadlock.
TOUCH = """
INSERT INTO document_generation AS g (agreement_id)
SELECT id FROM (SELECT unnest($1::uuid[])
                UNION SELECT agreement_id FROM agreement_party WHERE party_id = ANY($1::uuid[])) AS s(id)
 ORDER BY id
ON CONFLICT (agreement_id) DO UPDATE SET gen = g.gen + 1"""
# Only agreements have documents of their own (rows of other streams' ids are touched by batches too).
TOUCH_ALL = ("UPDATE document_generation g SET gen = g.gen + 1 "
             "WHERE EXISTS (SELECT 1 FROM agreement_summary s WHERE s.agreement_id = g.agreement_id)")


def feeds_documents(projection: object) -> bool:
    """Whether the projection's tables are read into the stored documents."""
    return getattr(projection, "documents", False)


async def touch(conn: asyncpg.Connection, stream_ids: Iterable[UUID]) -> None:
    await conn.execute(TOUCH, sorted(set(stream_ids)))


async def touch_all(conn: asyncpg.Connection) -> None:
    """A rebuild swapped tables in: no document built before is current."""
    await conn.execute(TOUCH_ALL)
