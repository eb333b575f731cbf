"""API keys: issue, list, rotate with a grace period, revoke, last use, rate limits."""

from __future__ import annotations

import logging
from datetime import timedelta

from domain.party import Party
from service.http.ratelimit import RateLimiter

ZS = str(Party.id_for("ZS-HRSS"))


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_an_admin_issues_a_party_key_that_works_and_lists_without_secrets(api):
    issued = await api.client.post(
        "/keys", json={"label": "zs-portal", "partyId": ZS}, headers=api.auth("admin")
    )
    token = issued.json()["token"]

    used = await api.client.get("/agreements", headers=bearer(token))
    listed = await api.client.get("/keys", headers=api.auth("admin"))

    assert issued.status_code == 201 and used.status_code == 200
    assert token not in listed.text and "secret" not in listed.text
    mine = next(k for k in listed.json()["items"] if k["keyId"] == issued.json()["keyId"])
    assert mine["partyId"] == ZS and mine["lastUsedAt"] is not None


async def test_a_party_key_cannot_manage_keys_and_that_is_403_not_401(api):
    refused = await api.client.post("/keys", json={"label": "x", "admin": True}, headers=api.auth("ZH-HRSS"))
    anonymous = await api.client.post("/keys", json={"label": "x", "admin": True})

    assert refused.status_code == 403 and anonymous.status_code == 401


async def test_a_key_names_one_party_or_is_an_admin_key(api):
    both = await api.client.post(
        "/keys", json={"label": "x", "partyId": ZS, "admin": True}, headers=api.auth("admin")
    )

    assert both.status_code == 422
    assert both.json()["type"] == "urn:pactum:problem:invalid-key-holder"


async def test_a_rotated_key_keeps_working_for_the_grace_period_then_expires(api):
    rotated = await api.client.post("/keys/current/rotation", headers=api.auth("ZS-HRSS"))
    new = rotated.json()["token"]

    old_still = await api.client.get("/agreements", headers=api.auth("ZS-HRSS"))
    again = await api.client.post("/keys/current/rotation", headers=api.auth("ZS-HRSS"))
    await api.system.pool.execute(
        "UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE expires_at IS NOT NULL"
    )
    old_later = await api.client.get("/agreements", headers=api.auth("ZS-HRSS"))
    new_later = await api.client.get("/agreements", headers=bearer(new))

    assert rotated.status_code == 201 and old_still.status_code == 200
    assert again.status_code == 404, "a key is rotated once; its replacement rotates next"
    assert old_later.status_code == 401 and new_later.status_code == 200


async def test_a_revoked_key_is_refused_at_once(api):
    issued = (
        await api.client.post("/keys", json={"label": "tmp", "partyId": ZS}, headers=api.auth("admin"))
    ).json()

    revoked = await api.client.post(f"/keys/{issued['keyId']}/revocation", headers=api.auth("admin"))
    after = await api.client.get("/agreements", headers=bearer(issued["token"]))

    assert revoked.status_code == 204
    assert after.status_code == 401
    assert after.json()["type"] == "urn:pactum:problem:unauthenticated"


async def test_requests_beyond_the_rate_limit_get_429_with_ratelimit_headers(api):
    api.app.state.rate_limiter = RateLimiter(per_minute=3)

    replies = [await api.client.get("/agreements", headers=api.auth("JM-HRSS")) for _ in range(4)]
    other_key = await api.client.get("/agreements", headers=api.auth("ZH-HRSS"))

    assert [r.status_code for r in replies] == [200, 200, 200, 429]
    assert [r.headers["ratelimit-remaining"] for r in replies] == ["2", "1", "0", "0"]
    limited = replies[-1]
    assert limited.json()["type"] == "urn:pactum:problem:rate-limited"
    assert int(limited.headers["retry-after"]) >= 1 and limited.headers["ratelimit-limit"] == "3"
    assert other_key.status_code == 200


async def test_keys_never_reach_the_logs(api, caplog):
    caplog.set_level(logging.DEBUG)
    secret = api.keys["ZH-HRSS"].split("_", 2)[2]  # pk_<key id>_<secret>

    await api.client.get("/agreements", headers=api.auth("ZH-HRSS"))
    await api.client.get("/agreements", headers={"Authorization": "Bearer pk_zz_" + secret})

    assert secret not in caplog.text


async def test_the_fixed_window_resets_each_minute():
    now = [0.0]
    limiter = RateLimiter(per_minute=1, clock=lambda: now[0])

    first, second = await limiter.take("k"), await limiter.take("k")
    now[0] += timedelta(minutes=1).total_seconds()
    third = await limiter.take("k")

    assert not first.exceeded and second.exceeded and not third.exceeded
