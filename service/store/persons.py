"""The persons table: a key per person named in the record, created when first named, deleted on erasure."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from uuid import UUID

import asyncpg

from service.store.shredding import new_key

# One statement: the rows it inserts are not yet visible to its own SELECT, hence the union.
KEYS_FOR_WRITING = """
WITH added AS (
    INSERT INTO persons (id, key) SELECT * FROM unnest($1::uuid[], $2::bytea[])
    ON CONFLICT (id) DO NOTHING RETURNING id, key
)
SELECT id, key FROM added
UNION ALL SELECT id, key FROM persons WHERE id = ANY($1::uuid[]) AND id NOT IN (SELECT id FROM added)
"""
LOCK = "SELECT key IS NULL AS erased FROM persons WHERE id = $1 FOR UPDATE"
DELETE_KEY = "UPDATE persons SET key = NULL, erased_at = $2, reason = $3 WHERE id = $1 AND key IS NOT NULL"


class UnknownPerson(LookupError):
    """No person with this id was ever named in the record."""


class PersonAlreadyErased(Exception):
    """The person was erased before."""


class PersonErased(Exception):
    """A command names a person who was erased: their key is gone, so nothing can be sealed for them."""


async def keys_for_writing(pool: asyncpg.Pool | asyncpg.Connection,
                           persons: Collection[UUID]) -> dict[UUID, bytes]:
    """The key of each person, a new one for a person named for the first time."""
    ids = sorted(persons)
    rows = await pool.fetch(KEYS_FOR_WRITING, ids, [new_key() for _ in ids])
    keys = {r["id"]: r["key"] for r in rows}
    if erased := sorted(str(p) for p, key in keys.items() if key is None):
        raise PersonErased(f"person {', '.join(erased)} was erased: name the person anew")
    return keys


async def lock_for_erasure(conn: asyncpg.Connection, person_id: UUID) -> None:
    """Hold the person's row for this transaction; refuse an unknown or already erased person."""
    erased = await conn.fetchval(LOCK, person_id)
    if erased is None:
        raise UnknownPerson(f"no person {person_id}")
    if erased:
        raise PersonAlreadyErased(f"person {person_id} was erased before")


async def delete_key(conn: asyncpg.Connection, person_id: UUID, at: datetime, reason: str) -> None:
    await conn.execute(DELETE_KEY, person_id, at, reason)
