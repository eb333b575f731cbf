"""/health is liveness only; /health/projections answers 503 naming the projections parked at an event."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from uuid import uuid4

import pytest

from service.store import parking
from service.store.parking import RetryPolicy
from tests.api.conftest import Api, _api
from tests.integration.test_parking import insert_event, register, registered

PARKED = "urn:pactum:problem:projection-parked"


@pytest.fixture
async def bare(system, shared_app) -> AsyncIterator[Api]:
    system.runner.retry = RetryPolicy(attempts=2, first_delay_s=0.01)
    async for api in _api(system, shared_app.over(system)):
        yield api


async def test_every_projection_running_at_the_head_of_the_log_is_healthy(bare):
    head = await register(bare.system, "FIRST")
    await bare.caught_up()

    answer = await bare.client.get("/health/projections")

    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "projections": [
        {"name": name, "state": "running", "position": head, "lag": 0, "parkedAt": None,
         "parkedPosition": None, "eventType": None, "error": None}
        for name in ("agreement_summary", "agreement_detail", "party_directory", "commitment_progress",
                     "indicator_series", "themes", "data_quality", "initiative_directory")]}


async def test_a_parked_projection_makes_projection_health_and_waiting_reads_answer_503_at_once(bare):
    await register(bare.system, "FIRST")
    poison = await insert_event(bare.system.pool, uuid4(), 1, "party.registered", registered("FIRST"))
    head = await register(bare.system, "AFTER")
    await bare.caught_up()

    health = await bare.client.get("/health/projections")
    started = time.monotonic()
    waiting = await bare.client.get(f"/agreements?minPosition={head}", headers=bare.auth("admin"))
    waited = time.monotonic() - started

    assert (health.status_code, health.headers["content-type"]) == (503, "application/problem+json")
    assert health.headers["retry-after"] == "60"
    assert health.json()["type"] == PARKED
    assert health.json()["detail"] == (
        f"party_directory is parked at position {poison} (party.registered, UniqueViolationError)")
    assert (waiting.status_code, waiting.headers["retry-after"]) == (503, "60")
    assert waiting.json()["type"] == PARKED
    assert waiting.json()["detail"] == (
        "projections parked at an event they cannot apply: party_directory")
    assert waited < 1
    assert (await bare.client.get("/health")).json() == {"status": "ok"}
    assert (await bare.client.get("/agreements", headers=bare.auth("admin"))).status_code == 200

    await parking.skip(bare.system.pool, "party_directory", poison, "a second FIRST", "ops")
    await bare.caught_up()
    assert (await bare.client.get("/health/projections")).status_code == 200
    assert (await bare.client.get(f"/agreements?minPosition={head}",
                                  headers=bare.auth("admin"))).status_code == 200
