"""Each read of a view is one SQL statement: no transaction around several queries, no follow-ups."""

from __future__ import annotations

from datetime import date

import pytest

from service.reads.progress_queries import ProgressQueries
from service.reads.queries import Queries
from service.system import System
from tests.integration.progress_story import JM, PACT, ZH, Story
from tests.integration.statement_log import logging_pool


@pytest.fixture
async def statements(seeded: System, dsn: str):
    """The statements sent on a pool of one connection, and the reads on that pool."""
    story = Story(seeded)
    await story.planned()
    await story.first_reports()
    await seeded.runner.catch_up()
    async with logging_pool(dsn) as (pool, sent):
        yield sent, Queries(pool, seeded.store, 1), ProgressQueries(pool)


async def test_every_read_of_a_view_is_one_statement(statements):
    sent, queries, progress = statements
    today = date(2025, 3, 10)
    reads = {
        "agreement": queries.agreement(PACT, ZH),
        "agreements": queries.list_agreements(None, 0, 10),
        "party": queries.party(ZH),
        "parties": queries.list_parties("", 10),
        "progress": progress.agreement_progress(PACT, JM, today),
        "obligations": progress.obligations(JM, JM, today),
        "at risk": progress.at_risk(None, today, (0, 0), 10),
    }
    counts = {}
    for name, read in reads.items():
        sent.clear()
        await read
        counts[name] = len(sent)

    assert counts == {"agreement": 1, "agreements": 1, "party": 1, "parties": 1, "progress": 1,
                      "obligations": 1, "at risk": 1}
