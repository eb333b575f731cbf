"""Commitment progress: per agreement, area and commitment, where implementation stands.

Lifecycle, completion level (and shares of joint commitments), health, verification, due dates and
milestones, reports, claims and who answered them. Timeliness is not stored: it changes with the clock, so
queries derive it from the stored due dates. The handlers are in progress_structure, progress_reports and
progress_claims.
"""

from __future__ import annotations

from asyncpg import Connection

from domain.agreement import Agreement
from projections import progress_claims, progress_reports, progress_structure
from projections.base import Envelope

HANDLERS = {
    **progress_structure.HANDLERS.by_type,
    **progress_reports.HANDLERS.by_type,
    **progress_claims.HANDLERS.by_type,
}


class CommitmentProgress:
    documents = True  # its tables are read into the stored view documents
    name = "commitment_progress"
    tables = ("progress_agreement", "progress_area", "commitment_progress", "commitment_report",
              "commitment_claim", "commitment_milestone")

    def handles(self, event_type: type) -> bool:
        return event_type in HANDLERS or issubclass(event_type, Agreement.Event)

    async def apply(self, event: object, env: Envelope, conn: Connection) -> None:
        handler = HANDLERS.get(type(event))
        if handler is not None:
            await handler(event, env, conn)
        if isinstance(event, Agreement.Event):
            await conn.execute("UPDATE progress_agreement SET version = $2 WHERE agreement_id = $1",
                               env.stream_id, env.version)
