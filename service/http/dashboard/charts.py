"""An indicator's series laid out as a bar chart, server-side: one row per observation, a scale of its own
for each stretch of comparable observations, a break between stretches, and no bar for a figure that
cannot be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from domain.quantity import Qualifier
from service.http.dashboard.i18n import Words
from service.reads.indicator_views import FigureView, SeriesObservationView, SeriesView

WIDTH = 720
LEFT = 110  # the column of dates
PLOT = WIDTH - LEFT - 30
ROW = 50  # a row: the figure's words above its bar
AXIS = 34  # the scale under a stretch
BREAK, BREAK_LINE = 24, 16  # the gap between two stretches, and each line saying what changed
RAW_SHOWN = 60  # longer raw texts are cut in the chart (the table beside it has them whole)
NICE = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
ABOVE = {Qualifier.GT: "more_than", Qualifier.GTE: "at_least"}
BELOW = {Qualifier.LT: "less_than", Qualifier.LTE: "at_most", Qualifier.NEARLY: "nearly"}


def number(value: Decimal) -> str:
    """A decimal as stated, with thousands separators, never through a float; a whole one without ".0"."""
    whole = value.to_integral_value()
    return f"{whole:,f}" if whole == value else f"{value:,f}"


def worded(q: FigureView, t: Words) -> str:
    """The figure in words: "more than 300,000 persons", "nearly 4,000"; a raw text when it has no value."""
    if q.value is None:
        return f"“{q.raw or ''}”"
    key = {Qualifier.APPROX: "about", **ABOVE, **BELOW}.get(q.qualifier, "exactly")
    return t(f"figure.{key}", n=number(q.value)) + (f" {q.unit}" if q.unit else "")


def kind_of(q: FigureView) -> str:
    """How a figure is drawn: exact, open-ended (a lower bound), upper-bounded, approximate or unreadable."""
    if q.value is None:
        return "unreadable"
    if q.qualifier in ABOVE:
        return "open"
    if q.qualifier in BELOW:
        return "upper"
    return "approx" if q.qualifier == Qualifier.APPROX else "exact"


def nice_ceiling(value: Decimal) -> Decimal:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above `value`."""
    scale = Decimal(10) ** (len(str(int(value))) - 1) if value >= 1 else Decimal(1)
    return next(scale * n for n in NICE if scale * n >= value)


@dataclass(frozen=True)
class Row:
    y: int
    date: str
    inferred: bool
    words: str
    kind: str
    solid: float  # the bar's length up to the stated number (a bound, for open and upper-bounded figures)
    flag: str | None = None


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Axis:
    y: int
    unit: str
    ticks: list[Tick]


@dataclass(frozen=True)
class Break:
    y: int
    says: list[str]  # what changed, one line per kind (unit, scope, definition)


@dataclass
class Chart:
    rows: list[Row] = field(default_factory=list)
    axes: list[Axis] = field(default_factory=list)
    breaks: list[Break] = field(default_factory=list)
    height: int = 0
    width: int = WIDTH
    left: int = LEFT
    plot: int = PLOT


def stretches(series: SeriesView) -> list[list[SeriesObservationView]]:
    """The series cut at every comparability break: within a stretch, figures share a scale."""
    out: list[list[SeriesObservationView]] = []
    for o in series.observations:
        if not out or o.breaks:
            out.append([])
        out[-1].append(o)
    return out


def lay_out(series: SeriesView, t: Words) -> Chart:
    chart, y = Chart(), 0
    for i, stretch in enumerate(stretches(series)):
        if i:
            first = stretch[0]
            chart.breaks.append(Break(y, [t("break_says", kind=t.value("break", b.kind), detail=b.detail)
                                          for b in first.breaks]))
            y += BREAK + BREAK_LINE * len(first.breaks)
        numbers = [n for o in stretch for n in (o.quantity.value,) if n is not None]
        top = nice_ceiling(max(numbers) * Decimal("1.25")) if numbers and max(numbers) > 0 else None
        for o in stretch:
            q = o.quantity
            as_of = o.period.as_of
            solid = float(q.value / top) * PLOT if top and q.value is not None else 0.0
            chart.rows.append(Row(y, as_of.value if as_of else t("undated"), bool(as_of and as_of.inferred),
                                  worded(q, t) if q.value is not None else f"“{_cut(q.raw or '')}”",
                                  kind_of(q), solid,
                                  t.value("flag", q.flag) if q.flag else None))
            y += ROW
        if top is not None:
            ticks = [Tick(float(f) * PLOT, number(top * f)) for f in (Decimal(0), Decimal("0.5"), Decimal(1))]
            chart.axes.append(Axis(y, stretch[0].quantity.unit or "", ticks))
            y += AXIS
    chart.height = max(y, ROW)
    return chart


def _cut(text: str) -> str:
    return text if len(text) <= RAW_SHOWN else text[:RAW_SHOWN - 1] + "…"


def description(series: SeriesView, t: Words) -> str:
    """What the chart shows, for those who do not see it: each figure in words, and each break."""
    parts = []
    for o in series.observations:
        parts += [t("break_says", kind=t.value("break", b.kind), detail=b.detail) for b in o.breaks]
        when = o.period.as_of.value if o.period.as_of else t("undated")
        flag = f" ({t.value('flag', o.quantity.flag)})" if o.quantity.flag else ""
        parts.append(f"{when}: {worded(o.quantity, t)}{flag}")
    return "; ".join(parts) or t("no_observations")
