"""For operators: readiness (database, migrations, projection lag, long transactions) and metrics."""

from __future__ import annotations

from datetime import datetime

import asyncpg
from litestar import Request, Response, get
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

from service.http.metrics import observe
from service.http.problems import documented, problem
from service.http.wire import FieldError
from service.reads.wire import View
from service.store.readiness import Readiness, check


class ProjectionLagView(View):
    name: str
    state: str
    behind: int
    lag_seconds: float


class OpenTransactionView(View):
    pid: int
    application: str
    state: str | None
    age_seconds: float
    stalls_log: bool


class ReadinessView(View):
    status: str
    checked_at: datetime
    pending_migrations: list[str]
    projections: list[ProjectionLagView]
    open_transactions: list[OpenTransactionView]


def _view(ready: Readiness, status: str) -> ReadinessView:
    return ReadinessView(
        status=status, checked_at=ready.checked_at, pending_migrations=ready.pending_migrations,
        projections=[ProjectionLagView(name=p.name, state=p.state, behind=p.behind,
                                       lag_seconds=round(p.seconds, 3)) for p in ready.projections],
        open_transactions=[
            OpenTransactionView(pid=t.pid, application=t.application, state=t.state,
                                age_seconds=round(t.age_s, 3), stalls_log=t.stalls_log)
            for t in ready.open_transactions])


def _names(system) -> list[str]:
    return [p.name for p in system.runner.projections]


def _reasons(ready: Readiness, max_lag_s: float) -> list[FieldError]:
    held_by = "; ".join(f"held back by {t.application!r} (pid {t.pid}, {t.state}) with a transaction open "
                        f"{t.age_s:.0f} s" for t in ready.open_transactions if t.stalls_log)
    reasons = [FieldError(pointer="/pendingMigrations", detail=f"migration {name} is not applied")
               for name in ready.pending_migrations]
    reasons += [FieldError(pointer=f"/openTransactions/{t.pid}",
                           detail=f"{t.application!r} (pid {t.pid}, {t.state}) has a transaction open "
                           f"{t.age_s:.0f} s: events committed after it began wait until it ends")
                for t in ready.open_transactions if t.stalls_log]
    reasons += [FieldError(pointer=f"/projections/{p.name}",
                           detail=f"{p.behind} events behind, the oldest {p.seconds:.0f} s old"
                           + (f"; {held_by}" if held_by else ""))
                for p in ready.projections if p.state == "running" and p.behind and p.seconds > max_lag_s]
    reasons += [FieldError(pointer=f"/projections/{p.name}",
                           detail=f"{p.name} is parked (see /health/projections)")
                for p in ready.projections if p.state == "parked"]
    return reasons


@get("/ready", operation_id="getReadiness", summary="Readiness: database, migrations, projection lag",
     tags=["system"], responses=documented(503), description=(
         "200 when the database answers, every migration is applied, every projection is within "
         "`PACTUM_READY_MAX_LAG` seconds of the log and no transaction holding the log's readers back "
         "(one with a transaction id, or idle in transaction) is older than that; otherwise 503 naming "
         "what is behind and why."))
async def ready(request: Request) -> Response[ReadinessView]:
    system = request.app.state.system
    try:
        readiness = await check(system.pool, _names(system), system.settings.ready_max_lag_s)
    except (OSError, asyncpg.PostgresError) as error:
        return problem(request, 503, "not-ready", f"the database cannot be reached: {type(error).__name__}",
                       headers={"Retry-After": "5"})
    observe(readiness, system.pool.get_size(), system.pool.get_idle_size())
    if reasons := _reasons(readiness, system.settings.ready_max_lag_s):
        return problem(request, 503, "not-ready", "; ".join(r.detail for r in reasons), errors=reasons,
                       headers={"Retry-After": "5"})
    return Response(_view(readiness, "ready"))


@get("/metrics", operation_id="getMetrics", summary="Prometheus metrics", tags=["system"],
     media_type=CONTENT_TYPE_LATEST, include_in_schema=False)
async def metrics(request: Request) -> Response[bytes]:
    system = request.app.state.system
    try:
        observe(await check(system.pool, _names(system), system.settings.ready_max_lag_s),
                system.pool.get_size(), system.pool.get_idle_size())
    except (OSError, asyncpg.PostgresError):
        pass  # the request metrics are still worth scraping
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

