"""A rebuild fills shadow tables while the live ones serve, then switches at once: no read fails or is empty.

The log here holds the seed plus 1,500 more events (what fits in test time); bench/rebuild.py runs the
same with 100,000.
"""

from __future__ import annotations

import asyncio

import projections
from service.seed import ZZJ, agreement_id_for
from service.store.runner import Runner
from tests.integration.test_projections import last_position, register, snapshot

EXTRA_EVENTS = 1_500


async def registered(system, prefix: str, count: int, at_once: int = 8) -> None:
    for start in range(0, count, at_once):
        await asyncio.gather(*(register(system, f"{prefix}-{i}")
                               for i in range(start, min(start + at_once, count))))


async def test_reads_during_a_rebuild_of_every_projection_never_fail_nor_come_back_empty(seeded):
    await registered(seeded, "BULK", EXTRA_EVENTS)
    await seeded.runner.catch_up()
    agreements = len((await seeded.queries.list_agreements(None, 0, 100)).items)
    zzj = agreement_id_for(ZZJ)
    expected_zzj = await seeded.queries.agreement(zzj, None)
    reads = {"ok": 0, "failed": [], "emptied": 0}
    done = asyncio.Event()

    async def read() -> None:
        while not done.is_set():
            try:
                parties = await seeded.queries.list_parties("", 100)
                listed = await seeded.queries.list_agreements(None, 0, 100)
                detail = await seeded.queries.agreement(zzj, None)
            except Exception as error:  # noqa: BLE001 - every failure counts
                reads["failed"].append(repr(error))
                continue
            if len(parties.items) < 100 or len(listed.items) < agreements or detail != expected_zzj:
                reads["emptied"] += 1
            else:
                reads["ok"] += 1

    live = Runner(seeded.pool, seeded.store, seeded.mapper, projections.ALL, poll_interval=0.05)
    stop = asyncio.Event()
    following = asyncio.create_task(live.run(stop))
    readers = [asyncio.create_task(read()) for _ in range(3)]
    try:
        async def rebuild_all() -> None:
            for projection in projections.ALL:
                await seeded.runner.rebuild(projection)

        await asyncio.gather(rebuild_all(), registered(seeded, "DURING", 40, at_once=1))
    finally:
        done.set()
        await asyncio.gather(*readers)
        await seeded.queries.wait_for(await last_position(seeded.pool), projections.ALL)
        stop.set()
        await following
    assert reads["failed"] == []
    assert reads["emptied"] == 0
    assert reads["ok"] > 20
    followed = await snapshot(seeded.pool)
    assert len([r for r in followed["party_directory"] if r["code"].startswith("DURING-")]) == 40
    for projection in projections.ALL:
        await seeded.runner.rebuild(projection)
    assert await snapshot(seeded.pool) == followed
    assert await seeded.pool.fetchval(
        "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rebuild_%'") == 0
