"""What readiness looks at in the database: migrations, projection lag, transactions holding readers back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg

from service.store.migrate import migration_files
from service.store.parking import statuses

# Transactions open longer than the bound. The log's readers stop below the oldest transaction id in
# flight (pg_snapshot_xmin), so one holding an id stalls them whether or not an event waits behind it yet.
OLD_TRANSACTIONS = """
SELECT pid, coalesce(nullif(application_name, ''), usename, '?') AS application, state,
       extract(epoch FROM now() - xact_start)::float8 AS age_s, backend_xid IS NOT NULL AS holds_xid
  FROM pg_stat_activity
 WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid()
   AND now() - xact_start > make_interval(secs => $1)
 ORDER BY xact_start"""


@dataclass(frozen=True)
class ProjectionLag:
    name: str
    state: str
    behind: int
    seconds: float


@dataclass(frozen=True)
class OpenTransaction:
    pid: int
    application: str
    state: str | None
    age_s: float
    holds_xid: bool = False

    @property
    def stalls_log(self) -> bool:
        """It holds the readers' horizon now, or sits idle where its first write would: nobody drives it."""
        return self.holds_xid or (self.state or "").startswith("idle in transaction")


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
        lags = [ProjectionLag(s.name, s.state, s.lag, s.lag_seconds)
                for s in await statuses(conn, projections)]
        old = [OpenTransaction(r["pid"], r["application"], r["state"], r["age_s"], r["holds_xid"])
               for r in await conn.fetch(OLD_TRANSACTIONS, old_transaction_s)]
    pending = [name for name, _ in migration_files() if name not in applied]
    return Readiness(checked_at, pending, lags, old)
