"""Dashboard sessions in PostgreSQL: found by a hash of the cookie's id, ended by sign-out, expiry or the
revocation of their key, shared by every process and kept across restarts."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

import asyncpg

IDLE = timedelta(hours=8)  # unused this long, a session ends
LIFETIME = timedelta(hours=12)  # however much it is used, it ends this long after sign-in

FIND = (
    "SELECT s.csrf, k.id AS key_id, k.party_id, k.is_admin, "
    "s.revoked_at IS NULL AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now()) "
    "AS live, "
    "s.expires_at < least(now() + $2::interval, s.created_at + $3::interval) - interval '1 minute' AS stale "
    "FROM dashboard_sessions s JOIN api_keys k ON k.id = s.key_id "
    "WHERE s.id_hash = $1 AND s.expires_at > now()")
EXTEND = ("UPDATE dashboard_sessions SET expires_at = least(now() + $2::interval, created_at + $3::interval) "
          "WHERE id_hash = $1")
OPEN = ("INSERT INTO dashboard_sessions (id_hash, key_id, party_id, csrf, expires_at) "
        "VALUES ($1, $2, $3, $4, now() + least($5::interval, $6::interval))")
FORGET_ENDED = "DELETE FROM dashboard_sessions WHERE expires_at <= now() OR revoked_at IS NOT NULL"


def digest(session_id: str) -> bytes:
    return hashlib.sha256(session_id.encode()).digest()


@dataclass(frozen=True)
class StoredSession:
    """A session's holder (as its key says now) and the CSRF token of its forms; `live` is False once its
    key is revoked or expired."""

    key_id: UUID
    party_id: UUID | None
    is_admin: bool
    csrf: str
    live: bool


class SessionStore:
    def __init__(self, pool: asyncpg.Pool, idle: timedelta = IDLE, lifetime: timedelta = LIFETIME) -> None:
        self.pool, self.idle, self.lifetime = pool, idle, lifetime

    async def open(self, key_id: UUID, party_id: UUID | None) -> tuple[str, str]:
        """A new session for the key: (the cookie's id, the CSRF token); ended sessions are cleared first."""
        session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute(FORGET_ENDED)
            await conn.execute(OPEN, digest(session_id), key_id, party_id, csrf, self.idle, self.lifetime)
        return session_id, csrf

    async def find(self, session_id: str | None) -> StoredSession | None:
        """The unexpired session with this id, None if there is none; a dead one is ended on the way."""
        if not session_id:
            return None
        row = await self.pool.fetchrow(FIND, digest(session_id), self.idle, self.lifetime)
        if row is None:
            return None
        if not row["live"]:
            await self.close(session_id)
        elif row["stale"]:  # the expiry slides, to the minute, so page views do not each write
            await self.pool.execute(EXTEND, digest(session_id), self.idle, self.lifetime)
        return StoredSession(row["key_id"], row["party_id"], row["is_admin"], row["csrf"], row["live"])

    async def close(self, session_id: str | None) -> None:
        if session_id:
            await self.pool.execute("DELETE FROM dashboard_sessions WHERE id_hash = $1", digest(session_id))
