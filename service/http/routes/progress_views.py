"""Progress views: an agreement's progress, a party's obligations, and what is at risk (reads only)."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath

from projections import BY_NAME, Projection
from service.http.context import Visibility
from service.http.deps import Cursor, Limit, Queries, decode_cursor, with_cursor
from service.http.history_params import AsKnownAt, AsOf, AtVersion, point_of
from service.http.positions import (
    VIEW_POSITION,
    VIEW_POSITION_UNLESS_REPLAYED,
    answer,
    position_of,
    stored,
)
from service.http.problems import documented
from service.http.routes.agreements import MinPosition
from service.reads.attention_views import AtRiskPage, PartyObligationsView
from service.reads.progress_queries import ProgressQueries
from service.reads.progress_views import AgreementProgressView
from service.usecases.context import business_today

PROGRESS = (BY_NAME["commitment_progress"],)
OBLIGATIONS = (BY_NAME["commitment_progress"], BY_NAME["party_directory"])


def provide_progress_views(request: Request) -> ProgressQueries:
    return request.app.state.system.progress_queries


class ProgressViewController(Controller):
    path = "/"
    tags = ["progress"]
    dependencies = {"progress_views": Provide(provide_progress_views, sync_to_thread=False)}

    @get(
        "/agreements/{agreement_id:uuid}/progress",
        operation_id="getAgreementProgress",
        summary="Progress per area and commitment, with roll-ups; timeliness as of today",
        description="With `version`, `asOf` or `asKnownAt` (these two combine), the progress as it stood "
        "then, replayed from the agreement's events; timeliness as of that day.",
        responses=documented(400, 401, 404, 422, 429, 503),
        response_headers=[VIEW_POSITION_UNLESS_REPLAYED],
    )
    async def agreement_progress(  # a hot read: one dependency, the rest from state (as agreements.read)
        self,
        request: Request,
        agreement_id: FromPath[UUID],
        visibility: NamedDependency[Visibility],
        min_position: MinPosition = 0,
        version: AtVersion = None,
        as_of: AsOf = "",
        as_known_at: AsKnownAt = "",
    ) -> Response[AgreementProgressView]:
        point = point_of(version, as_of, as_known_at)
        system = request.app.state.system
        if point is not None:
            return Response(await system.time_travel.progress(agreement_id, visibility.of("progress"), point))
        await _wait(request.app.state.queries, min_position, PROGRESS)
        doc = await system.progress_queries.progress_document(agreement_id, visibility.of("progress"),
                                                     business_today(), PROGRESS)
        return stored(doc)

    @get(
        "/parties/{party_id:uuid}/obligations",
        operation_id="getPartyObligations",
        summary="What a party leads or supports, what it has due, the claims and disputes it must answer",
        description="A party reads its own obligations; an admin key reads any party's.",
        responses=documented(400, 401, 403, 404, 429, 503),
        response_headers=[VIEW_POSITION],
    )
    async def obligations(
        self,
        party_id: FromPath[UUID],
        visibility: NamedDependency[Visibility],
        queries: NamedDependency[Queries],
        progress_views: NamedDependency[ProgressQueries],
        min_position: MinPosition = 0,
    ) -> Response[PartyObligationsView]:
        await _wait(queries, min_position, OBLIGATIONS)
        doc = await progress_views.obligations_document(party_id, visibility.of("obligations"),
                                                        business_today(), OBLIGATIONS)
        return stored(doc)

    @get(
        "/at-risk",
        operation_id="listAtRisk",
        summary="Open commitments that are overdue, due soon below substantial, off track, unreported "
        "for 90 days or disputed, each with its reasons",
        description="Only agreements the caller is party to (an admin key: all).",
        responses=documented(400, 401, 429, 503),
        response_headers=[VIEW_POSITION],
    )
    async def at_risk(
        self,
        visibility: NamedDependency[Visibility],
        queries: NamedDependency[Queries],
        progress_views: NamedDependency[ProgressQueries],
        limit: Limit = 50,
        cursor: Cursor = "",
        min_position: MinPosition = 0,
    ) -> Response[AtRiskPage]:
        await _wait(queries, min_position, PROGRESS)
        after = decode_cursor(cursor, _place) if cursor else (0, 0)
        position = await position_of(queries, PROGRESS)
        page = await progress_views.at_risk(visibility.of("at-risk"), business_today(), after, limit)
        return answer(with_cursor(page), position)


def _place(text: str) -> tuple[int, int]:
    """An at-risk cursor: the agreement's place in the list, then the commitment's within it."""
    agreement, _, commitment = text.partition(":")
    if not (agreement.isdigit() and commitment.isdigit()) or max(len(agreement), len(commitment)) > 18:
        raise ValueError(text)
    return int(agreement), int(commitment)


async def _wait(queries: Queries, min_position: int, views: tuple[Projection, ...]) -> None:
    if min_position:
        await queries.wait_for(min_position, views)
