"""What a verification finds; the checks of one stored event and of one checkpoint, for both audits."""

from __future__ import annotations

from dataclasses import dataclass, replace
from uuid import UUID

from service.store.checkpoint_note import Checkpoint
from service.store.leaf import LeafRow, leaf_bytes, prev_of
from service.store.mapper import chain_hash
from service.store.merkle import leaf_hash
from service.store.signed_note import NoteError, Verifier, open_note, split
from service.store.tlog_checkpoints import SignedCheckpoint

# Every stored event with its seq, the chain hash before it in its stream and its logged leaf hash.
# LEFT JOINs: a seq whose event was removed still shows, with nulls.
ROWS = """
SELECT s.seq, e.stream_id, e.stream_type, e.version, e.event_type, e.schema_version, e.payload, e.metadata,
       e.occurred_at, e.recorded_at, e.hash, p.hash AS prev_hash, n.hash AS logged
FROM event_seq s
LEFT JOIN events e ON e.position = s.position
LEFT JOIN events p ON p.stream_id = e.stream_id AND p.version = e.version - 1
LEFT JOIN tlog_node n ON n.level = 0 AND n.idx = s.seq - 1
WHERE {where}
ORDER BY s.seq
"""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing that does not hold; `kind` is stable, `detail` says it for a person."""

    kind: str
    detail: str
    seq: int | None = None
    stream_id: UUID | None = None
    version: int | None = None


@dataclass(frozen=True, slots=True)
class Checked:
    """One stored event, re-encoded and re-hashed."""

    row: LeafRow
    leaf: bytes
    leaf_hash: bytes
    logged: bytes | None  # the leaf hash the tree holds for this seq, None beyond the tree


def check_row(record) -> tuple[Checked | None, list[Finding]]:
    """The event at one seq: present, its leaf as logged, its chain hash sealing the one before it."""
    seq = record["seq"]
    if record["stream_id"] is None:
        return None, [Finding("missing-event", f"seq {seq}: its event is no longer stored", seq)]
    row = LeafRow.of(tuple(record.values())[:12])
    at = f"seq {seq} (stream {row.stream_id} version {row.version}, {row.event_type})"
    data = leaf_bytes(row)
    checked = Checked(row, data, leaf_hash(data), record["logged"])
    findings = []
    if checked.logged is not None and checked.logged != checked.leaf_hash:
        findings.append(Finding("event-changed", f"{at}: the stored event no longer matches its logged leaf",
                                seq, row.stream_id, row.version))
    if row.version > 1 and row.prev_hash is None:
        findings.append(Finding("missing-version", f"{at}: version {row.version - 1} of its stream is gone",
                                seq, row.stream_id, row.version))
    elif chain_hash(prev_of(row.version, row.prev_hash), row.stream_id, row.version, row.event_type,
                    row.schema_version, row.payload.encode(), row.metadata.encode(), row.occurred_at,
                    row.recorded_at) != row.hash:
        findings.append(Finding("chain-broken", f"{at}: its chain hash does not seal its stored bytes",
                                seq, row.stream_id, row.version))
    return checked, findings


def check_checkpoint(checkpoint: SignedCheckpoint, verifier: Verifier, origin: str) -> list[Finding]:
    """Signed by the log's key, and saying what the stored row says."""
    size = checkpoint.size
    try:
        text = open_note(checkpoint.note, verifier)
    except NoteError:
        try:
            ids = ", ".join(f"{s.name}+{s.key_id.hex()}" for s in split(checkpoint.note)[1])
        except NoteError:
            ids = "a malformed note"
        return [Finding("checkpoint-forged", f"checkpoint {size} is not signed by the log's key "
                        f"{verifier.name}+{verifier.id.hex()} (signed by {ids})")]
    body = Checkpoint.parse(text)
    if (body.origin, body.size, body.root) != (origin, size, checkpoint.root):
        return [Finding("checkpoint-mismatch", f"checkpoint {size}: its signed text differs from its row")]
    return []


def reorderings(changed: list[Checked]) -> list[Finding]:
    """Changed leaves that are each other's: the events were moved between seqs."""
    found = []
    by_hash = {c.logged: c.row.seq for c in changed}
    for c in changed[:200]:
        for other in by_hash.values():
            if other != c.row.seq and by_hash.get(leaf_hash(leaf_bytes(replace(c.row, seq=other)))) == other:
                found.append(Finding("reordered", f"seq {c.row.seq} holds the event logged at seq {other} "
                                     f"(stream {c.row.stream_id} version {c.row.version})", c.row.seq,
                                     c.row.stream_id, c.row.version))
                break
    return found
