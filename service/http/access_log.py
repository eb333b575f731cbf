"""One access line and the request metrics per request, a request id on every response, and the problem type
of every refusal."""

from __future__ import annotations

import re
import time
from uuid import uuid4

import msgspec
import structlog
from litestar import Litestar
from litestar.types import Message, Receive, Scope, Send

from service.http import hot_reads
from service.http.hot_commands import HotCommands
from service.http.metrics import APP, IN_PROGRESS, count_request

REQUEST_ID = re.compile(r"^[\x21-\x7e]{1,128}$")
log = structlog.get_logger("pactum.access")
UNCOUNTED = frozenset({"/metrics"})  # scraping is not a request worth counting


class _Problem(msgspec.Struct):
    type: str = ""


_problem = msgspec.json.Decoder(_Problem)


def request_id_of(scope: Scope) -> str:
    """The client's X-Request-ID when it is a sane token, else a new one."""
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            if REQUEST_ID.match(text):
                return text
    return uuid4().hex


class ObservedApp(Litestar):
    """The litestar app, wrapped so that every request is logged, also those no route matches."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - litestar's own
        super().__init__(*args, **kwargs)
        self.hot_commands = HotCommands(self.routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = request_id_of(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        seen: dict = {"status": 500, "problem": None}

        async def observed_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                headers = list(message.get("headers", []))
                seen["problem_json"] = any(
                    k.lower() == b"content-type" and v.startswith(b"application/problem+json")
                    for k, v in headers)
                message["headers"] = [*headers, (b"x-request-id", request_id.encode())]
            elif message["type"] == "http.response.body" and seen.get("problem_json") and not seen["problem"]:
                try:
                    seen["problem"] = _problem.decode(message.get("body", b"")).type or None
                except msgspec.DecodeError:
                    seen["problem"] = None
            await send(message)

        in_progress = IN_PROGRESS.labels(APP, scope["method"])
        in_progress.inc()
        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                if not (await self.hot_commands.serve(self, scope, receive, observed_send)
                        or await hot_reads.serve(self, scope, observed_send)):
                    await super().__call__(scope, receive, observed_send)
            finally:
                in_progress.dec()
                seconds = time.perf_counter() - started
                route = scope.get("path_template")  # None: no route matched, not counted
                if route and route not in UNCOUNTED:
                    count_request(scope["method"], route, seen["status"], seconds)
                _log_request(scope, seen, seconds)


def _log_request(scope: Scope, seen: dict, seconds: float) -> None:
    state = scope.get("state", {})
    caller = state.get("caller")
    fields = dict(
        logger="pactum.access",
        request_id=state.get("request_id"),
        method=scope.get("method"),
        route=scope.get("path_template") or scope.get("path"),
        path=scope.get("path"),
        status=seen["status"],
        duration_ms=round(seconds * 1000, 2),
        party=str(caller.party_id) if caller and caller.party_id else None,
        key_id=str(caller.key_id) if caller and caller.key_id else None,
    )
    if seen["problem"]:
        fields["problem"] = seen["problem"]
    (log.warning if seen["status"] >= 500 else log.info)("request", **fields)
