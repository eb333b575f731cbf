"""Prometheus metrics: requests by route and status, and the system's own gauges."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

from service.store.readiness import Readiness

APP = "pactum"
LABELS = ("app_name", "method", "path", "status_code")
REQUESTS = Counter("pactum_requests_total", "Total requests", LABELS)
ERRORS = Counter("pactum_requests_error_total", "Total requests answered 5xx", LABELS)
DURATION = Histogram("pactum_request_duration_seconds", "Request duration, in seconds", LABELS)
IN_PROGRESS = Gauge("pactum_requests_in_progress", "Requests being answered", ["app_name", "method"],
                    multiprocess_mode="livesum")
_series: dict[tuple[str, str, int], tuple] = {}  # (method, route, status) -> its counter and histogram

PROJECTION_BEHIND = Gauge("pactum_projection_lag_events", "Events a projection has not applied yet",
                          ["projection"])
PROJECTION_LAG_SECONDS = Gauge("pactum_projection_lag_seconds",
                               "Age of the oldest event a projection has not applied yet", ["projection"])
OPEN_TRANSACTIONS = Gauge("pactum_long_open_transactions",
                          "Database transactions open long enough to hold log readers back")
POOL_SIZE = Gauge("pactum_db_pool_connections", "Connections of this process's pool", ["state"])


def observe(readiness: Readiness, pool_size: int, pool_idle: int) -> None:
    """Set the gauges from one look at the database."""
    for lag in readiness.projections:
        PROJECTION_BEHIND.labels(lag.name).set(lag.behind)
        PROJECTION_LAG_SECONDS.labels(lag.name).set(lag.seconds)
    OPEN_TRANSACTIONS.set(len(readiness.open_transactions))
    POOL_SIZE.labels("open").set(pool_size)
    POOL_SIZE.labels("idle").set(pool_idle)


def count_request(method: str, route: str, status: int, seconds: float) -> None:
    """One answered request of a route (its path template), by method and status."""
    series = _series.get((method, route, status))
    if series is None:
        labels = (APP, method, route, str(status))
        errors = ERRORS.labels(*labels) if status >= 500 else None
        series = _series.setdefault((method, route, status),
                                    (REQUESTS.labels(*labels), DURATION.labels(*labels), errors))
    series[0].inc()
    series[1].observe(seconds)
    if series[2] is not None:
        series[2].inc()
