"""What schemathesis found in the app, pinned down so it stays fixed."""

from __future__ import annotations

import httpx
import pytest


@pytest.fixture
async def client(live):
    async with httpx.AsyncClient(
        base_url=live.url, headers={"Authorization": f"Bearer {live.keys['ZH-HRSS']}"}
    ) as c:
        yield c


@pytest.mark.parametrize("path", ["/agreements", "/parties", "/keys"])
async def test_options_lists_every_method_of_the_path(client, path):
    """litestar's automatic OPTIONS answer listed only the methods registered first on a path (ST205)."""
    response = await client.options(path)

    assert response.status_code == 204
    assert response.headers["allow"] == "GET, OPTIONS, POST"


@pytest.mark.parametrize("value", ["null", "", "-1", "x"])
async def test_a_min_position_that_is_not_a_number_is_refused(client, value):
    """?minPosition=null was read as no minPosition (ST201): lax decoding of an optional integer."""
    response = await client.get("/agreements", params={"minPosition": value})

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


async def test_min_position_zero_does_not_wait(client):
    response = await client.get("/agreements", params={"minPosition": 0})

    assert response.status_code == 200
