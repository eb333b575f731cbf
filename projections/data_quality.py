"""The data-quality queue: every flagged fact, who raised it, and the event that resolved it (if any)."""

from __future__ import annotations

from functools import singledispatchmethod
from typing import Any
from uuid import UUID, uuid5

from asyncpg import Connection

from domain.agreement import Agreement
from domain.indicator import Indicator
from domain.indicator.values import Observation
from domain.quality import Defect
from domain.quality.values import INFERRED_AGREEMENT_DATE, INFERRED_DATE, RESOLVED_BY
from projections.base import Envelope
from projections.indicator_series import camel

ITEMS = UUID("9e4b7a2c-51d3-4f08-b6a9-0c2e8d5f1a47")  # namespace of the items raised on observations
INSERT = (
    "INSERT INTO data_quality_item (item_id, listed_position, stream_id, observation_id, agreement_id, "
    "subject, flag, raw, note, source, resolve_by, raised, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, "
    "$7, $8, $9, $10, $11, $12, $13) ON CONFLICT (item_id) DO NOTHING")
RESOLVE = ("UPDATE data_quality_item SET resolved = $2, updated_at = $3 WHERE item_id = ANY($1::uuid[]) "
           "AND resolved IS NULL")


def event_ref(event: Any, env: Envelope, **more: Any) -> dict[str, Any]:
    return {"eventType": event.TOPIC, "streamId": str(env.stream_id), "version": env.version,
            "position": env.position, **more}


def observation_flags(o: Observation) -> list[tuple[str, str, str | None, str | None]]:
    """(item key, flag, raw, note) of each flagged fact of an observation."""
    found = [(f"flag:{f.kind}", str(f.kind), f.raw, f.note) for f in o.flags]
    if o.quantity.flag is not None:
        found.append((f"quantity:{o.quantity.flag}", str(o.quantity.flag), o.quantity.raw, None))
    for name, date in (("asOf", o.period.as_of), ("since", o.period.since)):
        if date is not None and date.inferred:
            found.append((f"{INFERRED_DATE}:{name}", INFERRED_DATE, date.value, date.basis))
    return found


