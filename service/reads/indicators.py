"""Reads of indicators: a page in code order, one indicator, and its series with comparability breaks."""

from __future__ import annotations

from uuid import UUID

import asyncpg
import msgspec

from service.reads.errors import AggregateNotFound
from service.reads.indicator_progress import target_progress
from service.reads.indicator_views import (
    BreakKind,
    ComparabilityBreak,
    IndicatorDefinitionView,
    IndicatorPage,
    IndicatorView,
    SeriesObservationView,
    SeriesView,
)
from service.reads.rows import decoder

INDICATORS = (
    "SELECT d.indicator_id, d.code, d.definition::text AS definition, d.definition_version, d.version, "
    "(SELECT count(*) FROM indicator_series_observation o WHERE o.indicator_id = d.indicator_id "
    "AND o.active) AS observation_count FROM indicator_series_definition d")
OBSERVATIONS = (
    "SELECT observation_id, observation::text AS observation, original_quantity::text AS original, "
    "corrections, definition_version FROM indicator_series_observation WHERE indicator_id = $1 AND active "
    "ORDER BY as_of NULLS LAST, recorded_position")


definition = decoder(IndicatorDefinitionView)


def indicator_view(row: asyncpg.Record) -> IndicatorView:
    return IndicatorView(id=row["indicator_id"], code=row["code"], definition=definition(row["definition"]),
                         definition_version=row["definition_version"],
                         observation_count=row["observation_count"], version=row["version"])


async def list_indicators(pool: asyncpg.Pool, after: str, limit: int) -> IndicatorPage:
    rows = await pool.fetch(f"{INDICATORS} WHERE d.code > $1 ORDER BY d.code LIMIT $2", after, limit + 1)
    more = len(rows) > limit
    return IndicatorPage(items=[indicator_view(r) for r in rows[:limit]],
                         next_cursor=rows[limit - 1]["code"] if more else None)


async def indicator(pool: asyncpg.Pool, indicator_id: UUID) -> IndicatorView:
    row = await pool.fetchrow(f"{INDICATORS} WHERE d.indicator_id = $1", indicator_id)
    if row is None:
        raise AggregateNotFound("indicator", indicator_id)
    return indicator_view(row)


async def series(pool: asyncpg.Pool, indicator_id: UUID) -> SeriesView:
    async with pool.acquire() as conn, conn.transaction(readonly=True, isolation="repeatable_read"):
        head = await conn.fetchrow(f"{INDICATORS} WHERE d.indicator_id = $1", indicator_id)
        if head is None:
            raise AggregateNotFound("indicator", indicator_id)
        rows = await conn.fetch(OBSERVATIONS, indicator_id)
    points: list[SeriesObservationView] = []
    for row in rows:
        point = _observation(row)
        if points:
            point.breaks = breaks_between(points[-1], point)
        points.append(point)
    held = indicator_view(head)
    return SeriesView(indicator=held, observations=points, progress=target_progress(held, points))


def _observation(row: asyncpg.Record) -> SeriesObservationView:
    """The stored observation (already in the view's shape) and what the row adds to it."""
    stored = msgspec.json.decode(row["observation"])
    fields = {**stored, "id": row["observation_id"], "originalQuantity": msgspec.json.decode(row["original"]),
              "corrections": row["corrections"], "definitionVersion": row["definition_version"], "breaks": []}
    return msgspec.convert(fields, SeriesObservationView)


def breaks_between(before: SeriesObservationView, after: SeriesObservationView) -> list[ComparabilityBreak]:
    """Why `after` is not comparable with `before`: another unit, scope (dimensions) or definition."""
    found = []
    if before.quantity.unit != after.quantity.unit:
        found.append(ComparabilityBreak(kind=BreakKind.UNIT,
                                        detail=f"unit {before.quantity.unit} -> {after.quantity.unit}"))
    if before.dimensions != after.dimensions:
        found.append(ComparabilityBreak(kind=BreakKind.SCOPE, detail=f"dimensions {_dims(before)} -> "
                                        f"{_dims(after)}"))
    if before.definition_version != after.definition_version:
        found.append(ComparabilityBreak(kind=BreakKind.DEFINITION, detail=f"definition version "
                                        f"{before.definition_version} -> {after.definition_version}"))
    return found


def _dims(o: SeriesObservationView) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(o.dimensions.items())) or "none"


class IndicatorReads:
    """The reads of indicators over one pool."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def list(self, after: str, limit: int) -> IndicatorPage:
        return await list_indicators(self.pool, after, limit)

    async def one(self, indicator_id: UUID) -> IndicatorView:
        return await indicator(self.pool, indicator_id)

    async def series(self, indicator_id: UUID) -> SeriesView:
        return await series(self.pool, indicator_id)
