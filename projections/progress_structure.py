"""commitment_progress: the agreement, its parties, areas and commitments, its status; amendments' changes."""

from __future__ import annotations

from typing import Any

from asyncpg import Connection

from domain.agreement import Agreement
from domain.values import AgreementStatus
from projections.base import Envelope, Handlers
from projections.progress_common import lapse_every_open_claim, lapse_open_claim, refresh

S = AgreementStatus
OPEN = "('planned', 'in_progress', 'on_hold', 'completion_claimed')"
HANDLERS = Handlers()
NEW_COMMITMENT = (
    "INSERT INTO commitment_progress (agreement_id, code, area_code, ordinal, modality, nature, "
    "responsibilities, added_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
STATUS_OF = {
    Agreement.OpenedForSignature: S.OPEN_FOR_SIGNATURE,
    Agreement.FullySigned: S.SIGNED,
    Agreement.Suspended: S.SUSPENDED,
    Agreement.Resumed: S.IN_FORCE,
    Agreement.PeriodEnded: S.FINALISING,
    Agreement.Closed: S.CLOSED,
}


@HANDLERS.on(Agreement.Drafted)
async def drafted(event: Agreement.Drafted, env: Envelope, conn: Connection) -> None:
    await conn.execute(
        "INSERT INTO progress_agreement (agreement_id, listed_position, code, status, version) "
        "VALUES ($1, $2, $3, 'draft', $4)", env.stream_id, env.position, event.code, env.version)


@HANDLERS.on(Agreement.PartyAdded)
async def party_added(event: Agreement.PartyAdded, env: Envelope, conn: Connection) -> None:
    await conn.execute(
        "UPDATE progress_agreement SET parties = array_append(parties, $2) WHERE agreement_id = $1",
        env.stream_id, event.party_id)


@HANDLERS.on(Agreement.AreaDefined)
async def area_defined(event: Agreement.AreaDefined, env: Envelope, conn: Connection) -> None:
    await conn.execute(
        "INSERT INTO progress_area (agreement_id, code, title, ordinal) VALUES ($1, $2, $3, $4)",
        env.stream_id, event.code, event.title, env.version)


@HANDLERS.on(Agreement.CommitmentDefined)
async def commitment_defined(event: Agreement.CommitmentDefined, env: Envelope, conn: Connection) -> None:
    await conn.execute(NEW_COMMITMENT, env.stream_id, event.code, event.area_code, env.version,
                       event.modality.value, event.nature.value, list(event.responsibilities), None)


@HANDLERS.on(Agreement.CommitmentAdded)
async def commitment_added(event: Agreement.CommitmentAdded, env: Envelope, conn: Connection) -> None:
    await conn.execute(NEW_COMMITMENT, env.stream_id, event.commitment_code, event.area_code, env.version,
                       event.modality.value, event.nature.value, list(event.responsibilities),
                       env.occurred_at.date())


@HANDLERS.on(Agreement.CommitmentRevised)
async def commitment_revised(event: Agreement.CommitmentRevised, env: Envelope, conn: Connection) -> None:
    await conn.execute(
        "UPDATE commitment_progress SET modality = $3, nature = $4, responsibilities = $5 "
        "WHERE agreement_id = $1 AND code = $2", env.stream_id, event.commitment_code,
        event.modality.value, event.nature.value, list(event.responsibilities))
    await refresh(conn, env.stream_id, event.commitment_code)  # a joint level depends on the co-leads


@HANDLERS.on(Agreement.CommitmentCancelled)
async def commitment_cancelled(event: Agreement.CommitmentCancelled, env: Envelope, conn: Connection) -> None:
    await lapse_open_claim(conn, env.stream_id, event.commitment_code)
    await conn.execute(
        "UPDATE commitment_progress SET lifecycle = 'cancelled', open_claim_id = NULL "
        "WHERE agreement_id = $1 AND code = $2", env.stream_id, event.commitment_code)


@HANDLERS.on(*STATUS_OF)
async def status_changed(event: Any, env: Envelope, conn: Connection) -> None:
    await _status(conn, env, STATUS_OF[type(event)])


@HANDLERS.on(Agreement.EnteredIntoForce)
async def entered_into_force(event: Agreement.EnteredIntoForce, env: Envelope, conn: Connection) -> None:
    await conn.execute(
        "UPDATE progress_agreement SET status = 'in_force', in_force_on = $2 WHERE agreement_id = $1",
        env.stream_id, event.entry.effective_on)


@HANDLERS.on(Agreement.Terminated)
async def terminated(event: Agreement.Terminated, env: Envelope, conn: Connection) -> None:
    await _status(conn, env, S.TERMINATED)
    await lapse_every_open_claim(conn, env.stream_id)


@HANDLERS.on(Agreement.Superseded)
async def superseded(event: Agreement.Superseded, env: Envelope, conn: Connection) -> None:
    await _status(conn, env, S.SUPERSEDED)
    await lapse_every_open_claim(conn, env.stream_id)
    await conn.execute(
        f"UPDATE commitment_progress SET lifecycle = 'superseded' WHERE agreement_id = $1 "
        f"AND lifecycle IN {OPEN}", env.stream_id)


async def _status(conn: Connection, env: Envelope, status: AgreementStatus) -> None:
    await conn.execute("UPDATE progress_agreement SET status = $2 WHERE agreement_id = $1",
                       env.stream_id, status.value)
