"""Drives an agreement from draft to entry into force through the HTTP API."""

from __future__ import annotations

from domain.party import Party
from tests.api.helpers import text

ZH, ZS, JM = (str(Party.id_for(c)) for c in ("ZH-HRSS", "ZS-HRSS", "JM-HRSS"))


class Flow:
    def __init__(self, api, code: str = "TEST-1") -> None:
        self.api = api
        self.code = code
        self.id: str | None = None

    async def post(self, path: str, body: dict | None, who: str = "ZH-HRSS", **headers: str):
        url = f"/agreements/{self.id}{path}" if self.id else path
        return await self.api.client.post(url, json=body, headers={**self.api.auth(who), **headers})

    async def draft(self) -> Flow:
        r = await self.post(
            "/agreements",
            {"code": self.code, "title": text("测试协议", "Test pact"), "authenticLanguage": "zh-Hans",
             "occurredAt": "2025-01-02T10:00:00+08:00"},
        )
        assert r.status_code == 201, r.text
        self.id = r.json()["id"]
        return self

    async def with_structure(self) -> Flow:
        for party in (ZS, JM):
            assert (await self.post("/parties", {"partyId": party, "role": "signatory"})).status_code == 201
        assert (await self.post("/areas", {"code": "A1", "title": text("就业")})).status_code == 201
        r = await self.post(
            "/commitments", commitment("A1.1", [(ZH, "co_lead"), (ZS, "co_lead"), (JM, "co_lead")])
        )
        assert r.status_code == 201, r.text
        return self

    async def frozen(self) -> Flow:
        frozen = await self.post("/text-freeze", {"occurredAt": "2025-01-10T10:00:00+08:00"})
        assert frozen.status_code == 201, frozen.text
        return self

    async def signed(self, *whos: str) -> Flow:
        for who in whos or ("ZH-HRSS", "ZS-HRSS", "JM-HRSS"):
            r = await self.post("/signatures", {"signedOn": "2025-01-16", "place": "中山"}, who=who)
            assert r.status_code == 201, r.text
        return self


def commitment(code: str, responsibilities: list[tuple[str, str]], area: str = "A1") -> dict:
    return {
        "code": code,
        "areaCode": area,
        "text": text("成立联盟", "Set up an alliance"),
        "modality": "establish",
        "responsibilities": [{"partyId": p, "role": r} for p, r in responsibilities],
    }
