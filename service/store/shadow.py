"""The shadow tables of a rebuild: made LIKE the live ones; those a projection names `appended` (a replay
mostly appends to them) filled without their indexes, indexed before the swap, or earlier when a replayed
statement other than a plain INSERT is about to use the table.

A bulk load is cheaper into a bare heap with the indexes built once afterwards than with every index
maintained row by row. Only for tables mostly appended to: with indexes built mid-replay, while a table
was still small, the lookups that followed were measured twice as slow as with indexes there from the
start (the size CREATE INDEX records for the planner, most likely). The tables stay logged: a crash during
a rebuild leaves the live ones as they were, and the next rebuild drops what the dead one left.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

import asyncpg

from projections import Projection

CONSTRAINTS = (
    "SELECT conname, contype, pg_get_constraintdef(oid), pg_get_indexdef(conindid) FROM pg_constraint "
    "WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname")
BUILDERS = 2  # indexes built at once after a load (each a backend of its own)
PLAIN_INDEXES = (
    "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
    "WHERE x.indrelid = $1::regclass AND NOT EXISTS "
    "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) ORDER BY i.relname")


@dataclass
class Indexing:
    """How a shadow table gets its indexes back: the indexes to build, then the constraints to attach."""

    builds: list[str] = field(default_factory=list)
    attach: list[str] = field(default_factory=list)


def shadow_schema(projection: Projection) -> str:
    return f"rebuild_{projection.name}"


class Shadows:
    """The shadow tables of the projections rebuilt together, and the indexes each still lacks."""

    def __init__(self, chosen: Sequence[Projection], live: str) -> None:
        self.chosen = tuple(chosen)
        self.live = live
        self._unindexed: dict[str, Indexing] = {}  # table -> how to index it

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
                    if table in getattr(p, "appended", ()):
                        self._unindexed[table] = await self._set_aside(conn, made)

    @staticmethod
    async def _set_aside(conn: asyncpg.Connection, table: str) -> Indexing:
        """Drop the table's indexes and constraints on them; return the statements that bring them back."""
        indexing = Indexing()
        for name, kind, definition, index in await conn.fetch(CONSTRAINTS, table):
            await conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            if kind == "x":  # an exclusion constraint builds its own index
                indexing.attach.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            else:
                indexing.builds.append(index)
                key = "PRIMARY KEY" if kind == "p" else "UNIQUE"
                indexing.attach.append(
                    f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {key} USING INDEX "{name}"')
        schema = table.split(".")[0]
        for name, definition in await conn.fetch(PLAIN_INDEXES, table):
            await conn.execute(f'DROP INDEX {schema}."{name}"')
            indexing.builds.append(definition)
        return indexing

    def needs_indexes(self, conn: asyncpg.Connection):  # noqa: ANN201 - a BeforeUse
        """The hook a replay's connections call before a statement that may look rows up in these tables."""
        async def before_use(tables: frozenset[str]) -> None:
            for table in tables & self._unindexed.keys():
                indexing = self._unindexed.pop(table)
                for statement in (*indexing.builds, *indexing.attach):
                    await conn.execute(statement)

        return before_use

    async def index_all(self, conn: asyncpg.Connection, pool: asyncpg.Pool) -> None:
        """Build every index still missing, BUILDERS at a time on connections of their own, then attach
        the constraints to theirs."""
        waiting, self._unindexed = list(self._unindexed.values()), {}
        builds = iter([build for indexing in waiting for build in indexing.builds])

        async def builder() -> None:
            async with pool.acquire() as own:
                for statement in builds:
                    await own.execute(statement)

        await asyncio.gather(*(builder() for _ in range(BUILDERS)))
        async with conn.transaction():
            for indexing in waiting:
                for statement in indexing.attach:
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
