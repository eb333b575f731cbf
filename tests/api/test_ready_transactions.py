"""/ready turns 503 for a transaction that holds the log's readers back, before any event waits behind it."""

from __future__ import annotations

import asyncio
import dataclasses

import asyncpg
import pytest
from httpx import ASGITransport, AsyncClient

from service.http.app import create_app
from service.system import System

BOUND_S = 0.3


@pytest.fixture
async def client(system: System):
    bounded = System(system.pool, dataclasses.replace(system.settings, ready_max_lag_s=BOUND_S))
    await bounded.runner.catch_up()
    async with AsyncClient(transport=ASGITransport(app=create_app(bounded)),
                           base_url="http://pactum.test") as c:
        yield c


async def held_open(dsn: str, application: str, statement: str) -> asyncpg.Connection:
    conn = await asyncpg.connect(dsn, server_settings={"application_name": application})
    await conn.execute("BEGIN")
    await conn.fetchval(statement)
    return conn


@pytest.mark.parametrize("statement, state", [
    ("SELECT 1", "idle in transaction"),  # nobody drives it; its first write would hold the horizon
    ("SELECT pg_current_xact_id()", "idle in transaction"),  # holds a transaction id: the horizon now
])
async def test_a_transaction_held_open_makes_ready_503_naming_it_with_no_event_behind_it(
        client: AsyncClient, dsn: str, statement: str, state: str):
    assert (await client.get("/ready")).status_code == 200
    stuck = await held_open(dsn, "quarterly-report-job", statement)
    try:
        await asyncio.sleep(BOUND_S + 0.4)
        answer = await client.get("/ready")
        pid = await stuck.fetchval("SELECT pg_backend_pid()")
    finally:
        await stuck.close()
    after = await client.get("/ready")

    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "5"
    problem = answer.json()
    assert problem["type"] == "urn:pactum:problem:not-ready"
    assert [e["pointer"] for e in problem["errors"]] == [f"/openTransactions/{pid}"]
    detail = problem["errors"][0]["detail"]
    assert detail.startswith(f"'quarterly-report-job' (pid {pid}, {state}) has a transaction open ")
    age = int(detail.split("open ")[1].split(" s")[0])
    assert 0 <= age <= 5
    assert detail.endswith("s: events committed after it began wait until it ends")
    assert after.status_code == 200


async def test_a_long_read_that_holds_no_transaction_id_is_listed_but_keeps_ready(client: AsyncClient,
                                                                                   dsn: str):
    reader = await asyncpg.connect(dsn, server_settings={"application_name": "long-read"})
    try:
        reading = asyncio.create_task(reader.fetchval("SELECT pg_sleep(1.5)"))
        await asyncio.sleep(BOUND_S + 0.5)
        answer = await client.get("/ready")
        await reading
    finally:
        await reader.close()

    assert answer.status_code == 200
    listed = [t for t in answer.json()["openTransactions"] if t["application"] == "long-read"]
    assert [(t["state"], t["stallsLog"]) for t in listed] == [("active", False)]
    assert listed[0]["ageSeconds"] > BOUND_S
