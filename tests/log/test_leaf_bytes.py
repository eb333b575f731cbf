"""The leaf bytes: one event's canonical encoding, byte for byte as docs/TRANSPARENCY.md describes it."""

from __future__ import annotations

import hashlib
from uuid import UUID

from service.store.leaf import LEAF, LEAVES_AFTER, leaf_bytes, renumbered

STREAM = UUID("0b5c4a2e-8f5e-4d1a-9c47-2d0c0d6a1f00")
PAYLOAD = '{"code":"ZZJ","title":{"zh-Hans":"人才"}}'
INSERT = """
INSERT INTO events (stream_id, stream_type, version, event_type, schema_version, payload, metadata,
                    occurred_at, recorded_at, hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::timestamptz, $9::text::timestamptz, $10)
"""
NUMBER = """
INSERT INTO event_seq (seq, position, stream_id, event_id)
SELECT $1, position, stream_id, gen_random_uuid() FROM events WHERE stream_id = $2 AND version = $3
"""


async def spell(pool, **row) -> bytes:
    """The leaf expression over one row given by value, without storing it."""
    return await pool.fetchval(
        f"SELECT {LEAF} FROM (VALUES ($1::bigint)) s(seq), (VALUES ($2::uuid, $3::text, $4::int, $5::text, "
        "$6::int, $7::text::timestamptz, $8::text::timestamptz, $9::bytea, $10::text::json, $11::text::json"
        ")) e(stream_id, stream_type, version, event_type, schema_version, occurred_at, recorded_at, hash, "
        "metadata, payload), "
        "(VALUES ($12::bytea)) p(hash)", *row.values())


async def store(pool, seq: int = 7, version: int = 1, stream: UUID = STREAM, **changes) -> bytes:
    """Store one event (numbered `seq`) and read back its leaf as every reader gets it."""
    values = dict(stream_type="agreement", type="agreement.drafted", schema=2, payload=PAYLOAD,
                  metadata='{"actorUser":"li"}', occurred="2025-03-01 09:30:00+08",
                  recorded="2025-03-01 01:30:00.00025+00", hash=b"\xab" * 32) | changes
    await pool.execute(INSERT, stream, values["stream_type"], version, values["type"], values["schema"],
                       values["payload"], values["metadata"], values["occurred"], values["recorded"],
                       values["hash"])
    await pool.execute(NUMBER, seq, stream, version)
    (row,) = await pool.fetch(LEAVES_AFTER, seq - 1, seq)
    return leaf_bytes(row)


async def test_the_leaf_spells_every_field_in_order(pool):
    expected = (
        '{"format":"pactum.leaf/v1","seq":7,"streamId":"0b5c4a2e-8f5e-4d1a-9c47-2d0c0d6a1f00",'
        '"streamType":"agreement","version":1,"type":"agreement.drafted","schemaVersion":2,'
        '"occurredAt":"2025-03-01T01:30:00.000000Z","recordedAt":"2025-03-01T01:30:00.000250Z",'
        '"prevHash":"' + "00" * 32 + '","hash":"' + "ab" * 32 + '",'
        '"metadata":{"actorUser":"li"},"payload":{"code":"ZZJ","title":{"zh-Hans":"人才"}}}'
    ).encode()
    assert await store(pool) == expected


async def test_payload_is_embedded_exactly_as_stored_and_names_are_json_strings(pool):
    data = await store(pool, payload='{ "code" : "ZZJ" }', type='odd"ty\\pe\n\x01\x7f')
    assert data.endswith(b'"payload":{ "code" : "ZZJ" }}')
    assert b'"type":"odd\\"ty\\\\pe\\n\\u0001\x7f",' in data


async def test_the_prev_hash_is_the_hash_before_it_and_empty_when_that_event_is_missing(pool):
    await store(pool, seq=1, hash=b"\x11" * 32)
    assert b'"prevHash":"' + b"11" * 32 + b'",' in await store(pool, seq=2, version=2)
    other = UUID("0b5c4a2e-8f5e-4d1a-9c47-2d0c0d6a1f01")
    assert b'"prevHash":"",' in await store(pool, seq=3, version=3, stream=other)


async def test_any_stored_difference_changes_the_leaf_hash(pool):
    values = dict(seq=7, stream_id=STREAM, stream_type="agreement", version=2,
                  event_type="agreement.drafted", schema_version=2, occurred_at="2025-03-01 01:30:00+00",
                  recorded_at="2025-03-01 01:30:01+00",
                  hash=b"\x02" * 32, metadata="{}", payload=PAYLOAD, prev=b"\x01" * 32)
    changes = [dict(seq=8), dict(version=3), dict(payload='{"code":"ZZK"}'), dict(metadata='{"a":1}'),
               dict(recorded_at="2025-03-01 01:30:01.000001+00"), dict(hash=b"\x00" * 32),
               dict(prev=b"\x03" * 32), dict(prev=None), dict(stream_type="party"), dict(schema_version=1),
               dict(stream_id=UUID(int=STREAM.int + 1)), dict(occurred_at="2025-03-01 01:29:59+00"),
               dict(event_type="agreement.signed")]
    leaves = [await spell(pool, **(values | change)) for change in [{}, *changes]]
    assert len({hashlib.sha256(b"\x00" + leaf).digest() for leaf in leaves}) == len(changes) + 1


def test_renumbering_changes_only_the_seq():
    leaf = b'{"format":"pactum.leaf/v1","seq":7,"streamId":"x","payload":{"seq":7,}}'
    assert renumbered(leaf, 12) == b'{"format":"pactum.leaf/v1","seq":12,"streamId":"x","payload":{"seq":7,}}'
