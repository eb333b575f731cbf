"""Agreement summary: one row per agreement (status, versions, dates, counts) and its status history."""

from __future__ import annotations

from datetime import date
from functools import singledispatchmethod

from asyncpg import Connection

from domain.agreement import Agreement
from domain.values import AgreementStatus
from projections.base import Envelope

S = AgreementStatus
TOUCH = "UPDATE agreement_summary SET version = $2, updated_at = $3 WHERE agreement_id = $1"
HISTORY = (
    "INSERT INTO agreement_status_history (agreement_id, position, status, effective_on, recorded_at) "
    "VALUES ($1, $2, $3, $4, $5)")


class AgreementSummary:
    documents = True  # its tables are read into the stored view documents
    name = "agreement_summary"
    tables = ("agreement_summary", "agreement_status_history")

    @singledispatchmethod
    async def apply(self, event: object, env: Envelope, conn: Connection) -> None:
        """Events this view does not read."""

    @apply.register
    async def _(self, event: Agreement.Event, env: Envelope, conn: Connection) -> None:
        """Every other event of an agreement moves its version."""
        await conn.execute(TOUCH, env.stream_id, env.version, env.recorded_at)

    @apply.register
    async def _(self, event: Agreement.Drafted, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "INSERT INTO agreement_summary (agreement_id, listed_position, code, title, "
            "authentic_language, instrument_type, status, version, period, drafted_at, updated_at, "
            "text_not_held) VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, $9, $10)",
            env.stream_id, env.position, event.code, event.title, event.authentic_language,
            event.instrument_type.value, env.version, event.period, env.recorded_at, event.text_not_held)
        await conn.execute(HISTORY, env.stream_id, env.position, S.DRAFT.value,
                           event.drafted_on or env.occurred_at.date(), env.recorded_at)

    @apply.register
    async def _(self, event: Agreement.PartyAdded, env: Envelope, conn: Connection) -> None:
        await self._count(conn, env, "party_count")

    @apply.register
    async def _(self, event: Agreement.AreaDefined, env: Envelope, conn: Connection) -> None:
        await self._count(conn, env, "area_count")

    @apply.register
    async def _(self, event: Agreement.CommitmentDefined, env: Envelope, conn: Connection) -> None:
        await self._count(conn, env, "commitment_count")

    @apply.register
    async def _(self, event: Agreement.CommitmentAdded, env: Envelope, conn: Connection) -> None:
        await self._count(conn, env, "commitment_count")

    @apply.register
    async def _(self, event: Agreement.OpenedForSignature, env: Envelope, conn: Connection) -> None:
        await self._status(conn, env, S.OPEN_FOR_SIGNATURE, event.opened_on or env.occurred_at.date())
        await conn.execute("UPDATE agreement_summary SET text_digest = $2 WHERE agreement_id = $1",
                           env.stream_id, event.text_digest)

    @apply.register
    async def _(self, event: Agreement.FullySigned, env: Envelope, conn: Connection) -> None:
        await self._status(conn, env, S.SIGNED, event.signed_on)
        await conn.execute("UPDATE agreement_summary SET signed_on = $2, signed_on_inferred = $3, "
                           "signed_on_basis = $4 WHERE agreement_id = $1",
                           env.stream_id, event.signed_on, event.signed_on_inferred, event.signed_on_basis)

    @apply.register
    async def _(self, event: Agreement.EnteredIntoForce, env: Envelope, conn: Connection) -> None:
        await self._status(conn, env, S.IN_FORCE, event.entry.effective_on)
        await conn.execute("UPDATE agreement_summary SET entry_into_force = $2 WHERE agreement_id = $1",
                           env.stream_id, event.entry)

    @apply.register
    async def _(self, event: Agreement.Suspended, env: Envelope, conn: Connection) -> None:
        await self._status(conn, env, S.SUSPENDED, event.suspended_on)

    @apply.register
    async def _(self, event: Agreement.Resumed, env: Envelope, conn: Connection) -> None:
        await self._status(conn, env, S.IN_FORCE, event.resumed_on)

    @apply.register
    async def _(self, event: Agreement.PeriodEnded, env: Envelope, conn: Connection) -> None:
        await self._status(conn, env, S.FINALISING, event.ended_on)

    @apply.register
    async def _(self, event: Agreement.Closed, env: Envelope, conn: Connection) -> None:
        await self._status(conn, env, S.CLOSED, event.closed_on)

    @apply.register
    async def _(self, event: Agreement.Terminated, env: Envelope, conn: Connection) -> None:
        await self._status(conn, env, S.TERMINATED, event.terminated_on)

    @apply.register
    async def _(self, event: Agreement.Superseded, env: Envelope, conn: Connection) -> None:
        await self._status(conn, env, S.SUPERSEDED, event.superseded_on)

    @apply.register
    async def _(self, event: Agreement.AmendmentApplied, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "UPDATE agreement_summary SET text_version = $4, text_digest = $5, version = $2, "
            "updated_at = $3 WHERE agreement_id = $1",
            env.stream_id, env.version, env.recorded_at, event.text_version, event.text_digest)

    @staticmethod
    async def _status(conn: Connection, env: Envelope, status: AgreementStatus, on: date) -> None:
        """A status change: the row's status, and one more row of its history."""
        await conn.execute(
            "UPDATE agreement_summary SET status = $4, version = $2, updated_at = $3 WHERE agreement_id = $1",
            env.stream_id, env.version, env.recorded_at, status.value)
        await conn.execute(HISTORY, env.stream_id, env.position, status.value, on, env.recorded_at)

    @staticmethod
    async def _count(conn: Connection, env: Envelope, column: str) -> None:
        await conn.execute(
            f"UPDATE agreement_summary SET {column} = {column} + 1, version = $2, updated_at = $3 "
            "WHERE agreement_id = $1", env.stream_id, env.version, env.recorded_at)
