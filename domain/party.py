"""The Party aggregate: the registry of governments and their departments."""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.values import LocalizedText

PARTY_NAMESPACE = UUID("6c1f0f0e-8a59-4d0c-9a57-2f43f7a0c0de")


class Party(Aggregate):
    """A government or one of its departments that can be party to agreements."""

    class Registered(Aggregate.Created):
        TOPIC = "party.registered"
        code: str
        names: LocalizedText
        jurisdiction: str | None
        parent_id: UUID | None

        def apply(self, party: Party) -> None:
            party.code, party.names = self.code, self.names
            party.jurisdiction, party.parent_id = self.jurisdiction, self.parent_id

    class Renamed(Aggregate.Event):
        TOPIC = "party.renamed"
        names: LocalizedText

        def apply(self, party: Party) -> None:
            party.names = self.names

    @staticmethod
    def id_for(code: str) -> UUID:
        """A party's id follows from its registry code, so a code is registered once."""
        return uuid5(PARTY_NAMESPACE, code)

    @classmethod
    def register(cls, code: str, names: LocalizedText, jurisdiction: str | None = None,
                 parent_id: UUID | None = None) -> Party:
        return cls._create(cls.Registered, id=cls.id_for(code), code=code, names=names,
                           jurisdiction=jurisdiction, parent_id=parent_id)

    def rename(self, names: LocalizedText) -> None:
        self.trigger_event(self.Renamed, names=names)
