"""Indicator series: each indicator's definition and observations, stored in the views' camelCase shape."""

from __future__ import annotations

from decimal import Decimal
from functools import singledispatchmethod
from typing import Any

import msgspec
from asyncpg import Connection

from domain.indicator import Indicator
from domain.indicator.values import Definition, Observation, Target
from domain.quantity import Quantity
from projections.base import Envelope


def number(value: Decimal | None) -> str | None:
    """A decimal exactly as stated, as text (as in the events): "62700", "13470000", "12.5"."""
    return None if value is None else f"{value:f}"


def camel(value: Any) -> Any:
    """A domain value object as plain JSON with camelCase keys (the views' names)."""
    return msgspec.to_builtins(_camel_keys(msgspec.to_builtins(value)))


def _camel_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {_camel(k): _camel_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel_keys(v) for v in value]
    return value


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(w.title() for w in rest)


def quantity_row(q: Quantity) -> dict[str, Any]:
    return {"value": number(q.value), "qualifier": q.qualifier, "lower": number(q.lower),
            "upper": number(q.upper), "unit": q.unit, "raw": q.raw, "resolution": number(q.resolution),
            "flag": q.flag}


def target_row(t: Target) -> dict[str, Any]:
    return {"quantity": quantity_row(t.quantity), "source": camel(t.source), "note": t.note}


def definition_row(d: Definition) -> dict[str, Any]:
    return {"name": msgspec.to_builtins(d.name), "measure": d.measure, "unit": d.unit,
            "accumulation": d.accumulation, "dimensions": list(d.dimensions), "note": d.note,
            "targets": [target_row(t) for t in d.targets]}


def observation_row(o: Observation) -> dict[str, Any]:
    return {"quantity": quantity_row(o.quantity), "period": camel(o.period), "nature": o.nature,
            "source": camel(o.source), "dimensions": dict(o.dimensions), "members": list(o.members),
            "label": o.label, "note": o.note, "flags": camel(o.flags)}


class IndicatorSeries:
    name = "indicator_series"
    tables = ("indicator_series_definition", "indicator_series_observation")

    @singledispatchmethod
    async def apply(self, event: object, env: Envelope, conn: Connection) -> None:
        """Events this view does not read."""

    @apply.register
    async def _(self, event: Indicator.Defined, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "INSERT INTO indicator_series_definition (indicator_id, code, definition, definition_version, "
            "version) VALUES ($1, $2, $3, 1, $4)",
            env.stream_id, event.code, definition_row(event.definition), env.version)

    @apply.register
    async def _(self, event: Indicator.DefinitionRevised, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "UPDATE indicator_series_definition SET definition = $2, definition_version = definition_version "
            "+ 1, version = $3 WHERE indicator_id = $1", env.stream_id, definition_row(event.definition),
            env.version)

    @apply.register
    async def _(self, event: Indicator.ObservationRecorded, env: Envelope, conn: Connection) -> None:
        o = event.observation
        as_of = o.period.as_of.value if o.period.as_of else None
        await conn.execute(
            "INSERT INTO indicator_series_observation (observation_id, indicator_id, recorded_position, "
            "as_of, observation, original_quantity, definition_version) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            event.observation_id, env.stream_id, env.position, as_of, observation_row(o),
            quantity_row(o.quantity), event.definition_version)
        await self._touch(env, conn)

    @apply.register
    async def _(self, event: Indicator.ObservationCorrected, env: Envelope, conn: Connection) -> None:
        resolved = [str(kind) for kind in event.resolves]
        await conn.execute(
            "UPDATE indicator_series_observation SET corrections = corrections + 1, observation = "
            "jsonb_set(observation, '{quantity}', $2) || jsonb_build_object('flags', coalesce((SELECT "
            "jsonb_agg(f) FROM jsonb_array_elements(observation->'flags') f WHERE NOT (f->>'kind' = "
            "ANY($3::text[]))), '[]'::jsonb)) WHERE observation_id = $1",
            event.observation_id, quantity_row(event.quantity), resolved)
        await self._touch(env, conn)

    @apply.register
    async def _(self, event: Indicator.ObservationRetracted, env: Envelope, conn: Connection) -> None:
        await conn.execute("UPDATE indicator_series_observation SET active = false, retraction_reason = $2 "
                           "WHERE observation_id = $1", event.observation_id, event.reason)
        await self._touch(env, conn)

    @apply.register
    async def _(self, event: Indicator.ObservationFlagged, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "UPDATE indicator_series_observation SET observation = jsonb_set(observation, '{flags}', "
            "(observation->'flags') || jsonb_build_array($2::jsonb)) WHERE observation_id = $1",
            event.observation_id, camel(event.flag))
        await self._touch(env, conn)

    async def _touch(self, env: Envelope, conn: Connection) -> None:
        await conn.execute("UPDATE indicator_series_definition SET version = $2 WHERE indicator_id = $1",
                           env.stream_id, env.version)
