"""Signed checkpoints: a new one when the tree has grown, at most every few seconds; every one kept."""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg

from service.store.checkpoint_note import Checkpoint
from service.store.signed_note import Signer

LATEST = "SELECT size, root, note, key_id, signed_at FROM tlog_checkpoint ORDER BY size DESC LIMIT 1"
AT = "SELECT size, root, note, key_id, signed_at FROM tlog_checkpoint WHERE size = $1"
DUE = """
SELECT coalesce(max(size), 0) AS size,
       coalesce(extract(epoch FROM now() - max(signed_at)), 1e9) AS age
FROM tlog_checkpoint
"""
KEEP = """
INSERT INTO tlog_checkpoint (size, root, note, key_id) VALUES ($1, $2, $3, $4) ON CONFLICT (size) DO NOTHING
"""
COSIGNATURES = "SELECT line FROM tlog_cosignature WHERE size = $1 ORDER BY received_at, witness_id"


class NoCheckpoint(LookupError):
    """No signed checkpoint of the size asked for (or none at all yet)."""


@dataclass(frozen=True, slots=True)
class SignedCheckpoint:
    size: int
    root: bytes
    note: str  # the log's signed note, without cosignatures
    key_id: bytes
    cosignatures: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        return self.note.rpartition("\n\n")[0] + "\n"

    def with_cosignatures(self) -> str:
        """The note with every cosignature line after the log's own signature."""
        return self.note + "".join(self.cosignatures)


class Checkpoints:
    def __init__(self, pool: asyncpg.Pool, signer: Signer, origin: str, interval_s: float) -> None:
        self.pool = pool
        self.signer = signer
        self.origin = origin
        self.interval_s = interval_s

    async def on_grown(self, size: int, root: bytes) -> SignedCheckpoint | None:
        """Sign the tree at `size` if it has grown since the last checkpoint and the interval has passed."""
        due = await self.pool.fetchrow(DUE)
        if size <= due["size"] or due["age"] < self.interval_s:
            return None
        note = self.signer.sign(Checkpoint(self.origin, size, root).body())
        key_id = self.signer.verifier.id
        await self.pool.execute(KEEP, size, root, note, key_id)
        return SignedCheckpoint(size, root, note, key_id)

    async def latest(self) -> SignedCheckpoint | None:
        return await self._with_cosignatures(await self.pool.fetchrow(LATEST))

    async def at(self, size: int) -> SignedCheckpoint | None:
        return await self._with_cosignatures(await self.pool.fetchrow(AT, size))

    async def _with_cosignatures(self, row: asyncpg.Record | None) -> SignedCheckpoint | None:
        if row is None:
            return None
        lines = tuple(r["line"] for r in await self.pool.fetch(COSIGNATURES, row["size"]))
        return SignedCheckpoint(row["size"], row["root"], row["note"], row["key_id"], lines)
