"""Hot views served as stored response documents: one indexed row per read, its bytes copied out.

A document is the exact response body of a view, built by the view's own read and encoded once; it is
served while the agreement's generation (moved by every projection batch that touches the agreement) is
the one it was built at and, for a view that speaks of today, on the day it was built for. The generation
and the view are read in one statement, so a document never holds an older state than its generation.
A view that reads across agreements (a party's obligations) is current while the projections behind it
have applied nothing since. A missing or outdated document is built on the read that finds it so, and
stored for the next.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from uuid import UUID

import asyncpg
import msgspec

from projections import Projection
from service.reads.wait import names_sql, reached_sql

# The generation now: of the agreement (moved by every projection batch that touches it), or, for a view
# that reads across agreements, where the projections behind it stand (any batch moves it).
OF_AGREEMENT = "(SELECT g.gen FROM document_generation g WHERE g.agreement_id = {id})"
OF_SOURCES = ("(SELECT hashtextextended(string_agg(t.txid || ':' || t.position, ',' ORDER BY t.name), 0) "
              "FROM projection_tracking t WHERE t.name = ANY({names}::text[]))")
GENERATION = OF_AGREEMENT  # what the agreement views' builds read
FETCH = """
SELECT ({reached}) AS reached, d.body, d.etag
  FROM (SELECT 1) AS one
  LEFT JOIN view_document d
    ON d.view = $1 AND d.subject_id = $2 AND (d.valid_on IS NULL OR d.valid_on = $3)
   AND ($4::uuid IS NULL OR $4 = ANY(d.readers)) AND d.gen = {current}"""
STORE = """
INSERT INTO view_document AS d (view, subject_id, gen, valid_on, readers, etag, body)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (view, subject_id) DO UPDATE
   SET gen = EXCLUDED.gen, valid_on = EXCLUDED.valid_on, readers = EXCLUDED.readers, etag = EXCLUDED.etag,
       body = EXCLUDED.body"""
# An agreement's generations are ordered: a build that read an older one never replaces a newer document.
STORE_BY = {"agreement": STORE + "\n WHERE d.gen <= EXCLUDED.gen", "sources": STORE}

encode = msgspec.json.Encoder().encode


@dataclass(frozen=True, slots=True)
class Document:
    """A response body as stored, its entity tag, and the log position the view has reached."""

    body: bytes
    etag: str | None
    position: int


@dataclass(frozen=True, slots=True)
class Built:
    """A view just read, with what storing it as a document needs (read in the same statement)."""

    view: msgspec.Struct
    gen: int | None
    readers: list[UUID]
    etag: str | None


Build = Callable[[], Awaitable[Built]]


async def stored(pool: asyncpg.Pool, view: str, subject_id: UUID, viewer: UUID | None,
                 sources: tuple[Projection, ...], valid_on: date | None = None,
                 generation: str = "agreement") -> Document | None:
    """The stored document of `view` when there is a current one `viewer` may read; None otherwise (then
    `document` builds it, or answers 404 or 403)."""
    row = await _fetch(pool, view, subject_id, viewer, sources, valid_on, generation)
    return None if row["body"] is None else Document(row["body"], row["etag"], row["reached"])


async def document(pool: asyncpg.Pool, view: str, subject_id: UUID, viewer: UUID | None,
                   sources: tuple[Projection, ...], build: Build, valid_on: date | None = None,
                   generation: str = "agreement") -> Document:
    """The stored document of `view` for the agreement (or party), or, when there is none for now, one
    built by `build` (which answers 404 or 403 as the view's read does) and stored.

    `generation` says what makes a document outdated: "agreement", a batch that touched the agreement;
    "sources", any batch of the projections `sources`.
    """
    row = await _fetch(pool, view, subject_id, viewer, sources, valid_on, generation)
    if row["body"] is not None:
        return Document(row["body"], row["etag"], row["reached"])
    built = await build()
    body = encode(built.view)
    if built.gen is not None:
        await pool.execute(STORE_BY[generation], view, subject_id, built.gen, valid_on, built.readers,
                           built.etag, body)
    return Document(body, built.etag, row["reached"])


async def _fetch(pool: asyncpg.Pool, view: str, subject_id: UUID, viewer: UUID | None,
                 sources: tuple[Projection, ...], valid_on: date | None, generation: str) -> asyncpg.Record:
    return await pool.fetchrow(fetch_sql(generation, tuple(p.name for p in sources)), view, subject_id,
                               valid_on, viewer)


@cache
def fetch_sql(generation: str, names: tuple[str, ...]) -> str:
    """SQL: a view's stored document, if current, with the position the projections `names` have reached."""
    current = OF_AGREEMENT.format(id="d.subject_id") if generation == "agreement" else \
        OF_SOURCES.format(names=names_sql(names))
    return FETCH.format(reached=reached_sql(names), current=current)
