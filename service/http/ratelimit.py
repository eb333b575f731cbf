"""Requests per API key per minute, in fixed one-minute windows: counted in PostgreSQL, so that every API
process shares one count (SharedRateLimiter), or in this process alone (RateLimiter, for tests)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import asyncpg

from service.store.rate_windows import count_request, forget_old_windows

WINDOW_S = 60
FORGET_EVERY = 10_000  # requests between two sweeps of past windows
LEASE_MAX = 100  # requests counted ahead at once while a key is far from its limit
LEASE_SHARE = 100  # ... and never more than this fraction of what it has left


@dataclass(frozen=True)
class Quota:
    limit: int
    remaining: int
    reset_s: int

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(max(self.remaining, 0)),
            "RateLimit-Reset": str(self.reset_s),
            "RateLimit-Policy": f"{self.limit};w={WINDOW_S}",
        }


class RateLimiter:
    def __init__(self, per_minute: int, clock=time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._windows: dict[str, tuple[int, int]] = {}

    async def take(self, key: str) -> Quota:
        """Count one request for `key`; the quota says whether it is within the limit."""
        now = self.clock()
        window = int(now // WINDOW_S)
        start, used = self._windows.get(key, (window, 0))
        if start != window:
            used = 0
            if len(self._windows) > 10_000:  # forget keys idle since an earlier window
                self._windows = {k: v for k, v in self._windows.items() if v[0] == window}
        used += 1
        self._windows[key] = (window, used)
        reset = max(1, int((window + 1) * WINDOW_S - now))
        return Quota(self.per_minute, self.per_minute - used, reset)


@dataclass
class _Lease:
    """Requests of one key counted in PostgreSQL ahead of their arrival, for this process to use up."""

    used: int  # the window's count in PostgreSQL, this lease included
    unused: int
    ends: float  # when the window ends (monotonic)


class SharedRateLimiter:
    """The limit held across processes, counted in PostgreSQL by one UPSERT per request; while a key is far
    from its limit, by one UPSERT per lease of up to LEASE_MAX requests (counted ahead, used up here).

    Near the limit every request is counted alone, so the limit is exact; a lease other processes hold
    counts as used, so a key never gets more than its limit, only (far from it) a lower `remaining`.
    """

    def __init__(self, pool: asyncpg.Pool, per_minute: int, clock=time.monotonic) -> None:
        self.pool = pool
        self.per_minute = per_minute
        self.clock = clock
        self._since_sweep = 0
        self._leases: dict[str, _Lease] = {}

    async def take(self, key: str) -> Quota:
        now = self.clock()
        lease = self._leases.get(key)
        if lease is not None and lease.unused and now < lease.ends:
            lease.unused -= 1
            return self._quota(lease, now)
        known_left = self.per_minute - lease.used if lease is not None and now < lease.ends else 0
        ahead = max(1, min(LEASE_MAX, known_left // LEASE_SHARE))
        used, left_s = await count_request(self.pool, key, WINDOW_S, ahead)
        if len(self._leases) > 10_000:
            self._leases.clear()
        self._leases[key] = lease = _Lease(used, ahead - 1, now + left_s)
        self._since_sweep += ahead
        if self._since_sweep >= FORGET_EVERY:
            self._since_sweep = 0
            await forget_old_windows(self.pool, WINDOW_S)
        return self._quota(lease, now)

    def _quota(self, lease: _Lease, now: float) -> Quota:
        return Quota(self.per_minute, self.per_minute - (lease.used - lease.unused),
                     max(1, math.ceil(lease.ends - now)))


class RateLimited(Exception):
    """The key has used its requests for this window."""

    def __init__(self, quota) -> None:
        super().__init__(f"at most {quota.limit} requests a minute per key; retry in {quota.reset_s} s")
        self.quota = quota
