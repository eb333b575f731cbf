"""What an operator sees: request ids, an access line per request, metrics, readiness that tells the truth."""

from __future__ import annotations

import asyncio
import dataclasses

import asyncpg
import pytest
from httpx import ASGITransport, AsyncClient
from structlog.testing import capture_logs

from domain.party import Party
from service.http.app import create_app
from service.system import System
from tests.api.helpers import text


@pytest.fixture
async def client(system: System):
    app = create_app(system)
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://pactum.test") as c:
        yield c


async def test_a_request_id_is_echoed_or_made(client: AsyncClient):
    given = await client.get("/health", headers={"X-Request-ID": "partner-abc-123"})
    made = await client.get("/health")
    refused = await client.get("/health", headers={"X-Request-ID": "has spaces and\ttabs"})

    assert given.headers["x-request-id"] == "partner-abc-123"
    assert len(made.headers["x-request-id"]) == 32
    assert refused.headers["x-request-id"] != "has spaces and\ttabs"


async def test_every_request_leaves_one_access_line_with_its_route_actor_and_problem(
        client: AsyncClient, system: System):
    token = (await system.keys.issue("ops test", party_id=Party.id_for("ZH-HRSS"))).token
    unknown = "9b0b2c3e-0000-4000-8000-000000000000"

    with capture_logs() as lines:
        await client.get(f"/agreements/{unknown}", headers={"Authorization": f"Bearer {token}",
                                                            "X-Request-ID": "req-1"})
        await client.get("/no/such/route", headers={"X-Request-ID": "req-2"})

    access = [line for line in lines if line["event"] == "request"]
    assert [(a["method"], a["route"], a["status"], a["request_id"], a.get("problem")) for a in access] == [
        ("GET", "/agreements/{agreement_id}", 404, "req-1", "urn:pactum:problem:not-found"),
        ("GET", "/no/such/route", 404, "req-2", "urn:pactum:problem:not-found"),
    ]
    assert access[0]["party"] == str(Party.id_for("ZH-HRSS"))
    assert access[0]["key_id"] is not None and access[1]["party"] is None
    assert all(a["duration_ms"] >= 0 for a in access)
    assert token not in repr(lines)


async def test_metrics_count_requests_by_route_and_status_and_show_projection_lag(client: AsyncClient):
    await client.get("/health")
    await client.get("/health")

    scraped = await client.get("/metrics")

    assert scraped.status_code == 200
    assert scraped.headers["content-type"].startswith("text/plain")
    body = scraped.text
    assert 'pactum_requests_total{app_name="pactum",method="GET",path="/health",status_code="200"}' in body
    assert "pactum_request_duration_seconds_bucket" in body
    assert 'pactum_projection_lag_events{projection="agreement_summary"}' in body
    assert 'pactum_db_pool_connections{state="open"}' in body


async def test_ready_when_caught_up(client: AsyncClient, system: System):
    await system.runner.catch_up()

    answer = await client.get("/ready")

    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ready"
    assert body["pendingMigrations"] == []
    assert {p["name"]: p["behind"] for p in body["projections"]} == {
        "agreement_detail": 0, "agreement_summary": 0, "commitment_progress": 0, "party_directory": 0,
        "indicator_series": 0, "themes": 0, "data_quality": 0, "initiative_directory": 0}


async def test_not_ready_names_the_stalled_projections_and_the_transaction_holding_them(
        system: System, dsn: str):
    system = System(system.pool, dataclasses.replace(system.settings, ready_max_lag_s=0.3))
    await system.runner.catch_up()
    stuck = await asyncpg.connect(dsn, server_settings={"application_name": "stuck-report-job"})
    try:
        await stuck.execute("BEGIN")
        await stuck.fetchval("SELECT pg_current_xact_id()")  # holds the log's safe horizon back
        admin = {"Authorization": f"Bearer {(await system.keys.issue('ops', is_admin=True)).token}"}
        async with AsyncClient(transport=ASGITransport(app=create_app(system)),
                               base_url="http://pactum.test") as client:
            registered = await client.post("/parties", headers=admin, json={
                "code": "OPS-TEST", "names": text("运营测试")})
            await system.runner.catch_up()  # cannot pass the open transaction
            await asyncio.sleep(0.6)
            answer = await client.get("/ready")
    finally:
        await stuck.close()

    assert registered.status_code == 201
    assert answer.status_code == 503
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["type"] == "urn:pactum:problem:not-ready"
    assert "/projections/party_directory" in [e["pointer"] for e in problem["errors"]]
    assert "1 events behind" in problem["detail"]
    assert "stuck-report-job" in problem["detail"]

