"""The leaf bytes of the transparency log: one event's canonical encoding (docs/TRANSPARENCY.md).

One SQL expression spells them from the stored row, for the integrator, the verifiers, the feed, the
history and the exports alike: nobody re-encodes an event, everybody hands out and hashes these bytes.
"""

from __future__ import annotations

import re

FORMAT = "pactum.leaf/v1"
_TIME = """to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""
# Over s (event_seq), e (its event) and p (the event before it in its stream, LEFT JOINed: its hash is
# empty when it is missing). to_json(text) escapes only '"', '\' and control characters. NULL without a seq.
_SPELLED = f"""('{{"format":"{FORMAT}","seq":' || s.seq || ',"streamId":"' || e.stream_id
    || '","streamType":' || to_json(e.stream_type)::text || ',"version":' || e.version
    || ',"type":' || to_json(e.event_type)::text || ',"schemaVersion":' || e.schema_version
    || ',"occurredAt":"' || {_TIME.format("e.occurred_at")}
    || '","recordedAt":"' || {_TIME.format("e.recorded_at")} || '","prevHash":"'
    || CASE WHEN e.version = 1 THEN repeat('0', 64) ELSE coalesce(encode(p.hash, 'hex'), '') END
    || '","hash":"' || encode(e.hash, 'hex') || '","metadata":' || e.metadata::text
    || ',"payload":' || e.payload::text || '}}')"""
LEAF = f"convert_to({_SPELLED}, 'UTF8')"
PREVIOUS = "LEFT JOIN events p ON p.stream_id = e.stream_id AND p.version = e.version - 1"
# As base64 text (PostgreSQL's encoder breaks lines every 76 characters).
LEAF_BASE64 = f"translate(encode({LEAF}, 'base64'), E'\\n', '')"

# The leaf of each event of seq in ($1, $2], in seq order.
LEAVES_AFTER = f"""
SELECT s.seq, {LEAF} AS leaf
FROM event_seq s
JOIN events e ON e.position = s.position
{PREVIOUS}
WHERE s.seq > $1 AND s.seq <= $2
ORDER BY s.seq
"""


def numbered(row: str) -> str:
    """A join giving the events row `row` its `seq` and `leaf` (both NULL until the sequencer numbers it)."""
    if row in ("s", "e", "p"):
        raise ValueError(f"the outer events row needs another name than {row}: the leaf's own rows have it")
    return f"""LEFT JOIN LATERAL (
    SELECT s.seq, {LEAF} AS leaf FROM event_seq s JOIN events e ON e.position = s.position {PREVIOUS}
    WHERE s.position = {row}.position) numbered ON true"""


def leaf_bytes(row) -> bytes | None:
    """The leaf of a row selected with LEAF AS leaf (None: no seq yet)."""
    return row["leaf"]


_SEQ = re.compile(rb'^(\{"format":"pactum\.leaf/v1","seq":)\d+,')


def renumbered(leaf: bytes, seq: int) -> bytes:
    """The same event's leaf had it been given `seq` (to tell a reordering from an edit)."""
    return _SEQ.sub(rb"\g<1>%d," % seq, leaf, count=1)
