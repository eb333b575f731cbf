"""The data-quality queue: every flagged fact in the order raised; facts of agreements for their parties."""

from __future__ import annotations

from uuid import UUID

import asyncpg

from service.reads.data_quality_views import (
    EventRefView,
    FlaggedSubjectView,
    QualityItemView,
    QualityPage,
    QualityStatus,
    ResolutionView,
)
from service.reads.indicator_views import FigureSourceView
from service.reads.rows import decoder, nullable

# $1: the viewer (NULL: every item); a fact of an agreement shows only to the agreement's parties.
VISIBLE = ("(i.agreement_id IS NULL OR $1::uuid IS NULL OR EXISTS (SELECT 1 FROM agreement_party p "
           "WHERE p.agreement_id = i.agreement_id AND p.party_id = $1))")
STATUS = "($2::text IS NULL OR (i.resolved IS NULL) = ($2 = 'open'))"
PAGE = f"""
SELECT i.item_id, i.listed_position, i.flag, i.subject::text AS subject, i.raw, i.note,
       i.source::text AS source, i.resolve_by, i.raised::text AS raised, i.recorded_at,
       i.resolved::text AS resolved, i.updated_at
  FROM data_quality_item i
 WHERE {VISIBLE} AND {STATUS} AND (i.listed_position, i.item_id) > ($3, $4)
 ORDER BY i.listed_position, i.item_id LIMIT $5"""
COUNTS = f"""
SELECT count(*) FILTER (WHERE i.resolved IS NULL) AS open, count(*) FILTER (WHERE i.resolved IS NOT NULL)
       AS resolved FROM data_quality_item i WHERE {VISIBLE}"""
NO_ITEM = UUID(int=0)

subject = decoder(FlaggedSubjectView)
source = nullable(decoder(FigureSourceView))
raised = decoder(EventRefView)
resolved = nullable(decoder(ResolutionView))


def item(r: asyncpg.Record) -> QualityItemView:
    done = resolved(r["resolved"])
    return QualityItemView(
        id=r["item_id"], flag=r["flag"], status=QualityStatus.RESOLVED if done else QualityStatus.OPEN,
        subject=subject(r["subject"]), raw=r["raw"], note=r["note"], source=source(r["source"]),
        resolve_by=r["resolve_by"], raised=raised(r["raised"]), raised_at=r["recorded_at"], resolved=done,
        resolved_at=r["updated_at"])


class DataQualityReads:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def queue(self, viewer: UUID | None, status: QualityStatus | None, after: tuple[int, UUID] | None,
                    limit: int) -> QualityPage:
        """A page of the queue after `after` ((position, id) of the last item seen)."""
        position, last = after or (0, NO_ITEM)
        wanted = str(status) if status else None
        async with self.pool.acquire() as conn, conn.transaction(readonly=True, isolation="repeatable_read"):
            rows = await conn.fetch(PAGE, viewer, wanted, position, last, limit + 1)
            counts = await conn.fetchrow(COUNTS, viewer)
        more = len(rows) > limit
        tail = rows[limit - 1] if more else None
        return QualityPage(
            items=[item(r) for r in rows[:limit]], open_count=counts["open"],
            resolved_count=counts["resolved"],
            next_cursor=f"{tail['listed_position']}/{tail['item_id']}" if tail else None)