class DataQuality:
    name = "data_quality"
    tables = ("data_quality_indicator", "data_quality_observation", "data_quality_item")

    @singledispatchmethod
    async def apply(self, event: object, env: Envelope, conn: Connection) -> None:
        """Events this view does not read."""

    @apply.register
    async def _(self, event: Indicator.Defined, env: Envelope, conn: Connection) -> None:
        await conn.execute("INSERT INTO data_quality_indicator (indicator_id, code) VALUES ($1, $2)",
                           env.stream_id, event.code)

    @apply.register
    async def _(self, event: Indicator.ObservationRecorded, env: Envelope, conn: Connection) -> None:
        source = camel(event.observation.source)
        await conn.execute("INSERT INTO data_quality_observation (observation_id, source) VALUES ($1, $2)",
                           event.observation_id, source)
        await self._insert(conn, env, event, event.observation_id, observation_flags(event.observation),
                           source)

    @apply.register
    async def _(self, event: Indicator.ObservationFlagged, env: Envelope, conn: Connection) -> None:
        f = event.flag
        source = await conn.fetchval("SELECT source FROM data_quality_observation WHERE observation_id = $1",
                                     event.observation_id)
        await self._insert(conn, env, event, event.observation_id, [(f"flag:{f.kind}", str(f.kind), f.raw,
                                                                      f.note)], source)

    @apply.register
    async def _(self, event: Indicator.ObservationCorrected, env: Envelope, conn: Connection) -> None:
        keys = [f"flag:{kind}" for kind in event.resolves]
        if event.quantity.flag is None:  # a readable figure now: the garbled or missing number is resolved
            keys += ["quantity:garbled_number", "quantity:missing_number"]
        await self._resolve(conn, env, event.observation_id, keys,
                            event_ref(event, env, resolution="corrected", reason=event.reason))

    @apply.register
    async def _(self, event: Indicator.ObservationRetracted, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "UPDATE data_quality_item SET resolved = $2, updated_at = $3 WHERE observation_id = $1 "
            "AND resolved IS NULL", event.observation_id,
            event_ref(event, env, resolution="retracted", reason=event.reason), env.recorded_at)

    @apply.register
    async def _(self, event: Defect.Noted, env: Envelope, conn: Connection) -> None:
        subject = {"kind": "agreement" if event.subject.agreement_id else "source",
                   "sourceId": event.subject.source_id, "label": event.subject.label,
                   "agreementId": str(event.subject.agreement_id) if event.subject.agreement_id else None,
                   "indicatorId": None, "indicatorCode": None, "observationId": None}
        note = "; ".join(n for n in (f"probable: {event.probable}" if event.probable else None, event.note)
                         if n) or None
        await conn.execute(INSERT, env.stream_id, env.position, env.stream_id, None,
                           event.subject.agreement_id, subject, str(event.kind), event.raw, note,
                           camel(event.source), event.resolve_by, event_ref(event, env), env.recorded_at)

    @apply.register
    async def _(self, event: Defect.Resolved, env: Envelope, conn: Connection) -> None:
        await conn.execute(RESOLVE, [env.stream_id], event_ref(
            event, env, resolution=event.resolution, reason=event.reason), env.recorded_at)

    @apply.register
    async def _(self, event: Agreement.Drafted, env: Envelope, conn: Connection) -> None:
        p = event.period
        if p is not None and p.inferred:
            await self._agreement_date(conn, env, event, "period", f"{p.starts_on} to {p.ends_on or 'open'}",
                                       p.basis)

    @apply.register
    async def _(self, event: Agreement.EnteredIntoForce, env: Envelope, conn: Connection) -> None:
        if event.entry.inferred:
            await self._agreement_date(conn, env, event, "entry into force", str(event.entry.effective_on),
                                       event.entry.basis)

    async def _agreement_date(self, conn: Connection, env: Envelope, event: Any, what: str, raw: str,
                              basis: str | None) -> None:
        subject = {"kind": "agreement", "sourceId": None, "label": f"the agreement's {what}",
                   "agreementId": str(env.stream_id), "indicatorId": None, "indicatorCode": None,
                   "observationId": None}
        await conn.execute(INSERT, uuid5(ITEMS, f"{env.stream_id}:{what}"), env.position, env.stream_id, None,
                           env.stream_id, subject, INFERRED_DATE, raw, basis, None,
                           RESOLVED_BY[INFERRED_AGREEMENT_DATE], event_ref(event, env), env.recorded_at)

    async def _insert(self, conn: Connection, env: Envelope, event: Any, observation_id: UUID,
                      flags: list[tuple[str, str, str | None, str | None]], source: Any) -> None:
        code = await conn.fetchval("SELECT code FROM data_quality_indicator WHERE indicator_id = $1",
                                   env.stream_id)
        subject = {"kind": "observation", "sourceId": source["id"] if source else None, "label": None,
                   "agreementId": None, "indicatorId": str(env.stream_id), "indicatorCode": code,
                   "observationId": str(observation_id)}
        for key, flag, raw, note in flags:
            await conn.execute(INSERT, uuid5(ITEMS, f"{observation_id}:{key}"), env.position, env.stream_id,
                               observation_id, None, subject, flag, raw, note, source,
                               RESOLVED_BY.get(flag, RESOLVED_BY["likely_wrong"]), event_ref(event, env),
                               env.recorded_at)

    async def _resolve(self, conn: Connection, env: Envelope, observation_id: UUID, keys: list[str],
                       ref: dict[str, Any]) -> None:
        await conn.execute(RESOLVE, [uuid5(ITEMS, f"{observation_id}:{k}") for k in keys], ref,
                           env.recorded_at)
