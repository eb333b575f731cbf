"""How a batch of events reaches the projections: each event decoded once (for all of them), given only to
the projections that handle its class, their writes sent as one statement per run of the same SQL."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Sequence
from functools import singledispatchmethod
from typing import Any

import asyncpg

from projections import Envelope, Projection
from projections.base import Handler, handles
from service.store.copying import InsertPlan, insert_plan, mentioned
from service.store.mapper import Mapper, StoredEvent
from service.store.shredding import parse_keys
from service.store.storable import StorableConnection, storable_argument

BeforeUse = Callable[[frozenset[str]], Awaitable[None]]  # told which tables a statement is about to use
Ready = Callable[[], Awaitable[None]]  # awaited before anything is sent (a replay opens its transaction)
COPY_FROM = 32  # a run of this many INSERTs into one table (or more) goes out as COPY, a shorter one not


def envelope(stored: StoredEvent) -> Envelope:
    return Envelope(stored.position, stored.txid, stored.stream_id, stored.version,
                    stored.occurred_at, stored.recorded_at, stored.metadata)


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

    async def execute(self, query: str, *args: Any) -> None:
        row = args if self.clean else tuple(map(storable_argument, args))
        plan = insert_plan(query)
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
        if len(rows) < COPY_FROM:
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


def handler_of(projection: Projection, event_type: type) -> Handler:
    """The projection's apply for this class, looked up once (a singledispatchmethod binds anew per call)."""
    method = type(projection).__dict__.get("apply")
    if isinstance(method, singledispatchmethod):
        return functools.partial(method.dispatcher.dispatch(event_type), projection)
    return projection.apply


class Dispatch:
    """Which projections handle which stored event types (worked out once per type)."""

    def __init__(self, mapper: Mapper, projections: Sequence[Projection]) -> None:
        self.mapper = mapper
        self.projections = tuple(projections)
        self._by_type: dict[str, tuple[tuple[int, Handler], ...]] = {}

    def readers(self, event_type: str) -> tuple[tuple[int, Handler], ...]:
        """The projections (by index) that handle events of this type, each with its handler."""
        found = self._by_type.get(event_type)
        if found is None:
            cls = self.mapper.event_class(event_type)
            found = () if cls is None else tuple(
                (i, handler_of(p, cls)) for i, p in enumerate(self.projections) if handles(p, cls))
            self._by_type[event_type] = found
        return found

    def connections(self, conn: asyncpg.Connection, before_use: BeforeUse | None = None,
                    ready: Ready | None = None) -> list[BatchingConnection]:
        return [BatchingConnection(conn, p.tables, before_use, ready) for p in self.projections]

    async def apply(self, conn: asyncpg.Connection, batch: Sequence[StoredEvent],
                    skipped: Sequence[frozenset[int]]) -> None:
        """Apply the batch to every projection (`skipped[i]`: positions projection i leaves out)."""
        writes = self.connections(conn)
        some_skipped = any(skipped)
        for stored in batch:
            if not self.mapper.is_known(stored.event_type):
                continue
            if some_skipped and all(stored.position in s for s in skipped):
                continue
            # decoded even when none of them reads it: an event that cannot be decoded parks them all
            event, env = self.mapper.to_domain_event(stored), envelope(stored)
            clean = not stored.keys and b"\\u0000" not in stored.payload  # no text of it can hold NUL
            for i, handler in self.readers(stored.event_type):
                if not some_skipped or stored.position not in skipped[i]:
                    writes[i].clean = clean
                    await handler(event, env, writes[i])
        for w in writes:
            await w.flush()

    async def replay(self, writes: Sequence[BatchingConnection], rows: Sequence[asyncpg.Record],
                     skipped: Sequence[frozenset[int]]) -> None:
        """Give rows read for a replay (REPLAY_COLUMNS) to the projections' connections (flushed by the
        caller), decoding only the events some projection reads."""
        some_skipped = any(skipped)
        for position, txid, stream_id, version, event_type, schema, payload, meta, occurred, recorded, keys \
                in rows:
            readers = self._by_type.get(event_type)
            if readers is None:
                readers = self.readers(event_type)
            if not readers or some_skipped and all(position in s for s in skipped):
                continue
            event = self.mapper.kind(event_type).decode_fields(  # type: ignore[union-attr]
                payload, schema, stream_id, version, recorded, parse_keys(keys))
            env = Envelope(position, txid, stream_id, version, occurred, recorded, meta)
            clean = keys is None and "\\u0000" not in payload  # no text of it can hold NUL
            for i, handler in readers:
                if not some_skipped or position not in skipped[i]:
                    writes[i].clean = clean
                    await handler(event, env, writes[i])
