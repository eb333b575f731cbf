"""The leaf bytes of the transparency log: one event's canonical encoding (docs/TRANSPARENCY.md).

The database spells the fixed-format fields (uuid, timestamps, hex hashes) and hands over payload and
metadata as stored; the encoding below only puts them in their places, so it is the same bytes for the
integrator, the verifiers and the exports.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

FORMAT = "pactum.leaf/v1"
_TIME = """to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""
# The leaf's fields in order; the prev hash is NULL when the event before it in its stream is missing.
LEAF_COLUMNS = f"""
    s.seq, e.stream_id::text, e.stream_type, e.version, e.event_type, e.schema_version,
    {_TIME.format("e.occurred_at")}, {_TIME.format("e.recorded_at")},
    CASE WHEN e.version = 1 THEN repeat('0', 64) ELSE encode(p.hash, 'hex') END, encode(e.hash, 'hex'),
    e.metadata::text, e.payload::text"""
LEAF_FIELDS = 12

# The leaf of each event of seq in ($1, $2], in seq order.
LEAVES_AFTER = f"""
SELECT {LEAF_COLUMNS}
FROM event_seq s
JOIN events e ON e.position = s.position
LEFT JOIN events p ON p.stream_id = e.stream_id AND p.version = e.version - 1
WHERE s.seq > $1 AND s.seq <= $2
ORDER BY s.seq
"""

_TEMPLATE = ('{"format":"' + FORMAT + '","seq":%d,"streamId":"%s","streamType":%s,"version":%d,"type":%s,'
             '"schemaVersion":%d,"occurredAt":"%s","recordedAt":"%s","prevHash":"%s","hash":"%s",'
             '"metadata":%s,"payload":%s}')
_string = msgspec.json.Encoder().encode
_names: dict[str, str] = {}  # stream types and event types are few: each spelled once


def _name(value: str) -> str:
    if (spelled := _names.get(value)) is None:
        spelled = _string(value).decode()
        if len(_names) < 10_000:
            _names[value] = spelled
    return spelled


def leaf_bytes(f: Sequence) -> bytes:
    """The leaf of one event from its LEAF_COLUMNS, in order."""
    return (_TEMPLATE % (f[0], f[1], _name(f[2]), f[3], _name(f[4]), f[5], f[6], f[7], f[8] or "", f[9],
                         f[10], f[11])).encode()
