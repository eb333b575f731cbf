"""An export to verify offline: the signed checkpoint, then each event's leaf and inclusion proof."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from uuid import UUID

import asyncpg

from service.reads.log_checks import check_row, rows_where
from service.store.merkle import fold, inclusion_ranges, needed_nodes, range_nodes
from service.store.signed_note import Verifier
from service.store.tlog_checkpoints import Checkpoints, NoCheckpoint
from service.store.tlog_tree import TreeStore

FORMAT = "pactum.export/v1"
CHUNK = 1000


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


class LogExport:
    def __init__(self, pool: asyncpg.Pool, checkpoints: Checkpoints, verifier: Verifier) -> None:
        self.pool = pool
        self.checkpoints = checkpoints
        self.verifier = verifier
        self.tree = TreeStore(pool)

    async def lines(self, agreement: UUID | None = None, from_size: int | None = None) -> AsyncIterator[str]:
        """JSON Lines: a header with the latest checkpoint (and a consistency proof from `from_size`), then
        one line per event of the log (or of one agreement) in that checkpoint."""
        latest = await self.checkpoints.latest()
        if latest is None:
            raise NoCheckpoint("the log has signed no checkpoint yet")
        header = {"format": FORMAT, "logKey": str(self.verifier), "checkpoint": latest.with_cosignatures(),
                  "treeSize": latest.size, "agreement": str(agreement) if agreement else None}
        if from_size:
            if await self.checkpoints.at(from_size) is None:
                raise NoCheckpoint(f"the log signed no checkpoint of size {from_size}")
            proof = await self.tree.consistency(from_size, latest.size)
            header["consistency"] = {"fromSize": from_size, "proof": [b64(h) for h in proof]}
        yield json.dumps(header)
        where = "s.seq > $1 AND s.seq <= $2" + (" AND s.stream_id = $3" if agreement else "")
        after, args = 0, [agreement] if agreement else []
        while rows := await self.pool.fetch(rows_where(where) + f" LIMIT {CHUNK}", after, latest.size,
                                            *args):
            after = rows[-1]["seq"]
            checked = [c for c, _ in map(check_row, rows) if c is not None]
            ranges = {c.seq: inclusion_ranges(c.seq - 1, latest.size) for c in checked}
            nodes = await self.tree.nodes(needed_nodes(r for rs in ranges.values() for r in rs))
            for c in checked:
                proof = [fold([nodes[n] for n in range_nodes(lo, hi)]) for lo, hi in ranges[c.seq]]
                yield json.dumps({"seq": c.seq, "leaf": b64(c.leaf), "proof": [b64(h) for h in proof]})
