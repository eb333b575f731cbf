"""Parked projections: the dead letter of the event one gave up on, and the operator's skip and resume."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg
from asyncpg import exceptions as pg

from service.store.mapper import StoredEvent

CHANNEL = "pactum_events"  # runners LISTEN here: appends, skips and resumes wake them
MAX_ERROR_CHARS = 2000
RESOLUTIONS = {"skip": "skipped", "resume": "resumed"}
# The database, not the event: tried again on the next round, never a reason to park.
TRANSIENT = (OSError, TimeoutError, asyncpg.InterfaceError, asyncpg.PostgresConnectionError,
             pg.InsufficientResourcesError, pg.AdminShutdownError, pg.CrashShutdownError,
             pg.CannotConnectNowError)

PARK = """
WITH parked AS (
    UPDATE projection_tracking SET state = 'parked', parked_at = $9, parked_position = $3, error = $7,
           updated_at = now()
    WHERE name = $1 AND (txid, position) = ($10, $11) AND state = 'running'
    RETURNING name
)
INSERT INTO projection_dead_letters AS d (projection, position, txid, stream_id, version, event_type,
                                          error, attempts, first_failed_at, last_failed_at)
SELECT $1, $3, $2, $4, $5, $6, $7, $8, $12, $9 FROM parked
ON CONFLICT (projection, position) DO UPDATE
SET error = excluded.error, attempts = d.attempts + excluded.attempts,
    last_failed_at = excluded.last_failed_at, resolution = NULL, resolved_at = NULL
RETURNING projection
"""

# Where each named projection stands and how far behind the log it is (events, and the age of the oldest
# it has not applied); one without a tracking row yet has seen nothing. Readiness reads the same rows.
STATUSES = """
SELECT p.name, coalesce(t.state, 'running') AS state, coalesce(t.position, 0) AS position, t.parked_at,
       t.parked_position, t.error, d.event_type, behind.lag, behind.seconds
FROM unnest($1::text[]) WITH ORDINALITY AS p(name, n)
LEFT JOIN projection_tracking t ON t.name = p.name
LEFT JOIN projection_dead_letters d ON d.projection = t.name AND d.position = t.parked_position
CROSS JOIN LATERAL (
    SELECT count(*) AS lag, coalesce(extract(epoch FROM now() - min(e.recorded_at)), 0)::float8 AS seconds
    FROM events e WHERE (e.txid, e.position) > (coalesce(t.txid, 0), coalesce(t.position, 0))) behind
ORDER BY p.n
"""

RUNNING = ("UPDATE projection_tracking SET state = 'running', parked_at = NULL, parked_position = NULL, "
           "error = NULL, updated_at = now() WHERE name = $1")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often an event that fails is tried again, and how long apart, before its projection parks."""

    attempts: int = 5
    first_delay_s: float = 0.5
    max_delay_s: float = 30.0

    def delay(self, failed: int) -> float:
        """The wait after the `failed`-th failed attempt: doubling, bounded."""
        return min(self.first_delay_s * 2 ** (failed - 1), self.max_delay_s)


@dataclass(frozen=True, slots=True)
class Failure:
    """An event a projection could not apply, however often it tried."""

    event: StoredEvent
    error: str
    attempts: int
    first_failed_at: datetime
    last_failed_at: datetime


@dataclass(frozen=True, slots=True)
class ProjectionStatus:
    name: str
    state: str
    position: int
    lag: int
    parked_at: datetime | None
    parked_position: int | None
    event_type: str | None
    error: str | None
    lag_seconds: float = 0.0

    @property
    def error_class(self) -> str | None:
        """The kind of error only: the full text may quote what an event holds."""
        return None if self.error is None else self.error.split(":", 1)[0]


class ProjectionParked(Exception):
    """A read waits for a projection that is parked: it would wait for an operator, not for a moment."""

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__(f"projections parked at an event they cannot apply: {', '.join(names)}")
        self.names = tuple(names)


class OperatorRefused(Exception):
    """A skip or resume that does not fit the projection's state."""


def error_text(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS]


async def park(conn: asyncpg.Connection, name: str, txid: int, position: int, failure: Failure) -> bool:
    """Park the projection at the failed event, still at (txid, position); False if it moved meanwhile."""
    e = failure.event
    return await conn.fetchval(
        PARK, name, e.txid, e.position, e.stream_id, e.version, e.event_type, failure.error,
        failure.attempts, failure.last_failed_at, txid, position, failure.first_failed_at) is not None


async def statuses(conn: asyncpg.Pool | asyncpg.Connection, names: Sequence[str]) -> list[ProjectionStatus]:
    rows = await conn.fetch(STATUSES, list(names))
    return [ProjectionStatus(r["name"], r["state"], r["position"], r["lag"], r["parked_at"],
                             r["parked_position"], r["event_type"], r["error"], r["seconds"]) for r in rows]


def skipped_sql(name: str) -> str:
    """SQL: the positions of the events an operator skipped for the projection named by SQL `name`."""
    return (f"SELECT position FROM projection_dead_letters "
            f"WHERE projection = {name} AND resolution = 'skipped'")


async def skipped_positions(conn: asyncpg.Connection | asyncpg.Pool, name: str) -> frozenset[int]:
    """Events an operator skipped for this projection: a rebuild skips them again."""
    rows = await conn.fetch(skipped_sql("$1"), name)
    return frozenset(r[0] for r in rows)


async def skip(pool: asyncpg.Pool, name: str, position: int, reason: str, actor: str) -> None:
    """Move a projection parked at `position` past that one event and let it run again."""
    async with pool.acquire() as conn, conn.transaction():
        parked_at = await _parked_position(conn, name)
        if parked_at != position:
            raise OperatorRefused(f"{name} is parked at position {parked_at}, not {position}")
        txid = await conn.fetchval("SELECT txid FROM events WHERE position = $1", position)
        await conn.execute(RUNNING, name)
        await conn.execute("UPDATE projection_tracking SET txid = $2, position = $3 WHERE name = $1",
                           name, txid, position)
        await _resolve(conn, name, position, "skip", reason, actor)


async def resume(pool: asyncpg.Pool, name: str, reason: str, actor: str) -> int:
    """Let a parked projection try its event again (after a fix); return the event's position."""
    async with pool.acquire() as conn, conn.transaction():
        position = await _parked_position(conn, name)
        await conn.execute(RUNNING, name)
        await _resolve(conn, name, position, "resume", reason, actor)
    return position


async def _parked_position(conn: asyncpg.Connection, name: str) -> int:
    row = await conn.fetchrow(
        "SELECT state, parked_position FROM projection_tracking WHERE name = $1 FOR UPDATE", name)
    if row is None:
        raise OperatorRefused(f"no projection is named {name}")
    if row["state"] != "parked":
        raise OperatorRefused(f"{name} is not parked")
    return row["parked_position"]


async def _resolve(conn: asyncpg.Connection, name: str, position: int, action: str,
                   reason: str, actor: str) -> None:
    """Close the dead letter and record who did what and why, in the operator's transaction."""
    await conn.execute("UPDATE projection_dead_letters SET resolution = $3, resolved_at = now() "
                       "WHERE projection = $1 AND position = $2", name, position, RESOLUTIONS[action])
    await conn.execute(
        "INSERT INTO projection_audit (projection, action, position, actor, reason) "
        "VALUES ($1, $2, $3, $4, $5)", name, action, position, actor, reason)
    await conn.execute("SELECT pg_notify($1, '')", CHANNEL)
