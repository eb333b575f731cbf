"""The RFC 6962 / RFC 9162 Merkle tree: hashes, proofs as ranges of leaves, and their verification (no I/O).

A node is (level, index): the complete subtree over leaves [index * 2**level, (index + 1) * 2**level).
Every hash a proof needs is the hash of a range of leaves, and every such range is a run of complete nodes.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterable, Sequence

Node = tuple[int, int]
Range = tuple[int, int]
EMPTY_ROOT = hashlib.sha256(b"").digest()
_sha = hashlib.sha256


class ProofError(ValueError):
    """A proof that does not prove what it claims."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """RFC 9162 §2.1.3.1 PATH(index, D[0:size]) as leaf ranges, from the leaf up."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of size {size}")
    out: list[Range] = []
    lo, hi = 0, size
    while hi - lo > 1:
        k = _split(hi - lo)
        if index < lo + k:
            out.append((lo + k, hi))
            hi = lo + k
        else:
            out.append((lo, lo + k))
            lo += k
    return out[::-1]


def consistency_ranges(old: int, new: int) -> list[Range]:
    """RFC 9162 §2.1.4.1 PROOF(old, D[0:new]) as leaf ranges, from the old tree's edge up."""
    if not 0 <= old <= new:
        raise ValueError(f"no consistency proof from size {old} to size {new}")
    if old == 0 or old == new:
        return []
    out: list[Range] = []
    lo, hi, complete = 0, new, True
    while True:
        if old == hi:
            if not complete:
                out.append((lo, hi))
            break
        k = _split(hi - lo)
        if old <= lo + k:
            out.append((lo + k, hi))
            hi = lo + k
        else:
            out.append((lo, lo + k))
            lo, complete = lo + k, False
    return out[::-1]


def range_nodes(lo: int, hi: int) -> list[Node]:
    """The complete nodes that make up leaves [lo, hi), left to right (lo aligned as in any proof)."""
    nodes: list[Node] = []
    while lo < hi:
        level = min((lo & -lo).bit_length() - 1 if lo else 63, (hi - lo).bit_length() - 1)
        nodes.append((level, lo >> level))
        lo += 1 << level
    return nodes


def fold(hashes: Sequence[bytes]) -> bytes:
    """The hash of a range from its complete nodes' hashes, left to right."""
    if not hashes:
        return EMPTY_ROOT
    acc = hashes[-1]
    for h in reversed(hashes[:-1]):
        acc = node_hash(h, acc)
    return acc


def needed_nodes(ranges: Iterable[Range]) -> set[Node]:
    return {n for lo, hi in ranges for n in range_nodes(lo, hi)}


def hashes_of(ranges: Iterable[Range], node: Callable[[Node], bytes]) -> list[bytes]:
    return [fold([node(n) for n in range_nodes(lo, hi)]) for lo, hi in ranges]


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes) -> None:
    """RFC 9162 §2.1.3.2; raises ProofError unless `leaf` is leaf `index` of the tree `root` of `size`."""
    if not 0 <= index < size:
        raise ProofError(f"leaf {index} is not in a tree of size {size}")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            raise ProofError("inclusion proof is too long")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0 or r != root:
        raise ProofError(f"inclusion proof of leaf {index} does not lead to the root of size {size}")


def verify_consistency(old: int, new: int, proof: Sequence[bytes], old_root: bytes, new_root: bytes) -> None:
    """RFC 9162 §2.1.4.2; raises ProofError unless tree `old_root` is a prefix of tree `new_root`."""
    if not 0 <= old <= new:
        raise ProofError(f"no consistency from size {old} to size {new}")
    if old == new or old == 0:
        if proof or (old == new and old_root != new_root):
            raise ProofError(f"trees of size {old} and {new} are not consistent")
        return
    if not proof:
        raise ProofError("empty consistency proof")
    path = [old_root, *proof] if old & (old - 1) == 0 else list(proof)
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("consistency proof is too long")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0 or fr != old_root or sr != new_root:
        raise ProofError(f"tree of size {old} is not a prefix of the tree of size {new}")


class Frontier:
    """The right edge of a growing tree: appends leaves, yields every complete node they finish."""

    def __init__(self, size: int = 0, edge: dict[int, bytes] | None = None) -> None:
        self.size = size
        self.edge = dict(edge or {})  # level -> hash of the complete node still waiting for its right sibling

    @staticmethod
    def edge_nodes(size: int) -> list[Node]:
        """The complete nodes on the right edge of a tree of `size`: one per set bit of `size`."""
        return [(level, (size >> level) - 1) for level in range(size.bit_length()) if size >> level & 1]

    def append(self, leaf: bytes, out: list[tuple[int, int, bytes]]) -> None:
        out.extend(self.extend([leaf]))

    def extend(self, leaves: list[bytes]) -> list[tuple[int, int, bytes]]:
        """Append leaf hashes; return every node they complete as (level, index, hash), level by level."""
        out: list[tuple[int, int, bytes]] = []
        level, start, row = 0, self.size, list(leaves)
        self.size += len(row)
        while row:
            out.extend(zip(itertools.repeat(level), range(start, start + len(row)), row, strict=False))
            if start & 1:  # the first pairs with the node left waiting on this level
                row.insert(0, self.edge.pop(level))
                start -= 1
            if len(row) & 1:
                self.edge[level] = row.pop()
            row = [_sha(b"\x01" + a + b).digest() for a, b in zip(row[::2], row[1::2], strict=True)]
            level, start = level + 1, start >> 1
        return out

    def root(self) -> bytes:
        return fold([self.edge[level] for level in sorted(self.edge, reverse=True)])
