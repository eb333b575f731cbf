"""Settings read from the environment: one typed, documented field per variable, checked before start-up."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from platformdirs import user_data_dir

PUBLIC_VIEW_NAMES = frozenset({"agreements", "progress", "at-risk"})
LOG_LEVELS = ("debug", "info", "warning", "error")


class ConfigError(ValueError):
    """A variable with a value pactum cannot use; the message names it and fits on one line."""


def public_views(setting: str) -> frozenset[str]:
    """Views every key may read for every agreement, e.g. "agreements,progress" (default: none)."""
    names = frozenset(n.strip() for n in setting.split(",") if n.strip())
    if unknown := names - PUBLIC_VIEW_NAMES:
        raise ValueError(f"unknown views {sorted(unknown)}; choose from {sorted(PUBLIC_VIEW_NAMES)}")
    return names


def integer(minimum: int = 1, maximum: int | None = None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise ValueError("not a whole number") from None
        if value < minimum or (maximum is not None and value > maximum):
            raise ValueError(f"must be from {minimum} to {maximum}" if maximum else f"must be ≥ {minimum}")
        return value

    return parse


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError("not a number of seconds") from None
    if not value > 0 or value == float("inf"):
        raise ValueError("must be a positive number of seconds")
    return value


def flag(text: str) -> bool:
    if text.lower() in ("1", "true", "yes", "on"):
        return True
    if text.lower() in ("", "0", "false", "no", "off"):
        return False
    raise ValueError("not one of 1/0, true/false, yes/no")


def database_url(text: str) -> str | None:
    """A postgresql:// URL with a host (or ?host= for a socket directory), and a valid port if any."""
    if not text:
        return None
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as error:
        raise ValueError(f"malformed URL ({error})") from None
    if parts.scheme not in ("postgres", "postgresql"):
        raise ValueError("not a postgresql:// URL")
    if not (parts.hostname or "host=" in parts.query):
        raise ValueError("the URL names no host")
    return text


def log_level(text: str) -> str:
    if text.lower() not in LOG_LEVELS:
        raise ValueError(f"not one of {', '.join(LOG_LEVELS)}")
    return text.lower()


