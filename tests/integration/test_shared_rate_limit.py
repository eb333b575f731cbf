"""Two real API processes on one database give a key its limit once, not twice."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx

from service.http.ratelimit import SharedRateLimiter
from tests.integration.processes import free_port, pactum

LIMIT = 10


async def test_the_shared_limiter_counts_one_window_per_key(pool):
    first, second = SharedRateLimiter(pool, 2), SharedRateLimiter(pool, 2)  # two processes' limiters
    if (left := 60 - time.time() % 60) < 2:  # keep the requests inside one window
        time.sleep(left + 0.5)
    quotas = [await first.take("k"), await second.take("k"), await first.take("k"),
              await second.take("other")]
    assert [q.remaining for q in quotas] == [1, 0, -1, 1]
    assert [q.exceeded for q in quotas] == [False, False, True, False]
    assert 1 <= quotas[0].reset_s <= 60


async def test_two_api_processes_share_one_limit(seeded, dsn: str, tmp_path: Path):
    key = (await seeded.keys.issue("test", is_admin=True)).token
    ports = [free_port(), free_port()]
    servers = [pactum("serve", "--api-only", env={"DATABASE_URL": dsn, "PORT": str(port),
                                                 "PACTUM_RATE_LIMIT": str(LIMIT),
                                                 "PACTUM_DATA_DIR": str(tmp_path / str(port))})
               for port in ports]
    try:
        for server in servers:
            line = server.stdout.readline()
            assert line.startswith("pactum API serving"), line + server.stderr.read()[-2000:]
        if (left := 60 - time.time() % 60) < 10:  # keep the requests inside one window
            time.sleep(left + 0.5)
        statuses = []
        for i in range(LIMIT + 2):
            port = ports[i % 2]
            reply = httpx.get(f"http://127.0.0.1:{port}/parties", headers={"Authorization": f"Bearer {key}"},
                              timeout=10)
            statuses.append(reply.status_code)
        assert statuses == [200] * LIMIT + [429, 429]
        assert reply.headers["ratelimit-limit"] == str(LIMIT)
        assert reply.headers["ratelimit-remaining"] == "0"
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
        for server in servers:
            server.wait(timeout=30)


async def test_far_from_its_limit_a_key_is_counted_a_lease_at_a_time(pool):
    limiter = SharedRateLimiter(pool, 1_000_000)
    if (left := 60 - time.time() % 60) < 2:  # keep the requests inside one window
        time.sleep(left + 0.5)
    quotas = [await limiter.take("far") for _ in range(150)]
    stored = await pool.fetchval("SELECT used FROM rate_limit_windows WHERE key_id = 'far'")
    assert [q.remaining for q in quotas[:3]] == [999_999, 999_998, 999_997]
    assert quotas[-1].remaining == 999_850
    assert stored == 201, "one counted alone, then two leases of 100 ahead"
    near = SharedRateLimiter(pool, 3)
    assert [(await near.take("near")).remaining for _ in range(4)] == [2, 1, 0, -1]
    assert await pool.fetchval("SELECT used FROM rate_limit_windows WHERE key_id = 'near'") == 4
