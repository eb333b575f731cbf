"""What an indicator measures and what an observation of it holds, beside its Quantity."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from domain.agreement.values import DatePrecision
from domain.quantity import Quantity
from domain.values import LocalizedText


class MeasureType(StrEnum):
    COUNT = "count"
    PERCENTAGE = "percentage"
    AMOUNT = "amount"


class Accumulation(StrEnum):
    """How observations add up: a running total, a count within a period, or a level at a moment."""

    CUMULATIVE = "cumulative"
    PERIOD = "period"
    STOCK = "stock"


class ObservationNature(StrEnum):
    PARTY_REPORTED = "party_reported"
    OFFICIAL_STATISTIC = "official_statistic"
    MEDIA_REPORTED = "media_reported"


class FlagKind(StrEnum):
    """A known defect of an observation's source text."""

    GARBLED_NUMBER = "garbled_number"
    MISSING_NUMBER = "missing_number"
    UNIT_LOSS = "unit_loss"
    MISTRANSLATION = "mistranslation"
    AMBIGUOUS_UNIT = "ambiguous_unit"
    LIKELY_WRONG = "likely_wrong"
    PROBABLY_INVERTED = "probably_inverted"


PRECISION_OF = {4: DatePrecision.YEAR, 7: DatePrecision.MONTH, 10: DatePrecision.DAY}
PARTIAL_DATE = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")


@dataclass(frozen=True)
class ReferenceDate:
    """A date only as precise as its source: "2021-11" is a month, "2023" a year."""

    value: str
    precision: DatePrecision
    inferred: bool = False
    basis: str | None = None


def reference_date(value: str, inferred: bool = False, basis: str | None = None) -> ReferenceDate:
    if PARTIAL_DATE.fullmatch(value) is None:
        raise ValueError(f"not a year, month or day: {value!r}")
    return ReferenceDate(value, PRECISION_OF[len(value)], inferred, basis)


@dataclass(frozen=True)
class ReferencePeriod:
    """When the figure holds: as of a date, and (for counts within a period) since when; None: not stated."""

    as_of: ReferenceDate | None
    since: ReferenceDate | None = None


@dataclass(frozen=True)
class SourceRef:
    """Where a figure comes from: the document, its publisher and when it was published."""

    id: str
    document: str
    title: str | None = None
    publisher: str | None = None
    published_at: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    raw: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Target:
    quantity: Quantity
    source: SourceRef
    note: str | None = None


@dataclass(frozen=True)
class Definition:
    """`unit` None: a bundle of related counts, each observation naming its own unit."""

    name: LocalizedText
    measure: MeasureType
    unit: str | None
    accumulation: Accumulation | None  # None: the source does not say
    dimensions: tuple[str, ...]
    targets: tuple[Target, ...]
    note: str | None = None


@dataclass(frozen=True)
class Observation:
    quantity: Quantity
    period: ReferencePeriod
    nature: ObservationNature
    source: SourceRef
    dimensions: dict[str, str]
    members: tuple[str, ...]  # what a count counts, when the source names them
    flags: tuple[Flag, ...]
    label: str | None = None
    note: str | None = None