def nonempty(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be empty")
    return text.strip()


def setting(env: str, default: Any, doc: str, parse: Callable[[str], Any], kind: str,
            shown: str | None = None, factory: Callable[[], Any] | None = None, secret: bool = False) -> Any:
    """A field read from `env` by `parse`; `kind`, the default (or `shown`) and `doc` go to the README.

    A `secret` one's value is never repeated in an error (a URL may hold a password)."""
    meta = {"env": env, "doc": doc, "parse": parse, "kind": kind, "shown": shown, "secret": secret}
    if factory is not None:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


def _data_dir() -> Path:
    return Path(user_data_dir("pactum"))


@dataclass(frozen=True)
class Settings:
    database_url: str | None = setting(
        "DATABASE_URL", None, "PostgreSQL to use instead of the embedded server", database_url,
        "postgresql:// URL", shown="none: the embedded server", secret=True)
    data_dir: Path = setting(
        "PACTUM_DATA_DIR", None, "where the embedded server and the demo keys live", Path, "path",
        shown="the user's data directory", factory=_data_dir)
    host: str = setting("HOST", "127.0.0.1", "the address the API listens on", nonempty, "host")
    port: int = setting("PORT", 8000, "the TCP port the API listens on", integer(0, 65535), "port")
    transaction_timeout_s: float = setting(
        "PACTUM_TRANSACTION_TIMEOUT", 10.0, "the longest a transaction may take", seconds, "seconds")
    idle_in_transaction_timeout_s: float = setting(
        "PACTUM_IDLE_IN_TRANSACTION_TIMEOUT", 5.0, "the longest a transaction may sit idle", seconds,
        "seconds")
    read_wait_s: float = setting(
        "PACTUM_READ_WAIT", 5.0, "how long a read with ?minPosition waits for the read models", seconds,
        "seconds")
    pool_size: int = setting("PACTUM_POOL_SIZE", 10, "database connections per process for requests (the "
                             "workers' and watchers' own sessions come on top)", integer(2),
                             "integer")
    rate_limit_per_minute: int = setting(
        "PACTUM_RATE_LIMIT", 1200, "requests a minute per API key, across all API processes", integer(),
        "integer")
    public_views: frozenset[str] = setting(
        "PACTUM_PUBLIC_VIEWS", frozenset(), "views open to every key: agreements, progress, at-risk",
        public_views, "comma list", shown="none")
    ready_max_lag_s: float = setting(
        "PACTUM_READY_MAX_LAG", 30.0, "/ready answers 503 when a projection is further behind", seconds,
        "seconds")
    projection_attempts: int = setting(
        "PACTUM_PROJECTION_ATTEMPTS", 5, "tries of an event a projection cannot apply, before it parks",
        integer(), "integer")
    projection_retry_s: float = setting(
        "PACTUM_PROJECTION_RETRY", 0.5, "the wait after a projection's first failed try (doubles, ≤ 30 s)",
        seconds, "seconds")
    feed_heartbeat_s: float = setting(
        "PACTUM_FEED_HEARTBEAT", 15.0, "a comment line this often on a quiet event stream", seconds,
        "seconds")
    webhook_allow_private: bool = setting(
        "PACTUM_WEBHOOK_ALLOW_PRIVATE", False, "let webhooks reach loopback and private networks", flag,
        "flag")
    webhook_backoff_s: float = setting(
        "PACTUM_WEBHOOK_BACKOFF", 5.0, "the first wait before a failed delivery is retried", seconds,
        "seconds")
    webhook_retry_window_s: float = setting(
        "PACTUM_WEBHOOK_RETRY_WINDOW", 30 * 3600.0, "a subscription failing this long is disabled",
        seconds, "seconds")
    log_level: str = setting("PACTUM_LOG_LEVEL", "info", "debug, info, warning or error", log_level,
                             "level")
    log_origin: str = setting(
        "PACTUM_LOG_ORIGIN", "pactum.local/log", "the transparency log's origin line and key name", nonempty,
        "text")
    log_key: str = setting(
        "PACTUM_LOG_KEY", "", "the log's signer key (PRIVATE+KEY+...), when the operator gives one", str,
        "note key", shown="none: generated", secret=True)
    log_key_file: Path | None = setting(
        "PACTUM_LOG_KEY_FILE", None, "where the log's signer key is kept", Path, "path",
        shown="<data dir>/log-signing.key")
    checkpoint_interval_s: float = setting(
        "PACTUM_CHECKPOINT_INTERVAL", 2.0, "at most one new signed checkpoint per interval", seconds,
        "seconds")
    snapshot_every: int = setting(
        "PACTUM_SNAPSHOT_EVERY", 200, "events between snapshots of an aggregate (0: none)", integer(0),
        "integer")
    shutdown_grace_s: float = setting(
        "PACTUM_SHUTDOWN_GRACE", 5.0, "on SIGTERM or Ctrl-C, how long requests in flight may finish",
        seconds, "seconds")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """The settings from `env` (default: the process environment); ConfigError names a bad one."""
        env = os.environ if env is None else env
        values = {}
        for f in dataclasses.fields(cls):
            name = f.metadata["env"]
            if not (text := env.get(name, "")):
                continue  # unset and empty both mean the default
            try:
                values[f.name] = f.metadata["parse"](text)
            except ValueError as error:
                shown = name if f.metadata["secret"] else f"{name}={text!r}"
                raise ConfigError(f"{shown}: {error}") from None
        return cls(**values)

    @property
    def server_settings(self) -> dict[str, str]:
        """Session settings that bound how long any transaction can hold back log readers."""
        return {
            "transaction_timeout": f"{int(self.transaction_timeout_s * 1000)}ms",
            "idle_in_transaction_session_timeout": f"{int(self.idle_in_transaction_timeout_s * 1000)}ms",
            "timezone": "UTC",
        }


def settings_table() -> str:
    """The README's table of every variable, written from the fields."""
    lines = ["| variable | type | default | what it sets |", "|---|---|---|---|"]
    for f in dataclasses.fields(Settings):
        meta = f.metadata
        default = meta["shown"] or _shown(f.default)
        lines.append(f"| `{meta['env']}` | {meta['kind']} | {default} | {meta['doc']} |")
    return "\n".join(lines) + "\n"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "`1`" if value else "`0`"
    if isinstance(value, float) and value.is_integer():
        return f"`{int(value)}`"
    return f"`{value}`"
