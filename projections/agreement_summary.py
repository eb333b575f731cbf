"""Agreement summary: one row per agreement with its status, version, dates and counts."""

from __future__ import annotations

from functools import singledispatchmethod

from asyncpg import Connection

from domain.agreement import Agreement
from projections.base import Envelope

TOUCH = "UPDATE agreement_summary SET version = $2, updated_at = $3 WHERE agreement_id = $1"


class AgreementSummary:
    name = "agreement_summary"
    tables = ("agreement_summary",)

    @singledispatchmethod
    async def apply(self, event: object, env: Envelope, conn: Connection) -> None:
        """Events this view does not read."""

    @apply.register
    async def _(self, event: Agreement.Drafted, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "INSERT INTO agreement_summary (agreement_id, listed_position, code, title, "
            "authentic_language, instrument_type, status, version, period, drafted_at, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, $9)",
            env.stream_id, env.position, event.code, event.title, event.authentic_language,
            event.instrument_type.value, env.version, event.period, env.recorded_at)

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
    async def _(self, event: Agreement.OpenedForSignature, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "UPDATE agreement_summary SET status = 'open_for_signature', text_digest = $4, "
            "version = $2, updated_at = $3 WHERE agreement_id = $1",
            env.stream_id, env.version, env.recorded_at, event.text_digest)

    @apply.register
    async def _(self, event: Agreement.SignedByParty, env: Envelope, conn: Connection) -> None:
        await conn.execute(TOUCH, env.stream_id, env.version, env.recorded_at)

    @apply.register
    async def _(self, event: Agreement.FullySigned, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "UPDATE agreement_summary SET status = 'signed', signed_on = $4, version = $2, "
            "updated_at = $3 WHERE agreement_id = $1",
            env.stream_id, env.version, env.recorded_at, event.signed_on)

    @apply.register
    async def _(self, event: Agreement.EnteredIntoForce, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "UPDATE agreement_summary SET status = 'in_force', entry_into_force = $4, version = $2, "
            "updated_at = $3 WHERE agreement_id = $1",
            env.stream_id, env.version, env.recorded_at, event.entry)

    @staticmethod
    async def _count(conn: Connection, env: Envelope, column: str) -> None:
        await conn.execute(
            f"UPDATE agreement_summary SET {column} = {column} + 1, version = $2, updated_at = $3 "
            "WHERE agreement_id = $1", env.stream_id, env.version, env.recorded_at)
