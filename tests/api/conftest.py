"""The HTTP API in-process over a real database, with the projection runner caught up on demand."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from httpx import ASGITransport, AsyncClient
from litestar import Litestar

from service.http.app import create_app
from service.store.db import create_pool
from service.system import System
from tests.api.world import World
from tests.conftest import copy_of, test_settings


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


class SharedApp:
    """One litestar app for every `api` test: building one costs more CPU than most tests take.

    The app reaches the system only through `app.state`, which create_app fills with the System and parts of
    it. Each test binds those to its own System, which also puts back whatever an earlier test replaced.
    """

    def __init__(self) -> None:
        self.app: Litestar | None = None
        self.parts: dict[str, str | None] = {}  # state key -> attribute of the System (None: the System)

    def over(self, system: System) -> Litestar:
        if self.app is None:
            self.app = create_app(system)
            names = {id(value): name for name, value in vars(system).items()}
            for key, value in self.app.state.items():
                assert value is system or id(value) in names, f"app.state.{key} is no part of the System"
                self.parts[key] = None if value is system else names[id(value)]
        self.app.state.update({k: system if n is None else getattr(system, n) for k, n in self.parts.items()})
        return self.app


@pytest.fixture(scope="session")
def shared_app() -> SharedApp:
    return SharedApp()


async def _api(system: System, app: Litestar) -> AsyncIterator[Api]:
    from domain.party import Party

    keys = {"admin": (await system.keys.issue("test", is_admin=True)).token}
    for code in ("ZH-HRSS", "ZS-HRSS", "JM-HRSS", "GD-HRSS", "HK-HA"):
        keys[code] = (await system.keys.issue("test", party_id=Party.id_for(code))).token
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://pactum.test") as client:
        yield Api(client, app, system, keys)


@pytest.fixture
async def api(seeded: System, shared_app: SharedApp) -> AsyncIterator[Api]:
    """The app over a copy of the seeded database, an admin key and a key per seeded party."""
    async for a in _api(seeded, shared_app.over(seeded)):
        yield a


@pytest.fixture(scope="module")
async def world(server_dsn: str, template: str) -> AsyncIterator[World]:
    """Parties in every role with their keys, on a database of the test module's own (no seed data)."""
    async with copy_of(server_dsn, template, "world_") as dsn:
        settings = test_settings()
        pool = await create_pool(dsn, settings, size=12)
        try:
            async with AsyncClient(transport=ASGITransport(app=create_app(system := System(pool, settings))),
                                   base_url="http://pactum.test") as client:
                yield await World(client, system).register()
        finally:
            await pool.close()
