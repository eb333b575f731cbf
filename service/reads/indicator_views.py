"""What reads of indicators return: definitions, and observations in time order with comparability breaks."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from domain.indicator.progress import BoundUsed, Relation
from domain.indicator.values import (
    Accumulation,
    DatePrecision,
    FlagKind,
    MeasureType,
    ObservationNature,
)
from domain.quantity import Qualifier, QuantityFlag
from service.reads.wire import LocalizedTextView, View


class FigureView(View):
    """A figure as its source states it. `lower`/`upper` are the bounds the qualifier implies (gt, gte: a
    lower bound; lt, lte, nearly: an upper bound; exact: both; approx: none); `value` is null when the
    source's number cannot be read, and `flag` says why; `resolution` is the place of the last digit the
    source states (null when the figure was not read from text). Numbers are decimal text, exactly as
    stated, never rounded through binary floating point."""

    value: Decimal | None
    qualifier: Qualifier | None
    lower: Decimal | None
    upper: Decimal | None
    unit: str | None
    raw: str | None
    resolution: Decimal | None
    flag: QuantityFlag | None


class FigureDateView(View):
    value: str
    precision: DatePrecision
    inferred: bool
    basis: str | None


class FigurePeriodView(View):
    as_of: FigureDateView | None
    since: FigureDateView | None


class FigureSourceView(View):
    id: str
    document: str
    title: str | None
    publisher: str | None
    published_at: str | None
    url: str | None


class FigureFlagView(View):
    kind: FlagKind
    raw: str | None
    note: str | None


class IndicatorTargetView(View):
    quantity: FigureView
    source: FigureSourceView
    note: str | None


class IndicatorDefinitionView(View):
    name: LocalizedTextView
    measure: MeasureType
    unit: str | None
    accumulation: Accumulation | None
    dimensions: list[str]
    note: str | None
    targets: list[IndicatorTargetView]


class IndicatorView(View):
    id: UUID
    code: str
    definition: IndicatorDefinitionView
    definition_version: int
    observation_count: int
    version: int


class IndicatorPage(View):
    items: list[IndicatorView]
    next_cursor: str | None


class BreakKind(StrEnum):
    UNIT = "unit"
    SCOPE = "scope"
    DEFINITION = "definition"


class ComparabilityBreak(View):
    """Why this observation cannot be compared with the one before it in the series."""

    kind: BreakKind
    detail: str


class SeriesObservationView(View):
    id: UUID
    quantity: FigureView
    original_quantity: FigureView
    corrections: int
    period: FigurePeriodView
    nature: ObservationNature
    source: FigureSourceView
    dimensions: dict[str, str]
    members: list[str]
    label: str | None
    note: str | None
    flags: list[FigureFlagView]
    definition_version: int
    breaks: list[ComparabilityBreak]


class TargetProgressView(View):
    """Progress of the latest observation in the target's unit against one target. It is measured on the
    bound the observation's qualifier implies ("more than 300,000": a lower bound, so progress is at least
    that share; "nearly 4,000": an upper bound, at most that share; "about": no bound), and `basis` says
    so in words. `reached` is null when the bounds cannot tell; every field but `target` is null when no
    readable observation exists."""

    target: IndicatorTargetView
    observation_id: UUID | None
    bound_used: BoundUsed | None
    relation: Relation | None
    percent: Decimal | None
    reached: bool | None
    basis: str


class SeriesView(View):
    """Active observations in time order (undated ones last); corrections applied, retractions left out;
    progress against each target of the indicator."""

    indicator: IndicatorView
    observations: list[SeriesObservationView]
    progress: list[TargetProgressView]
