"""Webhook subscriptions per party: made with a secret shown once, listed, deleted, their deliveries read."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

import asyncpg

from domain.registry import EVENTS
from service.store.outbound import check_url
from service.store.sequencer import NAME
from service.usecases.context import Caller
from service.usecases.errors import AggregateNotFound

SECRET_PREFIX = "whsec_"
MAX_SUBSCRIPTIONS_PER_PARTY = 20
COLUMNS = ("id, party_id, url, event_types, description, after_seq, attempts, failing_since, "
           "next_attempt_at, created_at, disabled_at, disabled_reason")


class UnknownWebhookEventType(Exception):
    """A subscription names an event type the log does not have."""


class TooManySubscriptions(Exception):
    """The party holds as many subscriptions as it may."""


@dataclass(frozen=True)
class Subscription:
    id: UUID
    party_id: UUID | None
    url: str
    event_types: list[str]
    description: str | None
    after_seq: int
    attempts: int
    failing_since: datetime | None
    next_attempt_at: datetime | None
    created_at: datetime
    disabled_at: datetime | None
    disabled_reason: str | None


@dataclass(frozen=True)
class Delivery:
    id: int
    seq: int
    event_id: UUID
    attempt: int
    attempted_at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int
    delivered: bool


# The subscriptions a caller may see: its party's, or every one for an admin key.
MINE = "deleted_at IS NULL AND ($1::boolean OR party_id = $2)"


class Webhooks:
    def __init__(self, pool: asyncpg.Pool, allow_private: bool) -> None:
        self.pool = pool
        self.allow_private = allow_private

    async def create(self, caller: Caller, url: str, event_types: Sequence[str], description: str | None,
                     start_after: int | None) -> tuple[Subscription, str]:
        """A new subscription and its secret (returned this once); it starts after the current last seq."""
        if unknown := sorted(set(event_types) - EVENTS.keys()):
            raise UnknownWebhookEventType(f"no such event types: {', '.join(unknown)}")
        await check_url(url, self.allow_private)
        secret = SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()
        party = None if caller.is_admin else caller.party_id
        async with self.pool.acquire() as conn, conn.transaction():
            held = await conn.fetchval("SELECT count(*) FROM webhook_subscriptions WHERE party_id "
                                       "IS NOT DISTINCT FROM $1 AND deleted_at IS NULL", party)
            if held >= MAX_SUBSCRIPTIONS_PER_PARTY:
                raise TooManySubscriptions(f"a party holds at most {MAX_SUBSCRIPTIONS_PER_PARTY} webhooks")
            head = await conn.fetchval("SELECT seq FROM sequencer_tracking WHERE name = $1", NAME)
            row = await conn.fetchrow(
                "INSERT INTO webhook_subscriptions (id, party_id, key_id, url, event_types, description, "
                f"secret, after_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {COLUMNS}",
                uuid4(), party, caller.key_id, url, sorted(set(event_types)), description, secret,
                head if start_after is None else min(start_after, head))
        return Subscription(**dict(row)), secret

    async def list(self, caller: Caller) -> list[Subscription]:
        rows = await self.pool.fetch(
            f"SELECT {COLUMNS} FROM webhook_subscriptions WHERE {MINE} ORDER BY created_at, id",
            caller.is_admin, caller.party_id)
        return [Subscription(**dict(r)) for r in rows]

    async def get(self, caller: Caller, subscription_id: UUID) -> Subscription:
        row = await self.pool.fetchrow(
            f"SELECT {COLUMNS} FROM webhook_subscriptions WHERE {MINE} AND id = $3",
            caller.is_admin, caller.party_id, subscription_id)
        if row is None:
            raise AggregateNotFound("webhook", subscription_id)
        return Subscription(**dict(row))

    async def delete(self, caller: Caller, subscription_id: UUID) -> None:
        await self.get(caller, subscription_id)
        await self.pool.execute("UPDATE webhook_subscriptions SET deleted_at = now() WHERE id = $1",
                                subscription_id)

    async def deliveries(self, caller: Caller, subscription_id: UUID, after: int,
                         limit: int) -> list[Delivery]:
        """Delivery attempts, oldest first, after the attempt `after` (a cursor)."""
        await self.get(caller, subscription_id)
        rows = await self.pool.fetch(
            "SELECT id, seq, event_id, attempt, attempted_at, status_code, error, duration_ms, delivered "
            "FROM webhook_deliveries WHERE subscription_id = $1 AND id > $2 ORDER BY id LIMIT $3",
            subscription_id, after, limit)
        return [Delivery(**dict(r)) for r in rows]
