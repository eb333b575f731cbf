"""Counts of commitments per lifecycle and per level, and the share at substantial or complete."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from domain.agreement.values import CommitmentLifecycle, CompletionLevel
from service.reads.summary_views import LevelCounts, LifecycleCounts

L = CommitmentLifecycle
SUBSTANTIAL_OR_COMPLETE = frozenset({CompletionLevel.SUBSTANTIAL, CompletionLevel.COMPLETE})
NOT_COUNTED = frozenset({L.CANCELLED, L.SUPERSEDED})  # no longer part of what was promised
# The field names of the two count structs are the enumerations' values (read once: Enum.value is slow).
LIFECYCLES = tuple(v.value for v in CommitmentLifecycle)
LEVELS = tuple(v.value for v in CompletionLevel)


class Tally(NamedTuple):
    lifecycle_counts: LifecycleCounts
    level_counts: LevelCounts
    substantial_or_complete_percent: float


def tally(triples: Iterable[tuple[str, str, int]]) -> Tally:
    """The counts from (lifecycle, level, how many) triples."""
    lifecycles: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    counted = advanced = 0
    for lifecycle, level, n in triples:
        lifecycles[lifecycle] += n
        levels[level] += n
        if lifecycle not in NOT_COUNTED:
            counted += n
            advanced += n if level in SUBSTANTIAL_OR_COMPLETE else 0
    return Tally(
        LifecycleCounts(**{v: lifecycles[v] for v in LIFECYCLES}),
        LevelCounts(**{v: levels[v] for v in LEVELS}),
        round(100 * advanced / counted, 1) if counted else 0.0,
    )
