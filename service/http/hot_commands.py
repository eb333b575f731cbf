"""Commands run without the framework's routing, dependency injection and response building.

A POST declared with `command()` whose handler takes nothing but its path parameters, its body (`data`)
and `run` is answered here when a key checked a moment ago sends it with a Content-Length, no query, no
If-Match, no Idempotency-Key, and path parameters as the route reads them (a canonical UUID, a code its
pattern admits). The handler itself runs, after the steps the route would take in the route's order (the
body decoded as strict_body decodes it, then the key's quota), and a refusal is rendered by the app's own
exception handlers. Everything else goes on to the routes, which answer as before. Both ways send the
same bytes and headers (tests/api/test_hot_commands.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from litestar import Request
from litestar.handlers import HTTPRouteHandler
from litestar.routes import BaseRoute, HTTPRoute
from litestar.serialization import encode_json
from litestar.types import Message, Receive, Scope, Send

from service.http import body as strict
from service.http.context import bearer_token, command_context, rate_limit_headers, trusted_caller
from service.http.deps import Run
from service.http.problems import EXCEPTION_HANDLERS
from service.http.ratelimit import RateLimited
from service.usecases.context import Caller

UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NOT_HOT = frozenset({b"if-match", b"idempotency-key", b"transfer-encoding"})


@dataclass(frozen=True)
class Segment:
    """One segment of a command's path: literal text, or a parameter read from it."""

    text: str = ""
    name: str = ""
    read: Callable[[str], Any] | None = None  # the value, or None when the route would not take it


@dataclass(frozen=True)
class HotCommand:
    handler: HTTPRouteHandler
    template: str
    segments: tuple[Segment, ...]
    body: Any  # the request type, or None for a command without a body
    optional_body: bool

    def arguments(self, parts: list[str]) -> dict[str, Any] | None:
        """The path parameters from the path's segments, or None when the path is not this command's."""
        given: dict[str, Any] = {}
        for segment, part in zip(self.segments, parts, strict=True):
            if segment.read is None:
                if part != segment.text:
                    return None
            elif (value := segment.read(part)) is None:
                return None
            else:
                given[segment.name] = value
        return given


def _uuid(text: str) -> UUID | None:
    return UUID(text) if UUID_TEXT.fullmatch(text) else None


def _text(pattern: str | None) -> Callable[[str], str | None]:
    matches = re.compile(pattern).search if pattern else None
    return lambda text: text if text and (matches is None or matches(text)) else None


def _hot(route: HTTPRoute, handler: HTTPRouteHandler) -> HotCommand | None:
    """The handler as a hot command, or None when it needs more than its path, body and `run`."""
    parameters = handler.parsed_fn_signature.parameters
    path = route.path_parameters  # name -> its definition
    if not handler.opt.get("command") or "run" not in parameters or (
            set(parameters) - set(path) - {"data", "run"}):
        return None
    segments = []
    for part in route.path_format.split("/")[1:]:
        name = part[1:-1] if part.startswith("{") else ""
        if not name:
            segments.append(Segment(text=part))
        elif path[name].type is UUID:
            segments.append(Segment(name=name, read=_uuid))
        elif path[name].type is str:
            definition = parameters[name].kwarg_definition
            segments.append(Segment(name=name, read=_text(getattr(definition, "pattern", None))))
        else:
            return None
    data = handler.parsed_data_field
    body, optional = (None, False) if data is None else (data.annotation, data.is_optional)
    if optional:
        body = next(t for t in data.inner_types if t.annotation is not type(None)).annotation
    return HotCommand(handler, route.path_format, tuple(segments), body, optional)


class HotCommands:
    def __init__(self, routes: Iterable[BaseRoute]) -> None:
        self._by_shape: dict[tuple[int, str], list[HotCommand]] = {}
        for route in routes:
            if not isinstance(route, HTTPRoute):
                continue
            for handler in route.route_handlers:
                if "POST" in handler.http_methods and (hot := _hot(route, handler)):
                    key = (len(hot.segments), hot.segments[-1].text)
                    self._by_shape.setdefault(key, []).append(hot)

    def find(self, path: str) -> tuple[HotCommand, dict[str, Any]] | None:
        parts = path.split("/")[1:]
        for hot in self._by_shape.get((len(parts), parts[-1]), ()):
            if (arguments := hot.arguments(parts)) is not None:
                return hot, arguments
        return None

    async def serve(self, app, scope: Scope, receive: Receive, send: Send) -> bool:
        """Run the command `scope` asks for and say True, or say False having read and sent nothing."""
        if scope["method"] != "POST" or scope["query_string"] or not (found := self.find(scope["path"])):
            return False
        token = length = content_type = None
        for name, value in scope["headers"]:
            if name == b"authorization":  # one key, as the route reads it
                if token is not None or not (token := bearer_token(value.decode("latin-1"))):
                    return False
            elif name == b"content-length":
                if length is not None or not value.isdigit():
                    return False
                length = int(value)
            elif name == b"content-type":
                if content_type is not None:
                    return False
                content_type = value.decode("latin-1")
            elif name in NOT_HOT:
                return False
        caller = trusted_caller(app, token or "")
        if caller is None or length is None or length > app.request_max_body_size:
            return False
        hot, arguments = found
        scope.update(app=app, litestar_app=app, route_handler=hot.handler, path_params=arguments,
                     path_template=hot.template)

        async def quota_send(message: Message) -> None:
            await rate_limit_headers(message, scope)
            await send(message)

        try:
            await self._run(hot, arguments, caller, content_type or "", scope, receive, quota_send)
        except Exception as error:  # noqa: BLE001 - answered as the routes answer it
            await _refuse(scope, receive, quota_send, error)
        return True

    @staticmethod
    async def _run(hot: HotCommand, arguments: dict[str, Any], caller: Caller, content_type: str,
                   scope: Scope, receive: Receive, send: Send) -> None:
        """In the routes' order: the body (strict_body), the key's quota (provide_caller), the command."""
        if hot.body is not None:
            raw = await _body(receive)
            if raw is None:
                return  # the client went away before sending the whole body: nothing was decided
            if raw or not hot.optional_body:
                arguments["data"] = strict.decode(raw, content_type, hot.body)
            else:
                arguments["data"] = None  # an optional body left out
        app = scope["app"]
        quota = await app.state.rate_limiter.take(str(caller.key_id))
        scope["state"].update(caller=caller, quota=quota)  # for the access log and the quota's headers
        if quota.exceeded:
            raise RateLimited(quota)
        run = Run(app.state.system.commands, command_context(caller))
        response = await hot.handler.fn(run=run, **arguments)
        content = encode_json(response.content)
        headers = [(name.lower().encode("latin-1"), value.encode("latin-1"))
                   for name, value in response.headers.items()]
        headers += [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode())]
        await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
        await send({"type": "http.response.body", "body": content, "more_body": False})


async def _body(receive: Receive) -> bytes | None:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _refuse(scope: Scope, receive: Receive, send: Send, error: Exception) -> None:
    """The problem the app's exception handlers make of `error`, sent."""
    handle = next(EXCEPTION_HANDLERS[kind] for kind in type(error).__mro__ if kind in EXCEPTION_HANDLERS)
    request = Request(scope, receive)
    await handle(request, error).to_asgi_response(None, request)(scope, receive, send)
