"""A commitment's story, the amendments, and the export for auditors (HTTP and the command line)."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import date, datetime
from pathlib import Path
from uuid import uuid4

import msgspec
import pytest

from domain.agreement.values import DueDate, change_due_date
from service.cli import main
from service.store.mapper import chain_hash
from service.usecases.commands import (
    AchieveMilestone,
    AcknowledgeCompletion,
    ClaimCompletion,
    DefineMilestone,
    DisputeCompletion,
    ProposeAmendment,
    SetDueDate,
    SignAmendment,
)
from service.usecases.context import business_today
from tests.api.audit_story import EVIDENCE, JM, ZH, ZS, AuditStory, zh
from tests.api.conftest import Api

PROBLEM = "urn:pactum:problem:"


@pytest.fixture
async def story(api: Api) -> AuditStory:
    story = AuditStory(api.system)
    await story.play()
    return story


async def get(api: Api, path: str, who: str = "JM-HRSS", **params) -> dict:
    response = await api.client.get(path, params=params, headers=api.auth(who))
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_commitments_reports_with_their_correction_evidence_and_both_clocks(api, story):
    view = await get(api, f"/agreements/{story.id}/commitments/A1.1")
    assert (view["code"], view["areaCode"], view["modality"]) == ("A1.1", "A1", "establish")
    assert [r["partyId"] for r in view["responsibilities"]] == [str(ZH), str(ZS)]
    original, correction = view["reports"]
    assert (original["status"], original["level"], original["asOf"]) == ("corrected", "limited", "2025-03-10")
    assert original["correctedBy"] == correction["reportId"]
    assert (correction["status"], correction["level"], correction["corrects"], correction["reason"]) == (
        "active",
        "substantial",
        original["reportId"],
        "统计口径更正",
    )
    assert original["evidence"] == [
        {
            "title": "工作简报",
            "url": "https://hrss.zhuhai.gov.cn/brief/3",
            "documentId": None,
            "sha256": "b" * 64,
        },
        {"title": "会议纪要", "url": None, "documentId": "AUDIT-2025-004", "sha256": None},
    ]
    assert original["narrative"]["zh-Hans"] == {"text": "A1.1进展", "kind": "authentic"}
    assert (original["recorded"]["occurredAt"], original["recorded"]["actor"]["partyId"]) == (
        "2025-03-10T02:00:00Z",
        str(ZH),
    )
    assert correction["recorded"]["occurredAt"] == "2025-07-01T02:00:00Z"
    assert original["ended"] == correction["recorded"]
    assert (view["milestones"], view["claims"], view["assessments"], view["dueDateChanges"]) == (
        [],
        [],
        [],
        [],
    )


async def test_milestones_claims_with_answers_and_due_dates(api, story):
    a = story.id
    due = DueDate(date(2025, 9, 30))
    april = date(2025, 4, 20)
    await story.run(SetDueDate(agreement_id=a, code="A1.2", due=due, reason="工作计划"), ZS, april)
    await story.run(DefineMilestone(agreement_id=a, code="A1.2", milestone_code="M1", title=zh("方案"),
                                    due=DueDate(date(2025, 6, 30))), ZS, date(2025, 4, 20))
    await story.run(AchieveMilestone(agreement_id=a, code="A1.2", milestone_code="M1",
                                     achieved_on=date(2025, 6, 20), evidence=EVIDENCE), ZS, date(2025, 6, 21))
    claim = await story.run(ClaimCompletion(agreement_id=a, code="A1.2", completed_on=date(2025, 8, 1),
                                            evidence=EVIDENCE), ZS, date(2025, 8, 2))
    await story.run(AcknowledgeCompletion(agreement_id=a, claim_id=claim.record_id), ZH, date(2025, 8, 5))
    await story.run(DisputeCompletion(agreement_id=a, claim_id=claim.record_id, reason="记录不全"),
                    JM, date(2025, 8, 6))
    view = await get(api, f"/agreements/{story.id}/commitments/A1.2")
    (change,) = view["dueDateChanges"]
    assert (change["oldDue"], change["due"], change["reason"]) == (
        None,
        {"on": "2025-09-30", "precision": "day"},
        "工作计划",
    )
    (milestone,) = view["milestones"]
    assert (milestone["code"], milestone["achievedOn"], len(milestone["evidence"])) == ("M1", "2025-06-20", 2)
    assert milestone["achieved"]["occurredAt"] == "2025-06-21T02:00:00Z"
    (told,) = view["claims"]
    assert (told["claimId"], told["status"], told["completedOn"]) == (
        str(claim.record_id),
        "disputed",
        "2025-08-01",
    )
    assert [(a["partyId"], a["recorded"]["actor"]["partyId"]) for a in told["acknowledgements"]] == [
        (str(ZH), str(ZH))
    ]
    assert [(d["partyId"], d["reason"]) for d in told["disputes"]] == [(str(JM), "记录不全")]
    assert told["ended"] == told["disputes"][0]["recorded"]


async def test_amendments_read_back_with_changes_signatures_and_state(api, story):
    change, today = change_due_date("A1.1", DueDate(date(2025, 12, 31))), business_today()
    proposed = await story.run(ProposeAmendment(agreement_id=story.id, changes=(change,), summary=zh("延期")),
                               ZH, today)
    sign = SignAmendment(agreement_id=story.id, amendment_id=proposed.record_id, signed_on=today)
    for party in (ZH, ZS):
        await story.run(sign, party, today)
    (pending,) = (await get(api, f"/agreements/{story.id}/amendments"))["items"]
    assert (pending["state"], [s["partyId"] for s in pending["signatures"]]) == (
        "pending",
        [str(ZH), str(ZS)],
    )
    assert pending["changes"][0]["kind"] == "change_due_date"
    assert pending["changes"][0]["due"] == {"on": "2025-12-31", "precision": "day"}
    await story.run(sign, JM, today)
    (applied,) = (await get(api, f"/agreements/{story.id}/amendments"))["items"]
    assert (applied["state"], applied["appliedOn"], applied["textVersion"]) == (
        "applied",
        today.isoformat(),
        2,
    )
    assert (await get(api, f"/agreements/{story.id}/commitments/A1.1"))["dueDateChanges"][0][
        "amendmentId"
    ] == str(proposed.record_id)


def lines(body: bytes) -> list[dict]:
    return [msgspec.json.decode(line) for line in body.splitlines()]


def verify_chain(events: list[dict]) -> str:
    """Recompute each event's hash from its line alone; return the last."""
    head = bytes(32)
    for e in events:
        assert bytes.fromhex(e["prevHash"]) == head
        head = chain_hash(
            head,
            e["streamId"],
            e["version"],
            e["type"],
            e["schemaVersion"],
            msgspec.json.encode(e["payload"]),
            msgspec.json.encode(e["metadata"]),
            datetime.fromisoformat(e["occurredAt"]),
            datetime.fromisoformat(e["recordedAt"]),
        )
        assert head.hex() == e["hash"]
    return head.hex()


