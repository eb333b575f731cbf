"""The checks an observation passes before it is recorded or corrected."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from domain.indicator.errors import (
    BoundsContradictQualifier,
    DuplicateObservation,
    NegativeCount,
    PercentageOutOfRange,
    UnitDiffersFromIndicator,
    UnitRequired,
    UnknownDimension,
)
from domain.indicator.values import Definition, MeasureType, Observation, ReferencePeriod
from domain.quantity import Quantity, contradiction

DuplicateKey = tuple[tuple[tuple[str, str], ...], tuple[str | None, str | None], str, str | None]


def check_quantity(definition: Definition, q: Quantity) -> None:
    """Unit, range and bounds of a figure, against its indicator's definition."""
    if definition.unit is not None and q.unit != definition.unit:
        raise UnitDiffersFromIndicator(f"the indicator counts {definition.unit!r}, not {q.unit!r}")
    if definition.unit is None and q.unit is None:
        raise UnitRequired("this indicator has no unit of its own: the observation names its unit")
    if (why := contradiction(q)) is not None:
        raise BoundsContradictQualifier(why)
    numbers = [n for n in (q.value, q.lower, q.upper) if n is not None]
    if definition.measure == MeasureType.PERCENTAGE and any(not 0 <= n <= 100 for n in numbers):
        raise PercentageOutOfRange(f"a percentage lies between 0 and 100: {_listed(numbers)}")
    if definition.measure == MeasureType.COUNT and any(n < 0 for n in numbers):
        raise NegativeCount(f"a count is never negative: {_listed(numbers)}")


def check_dimensions(definition: Definition, dimensions: dict[str, str]) -> None:
    unknown = sorted(set(dimensions) - set(definition.dimensions))
    if unknown:
        raise UnknownDimension(f"the indicator defines no dimension {', '.join(unknown)}")


def duplicate_key(o: Observation) -> DuplicateKey:
    """The same dimensions, dates, source and unit: whether a date was inferred, and why, does not matter."""
    dates = tuple(d.value if d else None for d in (o.period.as_of, o.period.since))
    return tuple(sorted(o.dimensions.items())), dates, o.source.id, o.quantity.unit  # type: ignore[return-value]


def check_not_duplicate(o: Observation, recorded: Iterable[Observation]) -> None:
    key = duplicate_key(o)
    if any(duplicate_key(other) == key for other in recorded):
        raise DuplicateObservation(
            f"already observed for {dict(key[0]) or 'no dimensions'}, {_period(o.period)}, "
            f"source {o.source.id}")


def _period(p: ReferencePeriod) -> str:
    as_of = p.as_of.value if p.as_of else "no stated date"
    return f"as of {as_of}" + (f" since {p.since.value}" if p.since else "")


def _listed(numbers: list[Decimal]) -> str:
    return ", ".join(str(n) for n in numbers)
