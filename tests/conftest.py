"""A real PostgreSQL for every integration test: the embedded server, or DATABASE_URL.

Migrations are applied once to a template database; each test gets a fresh copy of it.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from service.config import Settings
from service.seed import Seeder
from service.store.db import EmbeddedServer, create_pool, with_database
from service.store.migrate import migrate
from service.system import System

TEMPLATE = "pactum_test_template"
_numbers = itertools.count()


def test_settings(**overrides) -> Settings:
    values = dict(
        database_url=None,
        data_dir=Path(tempfile.gettempdir()),
        host="127.0.0.1",
        port=0,
        transaction_timeout_s=10,
        idle_in_transaction_timeout_s=3,
        read_wait_s=5,
        pool_size=10,
        rate_limit_per_minute=1_000_000,
    )
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="session")
def server_dsn() -> str:
    """DSN of a maintenance database on the test server."""
    if url := os.environ.get("DATABASE_URL"):
        yield url
        return
    with tempfile.TemporaryDirectory(prefix="pactum-test-") as tmp:
        server = EmbeddedServer(Path(tmp))
        yield server.start()
        server.stop()


@pytest.fixture(scope="session")
async def template(server_dsn: str) -> str:
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{TEMPLATE}"')
        conn = await asyncpg.connect(with_database(server_dsn, TEMPLATE))
        try:
            await migrate(conn)
        finally:
            await conn.close()
    finally:
        await admin.close()
    return TEMPLATE


@pytest.fixture
async def dsn(server_dsn: str, template: str) -> AsyncIterator[str]:
    """A fresh, migrated database for one test."""
    name = f"pactum_test_{os.getpid()}_{next(_numbers)}"
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        yield with_database(server_dsn, name)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture
def settings() -> Settings:
    return test_settings()


@pytest.fixture
async def pool(dsn: str, settings: Settings) -> AsyncIterator[asyncpg.Pool]:
    pool = await create_pool(dsn, settings, size=12)
    yield pool
    await pool.close()


@pytest.fixture
async def system(pool: asyncpg.Pool, settings: Settings) -> System:
    return System(pool, settings)


@pytest.fixture
async def seeded(system: System) -> System:
    """The seed data set loaded and projected."""
    await Seeder(system).run()
    await system.runner.catch_up()
    return system
