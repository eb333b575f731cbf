"""Prometheus metrics: requests by route and status (litestar's middleware), and the system's own gauges."""

from __future__ import annotations

from litestar.plugins.prometheus import PrometheusConfig
from prometheus_client import Gauge

from service.store.readiness import Readiness

PROMETHEUS = PrometheusConfig(app_name="pactum", prefix="pactum", group_path=True,
                              exclude=["^/metrics$"], exclude_unhandled_paths=True)

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
