"""A key checked once is trusted for a while, but a revocation or expiry set anywhere ends that trust."""

from __future__ import annotations

import asyncio

import pytest

from service.store.db import create_pool
from service.store.key_watch import KeyWatch
from service.usecases.errors import Unauthenticated
from service.usecases.keys import Keys
from tests.integration.statement_log import logging_pool


async def _refused_within(keys: Keys, token: str, seconds: float) -> bool:
    for _ in range(int(seconds / 0.01)):
        try:
            await keys.authenticate(token)
        except Unauthenticated:
            return True
        await asyncio.sleep(0.01)
    return False


@pytest.fixture
async def other_process(dsn: str, settings):
    """The keys of a second process, hearing key changes through its own KeyWatch; the statements its key
    checks send."""
    watching = await create_pool(dsn, settings, size=2)
    async with logging_pool(dsn) as (pool, sent):
        keys = Keys(pool)
        watch = KeyWatch(watching, changed=keys.changed, listening=keys.hearing)
        watch.start()
        for _ in range(200):
            if keys._hearing:
                break
            await asyncio.sleep(0.01)
        yield keys, sent
        await watch.stop()
    await watching.close()


async def test_a_hearing_process_checks_a_key_in_the_database_once(pool, other_process):
    keys, sent = other_process
    issued = await Keys(pool).issue("partner system", is_admin=True)

    callers = [await keys.authenticate(issued.token) for _ in range(5)]

    assert len([q for q in sent if "FROM api_keys" in q]) == 1
    assert {(c.key_id, c.is_admin) for c in callers} == {(issued.key_id, True)}


async def test_a_hearing_process_checks_a_key_once_and_refuses_it_once_another_process_revokes_it(
        pool, other_process):
    keys, _ = other_process
    here = Keys(pool)
    issued = await here.issue("partner system", is_admin=True)
    await keys.authenticate(issued.token)

    assert await here.revoke(issued.key_id)

    assert await _refused_within(keys, issued.token, 2.0)


async def test_an_expiry_set_elsewhere_ends_the_trust_in_the_key(pool, other_process):
    keys, _ = other_process
    issued = await Keys(pool).issue("partner system", is_admin=True)
    await keys.authenticate(issued.token)
    await pool.execute("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1",
                       issued.key_id)

    assert await _refused_within(keys, issued.token, 2.0)


async def test_a_process_that_hears_no_key_changes_checks_every_request(pool):
    deaf = Keys(pool)
    issued = await deaf.issue("partner system", is_admin=True)
    await deaf.authenticate(issued.token)
    await pool.execute("UPDATE api_keys SET revoked_at = now() WHERE id = $1", issued.key_id)

    with pytest.raises(Unauthenticated):
        await deaf.authenticate(issued.token)
