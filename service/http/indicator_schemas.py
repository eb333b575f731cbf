"""Request bodies of indicator commands (admin keys): an observation and a correction, figures as stated."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated
from uuid import UUID

from msgspec import Meta

from domain.indicator.values import (
    PARTIAL_DATE,
    Flag,
    FlagKind,
    Observation,
    ObservationNature,
    ReferencePeriod,
    SourceRef,
    reference_date,
)
from domain.quantity import Qualifier, Quantity, QuantityFlag, bounds_for
from service.http.convert import domain
from service.http.wire import END, Code, OneLine, Request, ShortText, Url

DecimalText = Annotated[str, Meta(pattern=r"^-?[0-9]{1,18}(\.[0-9]{1,9})?" + END, description=(
    "A decimal number as text, exactly as stated (never a binary float), e.g. 62700 or 12.5"))]
PartialDate = Annotated[str, Meta(pattern="^" + PARTIAL_DATE.pattern + END, description=(
    "A year, month or day, only as precise as the source: 2023, 2021-11, 2023-02-20"))]


class FigureIn(Request):
    """A figure as its source states it. Without bounds, the qualifier's are implied (gt: the value is a
    lower bound ...); bounds given must be those the qualifier implies. No value: the flag says why."""

    value: DecimalText | None
    qualifier: Qualifier | None
    unit: Code | None
    lower: DecimalText | None = None
    upper: DecimalText | None = None
    raw: ShortText | None = None
    flag: QuantityFlag | None = None


class DateIn(Request):
    value: PartialDate
    inferred: bool = False
    basis: ShortText | None = None


class PeriodOfFigureIn(Request):
    as_of: DateIn | None
    since: DateIn | None = None


class SourceIn(Request):
    id: Code
    document: ShortText
    title: ShortText | None = None
    publisher: ShortText | None = None
    published_at: OneLine | None = None
    url: Url | None = None


class FlagIn(Request):
    kind: FlagKind
    raw: ShortText | None = None
    note: ShortText | None = None


class ObservationIn(Request):
    quantity: FigureIn
    period: PeriodOfFigureIn
    nature: ObservationNature
    source: SourceIn
    dimensions: Annotated[dict[Code, ShortText], Meta(max_length=10)] = {}
    members: Annotated[list[ShortText], Meta(max_length=50)] = []
    flags: Annotated[list[FlagIn], Meta(max_length=10)] = []
    label: ShortText | None = None
    note: ShortText | None = None


class RecordObservationRequest(Request):
    observation_id: UUID
    observation: ObservationIn


class CorrectObservationRequest(Request):
    quantity: FigureIn
    reason: ShortText
    resolves: Annotated[list[FlagKind], Meta(max_length=10)] = []


def _number(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


@domain.register(FigureIn)
def _figure(f: FigureIn) -> Quantity:
    value, lower, upper = _number(f.value), _number(f.lower), _number(f.upper)
    if lower is None and upper is None:
        lower, upper = bounds_for(f.qualifier, value)
    return Quantity(value, f.qualifier, lower, upper, f.unit, f.raw, None, f.flag)


@domain.register(ObservationIn)
def _observation(o: ObservationIn) -> Observation:
    s = o.source
    period = ReferencePeriod(*(reference_date(d.value, d.inferred, d.basis) if d else None
                               for d in (o.period.as_of, o.period.since)))
    return Observation(
        quantity=_figure(o.quantity), period=period, nature=o.nature,
        source=SourceRef(s.id, s.document, s.title, s.publisher, s.published_at, s.url),
        dimensions=dict(o.dimensions), members=tuple(o.members),
        flags=tuple(Flag(f.kind, f.raw, f.note) for f in o.flags), label=o.label, note=o.note)
