"""commitment_progress: completion claims and their answers, completion, reopening, closing incomplete."""

from __future__ import annotations

from asyncpg import Connection

from domain.agreement import Agreement
from projections.base import Envelope, Handlers
from projections.progress_common import add_evidence, lapse_open_claim, refresh

HANDLERS = Handlers()
CLAIM_CLOSED = (
    "UPDATE commitment_progress SET lifecycle = $3, open_claim_id = NULL "
    "WHERE agreement_id = $1 AND code = $2")


@HANDLERS.on(Agreement.CompletionClaimed)
async def claimed(event: Agreement.CompletionClaimed, env: Envelope, conn: Connection) -> None:
    await conn.execute(
        "INSERT INTO commitment_claim (agreement_id, claim_id, code, claimant, completed_on, claimed_on, "
        "counterparties, evidence_count, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        env.stream_id, event.claim_id, event.commitment_code, event.on_behalf_of or event.party_id,
        event.completed_on, event.claimed_on, list(event.counterparties), len(event.evidence),
        env.position)
    await conn.execute(
        "UPDATE commitment_progress SET lifecycle = 'completion_claimed', open_claim_id = $3, "
        "last_claim_id = $3, verification = 'self_reported' WHERE agreement_id = $1 AND code = $2",
        env.stream_id, event.commitment_code, event.claim_id)
    await add_evidence(conn, env.stream_id, event.commitment_code, len(event.evidence))


@HANDLERS.on(Agreement.CompletionAcknowledged)
async def acknowledged(event: Agreement.CompletionAcknowledged, env: Envelope, conn: Connection) -> None:
    await conn.execute(
        "UPDATE commitment_claim SET acknowledged = acknowledged || jsonb_build_object($3::text, $4::date) "
        "WHERE agreement_id = $1 AND claim_id = $2",
        env.stream_id, event.claim_id, str(event.party_id), event.acknowledged_on)


@HANDLERS.on(Agreement.CompletionDisputed)
async def disputed(event: Agreement.CompletionDisputed, env: Envelope, conn: Connection) -> None:
    await conn.execute(
        "UPDATE commitment_claim SET status = 'disputed', disputed_by = $3, dispute_reason = $4, "
        "disputed_on = $5 WHERE agreement_id = $1 AND claim_id = $2",
        env.stream_id, event.claim_id, event.party_id, event.reason, event.disputed_on)
    await conn.execute(
        "UPDATE commitment_progress SET lifecycle = 'in_progress', open_claim_id = NULL, "
        "verification = 'disputed' WHERE agreement_id = $1 AND code = $2",
        env.stream_id, event.commitment_code)


@HANDLERS.on(Agreement.ClaimWithdrawn)
async def withdrawn(event: Agreement.ClaimWithdrawn, env: Envelope, conn: Connection) -> None:
    await _claim_status(conn, env, event.claim_id, "withdrawn")
    await conn.execute(CLAIM_CLOSED, env.stream_id, event.commitment_code, "in_progress")


@HANDLERS.on(Agreement.CommitmentCompleted)
async def completed(event: Agreement.CommitmentCompleted, env: Envelope, conn: Connection) -> None:
    await _claim_status(conn, env, event.claim_id, "completed")
    await conn.execute(
        "UPDATE commitment_progress SET lifecycle = 'completed', open_claim_id = NULL, completed_on = $3, "
        "verification = $4, level = 'complete' WHERE agreement_id = $1 AND code = $2",
        env.stream_id, event.commitment_code, event.completed_on, event.verification.value)


@HANDLERS.on(Agreement.CommitmentReopened)
async def reopened(event: Agreement.CommitmentReopened, env: Envelope, conn: Connection) -> None:
    await conn.execute(
        "UPDATE commitment_progress SET lifecycle = 'in_progress', completed_on = NULL, "
        "verification = 'self_reported' WHERE agreement_id = $1 AND code = $2",
        env.stream_id, event.commitment_code)
    await refresh(conn, env.stream_id, event.commitment_code)  # back to the level its reports give


@HANDLERS.on(Agreement.CommitmentClosedIncomplete)
async def closed_incomplete(
    event: Agreement.CommitmentClosedIncomplete, env: Envelope, conn: Connection
) -> None:
    await lapse_open_claim(conn, env.stream_id, event.commitment_code)
    await conn.execute(
        "UPDATE commitment_progress SET lifecycle = 'closed_incomplete', open_claim_id = NULL, level = $3 "
        "WHERE agreement_id = $1 AND code = $2",
        env.stream_id, event.commitment_code, event.final_level.value)


async def _claim_status(conn: Connection, env: Envelope, claim_id: object, status: str) -> None:
    await conn.execute("UPDATE commitment_claim SET status = $3 WHERE agreement_id = $1 AND claim_id = $2",
                       env.stream_id, claim_id, status)
