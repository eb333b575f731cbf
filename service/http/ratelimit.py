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


class SharedRateLimiter:
    """The limit held across processes: each request counted by one UPSERT in PostgreSQL."""

    def __init__(self, pool: asyncpg.Pool, per_minute: int) -> None:
        self.pool = pool
        self.per_minute = per_minute
        self._since_sweep = 0

    async def take(self, key: str) -> Quota:
        used, left_s = await count_request(self.pool, key, WINDOW_S)
        self._since_sweep += 1
        if self._since_sweep >= FORGET_EVERY:
            self._since_sweep = 0
            await forget_old_windows(self.pool, WINDOW_S)
        return Quota(self.per_minute, self.per_minute - used, max(1, math.ceil(left_s)))


class RateLimited(Exception):
    """The key has used its requests for this window."""

    def __init__(self, quota) -> None:
        super().__init__(f"at most {quota.limit} requests a minute per key; retry in {quota.reset_s} s")
        self.quota = quota
