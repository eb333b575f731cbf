"""A person named in the record, and the fact of their erasure (which carries a reason, never a name)."""

from __future__ import annotations

from uuid import UUID

import pytest

from domain.errors import ReasonRequired, TextRequired
from domain.person import Person, PersonalText, named

PERSON = UUID("5b0e7f1c-2a44-4c1e-9d6e-0c8f5a1b2c3d")


def test_erasing_a_person_is_the_one_event_of_their_stream_with_the_reason():
    person = Person.erase(PERSON, "the data subject asked")

    [event] = person.collect_events()  # on a stream of its own, pinned: uuid5 of the person id
    assert (event.TOPIC, event.originator_id, event.originator_version, event.person_id, event.reason) == (
        "person.erased", UUID("8fae46dd-bf8c-50ff-a502-92fa2f3a8712"), 1, PERSON, "the data subject asked")


def test_an_erasure_needs_a_reason():
    with pytest.raises(ReasonRequired):
        Person.erase(PERSON, "  ")


def test_a_named_person_has_a_name_and_an_erased_one_has_none():
    assert named(PersonalText(PERSON, "陳大文")) == PersonalText(PERSON, "陳大文")
    assert named(None) is None
    assert PersonalText(PERSON, None).erased and not PersonalText(PERSON, "陳大文").erased
    with pytest.raises(TextRequired):
        named(PersonalText(PERSON, " "))
