"""The agreements collection: list, draft, and read one agreement."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID, uuid4

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter

from projections import BY_NAME
from service.http.context import Visibility
from service.http.convert import as_command
from service.http.deps import (
    ETAG_HEADER,
    Cursor,
    Limit,
    Queries,
    Run,
    command,
    decode_cursor,
    with_cursor,
)
from service.http.history_params import AsKnownAt, AsOf, AtVersion, point_of
from service.http.positions import (
    VIEW_POSITION,
    VIEW_POSITION_UNLESS_REPLAYED,
    answer,
    position_of,
    stored,
)
from service.http.problems import documented
from service.http.schemas import DraftAgreementRequest
from service.http.wire import CommandAccepted
from service.reads.agreement_views import AgreementPage, AgreementView
from service.usecases.commands import DraftAgreement

MinPosition = Annotated[  # 0, not null, for "do not wait": lax decoding would read ?minPosition=null as None
    int,
    QueryParameter(
        name="minPosition",
        ge=0,
        le=2**62,
        required=False,
        description="Wait (boundedly) until the read models include this log position; 0: no wait",
    ),
]
DETAIL_VIEWS = tuple(
    BY_NAME[name]
    for name in ("agreement_summary", "agreement_detail", "party_directory", "commitment_progress")
)


class AgreementController(Controller):
    path = "/agreements"
    tags = ["agreements"]

    @get(
        operation_id="listAgreements",
        summary="List the agreements the caller can see",
        responses=documented(400, 401, 503),
        response_headers=[VIEW_POSITION],
    )
    async def list(
        self,
        visibility: NamedDependency[Visibility],
        queries: NamedDependency[Queries],
        limit: Limit = 20,
        cursor: Cursor = "",
        min_position: MinPosition = 0,
    ) -> Response[AgreementPage]:
        await _wait(queries, min_position)
        after = decode_cursor(cursor, _position) if cursor else 0
        position = await position_of(queries, DETAIL_VIEWS)
        page = await queries.list_agreements(visibility.of("agreements"), after, limit)
        return answer(with_cursor(page), position)

    @command(
        operation_id="draftAgreement",
        summary="Draft a new agreement",
        responses=documented(400, 401, 403, 409, 422),
    )
    async def draft(
        self, data: JSONBody[DraftAgreementRequest], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        draft = as_command(DraftAgreement, data, agreement_id=uuid4())
        return await run.accepted(draft, location="/agreements")

    @get(
        "/{agreement_id:uuid}",
        operation_id="getAgreement",
        summary="Read an agreement: parties, areas, commitments, signatures",
        description="With `version`, `asOf` or `asKnownAt` (these two combine), the agreement as it stood "
        "then, replayed from its events.",
        responses=documented(400, 401, 404, 422, 503),
        response_headers=[ETAG_HEADER, VIEW_POSITION_UNLESS_REPLAYED],
    )
    async def read(  # a hot read: one dependency (each more costs a task per request), the rest from state
        self,
        request: Request,
        agreement_id: FromPath[UUID],
        visibility: NamedDependency[Visibility],
        min_position: MinPosition = 0,
        version: AtVersion = None,
        as_of: AsOf = "",
        as_known_at: AsKnownAt = "",
    ) -> Response[AgreementView]:
        point = point_of(version, as_of, as_known_at)
        system = request.app.state.system
        if point is not None:
            view = await system.time_travel.agreement(agreement_id, visibility.of("agreements"), point)
            return Response(view, headers={"ETag": f'"{view.version}"'})
        queries: Queries = request.app.state.queries
        await _wait(queries, min_position)
        doc = await queries.agreement_document(agreement_id, visibility.of("agreements"), DETAIL_VIEWS)
        return stored(doc, ETag=doc.etag)


def _position(text: str) -> int:
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


async def _wait(queries: Queries, min_position: int) -> None:
    if min_position:
        await queries.wait_for(min_position, DETAIL_VIEWS)
