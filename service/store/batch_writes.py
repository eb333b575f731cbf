"""A projection's connection for one batch: its writes go out in as few statements as their order allows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Any

import asyncpg

from service.store.copying import InsertPlan, insert_plan, mentioned
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


class BatchingConnection:
    """A projection's connection for one batch: its writes go out in as few statements as order allows.

    Consecutive executes of one statement go out as one executemany. Plain INSERTs wait per table
    (copying.py) until a statement that names the table, or the end: a long run of them goes out as one
    binary COPY. Any read first sends the run pending; `flush` sends the rest. Arguments are made storable
    (storable.py) unless the batch knows the event they come from holds no NUL (`clean`).
    """

    def __init__(self, conn: asyncpg.Connection, tables: Sequence[str] = (),
                 before_use: BeforeUse | None = None, ready: Ready | None = None) -> None:
        self._raw = conn
        self._before_use = before_use
        self._ready = ready
        self._conn = StorableConnection(conn)
        self._tables = tuple(tables)
        self._query: str | None = None
        self._rows: list[tuple[Any, ...]] = []
        self._inserts: dict[str, tuple[InsertPlan, list[tuple[Any, ...]]]] = {}
        self.clean = False

    def execute(self, query: str, *args: Any) -> Awaitable[None]:
        """Queue the statement; what must be sent first is sent when the answer is awaited."""
        row = args if self.clean else tuple(map(storable_argument, args))
        plan = insert_plan(query)
        if plan is not None:  # the common case: one more row of a waiting run (no coroutine to make)
            waiting = self._inserts.get(plan.table)
            if waiting is not None and waiting[0] is plan and (
                    self._query is None or plan.table not in mentioned(self._query, self._tables)):
                waiting[1].append(row)
                return DONE
        return self._execute(query, plan, row)

    async def _execute(self, query: str, plan: InsertPlan | None, row: tuple[Any, ...]) -> None:
        if plan is not None and plan.table in self._tables:
            if self._query is not None and plan.table in mentioned(self._query, self._tables):
                await self._send_run()
            waiting = self._inserts.get(plan.table)
            if waiting is None or waiting[0] is not plan:
                await self._send_inserts(plan.table)
                waiting = self._inserts[plan.table] = (plan, [])
            waiting[1].append(row)
            return
        await self._using(query)
        if query != self._query:
            await self._send_run()
            self._query = query
        self._rows.append(row)

    async def flush(self) -> None:
        await self._send_run()
        for table in list(self._inserts):
            await self._send_inserts(table)

    async def _send_run(self) -> None:
        if not self._rows:
            return
        query, rows = self._query, self._rows
        self._query, self._rows = None, []
        await self._open()
        if len(rows) == 1:
            await self._raw.execute(query, *rows[0])
        else:
            await self._raw.executemany(query, rows)

    async def _send_inserts(self, table: str) -> None:
        waiting = self._inserts.pop(table, None)
        if waiting is None:
            return
        plan, rows = waiting
        await self._open()
        if len(rows) == 1:
            await self._raw.execute(plan.query, *rows[0])
        elif len(rows) < COPY_FROM:
            await self._raw.executemany(plan.query, rows)
        else:
            await self._raw.copy_records_to_table(table, records=map(plan.record, rows), columns=plan.columns)

    async def _using(self, query: str) -> None:
        """Before a statement other than a plain INSERT: send the INSERTs waiting for the tables it names."""
        tables = mentioned(query, self._tables)
        for table in tables & self._inserts.keys():
            await self._send_inserts(table)
        if self._before_use is not None and tables:
            await self._open()
            await self._before_use(tables)

    async def _before_read(self, query: str) -> None:
        await self._using(query)
        await self._send_run()
        await self._open()

    async def _open(self) -> None:
        if self._ready is not None:
            await self._ready()

    async def fetch(self, query: str, *args: Any) -> list[asyncpg.Record]:
        await self._before_read(query)
        return await self._conn.fetch(query, *args)

    async def fetchrow(self, query: str, *args: Any) -> asyncpg.Record | None:
        await self._before_read(query)
        return await self._conn.fetchrow(query, *args)

    async def fetchval(self, query: str, *args: Any) -> Any:
        await self._before_read(query)
        return await self._conn.fetchval(query, *args)
