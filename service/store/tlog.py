"""The integrator: follows event_seq and adds each event's leaf to the tree; signs checkpoints as it grows."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import zlib
from collections import deque
from collections.abc import Awaitable, Callable

import asyncpg

from service.store.leaf import LEAVES_AFTER
from service.store.merkle import Frontier
from service.store.owner import run_as_owner
from service.store.sequencer import NAME as SEQUENCER
from service.store.sequencer import SEQ_CHANNEL
from service.store.tlog_tree import TREE, TreeStore

log = logging.getLogger(__name__)
LOCK_KEY = zlib.crc32(b"tlog:integrator")
# Moves only from the size this batch was built on: a second integrator that got there first makes the
# update match nothing, and the batch is dropped instead of written twice.
_sha = hashlib.sha256
GROW = "UPDATE tlog_tracking SET size = $3, updated_at = now() WHERE name = $1 AND size = $2 RETURNING size"

OnGrown = Callable[[int, bytes], Awaitable[object]]


class Integrator:
    def __init__(self, pool: asyncpg.Pool, on_grown: OnGrown | None = None, batch_size: int = 5000,
                 poll_interval: float = 0.5, read_ahead: int = 2) -> None:
        self.pool = pool
        self.tree = TreeStore(pool)
        self.on_grown = on_grown
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        self.read_ahead = read_ahead  # batches read while one hashes: the database spells them meanwhile

    async def catch_up(self) -> int:
        """Add a leaf for every sequenced event not in the tree yet; return how many this call added."""
        total, done = 0, False
        while not done:  # again from where the tree is, when another integrator moved first
            frontier = await self.tree.frontier()
            head = await self.pool.fetchval("SELECT seq FROM sequencer_tracking WHERE name = $1", SEQUENCER)
            added, done = await self._integrate(frontier, head)
            total += added
        if self.on_grown and frontier.size:
            await self.on_grown(frontier.size, frontier.root())
        return total

    async def _integrate(self, frontier: Frontier, head: int) -> tuple[int, bool]:
        """Batches read ahead, each hashed while the one before is written: (leaves added, not overtaken)."""
        reads: deque[asyncio.Future] = deque()
        start = after = written = frontier.size
        writing: asyncio.Future | None = None
        try:
            while frontier.size < head:
                while after < head and len(reads) < self.read_ahead:
                    upto = min(head, after + self.batch_size)
                    reads.append(asyncio.ensure_future(self.pool.fetch(LEAVES_AFTER, after, upto)))
                    after = upto
                rows = await reads.popleft()
                if not rows or rows[-1][0] != frontier.size + len(rows):
                    raise RuntimeError(f"an event between seq {frontier.size + 1} and {head} is missing")
                before = frontier.size
                nodes = frontier.extend([_sha(b"\x00" + r[1]).digest() for r in rows])
                if writing is not None:
                    if not await writing:
                        return written - start, False
                    written = before
                writing = asyncio.ensure_future(self._write(before, frontier.size, nodes))
            if writing is not None:
                if not await writing:
                    return written - start, False
                written = frontier.size
            return written - start, True
        finally:
            for future in (*reads, writing):
                if future is not None and not future.done():
                    future.cancel()

    async def _write(self, before: int, after: int, nodes: list[tuple[int, int, bytes]]) -> bool:
        """Store one batch's nodes and move the size, unless another integrator moved it first."""
        async with self.pool.acquire() as conn, conn.transaction():
            if await conn.fetchval(GROW, TREE, before, after) is None:
                return False
            await conn.copy_records_to_table("tlog_node", records=nodes, columns=("level", "idx", "hash"))
            return True

    async def run(self, stop: asyncio.Event) -> None:
        """Integrate while this process owns the tree; otherwise stand by to take over."""
        await run_as_owner(self.pool, "log integrator", LOCK_KEY, SEQ_CHANNEL, self.catch_up,
                           _proves_alive, stop, self.poll_interval)


async def _proves_alive(conn: asyncpg.Connection) -> bool:
    """The integrator waits for the next seq notification: never behind in between."""
    await conn.fetchval("SELECT 1")
    return False


def replay(leaves: list[bytes]) -> Frontier:
    """A tree built in memory from leaf hashes, e.g. to recompute a root from the stored events."""
    frontier, sink = Frontier(), []
    for h in leaves:
        frontier.append(h, sink)
        sink.clear()
    return frontier
