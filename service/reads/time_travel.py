"""An agreement as it stood at a version, at a business date, or as it was known at an instant.

Never from the read models as they are: the stream's selected events are replayed by the real projection
handlers into temporary tables that shadow the read models, inside one transaction that is always rolled
back, and the normal queries then run on that transaction. So a past state has exactly the shape and the
rules of the present one, and every projection and query is reused as it is. Party names are read as they
are now: party streams are not replayed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import asyncpg

from projections import Projection
from service.reads.agreement_views import AgreementView
from service.reads.errors import AggregateNotFound
from service.reads.history import require_visible, stored_event
from service.reads.history_errors import InstantInFuture, VersionBeyondStream
from service.reads.progress_queries import ProgressQueries
from service.reads.progress_views import AgreementProgressView
from service.reads.queries import Queries
from service.store.eventstore import COLUMNS
from service.store.mapper import Mapper, StoredEvent
from service.store.runner import envelope

BusinessDay = Callable[[datetime], date]
READ_AS_NOW = frozenset({"party_directory"})  # fed by other streams than the agreement's


@dataclass(frozen=True)
class Point:
    """Which events count: up to a version, those that occurred by `as_of`, those recorded by `known_at`.

    `as_of` and `known_at` combine (what had happened by one instant, as known at another); a version
    stands alone. `as_of_day` is set when `as_of` is the end of a business day that was asked for.
    """

    version: int | None = None
    as_of: datetime | None = None
    as_of_day: date | None = None
    known_at: datetime | None = None

    def selects(self, event: StoredEvent) -> bool:
        return ((self.version is None or event.version <= self.version)
                and (self.as_of is None or event.occurred_at <= self.as_of)
                and (self.known_at is None or event.recorded_at <= self.known_at))

    def today(self, selected: list[StoredEvent], business_day: BusinessDay) -> date:
        """The day a past progress is told as of: the business date asked for, or of the version."""
        if self.as_of_day is not None:
            return self.as_of_day
        return business_day(self.as_of or self.known_at or selected[-1].recorded_at)

    def check(self, now: datetime, business_day: BusinessDay) -> None:
        if self.as_of_day is not None and self.as_of_day > business_day(now):
            raise InstantInFuture(f"asOf {self.as_of_day} is after today, {business_day(now)}")
        for name, moment in (("asOf", None if self.as_of_day else self.as_of), ("asKnownAt", self.known_at)):
            if moment is not None and moment > now:
                raise InstantInFuture(f"{name} {moment.isoformat()} is after now")


class _Borrowed:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def __aenter__(self) -> asyncpg.Connection:
        return self.conn

    async def __aexit__(self, *_: object) -> None:
        return None


class OneConnection:
    """A pool of one connection: the normal queries run inside the replay's transaction."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    def acquire(self) -> _Borrowed:
        return _Borrowed(self._conn)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


class TimeTravel:
    """Past states of agreements; `business_day` is the region's calendar date of an instant."""

    def __init__(self, pool: asyncpg.Pool, mapper: Mapper, projections: Sequence[Projection],
                 business_day: BusinessDay, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.pool = pool
        self.mapper = mapper
        self.replayed = tuple(p for p in projections if p.name not in READ_AS_NOW)
        self.business_day = business_day
        self.now = now

    async def agreement(self, agreement_id: UUID, viewer: UUID | None, point: Point) -> AgreementView:
        async with self._replayed(agreement_id, viewer, point) as (conn, _):
            return await Queries(OneConnection(conn), None, 0).agreement(agreement_id, None)  # type: ignore[arg-type]

    async def progress(self, agreement_id: UUID, viewer: UUID | None, point: Point) -> AgreementProgressView:
        async with self._replayed(agreement_id, viewer, point) as (conn, today):
            return await ProgressQueries(OneConnection(conn)).agreement_progress(  # type: ignore[arg-type]
                agreement_id, None, today)

    @asynccontextmanager
    async def _replayed(self, agreement_id: UUID, viewer: UUID | None,
                        point: Point) -> AsyncIterator[tuple[asyncpg.Connection, date]]:
        """A connection whose read models hold only the selected events of one visible agreement."""
        async with self.pool.acquire() as conn:
            transaction = conn.transaction(isolation="repeatable_read")
            await transaction.start()
            try:
                await require_visible(conn, agreement_id, viewer)
                point.check(self.now(), self.business_day)
                rows = await conn.fetch(f"SELECT {COLUMNS} FROM events WHERE stream_id = $1 ORDER BY version",
                                        agreement_id)
                if point.version is not None and point.version > len(rows):
                    raise VersionBeyondStream(f"version {point.version}: the stream has {len(rows)} events")
                selected = [s for s in map(stored_event, rows) if point.selects(s)]
                if not selected:
                    raise AggregateNotFound("agreement", agreement_id)  # nothing of it had happened then
                await self._shadow(conn)
                for stored in selected:
                    event, env = self.mapper.to_domain_event(stored), envelope(stored)
                    for projection in self.replayed:
                        await projection.apply(event, env, conn)
                yield conn, point.today(selected, self.business_day)
            finally:
                await transaction.rollback()

    async def _shadow(self, conn: asyncpg.Connection) -> None:
        """Empty temporary copies of the replayed read models, first on the search path.

        Setting the path also makes PostgreSQL plan again the statements this connection has prepared.
        """
        schema = await conn.fetchval("SELECT current_schema()")
        tables = [t for p in self.replayed for t in p.tables]
        await conn.execute(";".join(
            [f"CREATE TEMP TABLE {t} (LIKE {schema}.{t} INCLUDING ALL) ON COMMIT DROP" for t in tables]
            + ["SELECT set_config('search_path', 'pg_temp, ' || current_setting('search_path'), true)"]))
