"""Hot views served as stored response documents: one indexed row per read, its bytes copied out.

A document is the exact response body of a view, built by the view's own read and encoded once; it is
served while the agreement's generation (moved by every projection batch that touches the agreement) is
the one it was built at and, for a view that speaks of today, on the day it was built for. The generation
and the view are read in one statement, so a document never holds an older state than its generation.
A missing or outdated document is built on the read that finds it so, and stored for the next.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

import asyncpg
import msgspec

from projections import Projection
from service.reads.wait import reached_sql

FETCH = f"""
SELECT ({reached_sql("$1")}) AS reached, d.body, d.etag
  FROM (SELECT 1) AS one
  LEFT JOIN (view_document d JOIN document_generation g ON g.agreement_id = d.agreement_id AND g.gen = d.gen)
    ON d.view = $2 AND d.agreement_id = $3 AND (d.valid_on IS NULL OR d.valid_on = $4)
   AND ($5::uuid IS NULL OR $5 = ANY(d.readers))"""
STORE = """
INSERT INTO view_document AS d (view, agreement_id, gen, valid_on, readers, etag, body)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (view, agreement_id) DO UPDATE
   SET gen = EXCLUDED.gen, valid_on = EXCLUDED.valid_on, readers = EXCLUDED.readers, etag = EXCLUDED.etag,
       body = EXCLUDED.body
 WHERE d.gen <= EXCLUDED.gen"""
GENERATION = "(SELECT g.gen FROM document_generation g WHERE g.agreement_id = {id})"

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


async def document(pool: asyncpg.Pool, view: str, agreement_id: UUID, viewer: UUID | None,
                   sources: tuple[Projection, ...], build: Build, valid_on: date | None = None) -> Document:
    """The stored document of `view` for the agreement, or, when there is none for now, one built by
    `build` (which answers 404 as the view's read does: unknown, or `viewer` not a party) and stored."""
    row = await pool.fetchrow(FETCH, [p.name for p in sources], view, agreement_id, valid_on, viewer)
    if row["body"] is not None:
        return Document(row["body"], row["etag"], row["reached"])
    built = await build()
    body = encode(built.view)
    if built.gen is not None:
        await pool.execute(STORE, view, agreement_id, built.gen, valid_on, built.readers, built.etag, body)
    return Document(body, built.etag, row["reached"])
