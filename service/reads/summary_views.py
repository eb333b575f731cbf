"""What the agreement summary says about its history and its commitments: status changes, counts."""

from __future__ import annotations

from datetime import date, datetime

from domain.values import AgreementStatus
from service.reads.wire import View


class StatusChangeView(View):
    """One change of the agreement's status: the date it took effect and the log position that recorded it."""

    status: AgreementStatus
    effective_on: date
    position: int
    recorded_at: datetime


class LifecycleCounts(View):
    """How many commitments are in each lifecycle state."""

    planned: int
    in_progress: int
    on_hold: int
    completion_claimed: int
    completed: int
    cancelled: int
    superseded: int
    closed_incomplete: int


class LevelCounts(View):
    """How many commitments are at each completion level (the OGP scale)."""

    no_evidence: int
    not_started: int
    limited: int
    substantial: int
    complete: int
