"""The party registry: list, read, and register (admin only)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from litestar import Controller, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter

from projections import BY_NAME
from service.http.convert import as_command
from service.http.deps import (
    Cursor,
    Limit,
    Queries,
    Run,
    command,
    decode_cursor,
    with_cursor,
)
from service.http.positions import VIEW_POSITION, answer, position_of
from service.http.problems import documented
from service.http.schemas import RegisterPartyRequest
from service.http.wire import CODE_PATTERN, CommandAccepted
from service.reads.party_views import PartyPage, PartyView
from service.usecases.commands import RegisterParty
from service.usecases.context import Caller

DIRECTORY = (BY_NAME["party_directory"],)

PartyCode = Annotated[str | None, QueryParameter(
    required=False, pattern=CODE_PATTERN, max_length=64,
    description="Only the party with this registry code, e.g. HK-GOV")]


class PartyController(Controller):
    path = "/parties"
    tags = ["parties"]

    @get(operation_id="listParties", summary="List registered parties", responses=documented(400, 401),
         response_headers=[VIEW_POSITION])
    async def list(
        self,
        caller: NamedDependency[Caller],
        queries: NamedDependency[Queries],
        limit: Limit = 50,
        cursor: Cursor = "",
        code: PartyCode = None,
    ) -> Response[PartyPage]:
        after = decode_cursor(cursor, str) if cursor else ""
        position = await position_of(queries, DIRECTORY)
        page = await queries.list_parties(after, limit, code)
        return answer(with_cursor(page), position)

    @get(
        "/{party_id:uuid}",
        operation_id="getParty",
        summary="Read a party",
        responses=documented(400, 401, 404),
        response_headers=[VIEW_POSITION],
    )
    async def read(
        self, party_id: FromPath[UUID], caller: NamedDependency[Caller], queries: NamedDependency[Queries]
    ) -> Response[PartyView]:
        position = await position_of(queries, DIRECTORY)
        return answer(await queries.party(party_id), position)

    @command(
        operation_id="registerParty",
        summary="Register a party (admin key)",
        responses=documented(400, 401, 403, 409, 422),
    )
    async def register(
        self, data: JSONBody[RegisterPartyRequest], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(RegisterParty, data), location="/parties")
