"""The party registry."""

from __future__ import annotations

from uuid import UUID

from domain.party import Party
from domain.values import LocalizedString, TextKind
from tests.domain.scenario import new_events, zh


def test_a_party_id_follows_from_its_registry_code():
    assert Party.id_for("CN-GD-Zhuhai") == Party.id_for("CN-GD-Zhuhai")
    assert Party.id_for("CN-GD-Zhuhai") != Party.id_for("CN-GD-Zhongshan")


def test_a_party_id_is_the_same_in_every_release():
    assert Party.id_for("CN-GD-Zhuhai") == UUID("f7a42ce0-e782-5a10-b9d7-f3de487c18df")


def test_registering_a_party_records_its_names_jurisdiction_and_parent():
    parent = Party.id_for("CN-GD")

    party = Party.register(
        "CN-GD-Zhuhai", zh("珠海市人民政府"), jurisdiction="CN-GD-Zhuhai", parent_id=parent
    )

    assert party.id == Party.id_for("CN-GD-Zhuhai")
    assert new_events(party) == [
        (
            "party.registered",
            {
                "code": "CN-GD-Zhuhai",
                "names": zh("珠海市人民政府"),
                "jurisdiction": "CN-GD-Zhuhai",
                "parent_id": parent,
            },
        )
    ]


def test_renaming_a_party_records_its_new_names():
    party = Party.register("CN-GD-Zhuhai", zh("珠海市政府"))
    party.collect_events()
    names = {**zh("珠海市人民政府"), "en": LocalizedString("Zhuhai Municipal Government", TextKind.OFFICIAL)}

    party.rename(names)

    assert new_events(party) == [("party.renamed", {"names": names})]
    assert party.names == names
