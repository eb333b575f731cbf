"""Webhook subscriptions over HTTP: subscribe a URL to the caller's events, list, end, read deliveries."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Annotated
from uuid import UUID

from litestar import Controller, Request, Response, delete, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody
from msgspec import Meta

from service.http.deps import Cursor, Limit, decode_cursor, encode_cursor
from service.http.problems import documented
from service.http.wire import END, ShortText
from service.http.wire import Request as Body
from service.reads.wire import View
from service.usecases.context import Caller
from service.usecases.webhooks import Subscription, Webhooks

EventTypeName = Annotated[str, Meta(pattern=r"^[a-z_]+\.[a-z_]+" + END, max_length=100,
                                    description="A stable event type, e.g. agreement.signed_by_party")]


class CreateWebhookRequest(Body):
    url: Annotated[str, Meta(pattern=r"^[\x21-\x7E]+" + END, max_length=2000,
                             description="An http(s) URL on a public address")]
    event_types: Annotated[list[EventTypeName], Meta(max_length=100, description="None: every type")] = []
    description: ShortText | None = None
    start_after: Annotated[int, Meta(ge=0, le=2**62, description=(
        "Deliver the events after this seq (default: only events numbered from now on)"))] | None = None


class WebhookView(View):
    id: UUID
    url: str
    event_types: list[str]
    description: str | None
    status: Annotated[str, Meta(description="active, or disabled (see disabledReason)")]
    disabled_reason: str | None
    disabled_at: datetime | None
    delivered_up_to: Annotated[int, Meta(description="The seq this subscription has got to")]
    failed_attempts: Annotated[int, Meta(description="Failed attempts in a row at the next event")]
    failing_since: datetime | None
    next_attempt_at: datetime | None
    created_at: datetime


class CreatedWebhookView(WebhookView):
    """`secret` signs every delivery (Standard Webhooks); it is shown here once and never again."""

    secret: str


class WebhookList(View):
    items: list[WebhookView]


class DeliveryView(View):
    seq: int
    event_id: Annotated[UUID, Meta(description="Also sent as the webhook-id header: dedupe on it")]
    attempt: int
    attempted_at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int
    delivered: bool


class DeliveryPage(View):
    items: list[DeliveryView]
    next_cursor: str | None


def _view(sub: Subscription) -> dict:
    return dict(id=sub.id, url=sub.url, event_types=sub.event_types, description=sub.description,
                status="disabled" if sub.disabled_at else "active", disabled_reason=sub.disabled_reason,
                disabled_at=sub.disabled_at, delivered_up_to=sub.after_seq, failed_attempts=sub.attempts,
                failing_since=sub.failing_since, next_attempt_at=sub.next_attempt_at,
                created_at=sub.created_at)


def provide_webhooks(request: Request) -> Webhooks:
    return request.app.state.system.webhooks


def _attempt_id(text: str) -> int:
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


class WebhookController(Controller):
    path = "/webhooks"
    tags = ["webhooks"]
    dependencies = {"webhooks": Provide(provide_webhooks, sync_to_thread=False)}

    @post(operation_id="createWebhook", summary="Subscribe a URL to the caller's events", status_code=201,
          responses=documented(400, 401, 409, 422))
    async def create(self, data: JSONBody[CreateWebhookRequest], caller: NamedDependency[Caller],
                     webhooks: NamedDependency[Webhooks]) -> Response[CreatedWebhookView]:
        sub, secret = await webhooks.create(caller, data.url, data.event_types, data.description,
                                            data.start_after)
        return Response(CreatedWebhookView(**_view(sub), secret=secret), status_code=201,
                        headers={"Location": f"/webhooks/{sub.id}"})

    @get(operation_id="listWebhooks", summary="The caller's webhook subscriptions", responses=documented(401))
    async def list(self, caller: NamedDependency[Caller], webhooks: NamedDependency[Webhooks]) -> WebhookList:
        return WebhookList(items=[WebhookView(**_view(s)) for s in await webhooks.list(caller)])

    @delete("/{webhook_id:uuid}", operation_id="deleteWebhook", summary="End a webhook subscription",
            status_code=204, responses=documented(400, 401, 404))
    async def remove(self, webhook_id: FromPath[UUID], caller: NamedDependency[Caller],
                     webhooks: NamedDependency[Webhooks]) -> None:
        await webhooks.delete(caller, webhook_id)

    @get("/{webhook_id:uuid}/deliveries", operation_id="listWebhookDeliveries",
         summary="Delivery attempts of a subscription, oldest first", responses=documented(400, 401, 404))
    async def deliveries(self, webhook_id: FromPath[UUID], caller: NamedDependency[Caller],
                         webhooks: NamedDependency[Webhooks], limit: Limit = 50,
                         cursor: Cursor = "") -> DeliveryPage:
        after = decode_cursor(cursor, _attempt_id) if cursor else 0
        rows = await webhooks.deliveries(caller, webhook_id, after, limit + 1)
        items = [DeliveryView(**{k: v for k, v in dataclasses.asdict(d).items() if k != "id"})
                 for d in rows[:limit]]
        more = len(rows) > limit
        return DeliveryPage(items=items, next_cursor=encode_cursor(str(rows[limit - 1].id)) if more else None)
