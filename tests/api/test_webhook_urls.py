"""No SSRF through webhooks: URLs that are not http(s) or that point inside a network are refused when a
subscription is made and again when a delivery connects; unknown event types are refused; nothing stored."""

from __future__ import annotations

import asyncio
from uuid import uuid4

from service.store.outbound import outbound_client
from service.usecases.context import Caller
from service.usecases.webhooks import Webhooks
from tests.api.receiver import Receiver

INSIDE = [
    "http://127.0.0.1:8000/hook",
    "http://localhost/hook",
    "http://[::1]/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://10.1.2.3/hook",
    "http://172.16.0.1/hook",
    "http://192.168.1.10/hook",
    "http://100.64.0.1/hook",
    "http://0.0.0.0/hook",
    "http://2130706433/hook",  # 127.0.0.1 as one number
    "https://[fe80::1]/hook",
]
NOT_HTTP = ["ftp://example.com/hook", "file:///etc/passwd", "gopher://example.com/", "http:///no-host",
            "javascript:alert(1)"]


async def test_a_webhook_url_inside_or_not_http_is_refused_and_nothing_stored(api):
    for url in INSIDE + NOT_HTTP:
        r = await api.client.post("/webhooks", json={"url": url}, headers=api.auth("ZH-HRSS"))
        assert (r.status_code, r.json()["type"]) == (422, "urn:pactum:problem:webhook-url-refused"), url
    assert await api.system.pool.fetchval("SELECT count(*) FROM webhook_subscriptions") == 0


async def test_a_public_address_is_accepted(api):
    r = await api.client.post("/webhooks", json={"url": "https://93.184.216.34/hooks/pactum"},
                              headers=api.auth("ZH-HRSS"))
    assert r.status_code == 201, r.text
    assert r.headers["location"] == f"/webhooks/{r.json()['id']}"


async def test_bad_subscriptions_are_problems(api):
    public = "https://93.184.216.34/"
    for body, code in [
        ({"url": public, "eventTypes": ["agreement.no_such_event"]}, "unknown-event-type"),
        ({"url": public, "eventTypes": ["Not A Type"]}, "invalid-body"),
        ({"url": public, "startAfter": -1}, "invalid-body"),
        ({"url": ""}, "invalid-body"),
        ({"url": "http://exa mple.com/"}, "invalid-body"),
        ({"url": "https://example.com/\x00"}, "invalid-body"),
        ({"url": public, "secret": "mine"}, "invalid-body"),
    ]:
        r = await api.client.post("/webhooks", json=body, headers=api.auth("ZH-HRSS"))
        assert (r.status_code, r.json()["type"]) == (422, f"urn:pactum:problem:{code}"), body
    assert await api.system.pool.fetchval("SELECT count(*) FROM webhook_subscriptions") == 0


async def test_a_delivery_connects_only_to_an_address_checked_at_that_moment(api):
    """Made while private addresses were allowed (or before a DNS answer changed): refused at delivery."""
    receiver = Receiver().start()
    try:
        caller = Caller(key_id=uuid4(), party_id=None, is_admin=True)
        sub, secret = await Webhooks(api.system.pool, allow_private=True).create(
            caller, f"{receiver.url}/inside", [], None, 0)
        receiver.secrets["/inside"] = secret
        await api.system.sequencer.catch_up()
        worker = api.system.webhook_worker
        assert worker.policy.allow_private is False
        async with outbound_client(allow_private=False, timeout=2) as client:
            await worker.deliver_due(client)
            await asyncio.gather(*worker._inflight.values())
    finally:
        receiver.stop()
    assert receiver.received == []
    row = await api.system.pool.fetchrow(
        "SELECT seq, delivered, status_code, error FROM webhook_deliveries WHERE subscription_id = $1",
        sub.id)
    assert (row["seq"], row["delivered"], row["status_code"]) == (1, False, None)
    assert row["error"].startswith("refused: the host '127.0.0.1' resolves to 127.0.0.1")
