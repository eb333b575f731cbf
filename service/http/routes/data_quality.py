"""The data-quality queue: every flagged fact, what would resolve it, and the event that did."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.params import QueryParameter

from projections import BY_NAME
from service.http.context import Visibility
from service.http.deps import Cursor, Limit, Queries, decode_cursor, with_cursor
from service.http.positions import VIEW_POSITION, answer, position_of
from service.http.problems import documented
from service.reads.data_quality import DataQualityReads
from service.reads.data_quality_views import QualityPage, QualityStatus

VIEWS = (BY_NAME["data_quality"],)
Status = Annotated[QualityStatus | None, QueryParameter(
    required=False, description="Only open flags, or only resolved ones; all when absent")]
DESCRIPTION = (
    "Garbled or missing figures, dates the sources do not state (inferred), and the other defects of the "
    "source documents, each with its raw text, its source, its flag and what would resolve it. A "
    "correction (e.g. of an observation) resolves a flag: the item stays, resolved, naming the event that "
    "resolved it. Facts a source states of an agreement show only to the agreement's parties.")


def provide_quality_reads(request: Request) -> DataQualityReads:
    return request.app.state.system.data_quality


def _after(text: str) -> tuple[int, UUID]:
    position, _, item = text.partition("/")
    if not position.isdigit() or int(position) >= 2**62:
        raise ValueError(text)
    return int(position), UUID(item)


class DataQualityController(Controller):
    path = "/data-quality"
    tags = ["data quality"]
    dependencies = {"quality_reads": Provide(provide_quality_reads, sync_to_thread=False)}

    @get(operation_id="listDataQuality", summary="The data-quality queue: every flagged fact",
         description=DESCRIPTION, responses=documented(400, 401), response_headers=[VIEW_POSITION])
    async def list(
        self,
        visibility: NamedDependency[Visibility],
        queries: NamedDependency[Queries],
        quality_reads: NamedDependency[DataQualityReads],
        limit: Limit = 100,
        cursor: Cursor = "",
        status: Status = None,
    ) -> Response[QualityPage]:
        after = decode_cursor(cursor, _after) if cursor else None
        position = await position_of(queries, VIEWS)
        page = await quality_reads.queue(visibility.of("agreements"), status, after, limit)
        return answer(with_cursor(page), position)
