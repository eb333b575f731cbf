"""`pactum project` alone, with API processes that run no workers (`serve --api-only`), does every job of the
log: the views, the feed's numbering and the transparency log all follow a new event."""

from __future__ import annotations

import asyncio
import os
import signal

import projections
from service.store.tlog_tree import TREE
from tests.integration.processes import pactum
from tests.integration.test_projections import register
from tests.integration.test_worker_failover import caught_up, started


async def test_a_worker_alone_numbers_every_new_event_and_grows_the_transparency_log_over_it(seeded, dsn):
    worker = pactum("project", env={"DATABASE_URL": dsn, "PACTUM_LOG_LEVEL": "warning"})
    try:
        await started(worker, seeded.pool, locks=len(projections.ALL) + 1)
        position = await register(seeded, "WORKER-JOBS")  # a command of this process, which runs no worker
        events = await seeded.pool.fetchval("SELECT count(*) FROM events")
        await caught_up(seeded, position, within=10)
        for _ in range(200):
            size = await seeded.pool.fetchval("SELECT size FROM tlog_tracking WHERE name = $1", TREE)
            if size == events:
                break
            await asyncio.sleep(0.05)
        assert size == events  # every event a leaf, the new one too
        assert await seeded.pool.fetchval("SELECT max(seq) FROM event_seq") == events
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0, worker.stderr.read()[-2000:]
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
