"""A year of implementation of the seeded ZZJ pact, told through the domain's commands.

Each step runs Agreement commands through the executor (no HTTP), with the day it happens on as `today`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID, uuid4

from domain.agreement import Agreement
from domain.agreement.values import DatePrecision, DueDate, Evidence, add_commitment
from domain.party import Party
from domain.values import LocalizedString, Modality, Nature, Responsibility, ResponsibilityRole, TextKind
from service.seed import ZZJ, agreement_id_for
from service.system import System
from service.usecases.context import Caller, Context

PACT = agreement_id_for(ZZJ)
ZH, ZS, JM, GD = (Party.id_for(c) for c in ("ZH-HRSS", "ZS-HRSS", "JM-HRSS", "GD-HRSS"))
EVIDENCE = (Evidence("联盟成立通知", url="https://hrss.zhuhai.gov.cn/notice/1"),)
MORE_EVIDENCE = (*EVIDENCE, Evidence("会议纪要", document_id="ZZJ-2025-017"))


def zh(text: str) -> dict[str, LocalizedString]:
    return {"zh-Hans": LocalizedString(text, TextKind.AUTHENTIC)}


class Story:
    def __init__(self, system: System) -> None:
        self.system = system
        self.ids: dict[str, UUID] = {}

    async def by(self, party: UUID | None, decide: Callable[[Agreement], None]) -> int:
        caller = Caller(key_id=None, party_id=party, is_admin=party is None, user="story")
        saved = await self.system.executor.update(Agreement, PACT, decide, Context(caller))
        return saved.position

    def new_id(self, name: str) -> UUID:
        self.ids[name] = uuid4()
        return self.ids[name]

    async def report(self, party: UUID, code: str, level: str, health: str, on: date,
                     own_share: bool = False, evidence: tuple[Evidence, ...] = ()) -> int:
        report_id = self.new_id(f"{code}:{party}:{on}")
        return await self.by(party, lambda a: a.report_progress(
            report_id, code, party, on, level, health, zh("进展说明"), on, evidence=evidence,
            own_share=own_share))

    async def planned(self) -> None:
        """February 2025: due dates, a start and milestones."""
        today = date(2025, 2, 10)
        await self.by(ZH, lambda a: a.set_due_date("A1.1", DueDate(date(2025, 6, 30)), today, ZH, "工作计划"))
        await self.by(ZH, lambda a: a.set_due_date(
            "A2.4", DueDate(date(2025, 9, 1), DatePrecision.MONTH), today, ZH, "工作计划"))
        await self.by(ZH, lambda a: a.start_commitment("A1.1", ZH, date(2025, 2, 1), today))
        await self.by(JM, lambda a: a.define_milestone("A4.2", "M1", zh("生态圈方案"),
                                                       DueDate(date(2025, 4, 30)), JM, today))
        await self.by(ZS, lambda a: a.define_milestone("A5.2", "M1", zh("线索移送办法"),
                                                       DueDate(date(2025, 3, 31)), ZS, today))

    async def first_reports(self) -> None:
        """March 2025: the first reports, one of them off track; a milestone achieved."""
        await self.report(ZH, "A1.1", "limited", "on_track", date(2025, 3, 1), evidence=EVIDENCE)
        await self.report(JM, "A5.1", "limited", "off_track", date(2025, 3, 1))
        await self.by(ZS, lambda a: a.achieve_milestone("A5.2", "M1", ZS, date(2025, 3, 20), EVIDENCE,
                                                        date(2025, 3, 25)))

    async def claimed(self) -> None:
        """May 2025: A1.1 substantial, then claimed complete; Zhongshan acknowledges."""
        today = date(2025, 5, 15)
        await self.report(ZH, "A1.1", "substantial", "on_track", today)
        claim = self.new_id("claim-1")
        await self.by(ZH, lambda a: a.claim_completion(claim, "A1.1", ZH, date(2025, 5, 10), MORE_EVIDENCE,
                                                       today))
        await self.by(ZS, lambda a: a.acknowledge_completion(claim, ZS, date(2025, 5, 16)))

    async def disputed(self) -> None:
        claim = self.ids["claim-1"]
        await self.by(JM, lambda a: a.dispute_completion(claim, JM, "培训记录不全", date(2025, 5, 18)))

    async def completed(self) -> None:
        """June 2025: claimed again with the missing records; both counterparties acknowledge."""
        today = date(2025, 6, 1)
        claim = self.new_id("claim-2")
        await self.by(ZH, lambda a: a.claim_completion(claim, "A1.1", ZH, date(2025, 5, 31), MORE_EVIDENCE,
                                                       today))
        await self.by(ZS, lambda a: a.acknowledge_completion(claim, ZS, today))
        await self.by(JM, lambda a: a.acknowledge_completion(claim, JM, date(2025, 6, 3)))

    async def shares(self) -> None:
        """June 2025: each city reports its own share of the joint A2.4."""
        for party, level in ((ZH, "substantial"), (ZS, "limited"), (JM, "complete")):
            await self.report(party, "A2.4", level, "on_track", date(2025, 6, 10), own_share=True)

    async def suspended(self) -> None:
        await self.by(None, lambda a: a.suspend(date(2025, 7, 1), "机构调整", date(2025, 7, 1)))

    async def resumed(self) -> None:
        await self.by(None, lambda a: a.resume(date(2025, 7, 15), date(2025, 7, 15)))

    async def amended(self) -> None:
        """August 2025: an amendment adds A6.6, due by the end of November."""
        amendment = self.new_id("amendment")
        leads = tuple(Responsibility(p, ResponsibilityRole.CO_LEAD) for p in (ZH, ZS, JM))
        change = add_commitment("A6.6", "A6", zh("共建技能人才数据库"), Modality.BUILD, Nature.DELIVERABLE,
                                leads, DueDate(date(2025, 11, 30)))
        await self.by(ZH, lambda a: a.propose_amendment(amendment, ZH, (change,), date(2025, 8, 1)))
        for party in (ZH, ZS, JM):
            await self.by(party, lambda a, p=party: a.sign_amendment(amendment, p, date(2025, 8, 5),
                                                                     date(2025, 8, 5)))

    async def share_corrected(self) -> None:
        """September 2025: Zhongshan corrects its share of A2.4 upwards."""
        original = self.ids[f"A2.4:{ZS}:{date(2025, 6, 10)}"]
        correction = self.new_id("correction")
        today = date(2025, 9, 12)
        await self.by(ZS, lambda a: a.correct_report(original, correction, ZS, "统计口径更正", today,
                                                     "substantial", "on_track", zh("更正"), today))

    async def closed_out(self) -> None:
        """The period ends with 2025; a final report in January; closed out on 1 February 2026."""
        await self.by(None, lambda a: a.end_period(date(2025, 12, 31), date(2026, 1, 31), date(2026, 1, 5)))
        await self.report(ZS, "A6.6", "limited", "at_risk", date(2026, 1, 10))
        await self.by(None, lambda a: a.close_out(date(2026, 2, 1), date(2026, 2, 1)))
