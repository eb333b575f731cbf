"""A real PostgreSQL for every integration test: the embedded server, or DATABASE_URL.

Two template databases are built once per session (per xdist worker): one migrated, one migrated with the
seed loaded and every projection caught up. Each test gets a fresh copy of the one it needs.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import pytest

from service.config import Settings
from service.seed import Seeder
from service.store.db import EmbeddedServer, create_pool, with_database
from service.store.log_key import key_path
from service.store.migrate import migrate
from service.system import System

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")  # workers sharing a DATABASE_URL keep apart
TEMPLATE = f"pactum_test_template_{WORKER}"
SEEDED_TEMPLATE = f"pactum_test_seeded_{WORKER}"
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


# The transparency log's key of these tests, for the pactum processes they start on the same databases: a
# process with another key than the log's checkpoints refuses to start.
LOG_KEY_ENV = {"PACTUM_LOG_KEY_FILE": str(key_path(test_settings()))}


@asynccontextmanager
async def copy_of(server_dsn: str, template: str, label: str = "") -> AsyncIterator[str]:
    """The DSN of a fresh copy of `template`, dropped on exit."""
    name = f"pactum_test_{os.getpid()}_{label}{next(_numbers)}"
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        try:
            yield with_database(server_dsn, name)
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def _recreate(server_dsn: str, name: str, template: str | None = None) -> str:
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    finally:
        await admin.close()
    return with_database(server_dsn, name)


@pytest.fixture(scope="session")
def server_dsn() -> str:
    """DSN of a maintenance database on the test server (an embedded server per process)."""
    if url := os.environ.get("DATABASE_URL"):
        yield url
        return
    with tempfile.TemporaryDirectory(prefix="pactum-test-") as tmp:
        server = EmbeddedServer(Path(tmp))
        yield server.start()
        server.stop()


@pytest.fixture(scope="session")
async def template(server_dsn: str) -> str:
    """A database with every migration applied."""
    conn = await asyncpg.connect(await _recreate(server_dsn, TEMPLATE))
    try:
        await migrate(conn)
    finally:
        await conn.close()
    return TEMPLATE


@pytest.fixture(scope="session")
async def seeded_template(server_dsn: str, template: str) -> str:
    """The migrated template with the seed loaded and the read models caught up: seeded once a session."""
    settings = test_settings()
    pool = await create_pool(await _recreate(server_dsn, SEEDED_TEMPLATE, template), settings, size=4)
    try:
        system = System(pool, settings)
        await Seeder(system).run()
        await system.runner.catch_up()
    finally:
        await pool.close()  # a template takes no copies while anyone is connected to it
    return SEEDED_TEMPLATE


@pytest.fixture
def origin(request: pytest.FixtureRequest) -> str:
    """The template this test's database is copied from: the seeded one when the test asks for `seeded`."""
    return request.getfixturevalue("seeded_template" if "seeded" in request.fixturenames else "template")


@pytest.fixture
async def dsn(server_dsn: str, origin: str) -> AsyncIterator[str]:
    """A fresh database for one test: migrated, and seeded when the test uses `seeded`."""
    async with copy_of(server_dsn, origin) as url:
        yield url


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
    """The seed data set loaded and projected: `system` over a copy of the seeded template.

    The System is new to each test (its aggregate cache empty, no keys issued); only the database is shared.
    """
    return system


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The fuzzing goes first: under xdist one worker takes it while the others share everything else."""
    items.sort(key=lambda item: item.get_closest_marker("fuzz") is None)
