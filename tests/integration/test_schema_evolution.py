"""A progress report stored at schema version 1 (next steps as one text) reads back at version 2 (a list of
steps with due dates) through the repository, the projections and the commitment's story; the row stays."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from uuid import UUID

from domain.agreement import Agreement
from domain.agreement.values import CompletionLevel, Health, NextStep
from domain.party import Party
from domain.values import LocalizedString, TextKind
from service.seed import ZZJ, agreement_id_for
from service.store.mapper import chain_hash
from service.system import System

PACT = agreement_id_for(ZZJ)
ZH = Party.id_for("ZH-HRSS")
REPORT = UUID("7d0c1a52-1111-4a8b-9c1d-000000000001")
RECORDED = datetime(2025, 4, 2, 1, 0, tzinfo=UTC)
# The bytes the version-1 code wrote: msgspec's encoding of its payload struct, fields in declared order.
V1_PAYLOAD = (
    '{"report_id":"7d0c1a52-1111-4a8b-9c1d-000000000001","commitment_code":"A1.1",'
    f'"party_id":"{ZH}","on_behalf_of":null,"as_of":"2025-03-31","level":"limited","health":"on_track",'
    '"narrative":{"zh-Hans":{"text":"联盟筹建中","kind":"authentic"}},"evidence":[],'
    '"next_steps":{"zh-Hans":{"text":"召开成立大会","kind":"authentic"}},"own_share":false,'
    '"reported_on":"2025-04-02"}'
)
METADATA = f'{{"actor_party":"{ZH}","actor_user":"v1 code"}}'


async def insert_v1_report(system: System) -> tuple[int, int]:
    """The row as the version-1 code appended it: schema version 1, the stream's hash chain continued."""
    head = await system.pool.fetchrow(
        "SELECT version, hash FROM events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1", PACT)
    version = head["version"] + 1
    digest = chain_hash(head["hash"], PACT, version, "agreement.progress_reported", 1, V1_PAYLOAD.encode(),
                        METADATA.encode(), RECORDED, RECORDED)
    position = await system.pool.fetchval(
        "INSERT INTO events (stream_id, stream_type, version, event_type, schema_version, payload, metadata, "
        "occurred_at, recorded_at, hash) VALUES ($1, 'agreement', $2, 'agreement.progress_reported', 1, "
        "$3::json, $4::json, $5, $5, $6) RETURNING position",
        PACT, version, V1_PAYLOAD, METADATA, RECORDED, digest)
    return version, position


async def stored_row(system: System, version: int) -> tuple:
    row = await system.pool.fetchrow(
        "SELECT schema_version, payload::text AS payload, hash FROM events "
        "WHERE stream_id = $1 AND version = $2", PACT, version)
    return row["schema_version"], json.loads(row["payload"]), row["hash"]


STEP = NextStep({"zh-Hans": LocalizedString("召开成立大会", TextKind.AUTHENTIC)}, None)


async def test_a_version_1_report_reads_back_as_version_2_through_the_repository(seeded: System):
    version, _ = await insert_v1_report(seeded)
    before = await stored_row(seeded, version)

    [stored] = await seeded.executor.repo.store.read_stream(PACT, after_version=version - 1)
    event = seeded.mapper.to_domain_event(stored)
    agreement = await seeded.executor.repo.replay(Agreement, PACT)

    assert stored.schema_version == 1
    assert isinstance(event, Agreement.ProgressReported)
    assert event.next_steps == (STEP,)
    assert (event.level, event.health, event.as_of) == (CompletionLevel.LIMITED, Health.ON_TRACK,
                                                        date(2025, 3, 31))
    assert agreement.version == version and REPORT in agreement.reports
    assert await stored_row(seeded, version) == before  # read, never rewritten
    assert before[0] == 1
    assert before[1]["next_steps"] == {"zh-Hans": {"text": "召开成立大会", "kind": "authentic"}}


async def test_a_version_1_report_reaches_the_projections_and_the_commitments_story(seeded: System):
    version, position = await insert_v1_report(seeded)
    before = await stored_row(seeded, version)

    await seeded.runner.catch_up()
    progress = await seeded.progress_queries.agreement_progress(PACT, None, date(2025, 4, 2))
    story = await seeded.history.commitment(PACT, "A1.1", None)

    a11 = next(c for area in progress.areas for c in area.commitments if c.code == "A1.1")
    assert (a11.level, a11.health) == (CompletionLevel.LIMITED, Health.ON_TRACK)
    [report] = story.reports
    assert report.report_id == REPORT
    assert [(s.text["zh-Hans"].text, s.due) for s in report.next_steps] == [("召开成立大会", None)]
    assert await seeded.pool.fetchval("SELECT count(*) FROM projection_dead_letters") == 0
    assert await stored_row(seeded, version) == before
    assert position > 0
