"""The position the read models have reached is found from the events still to apply, never by reading the
whole log: its cost stays flat however long the log grows."""

from __future__ import annotations

import json

from service.reads.wait import reached_sql

REACHED = reached_sql(("party_directory",))

EVENTS = """
INSERT INTO events (stream_id, stream_type, version, event_type, schema_version, payload, metadata,
                    occurred_at, recorded_at, hash)
SELECT gen_random_uuid(), 'party', 1, 'party.registered', 1, '{}', '{}', now(), now(), '\\x00'
  FROM generate_series(1, $1)"""
TRACK = """
INSERT INTO projection_tracking (name, txid, position)
SELECT 'party_directory', txid, position FROM events WHERE position = $1
ON CONFLICT (name) DO UPDATE SET txid = EXCLUDED.txid, position = EXCLUDED.position"""


async def _blocks_read(pool) -> int:
    plan = await pool.fetchval("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + REACHED)
    top = json.loads(plan)[0]["Plan"]
    return top["Shared Hit Blocks"] + top["Shared Read Blocks"]


async def test_caught_up_the_reached_position_is_the_last_event_and_costs_a_few_blocks(pool):
    await pool.execute(EVENTS, 20_000)
    await pool.execute("ANALYZE events")
    last = await pool.fetchval("SELECT max(position) FROM events")
    await pool.execute(TRACK, last)

    assert await pool.fetchval(REACHED) == last
    assert await _blocks_read(pool) < 20  # the whole log is about 300 blocks


async def test_behind_the_reached_position_is_below_the_first_event_still_to_apply(pool):
    await pool.execute(EVENTS, 1_000)
    last = await pool.fetchval("SELECT max(position) FROM events")
    await pool.execute(TRACK, last - 10)

    assert await pool.fetchval(REACHED) == last - 10

