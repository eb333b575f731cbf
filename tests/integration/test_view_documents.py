"""The hot views as stored documents: one statement when stored, never older than the read models."""

from __future__ import annotations

import json
from datetime import date
from uuid import uuid4

import pytest

from projections import BY_NAME
from service.reads.errors import AggregateNotFound, NotVisible
from service.reads.progress_queries import ProgressQueries
from service.reads.queries import Queries
from service.system import System
from tests.integration.progress_story import JM, PACT, ZH, Story
from tests.integration.statement_log import logging_pool

DETAIL = tuple(BY_NAME[n] for n in ("agreement_summary", "agreement_detail", "party_directory",
                                    "commitment_progress"))
PROGRESS = (BY_NAME["commitment_progress"],)
OBLIGATIONS = (BY_NAME["commitment_progress"], BY_NAME["party_directory"])
DAY = date(2025, 3, 10)


@pytest.fixture
async def reads(seeded: System, dsn: str):
    """The story so far, the statements sent on a pool of one connection, and the reads on that pool."""
    story = Story(seeded)
    await story.planned()
    await story.first_reports()
    await seeded.runner.catch_up()
    async with logging_pool(dsn) as (pool, sent):
        yield story, sent, Queries(pool, seeded.store, 1), ProgressQueries(pool)


async def test_a_stored_document_is_one_statement_and_the_same_bytes(reads):
    _, sent, queries, progress = reads
    first = await queries.agreement_document(PACT, ZH, DETAIL)
    sent.clear()
    again = await queries.agreement_document(PACT, ZH, DETAIL)
    assert len(sent) == 1
    assert again.body == first.body
    assert again.etag == first.etag == f'"{json.loads(first.body)["version"]}"'
    await progress.progress_document(PACT, JM, DAY, PROGRESS)
    sent.clear()
    stored = await progress.progress_document(PACT, JM, DAY, PROGRESS)
    assert len(sent) == 1
    assert json.loads(stored.body)["asOf"] == "2025-03-10"


async def test_deleting_every_document_changes_no_answer(reads, seeded: System):
    _, _, queries, progress = reads
    agreement = await queries.agreement_document(PACT, ZH, DETAIL)
    on_day = await progress.progress_document(PACT, JM, DAY, PROGRESS)
    await seeded.pool.execute("DELETE FROM view_document")
    assert (await queries.agreement_document(PACT, ZH, DETAIL)).body == agreement.body
    assert (await progress.progress_document(PACT, JM, DAY, PROGRESS)).body == on_day.body


async def test_a_document_is_read_for_its_day_only(reads):
    _, _, _, progress = reads
    await progress.progress_document(PACT, JM, DAY, PROGRESS)
    next_day = await progress.progress_document(PACT, JM, date(2025, 3, 11), PROGRESS)
    assert json.loads(next_day.body)["asOf"] == "2025-03-11"


async def test_a_document_follows_the_read_models(reads, seeded: System):
    story, _, queries, progress = reads
    before = json.loads((await queries.agreement_document(PACT, ZH, DETAIL)).body)
    await progress.progress_document(PACT, JM, DAY, PROGRESS)
    await story.claimed()
    await seeded.runner.catch_up()
    after = await queries.agreement_document(PACT, ZH, DETAIL)
    assert json.loads(after.body)["version"] > before["version"]
    assert after.position == await seeded.pool.fetchval("SELECT max(position) FROM events")
    claimed = json.loads((await progress.progress_document(PACT, JM, DAY, PROGRESS)).body)
    assert claimed["rollup"]["awaitingAcknowledgementCount"] == 1


async def test_a_stored_document_is_not_shown_to_a_non_party(reads):
    _, _, queries, progress = reads
    await queries.agreement_document(PACT, ZH, DETAIL)
    await progress.progress_document(PACT, JM, DAY, PROGRESS)
    stranger = uuid4()
    with pytest.raises(AggregateNotFound):
        await queries.agreement_document(PACT, stranger, DETAIL)
    with pytest.raises(AggregateNotFound):
        await progress.progress_document(PACT, stranger, DAY, PROGRESS)
    with pytest.raises(AggregateNotFound):
        await queries.agreement_document(uuid4(), None, DETAIL)


async def test_obligations_are_stored_until_their_projections_move_and_shown_to_their_party_only(
        reads, seeded: System):
    story, sent, _, progress = reads
    first = await progress.obligations_document(JM, JM, DAY, OBLIGATIONS)
    sent.clear()
    again = await progress.obligations_document(JM, None, DAY, OBLIGATIONS)
    assert len(sent) == 1 and again.body == first.body
    assert json.loads(first.body)["partyId"] == str(JM)
    with pytest.raises(NotVisible):
        await progress.obligations_document(JM, ZH, DAY, OBLIGATIONS)
    with pytest.raises(AggregateNotFound):
        await progress.obligations_document(uuid4(), None, DAY, OBLIGATIONS)
    await story.claimed()
    await seeded.runner.catch_up()
    sent.clear()
    later = await progress.obligations_document(JM, JM, DAY, OBLIGATIONS)
    assert len(sent) > 1, "built again: the projections behind it moved"
    assert later.position > first.position
