"""The sequencer: follows the global log and gives every committed event its public, gapless `seq`."""

from __future__ import annotations

import asyncio
import logging
import zlib
from dataclasses import dataclass
from uuid import UUID, uuid5

import asyncpg

from service.store.audience import members_added
from service.store.eventstore import EventStore, LogCursor
from service.store.owner import run_as_owner
from service.store.parking import CHANNEL

log = logging.getLogger(__name__)
NAME = "event_seq"
SEQ_CHANNEL = "pactum_seq"  # payload: the last seq given; sent on commit of each batch
LOCK_KEY = zlib.crc32(b"sequencer:event_seq")

# Moves only from the place this batch was read after: a second sequencer that got there first makes the
# update match nothing, and the batch is dropped instead of numbered twice.
MOVE = """
UPDATE sequencer_tracking SET txid = $4, position = $5, seq = seq + $6, updated_at = now()
WHERE name = $1 AND txid = $2 AND position = $3
RETURNING seq - $6
"""
NUMBER = """
INSERT INTO event_seq (seq, position, stream_id, event_id)
SELECT $1 + n, p, s, i FROM unnest($2::bigint[], $3::uuid[], $4::uuid[]) WITH ORDINALITY AS e(p, s, i, n)
"""
# A committed event still unread waits for an older transaction to end, and nobody notifies when that one
# (a projection's, say) commits: look again soon rather than at the next poll.
BEHIND = """
SELECT EXISTS (SELECT 1 FROM events e WHERE e.position = (SELECT max(position) FROM events)
               AND NOT EXISTS (SELECT 1 FROM event_seq s WHERE s.position = e.position))
"""
REMEMBER_MEMBERS = """
INSERT INTO feed_member (party_id, stream_id, since_seq)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[]) ON CONFLICT DO NOTHING
"""


def event_id(stream_id: UUID, version: int) -> UUID:
    """The event's public id: the same event always gets the same one."""
    return uuid5(stream_id, str(version))


@dataclass(frozen=True, slots=True)
class Mark:
    """Where the sequencer stands: the log cursor it has numbered up to, and the last seq it gave."""

    cursor: LogCursor
    seq: int


class Sequencer:
    def __init__(self, pool: asyncpg.Pool, store: EventStore, batch_size: int = 2000,
                 poll_interval: float = 0.5) -> None:
        self.pool = pool
        self.store = store
        self.batch_size = batch_size
        self.poll_interval = poll_interval

    async def mark(self) -> Mark:
        row = await self.pool.fetchrow(
            "SELECT txid, position, seq FROM sequencer_tracking WHERE name = $1", NAME)
        return Mark(LogCursor(row["txid"], row["position"]), row["seq"])

    async def catch_up(self) -> int:
        """Number every committed event that has no seq yet; return how many this call numbered."""
        total = 0
        mark = await self.mark()
        while batch := await self.store.read_log(mark.cursor, self.batch_size):
            last = LogCursor(batch[-1].txid, batch[-1].position)
            async with self.pool.acquire() as conn, conn.transaction():
                before = await conn.fetchval(MOVE, NAME, mark.cursor.txid, mark.cursor.position,
                                             last.txid, last.position, len(batch))
                if before is None:  # another sequencer moved first: start again from where it is
                    mark = await self.mark()
                    continue
                await conn.execute(NUMBER, before, [e.position for e in batch], [e.stream_id for e in batch],
                                   [event_id(e.stream_id, e.version) for e in batch])
                if added := members_added(batch, before):
                    await conn.execute(REMEMBER_MEMBERS, *zip(*added, strict=True))
                await conn.execute("SELECT pg_notify($1, $2)", SEQ_CHANNEL, str(before + len(batch)))
            mark = Mark(last, before + len(batch))
            total += len(batch)
        return total

    async def run(self, stop: asyncio.Event) -> None:
        """Number new events while this process owns the sequencer; otherwise stand by to take over."""
        await run_as_owner(self.pool, "sequencer", LOCK_KEY, CHANNEL, self.catch_up,
                           lambda conn: conn.fetchval(BEHIND), stop, self.poll_interval)

