"""The HTTP API in-process over a real database, with the projection runner caught up on demand."""

from __future__ import annotations

import itertools
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass

import asyncpg
import pytest
from httpx import ASGITransport, AsyncClient
from litestar import Litestar

from service.http.app import create_app
from service.store.db import create_pool, with_database
from service.system import System
from tests.api.world import World
from tests.conftest import test_settings

_worlds = itertools.count()


@dataclass
class Api:
    client: AsyncClient
    app: Litestar
    system: System
    keys: dict[str, str]

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}

    async def caught_up(self) -> None:
        await self.system.runner.catch_up()


async def _api(system: System) -> AsyncIterator[Api]:
    from domain.party import Party

    keys = {"admin": (await system.keys.issue("test", is_admin=True)).token}
    for code in ("ZH-HRSS", "ZS-HRSS", "JM-HRSS", "GD-HRSS"):
        keys[code] = (await system.keys.issue("test", party_id=Party.id_for(code))).token
    app = create_app(system)
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://pactum.test") as client:
        yield Api(client, app, system, keys)


@pytest.fixture
async def api(seeded: System) -> AsyncIterator[Api]:
    async for a in _api(seeded):
        yield a


@pytest.fixture(scope="module")
async def world(server_dsn: str, template: str) -> AsyncIterator[World]:
    """Parties in every role with their keys, on a database of the test module's own (no seed data)."""
    name = f"pactum_test_{os.getpid()}_world_{next(_worlds)}"
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        settings = test_settings()
        pool = await create_pool(with_database(server_dsn, name), settings, size=12)
        try:
            async with AsyncClient(transport=ASGITransport(app=create_app(system := System(pool, settings))),
                                   base_url="http://pactum.test") as client:
                yield await World(client, system).register()
        finally:
            await pool.close()
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()
