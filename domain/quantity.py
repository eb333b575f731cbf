"""A figure as its source states it: value, qualifier, the bounds the qualifier implies, unit and raw text."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Qualifier(StrEnum):
    """How the stated number relates to the true one."""

    EXACT = "exact"
    APPROX = "approx"
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"
    NEARLY = "nearly"


class QuantityFlag(StrEnum):
    """Why a figure has no value: its text is corrupt, or the number is missing from it."""

    GARBLED_NUMBER = "garbled_number"
    MISSING_NUMBER = "missing_number"


BELOW = frozenset({Qualifier.LT, Qualifier.LTE, Qualifier.NEARLY})  # the value is an upper bound
ABOVE = frozenset({Qualifier.GT, Qualifier.GTE})  # the value is a lower bound
INCLUSIVE = frozenset({Qualifier.EXACT, Qualifier.GTE, Qualifier.LTE})


@dataclass(frozen=True)
class Quantity:
    """`value` is None when the source's number cannot be read; then `flag` says why and `raw` keeps it.

    `resolution` is the place of the last digit the source states ("13.47 million": 10000), None when the
    figure was not read from text; no figure is served more precisely than that."""

    value: Decimal | None
    qualifier: Qualifier | None
    lower: Decimal | None
    upper: Decimal | None
    unit: str | None
    raw: str | None = None
    resolution: Decimal | None = None
    flag: QuantityFlag | None = None

    @property
    def readable(self) -> bool:
        return self.value is not None

    def with_unit(self, unit: str | None) -> Quantity:
        return Quantity(self.value, self.qualifier, self.lower, self.upper, unit, self.raw, self.resolution,
                        self.flag)


def bounds_for(qualifier: Qualifier | None, value: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """The (lower, upper) bounds a qualified value implies; None where the source says nothing."""
    if value is None or qualifier is None or qualifier == Qualifier.APPROX:
        return None, None
    if qualifier == Qualifier.EXACT:
        return value, value
    return (value, None) if qualifier in ABOVE else (None, value)


def stated(value: Decimal | int, qualifier: Qualifier, unit: str | None) -> Quantity:
    """A figure given as a number and qualifier (not read from text), with the bounds they imply."""
    number, qualifier = Decimal(value), Qualifier(qualifier)
    lower, upper = bounds_for(qualifier, number)
    return Quantity(number, qualifier, lower, upper, unit)


def unreadable(raw: str, flag: QuantityFlag, qualifier: Qualifier | None, unit: str | None) -> Quantity:
    return Quantity(None, qualifier, None, None, unit, raw, None, flag)


def contradiction(q: Quantity) -> str | None:
    """What is wrong with the bounds, given the qualifier and value; None when they agree."""
    lower, upper, value = q.lower, q.upper, q.value
    if value is None:
        if q.flag is None:
            return "a figure without a value must say why (garbled or missing number)"
        return "a figure without a value has no bounds" if (lower, upper) != (None, None) else None
    if lower is not None and upper is not None and lower > upper:
        return f"lower bound {lower} is above upper bound {upper}"
    if q.qualifier == Qualifier.EXACT and (lower, upper) != (value, value):
        return f"an exact figure is its own bounds: {value}"
    if q.qualifier in ABOVE and (lower != value or (upper is not None and upper <= value)):
        return f"'{q.qualifier}' {value} is a lower bound of {value} with no upper bound at or below it"
    if q.qualifier in BELOW and (upper != value or (lower is not None and lower >= value)):
        return f"'{q.qualifier}' {value} is an upper bound of {value} with no lower bound at or above it"
    if q.qualifier == Qualifier.APPROX and ((lower is not None and lower > value)
                                             or (upper is not None and upper < value)):
        return f"bounds of an approximate {value} must contain it"
    return None


def integral(value: Decimal) -> Decimal:
    """The value without trailing zeros or exponent: 62700, not 6.27E+4 or 62700.00."""
    whole = value.to_integral_value()
    return whole if whole == value else value.normalize()
