"""The statements every view read runs are planned once per connection, not on every read: planning them
cost more than running them."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from service.reads.documents import fetch_sql
from service.reads.wait import reached_sql

PLANS = "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1"
NAMES = ("agreement_summary", "agreement_detail", "party_directory", "commitment_progress")
SUBJECT = UUID("41150f90-5a89-56a7-849c-ab736eb84472")
READER = UUID("0b7e7a44-93c9-5d7e-9d0b-4f3e0e1c2a11")


async def _plans(pool, sql: str, *args) -> tuple[int, int]:
    async with pool.acquire() as conn:
        for _ in range(12):
            await conn.fetchrow(sql, *args)
        return tuple(await conn.fetchrow(PLANS, sql))


async def test_the_reached_position_is_planned_once(pool):
    generic, custom = await _plans(pool, reached_sql(NAMES))

    assert (generic, custom) == (12, 0)


async def test_a_stored_document_of_an_agreement_is_planned_once_it_has_been_compared(pool):
    generic, custom = await _plans(pool, fetch_sql("agreement", NAMES), "progress", SUBJECT,
                                   date(2026, 12, 1), READER)

    assert custom <= 5  # PostgreSQL plans the first five reads for their values, to compare
    assert generic == 12 - custom


async def test_a_stored_document_across_agreements_is_planned_once_it_has_been_compared(pool):
    generic, custom = await _plans(pool, fetch_sql("sources", NAMES), "obligations", SUBJECT, None, READER)

    assert custom <= 5
    assert generic == 12 - custom
