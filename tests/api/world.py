"""Parties in every role an agreement knows, their keys, and agreements built over HTTP in a chosen state.

One world per test module (a fresh database, no seed data); each test builds the agreements it needs.
"""

from __future__ import annotations

import functools
import itertools
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import uuid4

import pytest
from httpx import AsyncClient, Response

from service.http import context as http_context
from service.system import System
from service.usecases.context import BUSINESS_TIME, Context
from tests.api.helpers import text

# persona -> (party code, role in the agreement); the admin key has no party, the outsider no role
PARTIES = {
    "lead": ("T-LEAD", "signatory"),  # leads A1.1, co-leads A1.2
    "co_lead": ("T-COLEAD", "signatory"),  # co-leads A1.2
    "supporting": ("T-SUPPORT", "signatory"),  # supports A1.1
    "other_signatory": ("T-OTHER", "signatory"),  # responsible for nothing
    "coordinator": ("T-COORD", "coordinator"),
    "assessor": ("T-ASSESS", "assessor"),
    "observer": ("T-OBSERVE", "observer"),
    "outsider": ("T-OUTSIDE", None),
    "newcomer": ("T-NEW", None),  # registered, added while drafting by tests of addParty
}
STATES = ("draft", "structured", "open", "signed", "in_force")
START = "2025-01-01"
TODAY = datetime.now(BUSINESS_TIME).date().isoformat()  # the date the server decides on (Context.today)
_codes = itertools.count(1)


def evidence(title: str = "会议纪要") -> list[dict[str, Any]]:
    return [{"title": title, "url": "https://example.gov.cn/minutes/1", "sha256": "a" * 64}]


def report(**overrides: Any) -> dict[str, Any]:
    return {"asOf": "2025-03-01", "level": "limited", "health": "on_track", "narrative": text("进展顺利"),
            **overrides}


@contextmanager
def decided_at(moment: datetime):
    """Commands decided as if at `moment`: e.g. a claim made long enough ago for its deemed period to pass."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(http_context, "Context", functools.partial(Context, now=moment))
        yield


@dataclass
class World:
    client: AsyncClient
    system: System
    keys: dict[str, str] = field(default_factory=dict)  # persona -> bearer token
    ids: dict[str, str] = field(default_factory=dict)  # persona -> party id

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}

    async def post(self, path: str, body: Any = None, who: str = "lead", **headers: str) -> Response:
        return await self.client.post(path, json=body, headers={**self.auth(who), **headers})

    async def ok(self, path: str, body: Any = None, who: str = "lead") -> dict[str, Any]:
        response = await self.post(path, body, who)
        assert response.status_code == 201, f"{path} by {who}: {response.text}"
        return response.json()

    async def register(self) -> World:
        self.keys["admin"] = (await self.system.keys.issue("matrix", is_admin=True)).token
        for persona, (code, _) in PARTIES.items():
            party = await self.ok("/parties", {"code": code, "names": text(code)}, who="admin")
            self.ids[persona] = str(party["id"])
            key = await self.client.post(
                "/keys", json={"label": code, "partyId": self.ids[persona]}, headers=self.auth("admin")
            )
            assert key.status_code in (200, 201), key.text
            self.keys[persona] = key.json()["token"]
        return self

    async def agreement(self, state: str = "in_force", policy: dict | None = None,
                        delegation: bool = True) -> Agreement:
        """An agreement with a party in every role, two commitments and (once signed) a delegation from
        the lead to the coordinator; built as far as `state`."""
        created = await self.ok("/agreements", {
            "code": f"T-{next(_codes)}", "title": text("测试协议"), "authenticLanguage": "zh-Hans",
            "occurredAt": "2024-12-01T10:00:00+08:00"})
        agreement = Agreement(self, created["id"])
        if state == "draft":
            return agreement
        for persona, (_, role) in PARTIES.items():
            if role and persona != "lead":
                await agreement.ok("/parties", {"partyId": self.ids[persona], "role": role})
        await agreement.ok("/areas", {"code": "A1", "title": text("就业")})
        await agreement.ok("/commitments", commitment("A1.1", [(self.ids["lead"], "lead"),
                                                                (self.ids["supporting"], "supporting")]))
        await agreement.ok("/commitments", commitment("A1.2", [(self.ids["lead"], "co_lead"),
                                                                (self.ids["co_lead"], "co_lead")]))
        if policy:
            await agreement.ok("/verification-policy", {"policy": policy})
        if state == "structured":
            return agreement
        await agreement.ok("/text-freeze", {"occurredAt": "2024-12-19T10:00:00+08:00"})
        if state == "open":
            return agreement
        for persona in ("lead", "co_lead", "supporting", "other_signatory"):
            await agreement.ok("/signatures", {"signedOn": "2024-12-20"}, who=persona)
        if delegation:
            await agreement.ok("/delegations", {"delegateId": self.ids["coordinator"]})
        if state == "signed":
            return agreement
        await agreement.ok("/entry-into-force", {"effectiveOn": START})
        return agreement


@dataclass
class Agreement:
    world: World
    id: str

    def path(self, suffix: str) -> str:
        return f"/agreements/{self.id}{suffix}"

    async def post(self, suffix: str, body: Any = None, who: str = "lead", **headers: str) -> Response:
        return await self.world.post(self.path(suffix), body, who, **headers)

    async def ok(self, suffix: str, body: Any = None, who: str = "lead") -> dict[str, Any]:
        return await self.world.ok(self.path(suffix), body, who)

    async def report(self, code: str = "A1.1", who: str = "lead", **overrides: Any) -> str:
        created = await self.ok(f"/commitments/{code}/progress-reports", report(**overrides), who)
        return str(created["resourceId"])

    async def claim(self, code: str = "A1.1", who: str = "lead", **overrides: Any) -> str:
        body = {"completedOn": "2025-03-01", "evidence": evidence(), **overrides}
        return str((await self.ok(f"/commitments/{code}/completion-claims", body, who))["resourceId"])

    async def milestone(self, code: str = "A1.1", milestone: str | None = None, who: str = "lead") -> str:
        milestone = milestone or f"M{uuid4().hex[:6]}"
        body = {"code": milestone, "title": text("首次联席会议"), "due": {"on": "2025-06-30"}}
        await self.ok(f"/commitments/{code}/milestones", body, who)
        return milestone

    async def amendment(self, who: str = "lead") -> str:
        change = {"type": "change_due_date", "commitmentCode": "A1.1", "due": {"on": "2026-12-31"}}
        body = {"changes": [change]}
        return str((await self.ok("/amendments", body, who))["resourceId"])


def commitment(code: str, responsibilities: list[tuple[str, str]], area: str = "A1") -> dict[str, Any]:
    return {
        "code": code,
        "areaCode": area,
        "text": text("成立联盟", "Set up an alliance"),
        "modality": "establish",
        "responsibilities": [{"partyId": p, "role": r} for p, r in responsibilities],
    }
