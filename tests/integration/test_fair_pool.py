"""Connections are handed out in the order they were asked for: no request is overtaken by later ones while
it waits (with asyncpg's own pool, one waiter could see hundreds of later requests served first)."""

from __future__ import annotations

import asyncio

import pytest

from service.store.db import create_pool
from service.store.fair_pool import InTurnQueue


async def _acquire(pool):
    return await pool.acquire()


async def test_the_pool_queues_its_idle_connections_in_turn(dsn, settings):
    pool = await create_pool(dsn, settings, size=2)
    try:
        assert type(pool._queue) is InTurnQueue  # asyncpg's pool builds its own queue: ours replaced it
        async with pool.acquire() as conn:
            assert await conn.fetchval("SELECT 1") == 1
    finally:
        await pool.close()


async def test_a_wait_given_up_passes_the_connection_on(dsn, settings):
    pool = await create_pool(dsn, settings, size=1)
    try:
        held = await pool.acquire()
        given_up = asyncio.create_task(_acquire(pool))
        patient = asyncio.create_task(_acquire(pool))
        await asyncio.sleep(0.05)
        given_up.cancel()
        await pool.release(held)

        conn = await asyncio.wait_for(patient, 5)
        assert await conn.fetchval("SELECT 1") == 1
        await pool.release(conn)
        assert given_up.cancelled()
    finally:
        pool.terminate()


async def test_a_wait_that_times_out_leaves_the_pool_whole(dsn, settings):
    pool = await create_pool(dsn, settings, size=1)
    try:
        held = await pool.acquire()
        with pytest.raises(TimeoutError):
            await pool.acquire(timeout=0.1)
        await pool.release(held)

        async with pool.acquire(timeout=5) as conn:
            assert await conn.fetchval("SELECT 1") == 1
    finally:
        pool.terminate()


class Idle:
    """What the pool queues: an idle connection."""

    def is_connected(self) -> bool:
        return True


async def test_a_newcomer_waits_behind_a_waiter_even_as_a_connection_comes_back():
    queue = InTurnQueue(maxsize=2)
    waiting = asyncio.create_task(queue.get())
    await asyncio.sleep(0)
    back = Idle()

    newcomer = asyncio.create_task(queue.get())  # asks now, and would run first...
    queue.put_nowait(back)  # ...as the connection comes back
    await asyncio.sleep(0)

    assert waiting.result() is back
    assert not newcomer.done()
    newcomer.cancel()


async def test_a_connection_handed_to_a_waiter_that_gives_up_goes_to_the_next():
    queue = InTurnQueue(maxsize=2)
    giving_up = asyncio.create_task(queue.get())
    patient = asyncio.create_task(queue.get())
    await asyncio.sleep(0)
    back = Idle()

    queue.put_nowait(back)  # handed to the first waiter...
    giving_up.cancel()  # ...which gives up before it could take it

    assert await asyncio.wait_for(patient, 1) is back
    assert giving_up.cancelled()
    assert queue.empty()
