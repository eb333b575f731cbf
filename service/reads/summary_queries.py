"""What the agreement summary adds from other tables: status history, counts per lifecycle and level."""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from uuid import UUID

import asyncpg

from service.reads.progress_shapes import tally


async def summary_extras(conn: asyncpg.Connection, ids: list[UUID]) -> dict[UUID, dict[str, Any]]:
    """The status history and the counts per lifecycle and level of each agreement in `ids`."""
    history: dict[UUID, list[dict[str, Any]]] = defaultdict(list)
    for r in await conn.fetch(
            "SELECT agreement_id, status, effective_on, position, recorded_at FROM agreement_status_history "
            "WHERE agreement_id = ANY($1) ORDER BY position", ids):
        history[r["agreement_id"]].append({k: v for k, v in r.items() if k != "agreement_id"})
    counts: dict[UUID, list[tuple[str, str, int]]] = defaultdict(list)
    for r in await conn.fetch(
            "SELECT agreement_id, lifecycle, level, count(*) AS n FROM commitment_progress "
            "WHERE agreement_id = ANY($1) GROUP BY agreement_id, lifecycle, level", ids):
        counts[r["agreement_id"]].append((r["lifecycle"], r["level"], r["n"]))
    return {i: {"status_history": history[i], **tally(counts[i])} for i in ids}
