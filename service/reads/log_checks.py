"""What a verification finds; the checks of one stored event and of one checkpoint, for both audits."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from service.store.checkpoint_note import Checkpoint
from service.store.leaf import LEAF, PREVIOUS, leaf_bytes, renumbered
from service.store.mapper import GENESIS_HASH, chain_hash
from service.store.merkle import leaf_hash
from service.store.signed_note import NoteError, Verifier, open_note, split
from service.store.tlog_checkpoints import SignedCheckpoint

# Every stored event with its leaf fields, what its chain hash is made of, and its logged leaf hash.
# LEFT JOINs: a seq whose event was removed still shows, with nulls.
_ROWS = f"""
SELECT s.seq, {LEAF} AS leaf, e.stream_id AS stream_uuid, e.version, e.event_type, e.schema_version,
       e.payload::text AS payload, e.metadata::text AS metadata, e.occurred_at, e.recorded_at,
       e.hash AS chain, p.hash AS prev_raw, n.hash AS logged
FROM event_seq s
LEFT JOIN events e ON e.position = s.position
{PREVIOUS}
LEFT JOIN tlog_node n ON n.level = 0 AND n.idx = s.seq - 1
WHERE {{where}}
ORDER BY s.seq
"""


def rows_where(where: str) -> str:
    """The statement selecting every stored event whose seq row meets `where`, in seq order."""
    return _ROWS.replace("{where}", where)


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
    """One stored event, its leaf spelled again from the stored row and hashed."""

    seq: int
    stream_id: UUID
    version: int
    event_type: str
    leaf: bytes
    leaf_hash: bytes
    logged: bytes | None  # the leaf hash the tree holds for this seq, None beyond the tree


def check_row(r) -> tuple[Checked | None, list[Finding]]:
    """The event at one seq: present, its leaf as logged, its chain hash sealing the one before it."""
    seq = r["seq"]
    if r["stream_uuid"] is None:
        return None, [Finding("missing-event", f"seq {seq}: its event is no longer stored", seq)]
    data = leaf_bytes(r)
    one = Checked(seq, r["stream_uuid"], r["version"], r["event_type"], data, leaf_hash(data), r["logged"])
    at = f"seq {seq} (stream {one.stream_id} version {one.version}, {one.event_type})"
    findings = []
    if one.logged is not None and one.logged != one.leaf_hash:
        findings.append(Finding("event-changed", f"{at}: the stored event no longer matches its logged leaf",
                                seq, one.stream_id, one.version))
    if one.version > 1 and r["prev_raw"] is None:
        findings.append(Finding("missing-version", f"{at}: version {one.version - 1} of its stream is gone",
                                seq, one.stream_id, one.version))
    elif chain_hash(r["prev_raw"] or GENESIS_HASH, one.stream_id, one.version, one.event_type,
                    r["schema_version"], r["payload"].encode(), r["metadata"].encode(), r["occurred_at"],
                    r["recorded_at"]) != r["chain"]:
        findings.append(Finding("chain-broken", f"{at}: its chain hash does not seal its stored bytes",
                                seq, one.stream_id, one.version))
    return one, findings


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
    by_hash = {c.logged: c.seq for c in changed}
    for c in changed[:200]:
        for other in by_hash.values():
            if other != c.seq and by_hash.get(leaf_hash(renumbered(c.leaf, other))) == other:
                found.append(Finding("reordered", f"seq {c.seq} holds the event logged at seq {other} "
                                     f"(stream {c.stream_id} version {c.version})", c.seq, c.stream_id,
                                     c.version))
                break
    return found
