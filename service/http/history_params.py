"""Query parameters of the history reads: points in time (version, asOf, asKnownAt) and instants."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Annotated

from litestar import Request
from litestar.di import Provide
from litestar.params import QueryParameter

from service.http.problems import ProblemError
from service.reads.time_travel import Point, TimeTravel
from service.usecases.context import BUSINESS_TIME


def _time_travel(request: Request) -> TimeTravel:
    return request.app.state.system.time_travel


TIME_TRAVEL = {"time_travel": Provide(_time_travel, sync_to_thread=False)}
"""The dependency of a read that can also answer for a past point."""
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

AtVersion = Annotated[
    int | None,
    QueryParameter(ge=1, le=2**31 - 1, required=False,
                   description="The agreement as it stood once its stream had this many events"),
]
AsOf = Annotated[
    str,
    QueryParameter(name="asOf", required=False, max_length=40,
                   description="The agreement as it stood at this business time, as known now: a date "
                   "(the end of that day, UTC+8) or an instant with its offset (RFC 3339)"),
]
AsKnownAt = Annotated[
    str,
    QueryParameter(name="asKnownAt", required=False, max_length=40,
                   description="The agreement as it was known at this instant (RFC 3339, with its offset): "
                   "only what was recorded by then"),
]


def instant(name: str, value: str) -> datetime:
    """An RFC 3339 instant; one without an offset names no instant."""
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is not None:
            moment.astimezone(UTC)  # years 1 and 9999 may not fit in UTC
    except (ValueError, OverflowError):
        raise ProblemError(400, "invalid-instant", f"{name} is not an instant: {value!r}") from None
    if moment.tzinfo is None:
        raise ProblemError(400, "instant-without-offset",
                           f"{name} needs an instant with its offset, e.g. 2025-03-31T18:00:00+08:00")
    return moment


def optional_instant(name: str, value: str) -> datetime | None:
    return instant(name, value) if value else None


def point_of(version: int | None, as_of: str, as_known_at: str) -> Point | None:
    """The point in time a read asks for; None: now."""
    if version is not None and (as_of or as_known_at):
        raise ProblemError(400, "conflicting-parameters",
                           "version names a state by itself: send it without asOf or asKnownAt")
    known_at = optional_instant("asKnownAt", as_known_at)
    if not as_of:
        return Point(known_at=known_at) if known_at else Point(version=version) if version else None
    if DAY.match(as_of):
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            raise ProblemError(400, "invalid-instant", f"asOf is not a date: {as_of!r}") from None
        end = datetime.combine(day, time.max, BUSINESS_TIME)
        return Point(as_of=end, as_of_day=day, known_at=known_at)
    return Point(as_of=instant("asOf", as_of), known_at=known_at)
