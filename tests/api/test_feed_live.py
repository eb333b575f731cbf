"""Partners following a real `pactum serve` process while 8 writers append through the API and the server
is killed and started again: a long-polling and a streaming consumer each end with exactly the committed
events, once each, in seq order, and seq runs 1..N without a hole; a party sees only its agreements."""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass, field

import httpx
import pytest

from domain.party import Party
from tests.api.flow import ZH, ZS
from tests.api.helpers import text
from tests.api.served import Served

WRITERS, COMMANDS = 8, 30
WRITER_PARTIES = ("ZH-HRSS", "ZS-HRSS")  # JM-HRSS is party to none of the writers' agreements


@dataclass
class Followed:
    seqs: list[int] = field(default_factory=list)
    events: list[tuple[str, int]] = field(default_factory=list)  # (stream id, version)
    reconnects: int = 0

    def add(self, event: dict) -> None:
        self.seqs.append(event["seq"])
        self.events.append((event["streamId"], event["version"]))


@pytest.fixture
async def keys(seeded) -> dict[str, str]:
    keys = {"admin": (await seeded.keys.issue("live", is_admin=True)).token}
    for code in ("ZH-HRSS", "ZS-HRSS", "JM-HRSS"):
        keys[code] = (await seeded.keys.issue("live", party_id=Party.id_for(code))).token
    return keys


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def writer(url: str, token: str, n: int, acknowledged: list[tuple[str, int]]) -> None:
    """Drafts an agreement and defines areas in it, one command at a time, riding out the restart."""
    async with httpx.AsyncClient(base_url=url, headers=auth(token), timeout=10) as client:
        agreement, done, attempt = None, 0, 0
        while done < COMMANDS:
            attempt += 1
            try:
                if agreement is None:
                    draft = {"code": f"LIVE-{n}-{attempt}", "title": text("协议"),
                             "authenticLanguage": "zh-Hans"}
                    r = await client.post("/agreements", json=draft)
                    if r.status_code == 201:
                        agreement = r.json()["id"]
                        if n % 4 < 2:  # half of them with the other writer party
                            other = ZS if WRITER_PARTIES[n % 2] == "ZH-HRSS" else ZH
                            r = await client.post(f"/agreements/{agreement}/parties",
                                                  json={"partyId": other, "role": "signatory"})
                else:
                    r = await client.post(f"/agreements/{agreement}/areas",
                                          json={"code": f"A{n}x{attempt}", "title": text("领域")})
            except httpx.TransportError:  # the server is down: try again once it is back
                await asyncio.sleep(0.1)
                continue
            assert r.status_code == 201, r.text
            acknowledged.append((r.json()["id"], r.json()["version"]))
            done += 1


async def long_poll(url: str, token: str, seen: Followed, stop: asyncio.Event) -> None:
    after = 0
    async with httpx.AsyncClient(base_url=url, headers=auth(token), timeout=15) as client:
        while not stop.is_set():
            try:
                r = await client.get("/events", params={"after": after, "limit": 50, "wait": 2})
            except httpx.TransportError:
                seen.reconnects += 1
                await asyncio.sleep(0.1)
                continue
            assert r.status_code == 200, r.text
            page = r.json()
            for event in page["items"]:
                seen.add(event)
            after = page["nextAfter"]


async def stream(url: str, token: str, seen: Followed, stop: asyncio.Event) -> None:
    last = None
    async with httpx.AsyncClient(base_url=url, headers=auth(token), timeout=httpx.Timeout(15, read=10)) as c:
        while not stop.is_set():
            headers = {"Last-Event-ID": str(last)} if last is not None else {}
            try:
                async with c.stream("GET", "/events/stream", headers=headers) as r:
                    assert r.status_code == 200
                    block: dict[str, str] = {}
                    async for line in r.aiter_lines():
                        if line.startswith(("id:", "data:")):
                            name, _, value = line.partition(": ")
                            block[name] = value
                        elif not line and block:  # end of a message
                            last = int(block["id"])
                            if "data" in block:
                                seen.add(json.loads(block["data"]))
                            block = {}
                        if stop.is_set():
                            return
            except (httpx.TransportError, httpx.RemoteProtocolError):
                seen.reconnects += 1
                await asyncio.sleep(0.1)


async def test_consumers_see_every_committed_event_once_in_order_across_a_restart(seeded, dsn, keys):
    served = await asyncio.to_thread(Served(dsn, PACTUM_FEED_HEARTBEAT="0.5").start)
    acknowledged: list[tuple[str, int]] = []
    polled, streamed, as_jm = Followed(), Followed(), Followed()
    stop = asyncio.Event()
    consumers = [asyncio.create_task(long_poll(served.url, keys["admin"], polled, stop)),
                 asyncio.create_task(stream(served.url, keys["admin"], streamed, stop)),
                 asyncio.create_task(long_poll(served.url, keys["JM-HRSS"], as_jm, stop))]
    try:
        writers = asyncio.gather(*(writer(served.url, keys[WRITER_PARTIES[n % 2]], n, acknowledged)
                                   for n in range(WRITERS)))
        while len(acknowledged) < WRITERS * COMMANDS // 2:
            await asyncio.sleep(0.05)
        await asyncio.to_thread(served.kill)
        served = await asyncio.to_thread(Served(dsn, served.port, PACTUM_FEED_HEARTBEAT="0.5").start)
        await writers
        total = await seeded.pool.fetchval("SELECT count(*) FROM events")
        for _ in range(200):
            if len(polled.seqs) >= total and len(streamed.seqs) >= total:
                break
            await asyncio.sleep(0.1)
    finally:
        stop.set()
        for task in consumers:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await asyncio.to_thread(served.stop)

    stored = [(str(r["stream_id"]), r["version"]) for r in await seeded.pool.fetch(
        "SELECT e.stream_id, e.version FROM event_seq s JOIN events e USING (position) ORDER BY s.seq")]
    assert len(stored) == total >= 66 + 51 + WRITERS * COMMANDS
    assert await seeded.pool.fetchval("SELECT max(seq) FROM event_seq") == total
    assert polled.seqs == list(range(1, total + 1)) and polled.events == stored
    assert streamed.seqs == list(range(1, total + 1)) and streamed.events == stored
    assert set(acknowledged) <= set(stored)
    assert polled.reconnects >= 1 and streamed.reconnects >= 1
    jm_may_see = {str(r["stream_id"]) for r in await seeded.pool.fetch(
        "SELECT agreement_id AS stream_id FROM agreement_party WHERE party_id = $1 "
        "UNION SELECT stream_id FROM events WHERE stream_type IN ('party', 'indicator')",
        Party.id_for("JM-HRSS"))}
    assert as_jm.seqs == [seq for seq, (stream_id, _) in enumerate(stored, 1) if stream_id in jm_may_see]
    assert not {s for s, _ in as_jm.events} & {s for s, _ in acknowledged}
