"""The leaf bytes of the transparency log: one event's canonical encoding (docs/TRANSPARENCY.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

import msgspec

from service.store.mapper import GENESIS_HASH

FORMAT = "pactum.leaf/v1"

# The leaf of each event of seq > $1, in seq order, with the chain hash of the event before it in its stream.
LEAVES_AFTER = """
SELECT s.seq, e.stream_id, e.stream_type, e.version, e.event_type, e.schema_version, e.payload, e.metadata,
       e.occurred_at, e.recorded_at, e.hash, p.hash AS prev_hash
FROM event_seq s
JOIN events e ON e.position = s.position
LEFT JOIN events p ON p.stream_id = e.stream_id AND p.version = e.version - 1
WHERE s.seq > $1 AND s.seq <= $2
ORDER BY s.seq
"""


class _Leaf(msgspec.Struct, rename="camel"):
    """Field order is the byte order of the encoding: never reorder, only add in a new FORMAT."""

    format: str
    seq: int
    stream_id: str
    stream_type: str
    version: int
    type: str
    schema_version: int
    occurred_at: str
    recorded_at: str
    prev_hash: str
    hash: str
    metadata: msgspec.Raw
    payload: msgspec.Raw


_encode = msgspec.json.Encoder().encode


def timestamp(moment: datetime) -> str:
    """UTC, always with six fraction digits and `Z`: one spelling per instant."""
    t = moment.astimezone(UTC)
    return (f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:{t.second:02d}"
            f".{t.microsecond:06d}Z")


@dataclass(frozen=True, slots=True)
class LeafRow:
    """What a leaf is made of, as stored."""

    seq: int
    stream_id: UUID
    stream_type: str
    version: int
    event_type: str
    schema_version: int
    payload: str
    metadata: str
    occurred_at: datetime
    recorded_at: datetime
    hash: bytes
    prev_hash: bytes | None  # None: the event before it in its stream is missing

    @classmethod
    def of(cls, row) -> LeafRow:
        return cls(*row)


def prev_of(version: int, prev_hash: bytes | None) -> bytes:
    return GENESIS_HASH if version == 1 else (prev_hash or b"")


def leaf_bytes(row: LeafRow) -> bytes:
    return _encode(_Leaf(
        FORMAT, row.seq, str(row.stream_id), row.stream_type, row.version, row.event_type,
        row.schema_version, timestamp(row.occurred_at), timestamp(row.recorded_at),
        prev_of(row.version, row.prev_hash).hex(), row.hash.hex(),
        msgspec.Raw(row.metadata.encode()), msgspec.Raw(row.payload.encode())))
