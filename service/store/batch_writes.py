"""A projection's connection for one batch: its writes go out in as few statements as their order allows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Any

import asyncpg

from service.store.copying import insert_plan, mentioned
from service.store.storable import StorableConnection, storable_argument

BeforeUse = Callable[[frozenset[str]], Awaitable[None]]  # told which tables a statement is about to use
Ready = Callable[[], Awaitable[None]]  # awaited before anything is sent (a replay opens its transaction)
COPY_FROM = 32  # a run of this many INSERTs into one table (or more) goes out as COPY, a shorter one not


class _Done:
    """An awaitable already done: what an execute that only queued a row returns."""

    __slots__ = ()

    def __await__(self) -> Iterator[None]:
        return iter(())


DONE = _Done()


class _Run:
    """Executes of one statement in a row, waiting to go out as one."""

    __slots__ = ("query", "rows")

    def __init__(self, query: str, row: tuple[Any, ...]) -> None:
        self.query, self.rows = query, [row]


class BatchingConnection:
    """A projection's connection for one batch: its writes go out in as few statements as order allows.

    A statement that names one of the projection's tables (and no other) waits in that table's lane: a run
    of one statement there goes out as one executemany, a long run of plain INSERTs (copying.py) as one
    binary COPY. A statement naming several tables, and any read, first sends the lanes of the tables it
    names; `flush` sends them all. Only each table's own order is kept: a projection's tables have no
    triggers or foreign keys between them. Arguments are made storable (storable.py) unless the batch
    knows the event they come from holds no NUL (`clean`).
    """

    def __init__(self, conn: asyncpg.Connection, tables: Sequence[str] = (),
                 before_use: BeforeUse | None = None, ready: Ready | None = None) -> None:
        self._raw = conn
        self._before_use = before_use
        self._ready = ready
        self._conn = StorableConnection(conn)
        self._tables = tuple(tables)
        self._lanes: dict[str, list[_Run]] = {}
        self.clean = False

    def execute(self, query: str, *args: Any) -> Awaitable[None]:
        """Queue the statement in its table's lane (nothing to wait for), or send it after what it needs."""
        row = args if self.clean else tuple(map(storable_argument, args))
        tables = mentioned(query, self._tables)
        if len(tables) != 1:
            return self._send_now(query, tables, row)
        (table,) = tables
        lane = self._lanes.get(table)
        if lane is None:
            self._lanes[table] = [_Run(query, row)]
        elif lane[-1].query == query:
            lane[-1].rows.append(row)
        else:
            lane.append(_Run(query, row))
        return DONE

    async def _send_now(self, query: str, tables: frozenset[str], row: tuple[Any, ...]) -> None:
        await self._before(tables)
        await self._raw.execute(query, *row)

    async def _before(self, tables: frozenset[str]) -> None:
        """Before a statement or read that names these tables: send their lanes, let the hook know."""
        for table in tables & self._lanes.keys():
            await self._send_lane(table)
        await self._open()
        if self._before_use is not None and tables:
            await self._before_use(tables)

    async def flush(self) -> None:
        for table in list(self._lanes):
            await self._send_lane(table)

    async def _send_lane(self, table: str) -> None:
        runs = self._lanes.pop(table, None)
        if not runs:
            return
        await self._open()
        for run in runs:
            plan, rows = insert_plan(run.query), run.rows
            if plan is None and self._before_use is not None:  # it may look rows up
                await self._before_use(frozenset((table,)))
            if len(rows) == 1:
                await self._raw.execute(run.query, *rows[0])
            elif plan is None or plan.table != table or len(rows) < COPY_FROM:
                await self._raw.executemany(run.query, rows)
            else:
                await self._raw.copy_records_to_table(table, records=map(plan.record, rows),
                                                      columns=plan.columns)

    async def _open(self) -> None:
        if self._ready is not None:
            await self._ready()

    async def fetch(self, query: str, *args: Any) -> list[asyncpg.Record]:
        await self._before(mentioned(query, self._tables))
        return await self._conn.fetch(query, *args)

    async def fetchrow(self, query: str, *args: Any) -> asyncpg.Record | None:
        await self._before(mentioned(query, self._tables))
        return await self._conn.fetchrow(query, *args)

    async def fetchval(self, query: str, *args: Any) -> Any:
        await self._before(mentioned(query, self._tables))
        return await self._conn.fetchval(query, *args)
