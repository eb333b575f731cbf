"""Initiatives: stated intentions, policies, projects and programme reports, apart from signed agreements."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Request, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath

from service.http.context import Visibility
from service.http.deps import Cursor, Limit, decode_cursor, with_cursor
from service.http.problems import documented
from service.reads.initiative_views import InitiativePage, InitiativeView
from service.reads.initiatives import InitiativeReads

AUDIENCE = ("An initiative linked to agreements is read by those agreements' parties (and admin keys), as "
            "the agreements are, and 404 for others; one linked to none is a published statement of its "
            "own (`audience: public`) and every key reads it.")


def provide_initiative_reads(request: Request) -> InitiativeReads:
    return request.app.state.system.initiatives


def _position(text: str) -> int:
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


class InitiativeController(Controller):
    path = "/initiatives"
    tags = ["initiatives"]
    dependencies = {"initiative_reads": Provide(provide_initiative_reads, sync_to_thread=False)}

    @get(operation_id="listInitiatives", summary="List the initiatives the caller can read, in the order "
         "recorded", description=AUDIENCE, responses=documented(400, 401))
    async def list(
        self,
        visibility: NamedDependency[Visibility],
        initiative_reads: NamedDependency[InitiativeReads],
        limit: Limit = 50,
        cursor: Cursor = "",
    ) -> InitiativePage:
        after = decode_cursor(cursor, _position) if cursor else 0
        page = await initiative_reads.list(visibility.of("agreements"), after, limit)
        return with_cursor(page)

    @get("/{initiative_id:uuid}", operation_id="getInitiative", summary="Read an initiative",
         description=AUDIENCE, responses=documented(400, 401, 404))
    async def read(
        self,
        initiative_id: FromPath[UUID],
        visibility: NamedDependency[Visibility],
        initiative_reads: NamedDependency[InitiativeReads],
    ) -> InitiativeView:
        return await initiative_reads.one(initiative_id, visibility.of("agreements"))
