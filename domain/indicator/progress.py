"""Progress of an observation against a target, on the bound its qualifier implies, and saying so."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_UP, Decimal
from enum import StrEnum

from domain.quantity import ABOVE, BELOW, Qualifier, Quantity

Q = Qualifier
WORDS = {Q.EXACT: "exactly", Q.APPROX: "about", Q.GT: "more than", Q.GTE: "at least", Q.LT: "less than",
         Q.LTE: "at most", Q.NEARLY: "nearly"}
TENTH = Decimal("0.1")


class BoundUsed(StrEnum):
    """Which bound of the observed figure progress is measured on."""

    BOTH = "both"  # exact: the value is both bounds
    LOWER = "lower"  # more than / at least: the true figure is at least this
    UPPER = "upper"  # nearly / less than / at most: the true figure is at most this
    NONE = "none"  # about: no bound; the share is approximate


class Relation(StrEnum):
    """How the stated share relates to the true one."""

    EXACTLY = "exactly"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOUT = "about"


@dataclass(frozen=True)
class Progress:
    bound_used: BoundUsed
    relation: Relation
    percent: Decimal | None  # of the target's figure, to a tenth, rounded so the relation still holds
    reached: bool | None  # None: the bounds cannot tell
    basis: str


def progress(target: Quantity, observed: Quantity) -> Progress | None:
    """None when either figure has no value (garbled or missing)."""
    if target.value is None or observed.value is None or observed.qualifier is None:
        return None
    bound, used, relation = _bound(observed)
    percent = None
    if target.value != 0:
        share = bound * 100 / target.value
        percent = share.quantize(TENTH, ROUND_UP if relation == Relation.AT_MOST else ROUND_DOWN)
    reached = _reached(target, observed)
    said = f"{WORDS[observed.qualifier]} {observed.value}"
    aim = f"{WORDS[target.qualifier or Q.EXACT]} {target.value}"
    how = {BoundUsed.BOTH: "an exact figure", BoundUsed.LOWER: "a lower bound",
           BoundUsed.UPPER: "an upper bound", BoundUsed.NONE: "an approximation, with no bound"}[used]
    share_text = "no share" if percent is None else f"{relation.replace('_', ' ')} {percent}% of the target"
    outcome = {True: "reached", False: "not reached", None: "cannot tell whether it is reached"}[reached]
    return Progress(used, relation, percent, reached,
                    f"'{said}' is {how}: {share_text} ({aim}); {outcome}")


def _bound(q: Quantity) -> tuple[Decimal, BoundUsed, Relation]:
    value = q.value
    assert value is not None
    if q.qualifier in ABOVE:
        return value, BoundUsed.LOWER, Relation.AT_LEAST
    if q.qualifier in BELOW:
        return value, BoundUsed.UPPER, Relation.AT_MOST
    if q.qualifier == Q.APPROX:
        return value, BoundUsed.NONE, Relation.ABOUT
    return value, BoundUsed.BOTH, Relation.EXACTLY


def _reached(target: Quantity, o: Quantity) -> bool | None:
    """Whether the observed bounds settle it: "more than 300,000" meets "more than 300,000"."""
    t, lo, hi = target.value, o.lower, o.upper
    assert t is not None
    above = lo is not None and (lo > t or (lo == t and o.qualifier == Q.GT))
    at_or_above = lo is not None and lo >= t
    below = hi is not None and (hi < t or (hi == t and o.qualifier in (Q.LT, Q.NEARLY)))
    at_or_below = hi is not None and hi <= t
    if target.qualifier == Q.GT:
        return True if above else False if at_or_below else None
    if target.qualifier == Q.LT:
        return True if below else False if at_or_above else None
    if target.qualifier in (Q.LTE, Q.NEARLY):
        return True if at_or_below else False if above else None
    return True if at_or_above else False if below else None
