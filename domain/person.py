"""People named in the record: personal text sealed per person, and the erasure of a person."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.errors import ReasonRequired, TextRequired

PERSON_NAMESPACE = UUID("3d1f6c2e-7b4a-4e0f-9a58-61c0b7d2e4f9")


@dataclass(frozen=True, slots=True)
class PersonalText:
    """Text about one person (their name): stored sealed with that person's key, so erasing the key erases
    it everywhere. `text` is None once the person is erased."""

    person_id: UUID
    text: str | None

    @property
    def erased(self) -> bool:
        return self.text is None


def named(person: PersonalText | None) -> PersonalText | None:
    """The person, if any, with a name that is not blank."""
    if person is not None and not (person.text or "").strip():
        raise TextRequired("no name of the person given")
    return person


class Person(Aggregate):
    """A person named in the record; its stream holds only the fact of their erasure (never their name)."""

    person_id: UUID
    reason: str

    class Erased(Aggregate.Created):
        TOPIC = "person.erased"
        person_id: UUID
        reason: str

        def apply(self, person: Person) -> None:
            person.person_id, person.reason = self.person_id, self.reason

    @staticmethod
    def stream_for(person_id: UUID) -> UUID:
        """The person's own stream: derived from the id, so no id a command chose can collide with another
        stream (a person id is the client's to choose)."""
        return uuid5(PERSON_NAMESPACE, str(person_id))

    @classmethod
    def erase(cls, person_id: UUID, reason: str) -> Person:
        if not reason.strip():
            raise ReasonRequired("erasing a person needs a reason")
        return cls._create(cls.Erased, id=cls.stream_for(person_id), person_id=person_id, reason=reason)
