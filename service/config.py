"""Settings read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

PUBLIC_VIEW_NAMES = frozenset({"agreements", "progress", "at-risk"})


def public_views(setting: str) -> frozenset[str]:
    """Views every key may read for every agreement, e.g. "agreements,progress" (default: none)."""
    names = frozenset(n.strip() for n in setting.split(",") if n.strip())
    if unknown := names - PUBLIC_VIEW_NAMES:
        raise ValueError(
            f"PACTUM_PUBLIC_VIEWS: unknown views {sorted(unknown)}; choose from {sorted(PUBLIC_VIEW_NAMES)}"
        )
    return names


@dataclass(frozen=True)
class Settings:
    database_url: str | None
    data_dir: Path
    host: str
    port: int
    transaction_timeout_s: float
    idle_in_transaction_timeout_s: float
    read_wait_s: float
    pool_size: int
    rate_limit_per_minute: int
    public_views: frozenset[str] = frozenset()
    ready_max_lag_s: float = 30.0
    projection_attempts: int = 5  # tries of an event a projection cannot apply, before it parks
    projection_retry_s: float = 0.5  # the wait after the first failed try; it doubles, up to 30 s
    feed_heartbeat_s: float = 15.0
    webhook_allow_private: bool = False
    webhook_backoff_s: float = 5.0
    webhook_retry_window_s: float = 30 * 3600.0
    log_origin: str = "pactum.local/log"  # the checkpoints' origin line and the name of a generated key
    log_key: str = ""  # the log's signer key (PRIVATE+KEY+...), when the operator gives one
    log_key_file: Path | None = None  # where the key is kept; default: <data dir>/log-signing.key
    checkpoint_interval_s: float = 2.0  # at most one new checkpoint per interval
    snapshot_every: int = 200  # events between snapshots of an aggregate (0: none)

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        return cls(
            database_url=env.get("DATABASE_URL") or None,
            data_dir=Path(env.get("PACTUM_DATA_DIR") or user_data_dir("pactum")),
            host=env.get("HOST", "127.0.0.1"),
            port=int(env.get("PORT", "8000")),
            transaction_timeout_s=float(env.get("PACTUM_TRANSACTION_TIMEOUT", "10")),
            idle_in_transaction_timeout_s=float(env.get("PACTUM_IDLE_IN_TRANSACTION_TIMEOUT", "5")),
            read_wait_s=float(env.get("PACTUM_READ_WAIT", "5")),
            pool_size=int(env.get("PACTUM_POOL_SIZE", "10")),
            rate_limit_per_minute=int(env.get("PACTUM_RATE_LIMIT", "1200")),
            public_views=public_views(env.get("PACTUM_PUBLIC_VIEWS", "")),
            ready_max_lag_s=float(env.get("PACTUM_READY_MAX_LAG", "30")),
            projection_attempts=int(env.get("PACTUM_PROJECTION_ATTEMPTS", "5")),
            projection_retry_s=float(env.get("PACTUM_PROJECTION_RETRY", "0.5")),
            feed_heartbeat_s=float(env.get("PACTUM_FEED_HEARTBEAT", "15")),
            webhook_allow_private=env.get("PACTUM_WEBHOOK_ALLOW_PRIVATE", "") in ("1", "true", "yes"),
            webhook_backoff_s=float(env.get("PACTUM_WEBHOOK_BACKOFF", "5")),
            webhook_retry_window_s=float(env.get("PACTUM_WEBHOOK_RETRY_WINDOW", str(30 * 3600))),
            log_origin=env.get("PACTUM_LOG_ORIGIN") or "pactum.local/log",
            log_key=env.get("PACTUM_LOG_KEY", ""),
            log_key_file=Path(env["PACTUM_LOG_KEY_FILE"]) if env.get("PACTUM_LOG_KEY_FILE") else None,
            checkpoint_interval_s=float(env.get("PACTUM_CHECKPOINT_INTERVAL", "2")),
            snapshot_every=int(env.get("PACTUM_SNAPSHOT_EVERY", "200")),
        )

    @property
    def server_settings(self) -> dict[str, str]:
        """Session settings that bound how long any transaction can hold back log readers."""
        return {
            "transaction_timeout": f"{int(self.transaction_timeout_s * 1000)}ms",
            "idle_in_transaction_session_timeout": f"{int(self.idle_in_transaction_timeout_s * 1000)}ms",
            "timezone": "UTC",
        }
