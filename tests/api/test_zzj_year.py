"""A year of the ZZJ pact over HTTP, each step by the party that takes it, with its own key."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.party import Party
from service.seed import ZZJ, agreement_id_for
from service.usecases.context import BUSINESS_TIME

PACT = agreement_id_for(ZZJ)
ZH, ZS, JM = (str(Party.id_for(c)) for c in ("ZH-HRSS", "ZS-HRSS", "JM-HRSS"))
KEY = {ZH: "ZH-HRSS", ZS: "ZS-HRSS", JM: "JM-HRSS"}
NOTICE = {"title": "联盟成立通知", "url": "https://hrss.zhuhai.gov.cn/notice/1"}
MINUTES = {"title": "会议纪要", "documentId": "ZZJ-2025-017"}


def zh(text: str) -> dict:
    return {"zh-Hans": {"text": text, "kind": "authentic"}}


def report(
    as_of: str, level: str, *evidence: dict, health: str = "on_track", own_share: bool = False
) -> dict:
    return {
        "asOf": as_of,
        "level": level,
        "health": health,
        "narrative": zh("进展说明"),
        "evidence": list(evidence),
        "ownShare": own_share,
    }


class Pact:
    def __init__(self, api) -> None:
        self.api = api

    async def by(self, party: str, path: str, body: dict | None = None, status: int = 201) -> dict:
        response = await self.api.client.post(
            f"/agreements/{PACT}{path}", json=body or {}, headers=self.api.auth(KEY.get(party, party))
        )
        assert response.status_code == status, response.text
        return response.json()

    async def progress(self) -> dict[str, dict]:
        await self.api.caught_up()
        body = (
            await self.api.client.get(f"/agreements/{PACT}/progress", headers=self.api.auth("ZS-HRSS"))
        ).json()
        return {c["code"]: c for area in body["areas"] for c in area["commitments"]} | {"": body}

    async def obligations(self, party: str) -> dict:
        return (
            await self.api.client.get(f"/parties/{party}/obligations", headers=self.api.auth(KEY[party]))
        ).json()

    async def at_risk(self, party: str) -> dict[str, set[str]]:
        body = (
            await self.api.client.get("/at-risk", params={"limit": 100}, headers=self.api.auth(KEY[party]))
        ).json()
        return {i["commitmentCode"]: {r["reason"] for r in i["reasons"]} for i in body["items"]}


async def test_a_year_of_the_zzj_pact(api):
    pact = Pact(api)

    # Zhuhai reports the HR services alliance (A1.1) substantial, with evidence, then claims completion.
    await pact.by(ZH, "/commitments/A1.1/progress-reports", report("2025-03-31", "substantial", NOTICE))
    claim = (
        await pact.by(
            ZH, "/commitments/A1.1/completion-claims", {"completedOn": "2025-04-15", "evidence": [NOTICE]}
        )
    )["resourceId"]
    a11 = (await pact.progress())["A1.1"]
    assert a11["lifecycle"] == "completion_claimed" and a11["level"] == "substantial"
    assert a11["lastReport"]["partyId"] == ZH and a11["evidenceCount"] >= 1
    assert set(a11["openClaim"]["awaiting"]) == {ZS, JM}
    assert [c["claimId"] for c in (await pact.obligations(JM))["claimsAwaitingAcknowledgement"]] == [claim]

    # Zhuhai cannot acknowledge its own claim; to Guangdong, outside the pact, the pact does not exist.
    own = await pact.by(ZH, f"/completion-claims/{claim}/acknowledgements", status=409)
    assert own["type"] == "urn:pactum:problem:own-claim"
    outsider = await pact.by(
        "GD-HRSS", "/commitments/A1.2/progress-reports", report("2025-04-01", "limited"), status=404
    )
    assert outsider["type"] == "urn:pactum:problem:not-found"

    # Zhongshan acknowledges; Jiangmen disputes with a reason.
    await pact.by(ZS, f"/completion-claims/{claim}/acknowledgements")
    await pact.by(JM, f"/completion-claims/{claim}/disputes", {"reason": "联盟章程尚未签署"})
    a11 = (await pact.progress())["A1.1"]
    assert a11["lifecycle"] == "in_progress" and a11["verification"] == "disputed"
    assert "disputed" in (await pact.at_risk(ZH))["A1.1"]
    assert [d["commitmentCode"] for d in (await pact.obligations(JM))["openDisputes"]] == ["A1.1"]

    # Zhuhai adds evidence and claims again; both counterparties acknowledge: completed.
    await pact.by(
        ZH, "/commitments/A1.1/progress-reports", report("2025-05-20", "substantial", NOTICE, MINUTES)
    )
    again = (
        await pact.by(
            ZH,
            "/commitments/A1.1/completion-claims",
            {"completedOn": "2025-05-20", "evidence": [NOTICE, MINUTES]},
        )
    )["resourceId"]
    await pact.by(ZS, f"/completion-claims/{again}/acknowledgements")
    await pact.by(JM, f"/completion-claims/{again}/acknowledgements")
    a11 = (await pact.progress())["A1.1"]
    assert (a11["lifecycle"], a11["level"], a11["verification"]) == ("completed", "complete", "acknowledged")
    assert a11["openClaim"] is None

    # Joint inspections (A5.3) receive each city's own share.
    for party, level in ((ZH, "substantial"), (ZS, "limited"), (JM, "substantial")):
        await pact.by(
            party, "/commitments/A5.3/progress-reports", report("2025-06-30", level, own_share=True)
        )
    shares = {s["partyId"]: s["level"] for s in (await pact.progress())["A5.3"]["shares"]}
    assert shares == {ZH: "substantial", ZS: "limited", JM: "substantial"}

    # The three-city employment service circle (A2.3) misses its milestone: overdue for Jiangmen.
    await pact.by(
        JM,
        "/commitments/A2.3/milestones",
        {"code": "M1", "title": zh("就业服务圈方案"), "due": {"on": "2025-06-30"}},
    )
    a23 = (await pact.progress())["A2.3"]
    assert a23["milestones"][0]["timeliness"] == "overdue"
    assert "milestone_overdue" in (await pact.at_risk(JM))["A2.3"]
    assert "A2.3" in {i["commitmentCode"] for i in (await pact.obligations(JM))["overdue"]}

    # An amendment signed by all three adds a commitment (proposed and signed today).
    today = datetime.now(UTC).astimezone(BUSINESS_TIME).date().isoformat()
    change = {
        "type": "add_commitment",
        "commitmentCode": "A6.6",
        "areaCode": "A6",
        "text": zh("共建技能人才信息库"),
        "modality": "build",
        "responsibilities": [{"partyId": ZH, "role": "lead"}],
    }
    amendment = (await pact.by(ZS, "/amendments", {"changes": [change]}))["resourceId"]
    for party in (ZH, ZS, JM):
        await pact.by(party, f"/amendments/{amendment}/signatures", {"signedOn": today})
    view = await pact.progress()
    assert view["A6.6"]["lifecycle"] == "planned" and view[""]["rollup"]["commitmentCount"] == 28

    # The period ends; close-out leaves the rest closed incomplete with their final levels.
    await pact.by(ZS, "/period-end", {"endedOn": "2025-12-31", "finalReportDue": "2026-12-31"})
    await pact.by(ZS, "/close-out", {"closedOn": "2026-01-15"})
    view = await pact.progress()
    assert view[""]["status"] == "closed"
    assert view["A1.1"]["lifecycle"] == "completed"
    assert (view["A5.3"]["lifecycle"], view["A5.3"]["level"]) == ("closed_incomplete", "limited")
    assert {view[c]["lifecycle"] for c in view if c not in ("", "A1.1")} == {"closed_incomplete"}
    late = await pact.by(
        ZH, "/commitments/A1.2/progress-reports", report("2026-01-20", "limited"), status=409
    )
    assert late["type"].startswith("urn:pactum:problem:")
