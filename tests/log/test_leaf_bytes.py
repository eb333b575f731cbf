"""The leaf bytes: one event's canonical encoding, byte for byte as docs/TRANSPARENCY.md describes it."""

from __future__ import annotations

from service.store.leaf import leaf_bytes
from service.store.merkle import leaf_hash

STREAM = "0b5c4a2e-8f5e-4d1a-9c47-2d0c0d6a1f00"
PAYLOAD = '{"code":"ZZJ","title":{"zh-Hans":"人才"}}'


def fields(**changes) -> tuple:
    """The leaf columns as the database spells them, in order."""
    values = dict(seq=7, stream=STREAM, stream_type="agreement", version=1, type="agreement.drafted",
                  schema=2, occurred="2025-03-01T01:30:00.000000Z", recorded="2025-03-01T01:30:00.000250Z",
                  prev="00" * 32, hash="ab" * 32, metadata='{"actorUser":"li"}', payload=PAYLOAD)
    return tuple((values | changes).values())


def test_the_leaf_spells_every_field_in_order():
    expected = (
        '{"format":"pactum.leaf/v1","seq":7,"streamId":"0b5c4a2e-8f5e-4d1a-9c47-2d0c0d6a1f00",'
        '"streamType":"agreement","version":1,"type":"agreement.drafted","schemaVersion":2,'
        '"occurredAt":"2025-03-01T01:30:00.000000Z","recordedAt":"2025-03-01T01:30:00.000250Z",'
        '"prevHash":"' + "00" * 32 + '","hash":"' + "ab" * 32 + '",'
        '"metadata":{"actorUser":"li"},"payload":{"code":"ZZJ","title":{"zh-Hans":"人才"}}}'
    ).encode()
    assert leaf_bytes(fields()) == expected


def test_payload_is_embedded_exactly_as_stored_and_names_are_json_strings():
    data = leaf_bytes(fields(payload='{ "code" : "ZZJ" }', type='odd"type'))
    assert data.endswith(b'"payload":{ "code" : "ZZJ" }}')
    assert b'"type":"odd\\"type"' in data


def test_a_missing_predecessor_leaves_the_prev_hash_empty():
    assert b'"prevHash":"",' in leaf_bytes(fields(version=3, prev=None))


def test_any_stored_difference_changes_the_leaf_hash():
    base = leaf_hash(leaf_bytes(fields()))
    changes = [dict(seq=8), dict(version=2), dict(payload='{"code":"ZZK"}'), dict(metadata="{}"),
               dict(recorded="2025-03-01T01:30:00.000251Z"), dict(hash="00" * 32), dict(prev="01" * 32),
               dict(stream_type="party"), dict(schema=1), dict(stream=STREAM.replace("0b", "0c"))]
    for change in changes:
        assert leaf_hash(leaf_bytes(fields(**change))) != base, change
