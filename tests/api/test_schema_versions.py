"""A report stored at schema version 1 over HTTP: the feed and the agreement's events give it as stored
(their schema admits both shapes); the commitment's story gives it read at version 2."""

from __future__ import annotations

import msgspec

from service.reads.events import EventPage
from tests.integration.test_schema_evolution import PACT, REPORT, insert_v1_report

PAGE = msgspec.json.Decoder(EventPage)
AS_STORED = {"zh-Hans": {"text": "召开成立大会", "kind": "authentic"}}


async def test_a_version_1_report_is_given_as_stored_by_the_event_reads_and_as_version_2_by_the_story(api):
    version, _ = await insert_v1_report(api.system)
    await api.system.sequencer.catch_up()
    await api.caught_up()

    feed = await api.client.get("/events", params={"after": 0, "limit": 1000}, headers=api.auth("admin"))
    [fed] = [e for e in PAGE.decode(feed.content).items if e.version == version and e.stream_id == PACT]
    events = await api.client.get(f"/agreements/{PACT}/events", headers=api.auth("ZH-HRSS"),
                                  params={"types": "agreement.progress_reported"})
    story = await api.client.get(f"/agreements/{PACT}/commitments/A1.1", headers=api.auth("ZH-HRSS"))

    assert fed.schema_version == 1
    assert msgspec.to_builtins(fed.payload.next_steps) == AS_STORED
    [audited] = events.json()["items"]
    assert audited["schemaVersion"] == 1
    assert audited["payload"]["next_steps"] == AS_STORED  # as stored, as the feed gives it
    [report] = story.json()["reports"]
    assert report["reportId"] == str(REPORT) and report["nextSteps"] == [{"text": AS_STORED, "due": None}]
