"""Stored due dates (jsonb of the domain's DueDate): decoded, and as views."""

from __future__ import annotations

from domain.agreement.values import DueDate
from service.reads.progress_views import DueView
from service.reads.rows import decoder, nullable

stored_due = nullable(decoder(DueDate))


def due_view(due: DueDate | None) -> DueView | None:
    return None if due is None else DueView(on=due.on, precision=due.precision, deadline=due.deadline)

