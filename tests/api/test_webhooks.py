"""Webhooks end to end: a receiver on loopback that verifies every signature and drops some deliveries still
ends with every event it may see exactly once (dedupe by webhook-id), in seq order; a subscription whose
receiver keeps failing is disabled with the reason; every attempt is in the delivery log."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator

import pytest

from tests.api.flow import Flow
from tests.api.receiver import Receiver
from tests.conftest import test_settings as make_settings


@pytest.fixture
def settings():
    return make_settings(webhook_allow_private=True, webhook_backoff_s=0.05, webhook_retry_window_s=1.5)


@pytest.fixture
async def running(api) -> AsyncIterator[None]:
    """The sequencer and the delivery worker, as `pactum serve` runs them."""
    stop = asyncio.Event()
    worker = api.system.webhook_worker
    worker.policy = dataclasses.replace(worker.policy, poll_s=0.05, batch=7)
    tasks = [asyncio.create_task(w.run(stop)) for w in (api.system.sequencer, api.system.webhook_worker)]
    yield
    stop.set()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def subscribe(api, who: str, url: str, **extra) -> dict:
    r = await api.client.post("/webhooks", json={"url": url, **extra}, headers=api.auth(who))
    assert r.status_code == 201, r.text
    return r.json()


async def until(condition, timeout: float = 20) -> None:
    for _ in range(int(timeout / 0.05)):
        if await condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out")


async def test_every_visible_event_arrives_once_after_dedupe_in_order_despite_drops(api, running):
    attempts: dict[str, int] = {}

    def answer(path: str, body: dict) -> int:
        attempts[body["id"]] = attempts.get(body["id"], 0) + 1
        return 500 if body["seq"] % 3 == 0 and attempts[body["id"]] <= 2 else 204  # a third fail twice

    receiver = Receiver(answer).start()
    try:
        created = await subscribe(api, "ZS-HRSS", f"{receiver.url}/zs", startAfter=0, description="all of it")
        assert created["secret"].startswith("whsec_") and created["status"] == "active"
        receiver.secrets["/zs"] = created["secret"]
        for n in range(3):
            flow = await Flow(api, f"HOOK-{n}").draft()
            assert (await flow.post("/parties", {"partyId": created_party("ZS-HRSS"), "role": "signatory"})
                    ).status_code == 201
        await Flow(api, "HOOK-PRIVATE").draft()  # ZH's alone: not for ZS
        await api.system.sequencer.catch_up()
        r = await api.client.get("/events", params={"limit": 1000}, headers=api.auth("ZS-HRSS"))
        expected = [(e["id"], e["seq"]) for e in r.json()["items"]]

        async def all_arrived() -> bool:
            return {r.webhook_id for r in receiver.accepted()} == {i for i, _ in expected}

        await until(all_arrived)
    finally:
        receiver.stop()
    assert receiver.forged == []
    assert [(r.webhook_id, r.seq) for r in receiver.accepted()] == expected  # once each, in seq order
    assert len(receiver.received) - len(expected) == 2 * len([s for _, s in expected if s % 3 == 0]) > 0
    sub = (await api.client.get("/webhooks", headers=api.auth("ZS-HRSS"))).json()["items"][0]
    assert (sub["id"], sub["status"], sub["failedAttempts"]) == (created["id"], "active", 0)
    assert "secret" not in sub
    log, cursor = [], None
    while True:
        params = {"limit": 20, **({"cursor": cursor} if cursor else {})}
        page = (await api.client.get(f"/webhooks/{created['id']}/deliveries", params=params,
                                     headers=api.auth("ZS-HRSS"))).json()
        log += page["items"]
        if not (cursor := page["nextCursor"]):
            break
    assert len(log) == len(receiver.received)
    failed = [d for d in log if not d["delivered"]]
    assert {(d["statusCode"], d["error"]) for d in failed} == {(500, "the receiver answered 500")}
    assert [d["attempt"] for d in log if d["seq"] == failed[0]["seq"]] == [1, 2, 3]


async def test_a_subscription_whose_receiver_keeps_failing_is_disabled_with_the_reason(api, running):
    receiver = Receiver(lambda path, body: 503).start()
    try:
        created = await subscribe(api, "ZH-HRSS", f"{receiver.url}/down", startAfter=0)
        receiver.secrets["/down"] = created["secret"]
        await api.system.sequencer.catch_up()

        async def disabled() -> bool:
            items = (await api.client.get("/webhooks", headers=api.auth("ZH-HRSS"))).json()["items"]
            return items[0]["status"] == "disabled"

        await until(disabled)
    finally:
        receiver.stop()
    sub = (await api.client.get("/webhooks", headers=api.auth("ZH-HRSS"))).json()["items"][0]
    assert sub["disabledReason"] == "deliveries kept failing for 1.5 s; last: the receiver answered 503"
    assert sub["deliveredUpTo"] == 0 and {r.seq for r in receiver.received} == {1}
    assert len(receiver.received) >= 3  # retried with back-off before giving up


async def test_a_party_lists_and_deletes_only_its_own_webhooks(api):
    signed = ["agreement.signed_by_party"]
    mine = await subscribe(api, "ZH-HRSS", "http://127.0.0.1:9/mine", eventTypes=signed)
    assert mine["eventTypes"] == ["agreement.signed_by_party"]
    assert (await api.client.get("/webhooks", headers=api.auth("JM-HRSS"))).json() == {"items": []}
    r = await api.client.delete(f"/webhooks/{mine['id']}", headers=api.auth("JM-HRSS"))
    assert (r.status_code, r.json()["type"]) == (404, "urn:pactum:problem:not-found")
    r = await api.client.get(f"/webhooks/{mine['id']}/deliveries", headers=api.auth("JM-HRSS"))
    assert r.status_code == 404
    admin_view = (await api.client.get("/webhooks", headers=api.auth("admin"))).json()["items"]
    assert [w["id"] for w in admin_view] == [mine["id"]]
    r = await api.client.delete(f"/webhooks/{mine['id']}", headers=api.auth("ZH-HRSS"))
    assert r.status_code == 204
    assert (await api.client.get("/webhooks", headers=api.auth("ZH-HRSS"))).json() == {"items": []}


def created_party(code: str) -> str:
    from domain.party import Party

    return str(Party.id_for(code))
