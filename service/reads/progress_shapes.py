"""Pure helpers of the progress queries: stored due dates, timeliness, counts and roll-ups."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from domain.agreement.values import (
    OPEN_LIFECYCLES,
    CommitmentLifecycle,
    CompletionLevel,
    DatePrecision,
    DueDate,
    Timeliness,
    timeliness,
)

L = CommitmentLifecycle
SUBSTANTIAL_OR_COMPLETE = frozenset({CompletionLevel.SUBSTANTIAL, CompletionLevel.COMPLETE})
NOT_COUNTED = frozenset({L.CANCELLED, L.SUPERSEDED})  # no longer part of what was promised


def due_of(stored: Mapping[str, Any] | None) -> DueDate | None:
    """A due date as the projection stored it (jsonb of the domain's DueDate)."""
    if stored is None:
        return None
    return DueDate(date.fromisoformat(stored["on"]), DatePrecision(stored["precision"]))


def due_view(due: DueDate | None) -> dict[str, Any] | None:
    return None if due is None else {"on": due.on, "precision": due.precision, "deadline": due.deadline}


def open_claim(row: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """An open claim: who acknowledged it (in the order they did), and who still has to."""
    if row is None:
        return None
    acks = sorted((date.fromisoformat(on), p) for p, on in row["acknowledged"].items())
    return {
        **{k: row[k] for k in ("claim_id", "claimant", "completed_on", "claimed_on", "evidence_count")},
        "acknowledged": [{"party_id": p, "acknowledged_on": on} for on, p in acks],
        "awaiting": [p for p in row["counterparties"] if str(p) not in row["acknowledged"]],
    }


def timeliness_of(row: Mapping[str, Any], today: date) -> Timeliness:
    return timeliness(due_of(row["due"]), row["completed_on"], today)


def tally(pairs: Iterable[tuple[str, str, int]]) -> dict[str, Any]:
    """Counts per lifecycle and per level, and the share at substantial or complete, from
    (lifecycle, level, how many) triples."""
    lifecycles: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    counted = advanced = 0
    for lifecycle, level, n in pairs:
        lifecycles[lifecycle] += n
        levels[level] += n
        if lifecycle not in NOT_COUNTED:
            counted += n
            advanced += n if level in SUBSTANTIAL_OR_COMPLETE else 0
    return {
        "lifecycle_counts": {v.value: lifecycles[v.value] for v in CommitmentLifecycle},
        "level_counts": {v.value: levels[v.value] for v in CompletionLevel},
        "substantial_or_complete_percent": round(100 * advanced / counted, 1) if counted else 0.0,
    }


def rollup(commitments: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts over commitments shaped for the progress view (an area's, or the whole agreement's)."""
    live = [c for c in commitments if c["lifecycle"] in OPEN_LIFECYCLES]
    return {
        "commitment_count": len(commitments),
        **tally((c["lifecycle"], c["level"], 1) for c in commitments),
        "overdue_count": sum(c["timeliness"] is Timeliness.OVERDUE for c in live),
        "due_soon_count": sum(c["timeliness"] is Timeliness.DUE_SOON for c in live),
        "awaiting_acknowledgement_count": sum(c["open_claim"] is not None for c in commitments),
    }
