"""Honest reads: each read of a view says in `Pactum-Position` how far the read models behind it have got."""

from __future__ import annotations

from typing import Any, TypeVar

from litestar import MediaType, Response
from litestar.datastructures import ResponseHeader

from projections import Projection
from service.http.deps import POSITION_HEADER, Queries
from service.reads.documents import Document
from service.reads.wait import reached

T = TypeVar("T")
SAYS = ("The log position the read models behind this view have all reached: the view includes every event "
        "at or below it (compare a command's `position`); it may include later ones too.")
VIEW_POSITION = ResponseHeader(name=POSITION_HEADER, documentation_only=True, required=True, description=SAYS)
VIEW_POSITION_UNLESS_REPLAYED = ResponseHeader(
    name=POSITION_HEADER, documentation_only=True, required=False,
    description=SAYS + " Not sent when the view is replayed from events (`version`, `asOf`, `asKnownAt`).")


async def position_of(queries: Queries, views: tuple[Projection, ...]) -> str:
    """Asked before the view is read: the read models only move on, so the view includes at least this."""
    return str(await reached(queries.pool, views))


def stored(doc: Document, **headers: str | None) -> Response[Any]:
    """A stored response document as the body, byte for byte, with its position (and `headers` given)."""
    return Response(doc.body, media_type=MediaType.JSON,
                    headers={POSITION_HEADER: str(doc.position), **{k: v for k, v in headers.items() if v}})


def answer(body: T, position: str, **headers: Any) -> Response[T]:
    return Response(body, headers={POSITION_HEADER: position, **headers})
