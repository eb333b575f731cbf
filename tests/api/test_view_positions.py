"""Honest reads: every read of a view says in Pactum-Position how far its read models have got, so a client
holding a command's position tells a stale answer from a fresh one without ?minPosition."""

from __future__ import annotations

from projections import BY_NAME
from tests.api.flow import ZH, Flow


async def view_paths(api) -> list[str]:
    r = await api.client.get("/agreements", headers=api.auth("admin"))
    seeded = r.json()["items"][0]["id"]
    return ["/agreements", f"/agreements/{seeded}", f"/agreements/{seeded}/progress", "/parties",
            f"/parties/{ZH}", f"/parties/{ZH}/obligations", "/at-risk"]


async def positions(api, paths: list[str]) -> dict[str, int]:
    said = {}
    for path in paths:
        r = await api.client.get(path, headers=api.auth("admin"))
        assert r.status_code == 200, f"{path}: {r.text}"
        said[path] = int(r.headers["Pactum-Position"])
    return said


async def test_a_view_read_before_the_read_models_catch_up_says_it_is_behind_the_command(api):
    await api.caught_up()
    paths = await view_paths(api)
    flow = Flow(api, "POS-1")
    r = await flow.post("/agreements", {"code": "POS-1", "title": {"zh-Hans": {"text": "位置协议",
                                                                                "kind": "authentic"}},
                                        "authenticLanguage": "zh-Hans"})
    assert r.status_code == 201, r.text
    command_at = r.json()["position"]

    stale = await positions(api, paths)
    await api.caught_up()
    fresh = await positions(api, paths)

    assert all(position < command_at for position in stale.values()), stale
    assert fresh == dict.fromkeys(paths, command_at)  # the command's event is the last in the log


async def test_a_position_counts_only_what_every_read_model_of_the_view_has_applied(api):
    await api.caught_up()
    paths = await view_paths(api)
    before = await positions(api, paths)
    await Flow(api, "POS-2").draft()

    await api.system.runner.catch_up(only=BY_NAME["party_directory"])
    said = await positions(api, paths)

    last = await api.system.pool.fetchval("SELECT max(position) FROM events")
    assert said["/parties"] == said[f"/parties/{ZH}"] == last
    assert said["/agreements"] == before["/agreements"] < last  # agreement_summary has not moved
    assert said["/at-risk"] == before["/at-risk"]


async def test_a_view_replayed_from_events_says_no_position(api):
    await api.caught_up()
    agreement = (await view_paths(api))[1]

    replayed = await api.client.get(agreement, params={"version": 1}, headers=api.auth("admin"))
    progress = await api.client.get(f"{agreement}/progress", params={"version": 1}, headers=api.auth("admin"))

    assert replayed.status_code == progress.status_code == 200
    assert "pactum-position" not in replayed.headers and "pactum-position" not in progress.headers
