"""Text PostgreSQL can store: NUL (refused in text and in jsonb) becomes U+FFFD on the way to a read model.

Events keep what was written (their payloads are json, whose escaped NUL PostgreSQL accepts); only
the read models get the replacement. Every other control character is storable and kept as it is.
"""

from __future__ import annotations

import re
from typing import Any

import asyncpg

REPLACEMENT = "\ufffd"
# An escaped NUL in JSON text, and not an escaped backslash followed by "u0000".
_JSON_NUL = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")


def storable(text: str) -> str:
    return text.replace("\x00", REPLACEMENT) if "\x00" in text else text


def storable_json(encoded: str) -> str:
    """JSON text whose strings hold no NUL, as jsonb demands."""
    return _JSON_NUL.sub(r"\1\\ufffd", encoded) if "\\u0000" in encoded else encoded


def storable_argument(value: Any) -> Any:
    """The value with NUL replaced in its text (or its list's text)."""
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, list | tuple) and any(isinstance(v, str) for v in value):
        return [storable(v) if isinstance(v, str) else v for v in value]
    return value


class StorableConnection:
    """A connection whose query arguments are made storable: what projections write through."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def execute(self, query: str, *args: Any, **options: Any) -> str:
        return await self._conn.execute(query, *map(storable_argument, args), **options)

    async def executemany(self, query: str, args: Any, **options: Any) -> None:
        rows = [tuple(map(storable_argument, row)) for row in args]
        return await self._conn.executemany(query, rows, **options)

    async def fetch(self, query: str, *args: Any, **options: Any) -> list[asyncpg.Record]:
        return await self._conn.fetch(query, *map(storable_argument, args), **options)

    async def fetchrow(self, query: str, *args: Any, **options: Any) -> asyncpg.Record | None:
        return await self._conn.fetchrow(query, *map(storable_argument, args), **options)

    async def fetchval(self, query: str, *args: Any, **options: Any) -> Any:
        return await self._conn.fetchval(query, *map(storable_argument, args), **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)
