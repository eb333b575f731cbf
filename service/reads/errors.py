"""Errors of the read side."""

from __future__ import annotations

from service.store.repository import AggregateNotFound

__all__ = ["AggregateNotFound", "NotCaughtUp", "NotVisible", "UnknownPosition"]


class UnknownPosition(Exception):
    """No event is stored at the position a read asked to wait for."""


class NotCaughtUp(Exception):
    """The read models have not reached the requested position within the allowed wait."""


class NotVisible(Exception):
    """The caller may not read this."""
