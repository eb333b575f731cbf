"""The reads of the commitment_progress read model on one pool: progress, obligations, at risk.

Timeliness is derived from the stored due dates and the `today` the caller passes in.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

import asyncpg

from projections import Projection
from service.reads import at_risk, documents, obligations, progress
from service.reads.attention_views import AtRiskPage, PartyObligationsView
from service.reads.documents import Document
from service.reads.progress_views import AgreementProgressView


class ProgressQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def agreement_progress(self, agreement_id: UUID, viewer: UUID | None,
                                 today: date) -> AgreementProgressView:
        """Every area and commitment of one agreement, with roll-ups; 404 unless `viewer` is a party."""
        return await progress.agreement_progress(self.pool, agreement_id, viewer, today)

    async def progress_document(self, agreement_id: UUID, viewer: UUID | None, today: date,
                                sources: tuple[Projection, ...]) -> Document:
        """The progress response body as stored for `today`, and how far `sources` have got."""
        return await documents.document(
            self.pool, "progress", agreement_id, viewer, sources,
            lambda: progress.progress_built(self.pool, agreement_id, viewer, today), valid_on=today)

    async def obligations(self, party_id: UUID, viewer: UUID | None, today: date) -> PartyObligationsView:
        """What `party_id` answers for; a party reads only its own (`viewer` None: an admin, any)."""
        return await obligations.obligations(self.pool, party_id, viewer, today)

    async def obligations_document(self, party_id: UUID, viewer: UUID | None, today: date,
                                   sources: tuple[Projection, ...]) -> Document:
        """The obligations response body as stored for `today`, and how far `sources` have got."""
        return await documents.document(
            self.pool, "obligations", party_id, viewer, sources,
            lambda: obligations.obligations_built(self.pool, party_id, viewer, today,
                                                  [p.name for p in sources]),
            valid_on=today, generation="sources")

    async def at_risk(self, viewer: UUID | None, today: date, after: tuple[int, int],
                      limit: int) -> AtRiskPage:
        return await at_risk.at_risk(self.pool, viewer, today, after, limit)
