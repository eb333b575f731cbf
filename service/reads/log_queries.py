"""Reads of the transparency log: signed checkpoints, the log's key, inclusion and consistency proofs."""

from __future__ import annotations

import base64

from service.reads.log_views import ConsistencyProofView, InclusionProofView, LogKeyView
from service.store.signed_note import Verifier
from service.store.tlog_checkpoints import Checkpoints, NoCheckpoint, SignedCheckpoint
from service.store.tlog_tree import TreeStore

__all__ = ["InvalidRange", "LogQueries", "NoCheckpoint", "NotInTree"]


class NotInTree(ValueError):
    """A seq that is not a leaf of the tree of the size asked for."""


class InvalidRange(ValueError):
    """A consistency proof from a larger tree to a smaller one."""


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


class LogQueries:
    def __init__(self, tree: TreeStore, checkpoints: Checkpoints, verifier: Verifier) -> None:
        self.tree = tree
        self.checkpoints = checkpoints
        self.verifier = verifier

    def key(self) -> LogKeyView:
        return LogKeyView(verifier_key=str(self.verifier), name=self.verifier.name,
                          key_id=self.verifier.id.hex(), origin=self.checkpoints.origin)

    async def latest(self) -> SignedCheckpoint:
        if (checkpoint := await self.checkpoints.latest()) is None:
            raise NoCheckpoint("the log has signed no checkpoint yet")
        return checkpoint

    async def checkpoint(self, size: int) -> SignedCheckpoint:
        if (checkpoint := await self.checkpoints.at(size)) is None:
            raise NoCheckpoint(f"the log signed no checkpoint of size {size}")
        return checkpoint

    async def inclusion(self, seq: int, size: int) -> InclusionProofView:
        checkpoint = await self.checkpoint(size)
        if seq > size:
            raise NotInTree(f"seq {seq} is not in the tree of size {size}")
        leaf = (await self.tree.leaf_hashes([seq - 1]))[seq - 1]
        proof = await self.tree.inclusion(seq - 1, size)
        return InclusionProofView(seq=seq, leaf_index=seq - 1, tree_size=size, leaf_hash=b64(leaf),
                                  root_hash=b64(checkpoint.root), proof=[b64(h) for h in proof])

    async def consistency(self, old: int, new: int) -> ConsistencyProofView:
        if old > new:
            raise InvalidRange(f"from ({old}) is larger than to ({new})")
        first, second = await self.checkpoint(old), await self.checkpoint(new)
        proof = await self.tree.consistency(old, new)
        return ConsistencyProofView(from_size=old, to_size=new, from_root_hash=b64(first.root),
                                    to_root_hash=b64(second.root), proof=[b64(h) for h in proof])
