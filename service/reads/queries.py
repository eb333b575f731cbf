"""The reads of agreements and parties, and the wait for ?minPosition, on one pool (what routes call)."""

from __future__ import annotations

from uuid import UUID

import asyncpg

from projections import Projection
from service.reads import agreements, documents, parties, wait
from service.reads.agreement_views import AgreementPage, AgreementView
from service.reads.documents import Document
from service.reads.party_views import PartyPage, PartyView
from service.store.eventstore import EventStore


class Queries:
    def __init__(self, pool: asyncpg.Pool, store: EventStore, max_wait: float) -> None:
        self.pool = pool
        self.store = store
        self.max_wait = max_wait

    async def list_agreements(self, viewer: UUID | None, after: int, limit: int) -> AgreementPage:
        return await agreements.list_agreements(self.pool, viewer, after, limit)

    async def agreement(self, agreement_id: UUID, viewer: UUID | None) -> AgreementView:
        return await agreements.agreement(self.pool, agreement_id, viewer)

    async def agreement_document(self, agreement_id: UUID, viewer: UUID | None,
                                 sources: tuple[Projection, ...]) -> Document:
        """The agreement's response body as stored, and how far `sources` have got; 404 as `agreement`."""
        return await documents.document(
            self.pool, "agreement", agreement_id, viewer, sources,
            lambda: agreements.agreement_built(self.pool, agreement_id, viewer))

    async def list_parties(self, after: str, limit: int, code: str | None = None) -> PartyPage:
        return await parties.list_parties(self.pool, after, limit, code)

    async def party(self, party_id: UUID) -> PartyView:
        return await parties.party(self.pool, party_id)

    async def wait_for(self, position: int, projections: tuple[Projection, ...]) -> None:
        """Return once every named projection has applied the event at `position`."""
        await wait.wait_for(self.pool, self.store, position, projections, self.max_wait)
