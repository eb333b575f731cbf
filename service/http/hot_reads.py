"""The hottest reads answered from their stored documents without the framework's routing, dependency
injection and response building: GET /agreements/{id} and /agreements/{id}/progress, for a key checked
a moment ago, with no query, body or Accept-Language.

Everything else goes on to the routes, which answer exactly as before: a key not yet trusted, a query
(time travel, minPosition), languages, an exceeded rate limit, a document missing or outdated (the route
builds and stores it), a reader the document does not name (the route answers 404), a database error.
Both ways send the same bytes and headers (tests/api/test_hot_reads.py).
"""

from __future__ import annotations

import re
from uuid import UUID

import asyncpg
from litestar.types import Scope, Send

from service.http.context import Visibility, bearer_token, trusted_caller
from service.http.deps import POSITION_HEADER
from service.http.routes.agreements import DETAIL_VIEWS
from service.http.routes.progress_views import PROGRESS
from service.reads import documents
from service.usecases.context import business_today

PATH = re.compile(r"/agreements/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(/progress)?")
# (stored view, route template, what Visibility calls it, the projections behind it, dated, sends its ETag)
AGREEMENT = ("agreement", "/agreements/{agreement_id}", "agreements", DETAIL_VIEWS, False, True)
PROGRESS_VIEW = ("progress", "/agreements/{agreement_id}/progress", "progress", PROGRESS, True, False)
NOT_HOT = frozenset({b"accept-language", b"content-length", b"transfer-encoding"})
POSITION = POSITION_HEADER.lower().encode()


async def serve(app, scope: Scope, send: Send) -> bool:
    """Answer `scope` from its stored document and say True, or say False and send nothing."""
    if scope["method"] != "GET" or scope["query_string"] or not (match := PATH.fullmatch(scope["path"])):
        return False
    token = None
    for name, value in scope["headers"]:
        if name == b"authorization":  # one key, as the route reads it
            if token is not None or not (token := bearer_token(value.decode("latin-1"))):
                return False
        elif name in NOT_HOT:
            return False
    caller = trusted_caller(app, token or "")
    if caller is None:
        return False
    state = app.state
    view, route, visible_as, sources, dated, with_etag = PROGRESS_VIEW if match.group(2) else AGREEMENT
    quota = await state.rate_limiter.take(str(caller.key_id))
    scope["state"].update(caller=caller, quota=quota)  # for the access log, and the route if it answers
    if quota.exceeded:
        return False
    viewer = Visibility(caller, state.system.settings.public_views).of(visible_as)
    try:
        doc = await documents.stored(state.system.pool, view, UUID(match.group(1)), viewer, sources,
                                     business_today() if dated else None)
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
        return False  # the route answers with a problem (503 while the database is away)
    if doc is None:
        return False
    scope["path_template"] = route
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(doc.body)).encode()),
               (POSITION, str(doc.position).encode())]
    if with_etag and doc.etag:
        headers.append((b"etag", doc.etag.encode()))
    headers += [(k.lower().encode(), v.encode()) for k, v in quota.headers().items()]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": doc.body, "more_body": False})
    return True
