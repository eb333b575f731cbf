"""Waiting for the read models to reach a log position (a read's ?minPosition)."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Iterable
from functools import cache

import asyncpg

from projections import Projection
from service.reads.errors import NotCaughtUp, UnknownPosition
from service.store.eventstore import EventStore
from service.store.parking import ProjectionParked

BEHIND = (
    "SELECT count(*), array_agg(n.name) FILTER (WHERE t.state = 'parked') "
    "FROM unnest($1::text[]) AS n(name) LEFT JOIN projection_tracking t "
    "USING (name) WHERE t.name IS NULL OR (t.txid, t.position) < ($2, $3)")
POLL_S = 0.02
PROJECTION_NAME = re.compile(r"[a-z][a-z0-9_]*")


def names_sql(names: Iterable[str]) -> str:
    """The projections' names as an SQL text[] literal.

    Statements name their projections in the text rather than as a parameter (the names are the code's own),
    so that PostgreSQL plans each statement once: with an array parameter every custom plan looks cheaper
    than the generic one, and the statement was planned anew on every read, most of the read's cost.
    """
    names = list(names)
    if not all(PROJECTION_NAME.fullmatch(name) for name in names):
        raise ValueError(f"not a projection name: {names}")
    return "'{" + ",".join(names) + "}'"


# Below the first event a projection has still to apply (by position, as clients know them), the minimum
# over the projections; with none left to apply, the last stored position. The events still to apply are
# found through the log-order index and only then reduced (OFFSET 0 keeps the planner from walking the
# primary key in position order instead, which reads the whole log when nothing is left to apply).
@cache
def reached_sql(names: tuple[str, ...]) -> str:
    """SQL: the position the projections named `names` have all reached."""
    return f"""
SELECT COALESCE(min(e.position) - 1, (SELECT max(position) FROM events), 0)
FROM unnest({names_sql(names)}::text[]) AS n(name) LEFT JOIN projection_tracking t USING (name)
CROSS JOIN LATERAL (SELECT min(u.position) AS position FROM (
    SELECT position FROM events
     WHERE (txid, position) > (COALESCE(t.txid, 0), COALESCE(t.position, 0)) OFFSET 0) AS u) AS e
"""


async def wait_for(pool: asyncpg.Pool, store: EventStore, position: int,
                   projections: tuple[Projection, ...], max_wait: float) -> None:
    """Return once every named projection has applied the event at `position`.

    A projection parked short of it would keep the read waiting for an operator: it fails at once.
    """
    target = await store.cursor_of(position)
    if target is None:
        raise UnknownPosition(f"no event is stored at position {position}")
    names = [p.name for p in projections]
    deadline = time.monotonic() + max_wait
    while True:
        behind, parked = await pool.fetchrow(BEHIND, names, target.txid, target.position)
        if parked:
            raise ProjectionParked(parked)
        if not behind:
            return
        if time.monotonic() >= deadline:
            raise NotCaughtUp(f"read models are still behind position {position}")
        await asyncio.sleep(POLL_S)


async def reached(pool: asyncpg.Pool, projections: tuple[Projection, ...]) -> int:
    """The log position the named projections have all reached: each has applied every stored event at or
    below it. Asked before the view is read, it is a lower bound of what the view includes."""
    return await pool.fetchval(reached_sql(tuple(p.name for p in projections)))
