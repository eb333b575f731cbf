"""What readiness looks at in the database: migrations, projection lag, transactions holding readers back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg

from service.store.migrate import migration_files

# A projection without a tracking row yet has seen nothing.
PROJECTION_LAG = """
WITH cursor AS (
    SELECT p.name, coalesce(t.txid, 0) AS txid, coalesce(t.position, 0) AS position
      FROM unnest($1::text[]) AS p(name) LEFT JOIN projection_tracking t ON t.name = p.name)
SELECT c.name, count(e.position) AS behind,
       coalesce(extract(epoch FROM now() - min(e.recorded_at)), 0)::float8 AS seconds
  FROM cursor c LEFT JOIN events e ON (e.txid, e.position) > (c.txid, c.position)
 GROUP BY c.name ORDER BY c.name"""

# Sessions whose open transaction holds the log's safe horizon back: readers cannot pass them.
OLD_TRANSACTIONS = """
SELECT pid, coalesce(nullif(application_name, ''), usename, '?') AS application, state,
       extract(epoch FROM now() - xact_start)::float8 AS age_s
  FROM pg_stat_activity
 WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid()
   AND now() - xact_start > make_interval(secs => $1)
 ORDER BY xact_start"""


@dataclass(frozen=True)
class ProjectionLag:
    name: str
    behind: int
    seconds: float


@dataclass(frozen=True)
class OpenTransaction:
    pid: int
    application: str
    state: str | None
    age_s: float


@dataclass(frozen=True)
class Readiness:
    checked_at: datetime
    pending_migrations: list[str]
    projections: list[ProjectionLag]
    open_transactions: list[OpenTransaction]


async def check(pool: asyncpg.Pool, projections: list[str], old_transaction_s: float) -> Readiness:
    """One look at the database; raises the driver's error when it cannot be reached."""
    async with pool.acquire() as conn:
        checked_at = await conn.fetchval("SELECT now()")
        applied = {r["name"] for r in await conn.fetch("SELECT name FROM schema_migrations")}
        lags = [ProjectionLag(r["name"], r["behind"], r["seconds"])
                for r in await conn.fetch(PROJECTION_LAG, projections)]
        old = [OpenTransaction(r["pid"], r["application"], r["state"], r["age_s"])
               for r in await conn.fetch(OLD_TRANSACTIONS, old_transaction_s)]
    pending = [name for name, _ in migration_files() if name not in applied]
    return Readiness(checked_at, pending, lags, old)
