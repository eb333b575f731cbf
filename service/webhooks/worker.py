"""Delivers each subscription's events to its URL: in seq order, at least once, signed per Standard Webhooks,
retried with exponential back-off and jitter, every attempt logged; a subscription failing for longer than
the retry window is disabled with the reason."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

import asyncpg
import httpx
from standardwebhooks.webhooks import Webhook

from service.reads.events import EventRecord, Feed
from service.store.outbound import outbound_client

log = logging.getLogger(__name__)
LOCK_KEY = zlib.crc32(b"webhooks:delivery")
DUE = """
SELECT id, party_id, url, event_types, secret, after_seq, attempts FROM webhook_subscriptions
WHERE deleted_at IS NULL AND disabled_at IS NULL AND after_seq < $1
  AND (next_attempt_at IS NULL OR next_attempt_at <= now())
"""
ADVANCE = """
UPDATE webhook_subscriptions SET after_seq = $3, attempts = 0, failing_since = NULL, next_attempt_at = NULL
WHERE id = $1 AND after_seq = $2 AND deleted_at IS NULL RETURNING id
"""
LOG = """
INSERT INTO webhook_deliveries (subscription_id, seq, event_id, attempt, attempted_at, status_code, error,
                                duration_ms, delivered) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
"""
# $2 now, $3 seconds until the next attempt, $4 the retry window in seconds, $5 the reason if it is over.
FAILED = """
UPDATE webhook_subscriptions SET attempts = attempts + 1, failing_since = coalesce(failing_since, $2),
    next_attempt_at = $2 + make_interval(secs => $3),
    disabled_at = CASE WHEN coalesce(failing_since, $2) <= $2 - make_interval(secs => $4) THEN $2 END,
    disabled_reason = CASE WHEN coalesce(failing_since, $2) <= $2 - make_interval(secs => $4) THEN $5 END
WHERE id = $1 RETURNING disabled_at
"""


@dataclass(frozen=True)
class DeliveryPolicy:
    allow_private: bool = False
    timeout_s: float = 10.0
    backoff_s: float = 5.0  # the first retry's delay; it doubles with each failure, up to the cap
    backoff_cap_s: float = 3600.0
    retry_window_s: float = 30 * 3600.0  # failing for longer than this disables the subscription
    batch: int = 50
    poll_s: float = 0.5


def backoff(policy: DeliveryPolicy, attempts: int) -> float:
    """Exponential with jitter: somewhere in the upper half of base * 2^(attempts - 1), capped."""
    ceiling = min(policy.backoff_cap_s, policy.backoff_s * 2 ** min(attempts - 1, 30))
    return ceiling * random.uniform(0.5, 1.0)


class DeliveryWorker:
    def __init__(self, pool: asyncpg.Pool, feed: Feed, policy: DeliveryPolicy,
                 public_agreements: bool = False) -> None:
        self.pool = pool
        self.feed = feed
        self.policy = policy
        self.public_agreements = public_agreements
        self._inflight: dict[UUID, asyncio.Task] = {}

    async def deliver_due(self, client: httpx.AsyncClient) -> None:
        """Start delivering to every due subscription not already being delivered to."""
        for sub in await self.pool.fetch(DUE, await self.feed.head()):
            if sub["id"] not in self._inflight:
                task = asyncio.create_task(self._deliver(client, sub))
                self._inflight[sub["id"]] = task
                task.add_done_callback(lambda _, key=sub["id"]: self._inflight.pop(key, None))

    async def _deliver(self, client: httpx.AsyncClient, sub: asyncpg.Record) -> None:
        try:
            viewer = None if self.public_agreements else sub["party_id"]
            types = sub["event_types"] or None
            page = await self.feed.page(viewer, sub["after_seq"], self.policy.batch, types)
            cursor, attempts = sub["after_seq"], sub["attempts"]
            for event in page.events:
                if not await self._attempt(client, sub, event, attempts + 1):
                    return
                if not await self.pool.fetchval(ADVANCE, sub["id"], cursor, event.seq):
                    return  # deleted, or moved by another worker meanwhile
                cursor, attempts = event.seq, 0
            if page.next_after > cursor:  # events it may not see, or of other types: passed over
                await self.pool.fetchval(ADVANCE, sub["id"], cursor, page.next_after)
        except Exception:
            log.exception("webhook delivery to subscription %s failed", sub["id"])

    async def _attempt(self, client: httpx.AsyncClient, sub: asyncpg.Record, event: EventRecord,
                       attempt: int) -> bool:
        body, message_id, now = bytes(event.document), str(event.id), datetime.now(UTC)
        headers = {
            "webhook-id": message_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": Webhook(sub["secret"]).sign(message_id, now, body.decode()),
            "content-type": "application/json",
            "user-agent": "pactum-webhooks",
        }
        started, status, error = time.monotonic(), None, None
        try:
            async with client.stream("POST", sub["url"], content=body, headers=headers) as response:
                status = response.status_code  # the body is never read: a receiver cannot make us wait on it
            if not 200 <= status < 300:
                error = f"the receiver answered {status}"
        except httpx.HTTPError as failure:
            error = (str(failure) or type(failure).__name__)[:500]
        took = int((time.monotonic() - started) * 1000)
        await self.pool.execute(LOG, sub["id"], event.seq, event.id, attempt, now, status, error, took,
                                error is None)
        if error is None:
            return True
        reason = f"deliveries kept failing for {self.policy.retry_window_s:g} s; last: {error}"
        disabled = await self.pool.fetchval(FAILED, sub["id"], now, backoff(self.policy, attempt),
                                            self.policy.retry_window_s, reason)
        if disabled:
            log.warning("webhook subscription %s disabled: %s", sub["id"], reason)
        return False

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver while this process owns the delivery worker; otherwise stand by to take over."""
        async with outbound_client(self.policy.allow_private, self.policy.timeout_s) as client:
            while not stop.is_set():
                try:
                    await self._own_and_deliver(client, stop)
                except Exception as error:  # the session holding the lock died, or the database is away
                    log.warning("webhook worker lost its database session (%s); reconnecting", error)
                    await asyncio.sleep(self.policy.poll_s)
            for task in list(self._inflight.values()):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    async def _own_and_deliver(self, client: httpx.AsyncClient, stop: asyncio.Event) -> None:
        async with self.pool.acquire() as conn:
            owned = False
            try:
                while not stop.is_set():
                    owned = owned or await conn.fetchval("SELECT pg_try_advisory_lock($1)", LOCK_KEY)
                    if owned:
                        await conn.fetchval("SELECT 1")
                        await self.deliver_due(client)
                    await self.feed.watch.wait_beyond(self.feed.watch.head, self.policy.poll_s)
            finally:
                with contextlib.suppress(Exception):
                    await conn.execute("SELECT pg_advisory_unlock_all()")
