"""The shadow tables of a rebuild: made LIKE the live ones, filled without their indexes, indexed before
the swap, or earlier when a replayed statement other than a plain INSERT is about to use a table.

A bulk load is cheaper into a bare heap with the indexes built once afterwards than with every index
maintained row by row. The tables stay logged (a crash during a rebuild leaves the live ones as they
were, and the next rebuild drops what the dead one left).
"""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from projections import Projection

CONSTRAINTS = (
    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
    "WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname")
PLAIN_INDEXES = (
    "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
    "WHERE x.indrelid = $1::regclass AND NOT EXISTS "
    "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) ORDER BY i.relname")


def shadow_schema(projection: Projection) -> str:
    return f"rebuild_{projection.name}"


class Shadows:
    """The shadow tables of the projections rebuilt together, and the indexes each still lacks."""

    def __init__(self, chosen: Sequence[Projection], live: str) -> None:
        self.chosen = tuple(chosen)
        self.live = live
        self._unindexed: dict[str, list[str]] = {}  # table -> the statements that index it

    @property
    def search_path(self) -> str:
        return ", ".join(f'"{shadow_schema(p)}"' for p in self.chosen) + f', "{self.live}"'

    async def create(self, conn: asyncpg.Connection) -> None:
        """Empty tables LIKE the live ones (dropping any a dead rebuild left), their indexes set aside."""
        async with conn.transaction():
            for p in self.chosen:
                shadow = shadow_schema(p)
                await conn.execute(f'DROP SCHEMA IF EXISTS "{shadow}" CASCADE')
                await conn.execute(f'CREATE SCHEMA "{shadow}"')
                for table in p.tables:
                    made = f'"{shadow}".{table}'
                    await conn.execute(f'CREATE TABLE {made} (LIKE "{self.live}".{table} INCLUDING ALL)')
                    self._unindexed[table] = await self._set_aside(conn, made)

    @staticmethod
    async def _set_aside(conn: asyncpg.Connection, table: str) -> list[str]:
        """Drop the table's indexes and constraints on them; return the statements that bring them back."""
        again = []
        for name, definition in await conn.fetch(CONSTRAINTS, table):
            await conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            again.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        schema = table.split(".")[0]
        for name, definition in await conn.fetch(PLAIN_INDEXES, table):
            await conn.execute(f'DROP INDEX {schema}."{name}"')
            again.append(definition)
        return again

    def needs_indexes(self, conn: asyncpg.Connection):  # noqa: ANN201 - a BeforeUse
        """The hook a replay's connections call before a statement that may look rows up in these tables."""
        async def before_use(tables: frozenset[str]) -> None:
            for table in tables & self._unindexed.keys():
                await self._index(conn, table)

        return before_use

    async def index_all(self, conn: asyncpg.Connection) -> None:
        async with conn.transaction():
            for table in list(self._unindexed):
                await self._index(conn, table)

    async def _index(self, conn: asyncpg.Connection, table: str) -> None:
        for statement in self._unindexed.pop(table):
            await conn.execute(statement)

    async def swap(self, conn: asyncpg.Connection) -> None:
        """Drop the live tables and move the shadow ones in (inside the caller's transaction)."""
        for p in self.chosen:
            for table in p.tables:
                await conn.execute(f'DROP TABLE "{self.live}".{table}')
                await conn.execute(f'ALTER TABLE "{shadow_schema(p)}".{table} SET SCHEMA "{self.live}"')

    async def drop(self, conn: asyncpg.Connection) -> None:
        for p in self.chosen:
            await conn.execute(f'DROP SCHEMA IF EXISTS "{shadow_schema(p)}" CASCADE')
