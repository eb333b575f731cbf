"""Dashboard sessions: a random id in an HttpOnly, SameSite=Strict cookie; the session itself is kept in
PostgreSQL (service/store/dashboard_sessions.py), so it survives a restart and spans every process."""

from __future__ import annotations

import hmac
import secrets

from litestar import Request

from service.store.dashboard_sessions import SessionStore, StoredSession

SESSION_COOKIE = "pactum_session"
CSRF_COOKIE = "pactum_csrf"  # the token of forms shown before sign-in (double submit)

Session = StoredSession


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same(a: str | None, b: str | None) -> bool:
    """Constant-time equality of two tokens; a missing one matches nothing."""
    return bool(a) and bool(b) and hmac.compare_digest(a.encode(), b.encode())


def sessions(request: Request) -> SessionStore:
    """The session store over the app's pool (a plain wrapper: every process shares the table)."""
    return SessionStore(request.app.state.system.pool)
