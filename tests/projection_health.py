"""Whether every projection kept up: at the head of the log, none stuck behind an event it cannot apply."""

from __future__ import annotations

import asyncpg

HEAD = "SELECT txid, position FROM events ORDER BY txid DESC, position DESC LIMIT 1"


async def lagging_projections(pool: asyncpg.Pool, names: list[str]) -> dict[str, str]:
    """Each projection of `names` that is not at the head of the log or is parked, with why."""
    head = await pool.fetchrow(HEAD)
    rows = {
        r["name"]: r
        for r in await pool.fetch(
            "SELECT name, txid, position, state FROM projection_tracking WHERE name = any($1::text[])", names
        )
    }
    lagging = {}
    for name in names:
        row = rows.get(name)
        if row is None:
            lagging[name] = "not tracked"
        elif row["state"] == "parked":
            lagging[name] = f"parked at position {row['position']}"
        elif head is not None and (row["txid"], row["position"]) < (head["txid"], head["position"]):
            lagging[name] = f"at position {row['position']}, the log at {head['position']}"
    return lagging


async def caught_up_or_lagging(system) -> dict[str, str]:
    """Let every projection apply what it can, as the runner does (a failing one does not stop the
    others), then say which are not at the head."""
    failures = {}
    for projection in system.runner.projections:
        try:
            await system.runner.catch_up(projection)
        except Exception as error:  # a poison event: the projection stays behind it
            failures[projection.name] = f"{type(error).__name__}: {error}"[:200]
    lagging = await lagging_projections(system.pool, [p.name for p in system.runner.projections])
    return {name: failures.get(name, why) for name, why in lagging.items()}
