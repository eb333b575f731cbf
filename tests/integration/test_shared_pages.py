"""Projections woken together read the new events once between them, not once each; a page is shared
only while no later append has been heard of, and never for long."""

from __future__ import annotations

import asyncio

import projections
from service.store.eventstore import EventStore
from service.store.runner import SHARE_S, Runner
from tests.integration.test_projections import last_position, listed, register

PARTIES = projections.BY_NAME["party_directory"]


class CountingStore(EventStore):
    """The event store, counting its reads of the log."""

    reads = 0

    async def read_log(self, after, limit=500, conn=None):
        self.reads += 1
        return await super().read_log(after, limit, conn)


async def test_projections_woken_together_read_the_new_events_once_between_them(seeded):
    store = CountingStore(seeded.pool)
    runner = Runner(seeded.pool, store, seeded.mapper, projections.ALL, poll_interval=30)
    await runner.catch_up()
    stop = asyncio.Event()
    seeded.notifier.start()
    running = asyncio.create_task(runner.run(stop))
    try:
        await asyncio.sleep(0.3)  # every projection's task asleep until the next NOTIFY
        store.reads = 0

        await register(seeded, "SHARED")
        await seeded.queries.wait_for(await last_position(seeded.pool), projections.ALL)
    finally:
        stop.set()
        await running
        await seeded.notifier.stop()

    assert await listed(seeded.pool, "SHARED")
    assert len(projections.ALL) == 8
    assert store.reads <= 2  # one read for the eight (two if a slow wake-up straddles the sharing)


async def test_a_page_asked_for_before_an_append_was_heard_of_is_not_shared_after_it(seeded):
    runner = Runner(seeded.pool, seeded.store, seeded.mapper, projections.ALL)
    await runner.catch_up()
    directory = [p for p in projections.ALL if p is PARTIES]
    others = [p for p in projections.ALL if p is not PARTIES]
    assert await runner.follow(others[0], shared=True) == 0  # the head, as it was

    await register(seeded, "HEARD")
    runner.heard += 1  # the append's NOTIFY

    assert await runner.follow(directory[0], shared=True) == 1
    assert await listed(seeded.pool, "HEARD")


async def test_a_page_is_not_shared_for_longer_than_a_moment(seeded):
    runner = Runner(seeded.pool, seeded.store, seeded.mapper, projections.ALL)
    await runner.catch_up()
    others = [p for p in projections.ALL if p is not PARTIES]
    assert await runner.follow(others[0], shared=True) == 0

    await register(seeded, "UNHEARD")  # no NOTIFY heard: a poll finds it
    await asyncio.sleep(SHARE_S * 2)

    assert await runner.follow(PARTIES, shared=True) == 1
    assert await listed(seeded.pool, "UNHEARD")
