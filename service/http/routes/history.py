"""The audit trail of one agreement: its events, a commitment's story, and the export for auditors."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from litestar import Controller, Request, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, QueryParameter

from service.http.context import Visibility
from service.http.deps import Cursor, Limit, decode_cursor, encode_cursor
from service.http.history_params import optional_instant
from service.http.problems import ProblemError, documented
from service.http.wire import CODE_PATTERN
from service.reads.event_views import PAYLOADS, EventPage
from service.reads.history import EventFilter, History

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
    dependencies = {"history": Provide(provide_history, sync_to_thread=False)}

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
    ) -> EventPage:
        where = EventFilter(
            types=event_types(types), commitment=commitment,
            occurred_from=optional_instant("occurredFrom", occurred_from),
            occurred_to=optional_instant("occurredTo", occurred_to),
            recorded_from=optional_instant("recordedFrom", recorded_from),
            recorded_to=optional_instant("recordedTo", recorded_to))
        after = decode_cursor(cursor, _version) if cursor else 0
        page = await history.events(agreement_id, visibility.of(HISTORY), where, after, limit)
        if page.next_cursor:
            page.next_cursor = encode_cursor(page.next_cursor)
        return page
