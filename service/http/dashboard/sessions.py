"""Dashboard sessions: a random id in an HttpOnly, SameSite=Strict cookie, the key kept server-side."""

from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import dataclass, field

SESSION_COOKIE = "pactum_session"
CSRF_COOKIE = "pactum_csrf"  # the token of forms shown before sign-in (double submit)
IDLE_SECONDS = 8 * 3600


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same(a: str | None, b: str | None) -> bool:
    """Constant-time equality of two tokens; a missing one matches nothing."""
    return bool(a) and bool(b) and hmac.compare_digest(a.encode(), b.encode())


@dataclass
class Session:
    """A signed-in officer: the key (re-checked on every request, so a revocation closes the session at once)
    and the token every form of the session carries."""

    key: str
    csrf: str = field(default_factory=new_token)
    seen: float = field(default_factory=time.monotonic)


class Sessions:
    """In memory, process-local: a restart signs everyone out, and no API key is ever written to disk."""

    def __init__(self, idle_seconds: float = IDLE_SECONDS) -> None:
        self.idle_seconds = idle_seconds
        self._by_id: dict[str, Session] = {}

    def open(self, key: str) -> tuple[str, Session]:
        self._expire()
        session_id = new_token()
        self._by_id[session_id] = session = Session(key)
        return session_id, session

    def get(self, session_id: str | None) -> Session | None:
        self._expire()
        session = self._by_id.get(session_id or "")
        if session is not None:
            session.seen = time.monotonic()
        return session

    def close(self, session_id: str | None) -> None:
        self._by_id.pop(session_id or "", None)

    def _expire(self) -> None:
        cutoff = time.monotonic() - self.idle_seconds
        for stale in [i for i, s in self._by_id.items() if s.seen < cutoff]:
            del self._by_id[stale]
