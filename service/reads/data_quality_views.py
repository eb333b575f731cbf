"""What the data-quality queue returns: each flagged fact, what would resolve it, and what did."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.quality.values import DefectKind
from service.reads.indicator_views import FigureSourceView
from service.reads.wire import View

QualityFlag = StrEnum("QualityFlag", {**{kind.name: kind.value for kind in DefectKind},
                                      "INFERRED_DATE": "inferred_date"})
QualityFlag.__doc__ = ("Why a fact is in the queue: a defect of its source's text, or a date the source "
                       "does not state.")


class SubjectKind(StrEnum):
    OBSERVATION = "observation"
    SOURCE = "source"
    AGREEMENT = "agreement"


class QualityStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class FlaggedSubjectView(View):
    """The fact flagged: an indicator's observation, a source's text, or what a source says of an
    agreement (shown only to the agreement's parties)."""

    kind: SubjectKind
    source_id: str | None
    label: str | None
    agreement_id: UUID | None
    indicator_id: UUID | None
    indicator_code: str | None
    observation_id: UUID | None


class EventRefView(View):
    """The event that raised (or resolved) the flag, as the log holds it."""

    event_type: str
    stream_id: UUID
    version: int
    position: int


class ResolutionView(EventRefView):
    """How the flag was resolved: `corrected` (an observation corrected), `retracted`, or the fact stated."""

    resolution: str
    reason: str


class QualityItemView(View):
    id: UUID
    flag: QualityFlag
    status: QualityStatus
    subject: FlaggedSubjectView
    raw: str | None
    note: str | None
    source: FigureSourceView | None  # null: an agreement's own record (e.g. its inferred period)
    resolve_by: str
    raised: EventRefView
    raised_at: datetime
    resolved: ResolutionView | None
    resolved_at: datetime | None


class QualityPage(View):
    """Flagged facts in the order they were raised; resolved ones stay, with the event that resolved them."""

    items: list[QualityItemView]
    open_count: int
    resolved_count: int
    next_cursor: str | None
