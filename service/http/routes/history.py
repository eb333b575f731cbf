"""The audit trail of one agreement: its events, a commitment's story, and the export for auditors."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from litestar import Controller, Request, get
from litestar.di import NamedDependency, Provide
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, QueryParameter
from litestar.response import Stream

from service.http.context import Visibility
from service.http.deps import CommitmentCode, Cursor, Limit, decode_cursor, with_cursor
from service.http.history_params import optional_instant
from service.http.problems import ProblemError, documented
from service.http.wire import CODE_PATTERN
from service.reads.event_types import PAYLOADS
from service.reads.event_views import AuditEventPage
from service.reads.export import Exporter
from service.reads.history import EventFilter, History
from service.reads.story_views import CommitmentStoryView

HISTORY = "history"  # never a public view: events name the keys that recorded them

EventTypes = Annotated[
    list[str] | None,
    QueryParameter(required=False, max_items=50,
                   description="Only events of these stable type names (repeated or comma separated), "
                   "e.g. agreement.progress_reported"),
]
CommitmentFilter = Annotated[
    str | None,
    QueryParameter(required=False, pattern=CODE_PATTERN,
                   description="Only events whose payload names this commitment"),
]


def _instant(name: str, description: str):
    return Annotated[str, QueryParameter(name=name, required=False, max_length=40, description=description)]


OccurredFrom = _instant("occurredFrom", "Only events that occurred at or after this instant (with offset)")
OccurredTo = _instant("occurredTo", "Only events that occurred before this instant (with offset)")
RecordedFrom = _instant("recordedFrom", "Only events recorded at or after this instant (with offset)")
RecordedTo = _instant("recordedTo", "Only events recorded before this instant (with offset)")


def provide_history(request: Request) -> History:
    return request.app.state.system.history


def provide_exporter(request: Request) -> Exporter:
    return request.app.state.system.exporter


FromPosition = Annotated[int | None, QueryParameter(name="from", ge=1, le=2**62, required=False,
                                                    description="The first log position to export")]
ToPosition = Annotated[int | None, QueryParameter(name="to", ge=1, le=2**62, required=False,
                                                  description="The last log position to export")]
JSON_LINES = "application/jsonl"
EXPORT_TYPES = [JSON_LINES, "application/x-ndjson", "application/octet-stream"]  # the same bytes, by Accept
EXPORTED = ResponseSpec(data_container=str, media_type=JSON_LINES, generate_examples=False,
                        description="JSON Lines: the export's description, then one stored event a line")


def event_types(values: list[str] | None) -> tuple[str, ...]:
    names = tuple(n.strip() for v in values or () for n in v.split(",") if n.strip())
    if unknown := sorted(set(names) - set(PAYLOADS)):
        raise ProblemError(400, "unknown-event-type", f"no events are named {', '.join(unknown)}")
    return names


def _version(text: str) -> int:
    if not text.isdigit() or len(text) > 10:
        raise ValueError(text)
    return int(text)


class HistoryController(Controller):
    path = "/agreements/{agreement_id:uuid}"
    tags = ["audit"]
    dependencies = {"history": Provide(provide_history, sync_to_thread=False),
                    "exporter": Provide(provide_exporter, sync_to_thread=False)}

    @get(
        "/events",
        operation_id="listAgreementEvents",
        summary="Every event of an agreement in stream order, with its actor, both clocks and chain hash",
        description="Parties to the agreement and admin keys only. Ranges are half-open: from inclusive, "
        "to exclusive.",
        responses=documented(400, 401, 404, 429),
    )
    async def events(
        self,
        agreement_id: FromPath[UUID],
        visibility: NamedDependency[Visibility],
        history: NamedDependency[History],
        types: EventTypes = None,
        commitment: CommitmentFilter = None,
        occurred_from: OccurredFrom = "",
        occurred_to: OccurredTo = "",
        recorded_from: RecordedFrom = "",
        recorded_to: RecordedTo = "",
        limit: Limit = 50,
        cursor: Cursor = "",
    ) -> AuditEventPage:
        where = EventFilter(
            types=event_types(types), commitment=commitment,
            occurred_from=optional_instant("occurredFrom", occurred_from),
            occurred_to=optional_instant("occurredTo", occurred_to),
            recorded_from=optional_instant("recordedFrom", recorded_from),
            recorded_to=optional_instant("recordedTo", recorded_to))
        after = decode_cursor(cursor, _version) if cursor else 0
        page = await history.events(agreement_id, visibility.of(HISTORY), where, after, limit)
        return with_cursor(page)

    @get(
        "/commitments/{code:str}",
        operation_id="getCommitmentStory",
        summary="A commitment's story: reports (with evidence), milestones, claims with their answers, "
        "assessments, due-date changes and state changes, each with both clocks and its actor",
        description="Parties to the agreement and admin keys only.",
        responses=documented(400, 401, 404, 429),
    )
    async def commitment(
        self,
        agreement_id: FromPath[UUID],
        code: CommitmentCode,
        visibility: NamedDependency[Visibility],
        history: NamedDependency[History],
    ) -> CommitmentStoryView:
        return await history.commitment(agreement_id, code, visibility.of(HISTORY))

    @get(
        "/export",
        operation_id="exportAgreementEvents",
        summary="Export an agreement's events for auditors, as JSON Lines",
        description="The first line describes the export (`format`, agreement, range, `count`, the stream's "
        "`headHash`); each further line is one stored event with its payload and metadata as stored (every "
        "language), both clocks, `hash` and `prevHash`. `from` and `to` bound the global log position "
        "(inclusive); they will bound the sequence number once events have one. Streamed.",
        responses={200: EXPORTED, **documented(400, 401, 404, 429)},
    )
    async def export(
        self,
        request: Request,
        agreement_id: FromPath[UUID],
        visibility: NamedDependency[Visibility],
        exporter: NamedDependency[Exporter],
        first: FromPosition = None,
        last: ToPosition = None,
    ) -> Stream:
        export = await exporter.open(agreement_id, visibility.of(HISTORY), first, last)
        name = f"pactum-{agreement_id}.jsonl"
        media_type = request.accept.best_match(EXPORT_TYPES, default=JSON_LINES)
        return Stream(export.lines(), media_type=media_type,
                      headers={"Content-Disposition": f'attachment; filename="{name}"'})


def document_export_types(spec: Any) -> None:
    """The export's other media types (one ResponseSpec names one): generated clients that know no JSON
    Lines read it as bytes (application/octet-stream)."""
    responses = spec.paths["/agreements/{agreementId}/export"].value["get"]["responses"]
    (schema,) = responses["200"]["content"].values()
    responses["200"]["content"] = {t: schema for t in EXPORT_TYPES}
