"""The leaf bytes: one event's canonical encoding, byte for byte as docs/TRANSPARENCY.md describes it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from uuid import UUID

from service.store.leaf import LeafRow, leaf_bytes
from service.store.merkle import leaf_hash

STREAM = UUID("0b5c4a2e-8f5e-4d1a-9c47-2d0c0d6a1f00")


def row(version: int, prev: bytes | None, **changes) -> LeafRow:
    values = dict(
        seq=7, stream_id=STREAM, stream_type="agreement", version=version, event_type="agreement.drafted",
        schema_version=2, payload='{"code":"ZZJ","title":{"zh-Hans":"人才"}}', metadata='{"actorUser":"li"}',
        occurred_at=datetime(2025, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=8))),
        recorded_at=datetime(2025, 3, 1, 1, 30, 0, 250, tzinfo=UTC), hash=bytes.fromhex("ab" * 32),
        prev_hash=prev)
    values.update(changes)
    return LeafRow(**values)


def test_the_leaf_of_a_first_event_spells_every_field_in_order():
    expected = (
        '{"format":"pactum.leaf/v1","seq":7,"streamId":"0b5c4a2e-8f5e-4d1a-9c47-2d0c0d6a1f00",'
        '"streamType":"agreement","version":1,"type":"agreement.drafted","schemaVersion":2,'
        '"occurredAt":"2025-03-01T01:30:00.000000Z","recordedAt":"2025-03-01T01:30:00.000250Z",'
        '"prevHash":"' + "00" * 32 + '","hash":"' + "ab" * 32 + '",'
        '"metadata":{"actorUser":"li"},"payload":{"code":"ZZJ","title":{"zh-Hans":"人才"}}}'
    ).encode()
    assert leaf_bytes(row(1, None)) == expected


def test_a_later_event_carries_the_chain_hash_before_it_and_the_payload_exactly_as_stored():
    spaced = '{ "code" : "ZZJ" }'
    data = leaf_bytes(row(3, bytes.fromhex("cd" * 32), payload=spaced))
    assert b'"prevHash":"' + b"cd" * 32 + b'"' in data
    assert data.endswith(b'"payload":{ "code" : "ZZJ" }}')


def test_any_stored_difference_changes_the_leaf_hash():
    base = leaf_hash(leaf_bytes(row(2, bytes(32))))
    assert leaf_hash(leaf_bytes(row(3, bytes(32)))) != base
    for change in (dict(seq=8), dict(payload='{"code":"ZZK","title":{}}'),
                   dict(metadata="{}"), dict(recorded_at=datetime(2025, 3, 1, 1, 30, tzinfo=UTC)),
                   dict(hash=bytes(32)), dict(stream_type="party")):
        assert leaf_hash(leaf_bytes(row(2, bytes(32), **change))) != base, change
    assert leaf_hash(leaf_bytes(row(2, bytes.fromhex("01" * 32)))) != base
