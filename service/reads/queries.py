"""Reads from the read models, shaped as response Structs."""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any, TypeVar
from uuid import UUID

import asyncpg
import msgspec

from projections import Projection
from service.reads.agreement_views import (
    AgreementPage,
    AgreementSummaryView,
    AgreementView,
    PartyPage,
    PartyView,
)
from service.reads.errors import AggregateNotFound, NotCaughtUp, UnknownPosition
from service.reads.summary_queries import summary_extras
from service.store.eventstore import EventStore
from service.store.parking import ProjectionParked

T = TypeVar("T")
SUMMARY_COLUMNS = (
    "agreement_id AS id, code, title, authentic_language, instrument_type, status, version, "
    "period, drafted_at, signed_on, entry_into_force, party_count, area_count, commitment_count, "
    "updated_at, text_version")
VISIBLE = "($2::uuid IS NULL OR EXISTS (SELECT 1 FROM agreement_party p " \
          "WHERE p.agreement_id = s.agreement_id AND p.party_id = $2))"


def _camel(value: Any) -> Any:
    if isinstance(value, dict):
        return {re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), k): _camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel(v) for v in value]
    return value


def shaped(row: asyncpg.Record | dict, into: type[T]) -> T:
    """A row (snake_case columns, jsonb as Python values) as a camelCase response Struct."""
    return msgspec.convert(_camel(dict(row)), into, strict=False)


class Queries:
    def __init__(self, pool: asyncpg.Pool, store: EventStore, max_wait: float) -> None:
        self.pool = pool
        self.store = store
        self.max_wait = max_wait

    async def list_agreements(self, viewer: UUID | None, after: int, limit: int) -> AgreementPage:
        async with self.pool.acquire() as conn, conn.transaction(isolation="repeatable_read",
                                                                 readonly=True):
            rows = await conn.fetch(
                f"SELECT {SUMMARY_COLUMNS}, listed_position FROM agreement_summary s "
                f"WHERE listed_position > $1 AND {VISIBLE} ORDER BY listed_position LIMIT $3",
                after, viewer, limit + 1)
            extras = await summary_extras(conn, [r["id"] for r in rows[:limit]])
        more = len(rows) > limit
        items = [shaped({**r, **extras[r["id"]]}, AgreementSummaryView) for r in rows[:limit]]
        cursor = str(rows[limit - 1]["listed_position"]) if more else None
        return AgreementPage(items=items, next_cursor=cursor)

    async def agreement(self, agreement_id: UUID, viewer: UUID | None) -> AgreementView:
        async with self.pool.acquire() as conn, conn.transaction(isolation="repeatable_read",
                                                                 readonly=True):
            summary = await conn.fetchrow(
                f"SELECT {SUMMARY_COLUMNS}, text_digest FROM agreement_summary s "
                f"WHERE agreement_id = $1 AND {VISIBLE}", agreement_id, viewer)
            if summary is None:
                raise AggregateNotFound("agreement", agreement_id)
            parties = await conn.fetch(
                "SELECT p.party_id, d.code, coalesce(d.names, '{}'::jsonb) AS names, p.role, "
                "s.signed_on FROM agreement_party p "
                "LEFT JOIN party_directory d USING (party_id) "
                "LEFT JOIN agreement_signature s USING (agreement_id, party_id) "
                "WHERE p.agreement_id = $1 ORDER BY p.ordinal", agreement_id)
            areas = await conn.fetch("SELECT code, title, aliases, aim FROM agreement_area "
                                     "WHERE agreement_id = $1 ORDER BY ordinal", agreement_id)
            commitments = await conn.fetch(
                "SELECT code, area_code, text, modality, nature, responsibilities, responsibility_basis "
                "FROM agreement_commitment WHERE agreement_id = $1 ORDER BY ordinal", agreement_id)
            signatures = await conn.fetch(
                "SELECT party_id, signed_on, place, recorded_at FROM agreement_signature "
                "WHERE agreement_id = $1 ORDER BY recorded_at", agreement_id)
            extras = await summary_extras(conn, [agreement_id])
        return shaped({**summary, **extras[agreement_id], "parties": [_camel(dict(p)) for p in parties],
                       "areas": [_camel(dict(a)) for a in areas],
                       "commitments": [_camel(dict(c)) for c in commitments],
                       "signatures": [_camel(dict(s)) for s in signatures]}, AgreementView)

    async def list_parties(self, after: str, limit: int) -> PartyPage:
        rows = await self.pool.fetch(
            "SELECT party_id AS id, code, names, jurisdiction, parent_id, version FROM party_directory "
            "WHERE code > $1 ORDER BY code LIMIT $2", after, limit + 1)
        more = len(rows) > limit
        return PartyPage(items=[shaped(r, PartyView) for r in rows[:limit]],
                         next_cursor=rows[limit - 1]["code"] if more else None)

    async def party(self, party_id: UUID) -> PartyView:
        row = await self.pool.fetchrow(
            "SELECT party_id AS id, code, names, jurisdiction, parent_id, version FROM party_directory "
            "WHERE party_id = $1", party_id)
        if row is None:
            raise AggregateNotFound("party", party_id)
        return shaped(row, PartyView)

    async def wait_for(self, position: int, projections: tuple[Projection, ...]) -> None:
        """Return once every named projection has applied the event at `position`.

        A projection parked short of it would keep the read waiting for an operator: it fails at once.
        """
        target = await self.store.cursor_of(position)
        if target is None:
            raise UnknownPosition(f"no event is stored at position {position}")
        names = [p.name for p in projections]
        deadline = time.monotonic() + self.max_wait
        while True:
            behind, parked = await self.pool.fetchrow(
                "SELECT count(*), array_agg(n.name) FILTER (WHERE t.state = 'parked') "
                "FROM unnest($1::text[]) AS n(name) LEFT JOIN projection_tracking t "
                "USING (name) WHERE t.name IS NULL OR (t.txid, t.position) < ($2, $3)",
                names, target.txid, target.position)
            if parked:
                raise ProjectionParked(parked)
            if not behind:
                return
            if time.monotonic() >= deadline:
                raise NotCaughtUp(f"read models are still behind position {position}")
            await asyncio.sleep(0.02)
