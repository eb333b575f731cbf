"""Sealing personal text: it opens with the person's key only, for that person only; without it, erased."""

from __future__ import annotations

import base64
from uuid import UUID

import msgspec

from domain.person import PersonalText
from service.store.shredding import SealedText, new_key, open_sealed, parse_keys, seal

ANN = UUID("5b0e7f1c-2a44-4c1e-9d6e-0c8f5a1b2c3d")
BOB = UUID("9c2d4e6f-1a3b-4c5d-8e7f-0a1b2c3d4e5f")


def test_sealed_text_opens_with_the_key_and_is_erased_without_it():
    key = new_key()
    sealed = seal(PersonalText(ANN, "陳大文"), key)
    assert "陳大文".encode() not in msgspec.json.encode(sealed)
    assert len(base64.b64decode(sealed.nonce)) == 12
    assert len(base64.b64decode(sealed.sealed)) == len("陳大文".encode()) + 16  # the GCM tag
    assert open_sealed(sealed, {ANN: key}) == PersonalText(ANN, "陳大文")
    assert open_sealed(sealed, {ANN: None}) == PersonalText(ANN, None)
    assert open_sealed(sealed, {}) == PersonalText(ANN, None)


def test_a_sealed_text_does_not_open_for_another_person_or_after_a_changed_byte():
    key = new_key()
    sealed = seal(PersonalText(ANN, "陳大文"), key)
    moved = SealedText(person_id=BOB, nonce=sealed.nonce, sealed=sealed.sealed)
    assert open_sealed(moved, {BOB: key}) == PersonalText(BOB, None)  # the person id is associated data
    flipped = bytearray(base64.b64decode(sealed.sealed))
    flipped[0] ^= 1
    changed = SealedText(person_id=ANN, nonce=sealed.nonce, sealed=base64.b64encode(flipped).decode())
    assert open_sealed(changed, {ANN: key}) == PersonalText(ANN, None)


def test_the_keys_column_reads_as_keys_and_erased_persons():
    key = bytes(range(32))
    text = msgspec.json.encode({str(ANN): base64.b64encode(key).decode(), str(BOB): None}).decode()
    assert parse_keys(text) == {ANN: key, BOB: None}
    assert parse_keys(None) == {}
