"""Liveness, and whether every projection keeps up: a parked one makes the answer 503.

No key is needed, as probes and monitors carry none; so the answer holds no event data, only where each
projection stands and the kind of error a parked one met (`pactum projections` shows the full text).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from litestar import get
from litestar.datastructures import State

from service.http.problems import PARKED_RETRY_AFTER, ProblemError, documented
from service.reads.wire import View
from service.store.parking import ProjectionStatus, statuses


class HealthView(View):
    status: str


class ProjectionHealthView(View):
    name: str
    state: Literal["running", "parked"]
    position: int
    lag: int
    parked_at: datetime | None
    parked_position: int | None
    event_type: str | None
    error: str | None


class ProjectionsHealthView(View):
    status: Literal["ok"]
    projections: list[ProjectionHealthView]


@get("/health", operation_id="getHealth", summary="Liveness check", tags=["system"])
async def health() -> HealthView:
    return HealthView(status="ok")


@get(
    "/health/projections",
    operation_id="getProjectionHealth",
    summary="Where each projection stands; 503 when one is parked",
    description="Position, lag (events behind the head of the log) and state of each projection. A "
    "projection parks at an event it could not apply after its retries; 503 "
    "(urn:pactum:problem:projection-parked) names the parked ones until an operator skips or resumes.",
    tags=["system"],
    responses=documented(503),
)
async def projection_health(state: State) -> ProjectionsHealthView:
    system = state.system
    found = await statuses(system.pool, [p.name for p in system.runner.projections])
    if parked := [s for s in found if s.state == "parked"]:
        raise ProblemError(503, "projection-parked", "; ".join(map(_parked, parked)),
                           headers={"Retry-After": PARKED_RETRY_AFTER})
    return ProjectionsHealthView(status="ok", projections=[_view(s) for s in found])


def _parked(s: ProjectionStatus) -> str:
    return f"{s.name} is parked at position {s.parked_position} ({s.event_type}, {s.error_class})"


def _view(s: ProjectionStatus) -> ProjectionHealthView:
    return ProjectionHealthView(name=s.name, state=s.state, position=s.position, lag=s.lag,
                                parked_at=s.parked_at, parked_position=s.parked_position,
                                event_type=s.event_type, error=s.error_class)
