"""Stored payloads of schema version 1 read at the current version; the mapper applies the upcasters."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from domain.agreement import Agreement
from domain.agreement.upcasts import next_steps_listed
from domain.registry import EVENTS
from service.store.mapper import Mapper, StoredEvent

STEP_TEXT = {"zh-Hans": {"text": "召开成立大会", "kind": "authentic"}}
AT = datetime(2025, 4, 2, tzinfo=UTC)


def test_a_version_1_report_with_one_next_step_text_has_that_one_step_without_a_due_date():
    assert next_steps_listed({"level": "limited", "next_steps": STEP_TEXT}) == {
        "level": "limited", "next_steps": [{"text": STEP_TEXT, "due": None}]}


def test_a_version_1_report_without_next_steps_has_none():
    assert next_steps_listed({"next_steps": None}) == {"next_steps": []}


def test_only_reports_and_their_corrections_are_at_schema_version_2():
    versions = {topic: getattr(cls, "SCHEMA_VERSION", 1) for topic, cls in EVENTS.items()}

    assert {topic for topic, v in versions.items() if v != 1} == {
        "agreement.progress_reported", "agreement.report_corrected"}
    assert versions["agreement.progress_reported"] == versions["agreement.report_corrected"] == 2


def test_the_mapper_reads_a_version_1_correction_at_version_2():
    payload = (
        '{"report_id":"00000000-0000-4000-8000-0000000000a1","correction_id":"00000000-0000-4000-8000-0000000000a2",'
        '"commitment_code":"C1","party_id":"00000000-0000-4000-8000-000000000001","on_behalf_of":null,'
        '"as_of":"2025-03-31","level":"substantial","health":"at_risk",'
        '"narrative":{"zh-Hans":{"text":"更正","kind":"authentic"}},"evidence":[],"next_steps":null,'
        '"own_share":false,"reason":"数字有误","corrected_on":"2025-04-02"}'
    )
    stored = StoredEvent(1, 1, UUID(int=7), "agreement", 9, "agreement.report_corrected", 1, payload.encode(),
                         b"{}", AT, AT, bytes(32))

    event = Mapper().to_domain_event(stored)

    assert isinstance(event, Agreement.ReportCorrected)
    assert event.next_steps == () and event.reason == "数字有误"

