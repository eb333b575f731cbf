"""Accept-Language on reads: a JSON answer's multilingual texts narrowed to the client's languages.

Only a GET that carries Accept-Language and is answered 200 with `application/json` is touched: its body
(whatever produced it, a View or stored bytes) is decoded, narrowed (service/reads/language_select.py) and
encoded again, with `Content-Language` naming the languages served and `Vary: Accept-Language`. Without
the header, or with one that does not parse (RFC 9110 12.5.4 lets a server disregard it), the answer is
passed through untouched. The log's own records (the feed, audit events, exports, the transparency log)
are served as recorded, in every language.
"""

from __future__ import annotations

import re

import msgspec
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from service.reads.language_chain import MalformedAcceptLanguage, preferences
from service.reads.language_select import negotiate

AS_RECORDED = re.compile(r"^/(?:events|log)(?:/|$)|^/agreements/[^/]+/(?:events|export|audit)(?:/|$)")
JSON = (b"application/json",)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


def negotiate_languages(app: ASGIApp) -> ASGIApp:
    """The middleware: pass-through unless the request asks for languages."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        field = _header(scope, b"accept-language") if scope["type"] == "http" else None
        if field is None or scope.get("method") != "GET" or AS_RECORDED.match(scope.get("path", "")):
            await app(scope, receive, send)
            return
        try:
            prefs = preferences(field)
        except MalformedAcceptLanguage:
            await app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def narrowed_send(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                if message["status"] == 200 and content_type.split(b";")[0].strip() in JSON:
                    start = message  # held until the whole body is here
                    return
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                await _send_narrowed(send, start, b"".join(chunks), prefs)
                return
            await send(message)

        await app(scope, receive, narrowed_send)

    return middleware


async def _send_narrowed(send: Send, start: Message, body: bytes, prefs) -> None:
    served: list[str] = []
    document = negotiate(msgspec.json.decode(body), prefs, served)
    if served:
        body = msgspec.json.encode(document)
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in (b"content-length", b"vary")]
    vary = [v for k, v in start.get("headers", []) if k.lower() == b"vary"]
    headers += [(b"content-length", str(len(body)).encode()),
                (b"vary", b", ".join([*vary, b"Accept-Language"]))]
    if served:
        headers.append((b"content-language", ", ".join(served).encode()))
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})
