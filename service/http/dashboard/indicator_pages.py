"""The indicator pages: the list, and one indicator's series as a chart with its figures in a table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from litestar import Controller, Request, get
from litestar.params import FromPath
from litestar.response import Template

from service.http.dashboard.charts import Chart, description, lay_out, number, worded
from service.http.dashboard.i18n import Words
from service.http.dashboard.web import PREFIX, closed, visit
from service.reads.errors import AggregateNotFound
from service.reads.indicator_views import IndicatorView, SeriesView

PAGE = 100


@dataclass(frozen=True)
class IndicatorPage:
    series: SeriesView
    chart: Chart
    description: str


async def all_indicators(system: Any) -> list[IndicatorView]:
    """Every indicator in code order (indicators are public: every signed-in party reads them all)."""
    items, after = [], ""
    while True:
        page = await system.indicators.list(after, PAGE)
        items += page.items
        if not page.next_cursor:
            return items
        after = page.next_cursor


async def indicator_page(system: Any, indicator_id: UUID, t: Words) -> IndicatorPage:
    series = await system.indicators.series(indicator_id)
    return IndicatorPage(series, lay_out(series, t), description(series, t))


class IndicatorPages(Controller):
    include_in_schema = False
    path = f"{PREFIX}/indicators"

    @get("/")
    async def listed(self, request: Request) -> Template:
        v = await visit(request)
        if v.caller is None:
            return closed(v)
        return v.page("indicators.html", indicators=await all_indicators(request.app.state.system))

    @get("/{indicator_id:uuid}")
    async def one(self, request: Request, indicator_id: FromPath[UUID]) -> Template:
        v = await visit(request)
        if v.caller is None:
            return closed(v)
        try:
            page = await indicator_page(request.app.state.system, indicator_id, v.t)
        except AggregateNotFound:
            return v.page("message.html", status=404, message=v.t("not_found"))
        return v.page("indicator.html", i=page, worded=lambda q: worded(q, v.t), number=number)
