"""Views made public (PACTUM_PUBLIC_VIEWS) are open to every key; the others stay with the parties."""

from __future__ import annotations

from dataclasses import replace

import pytest

from service.config import public_views
from service.seed import ZZJ, agreement_id_for

PACT = agreement_id_for(ZZJ)


def make_public(api, *views: str) -> None:
    api.system.settings = replace(api.system.settings, public_views=frozenset(views))


async def test_a_public_progress_view_is_open_to_a_party_outside_the_pact(api):
    make_public(api, "progress", "at-risk")

    progress = await api.client.get(f"/agreements/{PACT}/progress", headers=api.auth("GD-HRSS"))
    detail = await api.client.get(f"/agreements/{PACT}", headers=api.auth("GD-HRSS"))

    assert progress.status_code == 200 and progress.json()["code"] == ZZJ
    assert detail.status_code == 404


async def test_public_agreements_are_listed_for_every_key(api):
    make_public(api, "agreements")

    listed = await api.client.get("/agreements", headers=api.auth("GD-HRSS"))

    assert [a["code"] for a in listed.json()["items"]] == [
        ZZJ, "GDMO-2021-SS", "GDMO-2021-OTMC", "GDMO-2021-VSTE", "GDMO-2021-PROGRAMME", "GDHK-XBS-2023"]


async def test_nothing_is_public_by_default_and_a_key_is_still_needed(api):
    hidden = await api.client.get(f"/agreements/{PACT}/progress", headers=api.auth("GD-HRSS"))
    make_public(api, "progress")
    anonymous = await api.client.get(f"/agreements/{PACT}/progress")

    assert hidden.status_code == 404
    assert anonymous.status_code == 401


def test_only_known_views_can_be_made_public():
    assert public_views(" agreements , progress") == {"agreements", "progress"}
    with pytest.raises(ValueError, match="obligations"):
        public_views("obligations")
