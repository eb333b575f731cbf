"""Indicators: published figures with true quantities, and their series (reads; every key may read them)."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody

from service.http.convert import as_command
from service.http.deps import Cursor, Limit, Run, command, decode_cursor, with_cursor
from service.http.indicator_schemas import CorrectObservationRequest, RecordObservationRequest
from service.http.problems import documented
from service.http.wire import CommandAccepted
from service.reads.indicator_views import IndicatorPage, IndicatorView, SeriesView
from service.reads.indicators import IndicatorReads
from service.usecases.commands import CorrectObservation, RecordObservation
from service.usecases.context import Caller

CHECKED = ("Refused, with nothing stored: a unit other than the indicator's (persons and person-times "
           "differ), a percentage outside 0-100, a negative count, bounds other than the qualifier "
           "implies, and (for a new observation) a second one for the same dimensions, period, unit and "
           "source.")
PUBLIC = ("Indicators hold figures from published sources: every API key reads every indicator, whatever "
          "its party.")


def provide_indicator_reads(request: Request) -> IndicatorReads:
    return request.app.state.system.indicators


class IndicatorController(Controller):
    path = "/indicators"
    tags = ["indicators"]
    dependencies = {"indicator_reads": Provide(provide_indicator_reads, sync_to_thread=False)}

    @get(operation_id="listIndicators", summary="List indicators in code order", description=PUBLIC,
         responses=documented(400, 401))
    async def list(
        self,
        caller: NamedDependency[Caller],
        indicator_reads: NamedDependency[IndicatorReads],
        limit: Limit = 50,
        cursor: Cursor = "",
    ) -> IndicatorPage:
        page = await indicator_reads.list(decode_cursor(cursor, str) if cursor else "", limit)
        return with_cursor(page)

    @get("/{indicator_id:uuid}", operation_id="getIndicator", summary="Read an indicator's definition",
         description=PUBLIC, responses=documented(400, 401, 404))
    async def read(
        self,
        indicator_id: FromPath[UUID],
        caller: NamedDependency[Caller],
        indicator_reads: NamedDependency[IndicatorReads],
    ) -> IndicatorView:
        return await indicator_reads.one(indicator_id)

    @get("/{indicator_id:uuid}/series", operation_id="getIndicatorSeries",
         summary="An indicator's observations in time order, with comparability breaks",
         description=PUBLIC + " Figures keep their qualifier and bounds (\"more than 300,000\" is a lower "
         "bound, not a value); corrections are applied, retracted observations left out; each observation "
         "lists its breaks from the one before it (unit, scope as dimensions, or definition version): "
         "figures across a break are not comparable.",
         responses=documented(400, 401, 404))
    async def series(
        self,
        indicator_id: FromPath[UUID],
        caller: NamedDependency[Caller],
        indicator_reads: NamedDependency[IndicatorReads],
    ) -> SeriesView:
        return await indicator_reads.series(indicator_id)

    @command("/{indicator_id:uuid}/observations", operation_id="recordObservation",
             summary="Record an observation of an indicator (admin key)", description=CHECKED,
             responses=documented(400, 401, 403, 404, 409, 422))
    async def record(
        self,
        indicator_id: FromPath[UUID],
        data: JSONBody[RecordObservationRequest],
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(RecordObservation, data, indicator_id=indicator_id))

    @command("/{indicator_id:uuid}/observations/{observation_id:uuid}/corrections",
             operation_id="correctObservation",
             summary="Correct an observation's figure, resolving the flags it names (admin key)",
             description=CHECKED + " The original figure stays in the series as originalQuantity; the "
             "resolved flags stay in the data-quality queue, resolved by this correction.",
             responses=documented(400, 401, 403, 404, 409, 422))
    async def correct(
        self,
        indicator_id: FromPath[UUID],
        observation_id: FromPath[UUID],
        data: JSONBody[CorrectObservationRequest],
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(CorrectObservation, data, indicator_id=indicator_id,
                                             observation_id=observation_id))
