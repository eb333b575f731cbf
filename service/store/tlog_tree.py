"""The stored tree: its size, and roots and proofs for any size it has reached, from the complete nodes."""

from __future__ import annotations

from collections.abc import Iterable

import asyncpg

from service.store.merkle import (
    Frontier,
    Node,
    Range,
    consistency_ranges,
    fold,
    inclusion_ranges,
    needed_nodes,
    range_nodes,
)

TREE = "tree"
FETCH_NODES = """
SELECT n.level, n.idx, n.hash FROM tlog_node n
JOIN unnest($1::smallint[], $2::bigint[]) AS w(level, idx) ON (n.level, n.idx) = (w.level, w.idx)
"""


class MissingNodes(LookupError):
    """The tree has not reached the size asked for (or its stored nodes were removed)."""


class TreeStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def size(self, conn: asyncpg.Connection | None = None) -> int:
        return await (conn or self.pool).fetchval("SELECT size FROM tlog_tracking WHERE name = $1", TREE)

    async def nodes(self, wanted: Iterable[Node],
                    conn: asyncpg.Connection | None = None) -> dict[Node, bytes]:
        wanted = list(wanted)
        if not wanted:
            return {}
        rows = await (conn or self.pool).fetch(FETCH_NODES, [n[0] for n in wanted], [n[1] for n in wanted])
        found = {(r[0], r[1]): r[2] for r in rows}
        if missing := [n for n in wanted if n not in found]:
            raise MissingNodes(f"the tree holds no node {missing[0]}")
        return found

    async def frontier(self, conn: asyncpg.Connection | None = None) -> Frontier:
        """The right edge of the stored tree, to append to."""
        size = await self.size(conn)
        nodes = await self.nodes(Frontier.edge_nodes(size), conn)
        return Frontier(size, {level: h for (level, _), h in nodes.items()})

    async def _hashes(self, ranges: list[Range]) -> list[bytes]:
        nodes = await self.nodes(needed_nodes(ranges))
        return [fold([nodes[n] for n in range_nodes(lo, hi)]) for lo, hi in ranges]

    async def root(self, size: int) -> bytes:
        """The root hash of the tree's first `size` leaves."""
        return (await self._hashes([(0, size)]))[0]

    async def leaf_hashes(self, indexes: list[int]) -> dict[int, bytes]:
        nodes = await self.nodes((0, i) for i in indexes)
        return {i: nodes[(0, i)] for i in indexes}

    async def inclusion(self, index: int, size: int) -> list[bytes]:
        return await self._hashes(inclusion_ranges(index, size))

    async def consistency(self, old: int, new: int) -> list[bytes]:
        return await self._hashes(consistency_ranges(old, new))
