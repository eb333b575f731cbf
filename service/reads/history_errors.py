"""What reads of the history refuse: a point in time or a version the stream cannot be read at."""

from __future__ import annotations


class VersionBeyondStream(Exception):
    """The stream has fewer events than the version asked for."""


class InstantInFuture(Exception):
    """A point in time after now: nothing is known of it yet."""
