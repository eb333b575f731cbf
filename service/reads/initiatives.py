"""Reads of initiatives: a page in the order recorded, one initiative.

Visibility follows the agreements: an initiative linked to agreements is read by their parties (and
admins), as those agreements are; one linked to none is a published statement of its own and every key
reads it."""

from __future__ import annotations

from uuid import UUID

import asyncpg
import msgspec

from service.reads.errors import AggregateNotFound
from service.reads.indicator_views import FigureDateView, FigureSourceView
from service.reads.initiative_views import (
    AgreementLinkView,
    Audience,
    InitiativeItemView,
    InitiativePage,
    InitiativeView,
)
from service.reads.party_views import PartyRefView
from service.reads.rows import decoder
from service.reads.wire import LocalizedTextView

COLUMNS = """SELECT i.initiative_id, i.listed_position, i.code, i.kind, i.owner_id, o.code AS owner_code,
       i.body::text AS body, i.version, cardinality(i.agreement_ids) AS linked,
       (SELECT coalesce(json_agg(json_build_object('id', l->>'agreementId', 'code', s.code,
               'basis', l->'basis') ORDER BY n), '[]')::text
          FROM jsonb_array_elements(i.body->'links') WITH ORDINALITY AS e(l, n)
          LEFT JOIN agreement_summary s ON s.agreement_id = (l->>'agreementId')::uuid) AS agreements
  FROM initiative_directory i LEFT JOIN party_directory o ON o.party_id = i.owner_id"""
VISIBLE = """($2::uuid IS NULL OR cardinality(i.agreement_ids) = 0 OR EXISTS (
    SELECT 1 FROM agreement_party p WHERE p.agreement_id = ANY (i.agreement_ids) AND p.party_id = $2))"""
PAGE = f"{COLUMNS}\n WHERE i.listed_position > $1 AND {VISIBLE}\n ORDER BY i.listed_position LIMIT $3"
ONE = f"{COLUMNS}\n WHERE i.initiative_id = $1 AND {VISIBLE}"


class Body(msgspec.Struct, rename="camel"):
    summary: LocalizedTextView | None
    speaker: str | None
    source: FigureSourceView
    items: list[InitiativeItemView]
    effective_from: FigureDateView | None
    note: str | None


body = decoder(Body)
links = decoder(list[AgreementLinkView])


def initiative_view(row: asyncpg.Record) -> InitiativeView:
    b = body(row["body"])
    owner = PartyRefView(id=row["owner_id"], code=row["owner_code"]) if row["owner_id"] else None
    return InitiativeView(
        id=row["initiative_id"], code=row["code"], kind=row["kind"], summary=b.summary, owner=owner,
        speaker=b.speaker, source=b.source, items=b.items, effective_from=b.effective_from, note=b.note,
        agreements=links(row["agreements"]), version=row["version"],
        audience=Audience.AGREEMENT_PARTIES if row["linked"] else Audience.PUBLIC)


class InitiativeReads:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def list(self, viewer: UUID | None, after: int, limit: int) -> InitiativePage:
        """The initiatives `viewer` may read (None: all) recorded after `after`, a page at a time."""
        rows = await self.pool.fetch(PAGE, after, viewer, limit + 1)
        more = len(rows) > limit
        return InitiativePage(items=[initiative_view(r) for r in rows[:limit]],
                              next_cursor=str(rows[limit - 1]["listed_position"]) if more else None)

    async def one(self, initiative_id: UUID, viewer: UUID | None) -> InitiativeView:
        """One initiative; not found unless `viewer` may read it (a non-party learns nothing)."""
        row = await self.pool.fetchrow(ONE, initiative_id, viewer)
        if row is None:
            raise AggregateNotFound("initiative", initiative_id)
        return initiative_view(row)
