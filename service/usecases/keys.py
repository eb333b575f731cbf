"""API keys: issued once in clear, stored as SHA-256, checked in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID, uuid4

import asyncpg

from service.usecases.context import Caller
from service.usecases.errors import Unauthenticated

PREFIX = "pk"
ROTATION_GRACE = timedelta(hours=24)
ACTIVE = "revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())"
# How long a checked key may be taken on trust (never past its expiry), and only while this process hears
# every key change (service/store/key_watch.py): a revocation or rotation by any process clears the trust
# at its commit. Without that hearing every request checks its key in the database.
TRUSTED_S = 30.0


@dataclass(frozen=True)
class IssuedKey:
    key_id: UUID
    token: str
    party_id: UUID | None
    is_admin: bool
    label: str


@dataclass(frozen=True)
class KeyInfo:
    key_id: UUID
    party_id: UUID | None
    is_admin: bool
    label: str
    created_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None
    expires_at: datetime | None


def _digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


class Keys:
    def __init__(self, pool: asyncpg.Pool, trusted_s: float = TRUSTED_S) -> None:
        self.pool = pool
        self.trusted_s = trusted_s
        self._checked: dict[str, tuple[Caller, float]] = {}  # token -> caller, trusted until (monotonic)
        self._hearing = False  # whether every key change reaches this process (KeyWatch)
        self._changes = 0  # key changes heard: a look-up that spans one is not trusted

    def changed(self) -> None:
        """A key changed somewhere: trust none of those checked so far."""
        self._changes += 1
        self._checked.clear()

    def hearing(self, hears: bool) -> None:
        """Whether key changes reach this process; while they do not, no checked key is trusted."""
        self._hearing = hears
        self.changed()

    async def issue(
        self,
        label: str,
        party_id: UUID | None = None,
        is_admin: bool = False,
        conn: asyncpg.Connection | None = None,
    ) -> IssuedKey:
        key_id, secret = uuid4(), secrets.token_urlsafe(32)
        await (conn or self.pool).execute(
            "INSERT INTO api_keys (id, party_id, is_admin, label, secret_hash) VALUES ($1, $2, $3, $4, $5)",
            key_id,
            party_id,
            is_admin,
            label,
            _digest(secret),
        )
        return IssuedKey(key_id, f"{PREFIX}_{key_id.hex}_{secret}", party_id, is_admin, label)

    async def rotate(self, key_id: UUID, grace: timedelta = ROTATION_GRACE) -> IssuedKey | None:
        """A new key for the same holder; the old one keeps working for `grace`, then expires."""
        try:
            return await self._rotate(key_id, grace)
        finally:
            self.changed()

    async def _rotate(self, key_id: UUID, grace: timedelta) -> IssuedKey | None:
        async with self.pool.acquire() as conn, conn.transaction():
            old = await conn.fetchrow(
                f"SELECT party_id, is_admin, label FROM api_keys WHERE id = $1 AND {ACTIVE} "
                "AND replaced_by IS NULL FOR UPDATE",
                key_id,
            )
            if old is None:
                return None
            new = await self.issue(old["label"], old["party_id"], old["is_admin"], conn)
            await conn.execute(
                "UPDATE api_keys SET replaced_by = $2, expires_at = least(coalesce(expires_at, 'infinity'), "
                "now() + $3::interval) WHERE id = $1",
                key_id,
                new.key_id,
                grace,
            )
            return new

    async def revoke(self, key_id: UUID) -> bool:
        status = await self.pool.execute(
            "UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL", key_id
        )
        self.changed()
        return status.endswith(" 1")

    async def revoke_labelled(self, label: str) -> None:
        await self.pool.execute(
            "UPDATE api_keys SET revoked_at = now() WHERE label = $1 AND revoked_at IS NULL", label
        )
        self.changed()

    async def list(self) -> list[KeyInfo]:
        rows = await self.pool.fetch(
            "SELECT id, party_id, is_admin, label, created_at, revoked_at, last_used_at, expires_at "
            "FROM api_keys ORDER BY created_at"
        )
        return [KeyInfo(*r) for r in rows]

    def trusted(self, token: str) -> Caller | None:
        """The caller of a key checked a moment ago and still trusted; None: `authenticate` must check it."""
        checked = self._checked.get(token)
        return checked[0] if checked is not None and time.monotonic() < checked[1] else None

    async def authenticate(self, token: str) -> Caller:
        """The caller a bearer token stands for; Unauthenticated if it stands for none."""
        if (caller := self.trusted(token)) is not None:
            return caller
        changes = self._changes
        caller, expires_in = await self._look_up(token)
        if self._hearing and changes == self._changes:
            if len(self._checked) > 10_000:
                self._checked.clear()
            self._checked[token] = caller, time.monotonic() + min(self.trusted_s, expires_in)
        return caller

    async def _look_up(self, token: str) -> tuple[Caller, float]:
        """The caller, and the seconds its key has left (infinity: no expiry)."""
        prefix, _, rest = token.partition("_")
        key_hex, _, secret = rest.partition("_")
        try:
            key_id = UUID(hex=key_hex)
        except ValueError:
            raise Unauthenticated("malformed API key") from None
        if prefix != PREFIX or not secret:
            raise Unauthenticated("malformed API key")
        row = await self.pool.fetchrow(
            "SELECT party_id, is_admin, secret_hash, last_used_at < now() - interval '1 minute' "
            "OR last_used_at IS NULL AS stale, "
            "coalesce(extract(epoch FROM expires_at - now())::float8, 'infinity') AS expires_in "
            f"FROM api_keys WHERE id = $1 AND {ACTIVE}",
            key_id,
        )
        if row is None or not hmac.compare_digest(row["secret_hash"], _digest(secret)):
            raise Unauthenticated("unknown, expired or revoked API key")
        if row["stale"]:  # last use is kept to the minute, so reads do not each write
            await self.pool.execute("UPDATE api_keys SET last_used_at = now() WHERE id = $1", key_id)
        return Caller(key_id=key_id, party_id=row["party_id"], is_admin=row["is_admin"]), row["expires_in"]
