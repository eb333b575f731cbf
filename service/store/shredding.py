"""Personal text sealed per person (AES-256-GCM, the person id as associated data) and opened again.

A stored personal field is `{"person_id": <uuid>, "nonce": <base64>, "sealed": <base64>}`: the hash chain
and the transparency log cover these bytes, so deleting the person's key erases the text and changes no
stored byte. Opening without the key gives the erased marker (text None), never an error.
"""

from __future__ import annotations

import base64
import dataclasses
import logging
import os
import typing
from collections.abc import Mapping
from types import MappingProxyType
from uuid import UUID

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from domain.person import PersonalText
from domain.registry import EVENTS

log = logging.getLogger(__name__)
PersonKeys = Mapping[UUID, bytes | None]  # a person's key; None once the person is erased
NO_KEYS: PersonKeys = MappingProxyType({})


class SealedText(msgspec.Struct, kw_only=True):
    """A personal text as stored: whose it is, and the text sealed with that person's key."""

    person_id: UUID
    nonce: str
    sealed: str


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def seal(text: PersonalText, key: bytes) -> SealedText:
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, (text.text or "").encode(), text.person_id.bytes)
    return SealedText(person_id=text.person_id, nonce=base64.b64encode(nonce).decode(),
                      sealed=base64.b64encode(sealed).decode())


def open_sealed(stored: SealedText, keys: PersonKeys) -> PersonalText:
    """The text, or the erased marker when the person's key is gone."""
    key = keys.get(stored.person_id)
    if key is None:
        return PersonalText(stored.person_id, None)
    try:
        plain = AESGCM(key).decrypt(base64.b64decode(stored.nonce), base64.b64decode(stored.sealed),
                                    stored.person_id.bytes)
    except (InvalidTag, ValueError):  # a stored byte changed: `pactum verify` names the event
        log.warning("a personal text of person %s does not open with the person's key", stored.person_id)
        return PersonalText(stored.person_id, None)
    return PersonalText(stored.person_id, plain.decode())


def is_personal(hint: typing.Any) -> bool:
    return hint is PersonalText or PersonalText in typing.get_args(hint)


def personal_fields(cls: type) -> list[str]:
    """The fields of an event class that hold personal text (each at the top of the payload)."""
    hints = typing.get_type_hints(cls)
    return [f.name for f in dataclasses.fields(cls) if is_personal(hints[f.name])]


def parse_keys(text: str | None) -> PersonKeys:
    """The keys column (KEYS_OF_EVENT) of a stored row."""
    if not text:
        return NO_KEYS
    return {UUID(person): None if key is None else base64.b64decode(key)
            for person, key in msgspec.json.decode(text).items()}


def _keys_of_event() -> str:
    """SQL: the keys of the persons a row of `events` names, as JSON {person id: base64 key or null}."""
    personal = {topic: personal_fields(cls) for topic, cls in EVENTS.items()}
    topics = sorted(t for t, names in personal.items() if names)
    names = sorted({n for t in topics for n in personal[t]})
    if not topics:
        return "NULL::text"
    ids = ", ".join(f"(events.payload->'{n}'->>'person_id')::uuid" for n in names)
    listed = ", ".join(f"'{t}'" for t in topics)
    return (f"CASE WHEN events.event_type IN ({listed}) THEN (SELECT json_object_agg(p.id, "
            f"encode(p.key, 'base64'))::text FROM persons p WHERE p.id IN ({ids})) END")


KEYS_OF_EVENT = _keys_of_event()
