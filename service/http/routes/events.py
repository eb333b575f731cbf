"""The feed over HTTP: pages of the log after a seq, long polled, or followed as server-sent events."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated
from uuid import UUID

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import HeaderParameter, QueryParameter
from litestar.response import ServerSentEvent
from litestar.response.sse import ServerSentEventMessage

from service.http.context import Visibility
from service.http.problems import documented
from service.http.wire import END
from service.reads.events import EventPage, Feed, event_types

MAX_WAIT_S = 30
STREAM_BATCH = 500
After = Annotated[int, QueryParameter(ge=0, le=2**62, required=False, description=(
    "Events after this seq (0: from the start); pass the previous page's nextAfter"))]
FeedLimit = Annotated[int, QueryParameter(ge=1, le=1000, description="Most events in the page")]
Wait = Annotated[int, QueryParameter(ge=0, le=MAX_WAIT_S, description=(
    "Seconds to wait for an event when none is new yet (long poll); 0: answer at once"))]
Types = Annotated[str, QueryParameter(
    required=False, max_length=4000, pattern=r"^([a-z_]+\.[a-z_]+(,[a-z_]+\.[a-z_]+)*)?" + END,
    description="Only these event types, comma-separated, e.g. agreement.signed_by_party,agreement.closed")]
LastEventId = Annotated[str, HeaderParameter(
    name="Last-Event-ID", required=False, pattern=r"^[0-9]{0,19}" + END,
    description="The seq of the last event received: the stream resumes after it (wins over ?after=)")]
STREAM_RESPONSE = ResponseSpec(str, media_type="text/event-stream", generate_examples=False, description=(
    "text/event-stream: one message per event, `id:` its seq and `data:` the event as in listEvents; "
    "comment lines as heartbeats"))


class _Raw(ServerSentEventMessage):
    """Several events already framed: one write to the socket."""

    def __init__(self, framed: bytes) -> None:
        self.framed = framed

    def encode(self) -> bytes:
        return self.framed


def _types(text: str) -> list[str] | None:
    return event_types([t for t in text.split(",") if t])


def provide_feed(request: Request) -> Feed:
    return request.app.state.system.feed


class EventController(Controller):
    path = "/events"
    tags = ["events"]
    dependencies = {"feed": Provide(provide_feed, sync_to_thread=False)}

    @get(operation_id="listEvents", summary="Events after a seq, oldest first; optionally wait for new ones",
         responses=documented(400, 401))
    async def list(self, visibility: NamedDependency[Visibility], feed: NamedDependency[Feed],
                   after: After = 0, limit: FeedLimit = 100, wait: Wait = 0,
                   types: Types = "") -> Response[EventPage]:
        page = await feed.follow(visibility.of("agreements"), after, limit, _types(types), wait)
        return Response(page.body(), media_type="application/json")  # built by the store, as documented

    @get("/stream", operation_id="streamEvents", summary="Follow the events as server-sent events",
         responses={200: STREAM_RESPONSE, **documented(400, 401)})
    async def stream(self, request: Request, visibility: NamedDependency[Visibility],
                     feed: NamedDependency[Feed], after: After = 0, types: Types = "",
                     last_event_id: LastEventId = "") -> ServerSentEvent:
        start = int(last_event_id) if last_event_id else after
        viewer, chosen = visibility.of("agreements"), _types(types)
        await feed.page(viewer, start, 1, chosen)  # refuses a cursor beyond the log before the stream opens
        heartbeat = request.app.state.system.settings.feed_heartbeat_s
        return ServerSentEvent(_follow(feed, viewer, start, chosen, heartbeat))


async def _follow(feed: Feed, viewer: UUID | None, after: int, types: list[str] | None,
                  heartbeat: float) -> AsyncIterator[ServerSentEventMessage]:
    """Every event after `after`, then each new one as it is numbered; a heartbeat when quiet."""
    loop = asyncio.get_running_loop()
    quiet_since, last_id = loop.time(), after
    while True:
        page = await feed.page(viewer, after, STREAM_BATCH, types)
        if page.events:
            yield _Raw(b"".join(b"id: %d\r\ndata: %s\r\n\r\n" % (e.seq, e.document) for e in page.events))
            quiet_since, last_id = loop.time(), page.events[-1].seq
        after = page.next_after
        if page.events or after < page.head:
            continue
        left = quiet_since + heartbeat - loop.time()
        if left <= 0:  # the id moves a resuming client past events it may not see
            moved = after if after > last_id else None
            yield ServerSentEventMessage(data=None, comment="heartbeat", id=moved)
            quiet_since, last_id = loop.time(), max(after, last_id)
            continue
        await feed.watch.wait_beyond(page.head, left)
