"""Dashboard sessions in PostgreSQL: found by their id from any pool, ended by expiry, sign-out and the
revocation of their key; only a hash of the id is stored."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from domain.party import Party
from service.store.dashboard_sessions import SessionStore
from service.store.db import create_pool
from tests import conftest

ZH = Party.id_for("ZH-HRSS")


async def test_a_session_is_found_from_another_pool_with_its_holder_and_token(system, dsn):
    key = await system.keys.issue("officer", party_id=ZH)
    session_id, csrf = await SessionStore(system.pool).open(key.key_id, ZH)

    other = await create_pool(dsn, conftest.test_settings(), size=1)  # another process's pool
    try:
        found = await SessionStore(other).find(session_id)
    finally:
        await other.close()

    assert (found.key_id, found.party_id, found.is_admin, found.csrf, found.live) == \
        (key.key_id, ZH, False, csrf, True)
    stored = await system.pool.fetchrow("SELECT id_hash, key_id, party_id FROM dashboard_sessions")
    assert bytes(stored["id_hash"]) == hashlib.sha256(session_id.encode()).digest()
    assert (stored["key_id"], stored["party_id"]) == (key.key_id, ZH)
    row_text = await system.pool.fetchval("SELECT s::text FROM dashboard_sessions s")
    assert key.token.rpartition("_")[2] not in row_text and session_id not in row_text


async def test_an_unknown_or_missing_id_finds_nothing(system):
    store = SessionStore(system.pool)

    assert [await store.find(v) for v in (None, "", "no-such-session")] == [None, None, None]


async def test_revoking_the_key_revokes_its_sessions_and_the_next_look_ends_them(system):
    key = await system.keys.issue("officer", party_id=ZH)
    store = SessionStore(system.pool)
    first, _ = await store.open(key.key_id, ZH)
    second, _ = await store.open(key.key_id, ZH)

    await system.keys.revoke(key.key_id)

    revoked = await system.pool.fetchval(
        "SELECT count(*) FROM dashboard_sessions WHERE key_id = $1 AND revoked_at IS NOT NULL", key.key_id)
    assert revoked == 2
    assert (await store.find(first)).live is False
    assert await store.find(first) is None  # ended by the look that found it dead
    assert (await store.find(second)).live is False


async def test_a_key_expired_by_rotation_ends_its_session(system):
    key = await system.keys.issue("officer", party_id=ZH)
    store = SessionStore(system.pool)
    session_id, _ = await store.open(key.key_id, ZH)

    await system.keys.rotate(key.key_id, grace=timedelta(0))

    assert (await store.find(session_id)).live is False


async def test_an_idle_session_expires_and_a_used_one_is_kept_no_longer_than_its_lifetime(system):
    key = await system.keys.issue("officer", party_id=ZH)
    short = SessionStore(system.pool, idle=timedelta(hours=1), lifetime=timedelta(hours=2))
    idle, _ = await short.open(key.key_id, ZH)
    used, _ = await short.open(key.key_id, ZH)
    await system.pool.execute(  # as if signed in 90 minutes ago, `used` last extended 50 minutes ago
        "UPDATE dashboard_sessions SET created_at = now() - interval '90 minutes', expires_at = CASE "
        "WHEN id_hash = $1 THEN now() - interval '1 second' ELSE now() + interval '10 minutes' END",
        hashlib.sha256(idle.encode()).digest())

    assert await short.find(idle) is None
    assert (await short.find(used)).live is True
    left = await system.pool.fetchval(
        "SELECT round(extract(epoch FROM expires_at - now()) / 60) FROM dashboard_sessions "
        "WHERE id_hash = $1", hashlib.sha256(used.encode()).digest())
    assert left == 30  # extended to the lifetime's end (2 h after sign-in), not by a full hour


async def test_signing_out_ends_the_session_and_a_sign_in_clears_ended_ones(system):
    key = await system.keys.issue("officer", party_id=ZH)
    store = SessionStore(system.pool)
    session_id, _ = await store.open(key.key_id, ZH)
    stale, _ = await store.open(key.key_id, ZH)
    await system.pool.execute("UPDATE dashboard_sessions SET expires_at = now() WHERE id_hash = $1",
                              hashlib.sha256(stale.encode()).digest())

    await store.close(session_id)
    await store.open(key.key_id, ZH)

    assert await store.find(session_id) is None
    assert await system.pool.fetchval("SELECT count(*) FROM dashboard_sessions") == 1
