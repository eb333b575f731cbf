"""Themes across agreements: each canonical theme, its commitments (visible agreements) and indicators."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.params import PathParameter

from projections import BY_NAME
from service.http.context import Visibility
from service.http.deps import Queries
from service.http.positions import VIEW_POSITION, answer, position_of
from service.http.problems import documented
from service.http.wire import CODE_PATTERN
from service.reads.theme_views import ThemeList, ThemeView
from service.reads.themes import ThemeReads

VIEWS = tuple(BY_NAME[n] for n in ("themes", "agreement_summary", "agreement_detail", "indicator_series"))
ThemeParam = Annotated[str, PathParameter(pattern=CODE_PATTERN, description=(
    "A canonical theme, e.g. social-security (GET /themes lists them); another: 404 unknown-theme"))]
SEEN = ("Commitments are those of agreements the caller is a party to (all of them for an admin key, or when "
        "agreements are a public view); a non-party learns nothing of an agreement, not even a count. "
        "Indicators are public. The sources name no themes: each assignment says its basis.")


def provide_theme_reads(request: Request) -> ThemeReads:
    return request.app.state.system.themes


class ThemeController(Controller):
    path = "/themes"
    tags = ["themes"]
    dependencies = {"theme_reads": Provide(provide_theme_reads, sync_to_thread=False)}

    @get(operation_id="listThemes", summary="List the canonical themes with counts of what the caller sees",
         description=SEEN, responses=documented(401), response_headers=[VIEW_POSITION])
    async def list(
        self,
        visibility: NamedDependency[Visibility],
        queries: NamedDependency[Queries],
        theme_reads: NamedDependency[ThemeReads],
    ) -> Response[ThemeList]:
        position = await position_of(queries, VIEWS)
        return answer(await theme_reads.list(visibility.of("agreements")), position)

    @get("/{theme:str}", operation_id="getTheme",
         summary="A theme's commitments across agreements, and its indicators", description=SEEN,
         responses=documented(400, 401, 404), response_headers=[VIEW_POSITION])
    async def read(
        self,
        theme: ThemeParam,
        visibility: NamedDependency[Visibility],
        queries: NamedDependency[Queries],
        theme_reads: NamedDependency[ThemeReads],
    ) -> Response[ThemeView]:
        position = await position_of(queries, VIEWS)
        return answer(await theme_reads.one(theme, visibility.of("agreements")), position)