async def test_the_export_is_json_lines_with_a_header_and_a_verifiable_chain(api, story):
    response = await api.client.get(f"/agreements/{story.id}/export", headers=api.auth("ZS-HRSS"))
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/jsonl")
    header, *events = lines(response.content)
    assert (header["format"], header["agreementId"], header["count"]) == (
        "pactum.events/1",
        str(story.id),
        18,
    )
    assert header["range"] == {"on": "position", "from": None, "to": None}
    assert [e["version"] for e in events] == list(range(1, 19))
    assert events[16]["payload"]["narrative"]["en"] == {"text": "A1.3进展", "kind": "machine"}
    assert verify_chain(events) == header["headHash"]
    first, last = events[14]["position"], events[16]["position"]
    ranged = await api.client.get(
        f"/agreements/{story.id}/export",
        params={"from": first, "to": last},
        headers={**api.auth("admin"), "accept": "application/octet-stream"},
    )
    assert ranged.headers["content-type"].startswith("application/octet-stream")
    header, *events = lines(ranged.content)
    assert (header["count"], [e["version"] for e in events]) == (3, [15, 16, 17])
    hidden = await api.client.get(f"/agreements/{story.id}/export", headers=api.auth("GD-HRSS"))
    assert (hidden.status_code, hidden.json()["type"]) == (404, PROBLEM + "not-found")


async def test_a_non_party_sees_no_story_no_amendments_no_export(api, story):
    for suffix in ("/commitments/A1.1", "/amendments", "/export", "/events"):
        for agreement in (story.id, uuid4()):
            response = await api.client.get(f"/agreements/{agreement}{suffix}", headers=api.auth("GD-HRSS"))
            assert (response.status_code, response.json()["type"]) == (404, PROBLEM + "not-found"), suffix
    unknown = await api.client.get(f"/agreements/{story.id}/commitments/Z9", headers=api.auth("ZH-HRSS"))
    assert (unknown.status_code, unknown.json()["type"]) == (404, PROBLEM + "unknown-commitment")


async def test_the_command_line_writes_the_same_export(api, story, dsn, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", dsn)
    out = tmp_path / "audit.jsonl"
    await asyncio.to_thread(main, ["export", "--agreement", str(story.id), "--output", str(out)])
    header, *events = lines(out.read_bytes())
    assert (header["count"], len(events)) == (18, 18)
    assert verify_chain(events) == header["headHash"]
    everything = tmp_path / "all.jsonl"
    await asyncio.to_thread(main, ["export", "--from", "1", "--output", str(everything)])
    header, *events = lines(everything.read_bytes())
    total = await api.system.pool.fetchval("SELECT count(*) FROM events")
    assert header["count"] == len(events) == total and header["agreementId"] is None
    assert hashlib.sha256(out.read_bytes()).hexdigest()  # written whole
