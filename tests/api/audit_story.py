"""A year of a small agreement between three cities, told through the use cases with its business times.

Not the seeded pact: "GBA-AUDIT-2025" (Zhuhai, Zhongshan, Jiangmen), one area and three commitments. Each
step says when it happened (`occurredAt`); it is recorded when the test runs it. One report arrives late:
Jiangmen's March report on A1.3 is recorded after Zhongshan's April report on A1.2. Zhuhai corrects its March
report on A1.1 in July. `known` holds the instants between the phases, for reads as known at them.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time
from uuid import UUID, uuid4

from domain.agreement.values import CompletionLevel, Evidence, Health
from domain.party import Party
from domain.values import (
    EntryIntoForce,
    InstrumentType,
    LocalizedString,
    Modality,
    Nature,
    PartyRole,
    Period,
    Responsibility,
    ResponsibilityRole,
    TextKind,
)
from service.system import System
from service.usecases.commands import (
    AddParty,
    CorrectReport,
    DefineArea,
    DefineCommitment,
    DraftAgreement,
    EnterIntoForce,
    OpenForSignature,
    ReportProgress,
    SignAgreement,
)
from service.usecases.context import BUSINESS_TIME, Caller, Context

ZH, ZS, JM = (Party.id_for(c) for c in ("ZH-HRSS", "ZS-HRSS", "JM-HRSS"))
EVIDENCE = (Evidence("工作简报", url="https://hrss.zhuhai.gov.cn/brief/3", sha256="b" * 64),
            Evidence("会议纪要", document_id="AUDIT-2025-004"))


def zh(text: str) -> dict[str, LocalizedString]:
    return {"zh-Hans": LocalizedString(text, TextKind.AUTHENTIC),
            "en": LocalizedString(text, TextKind.MACHINE)}


class AuditStory:
    def __init__(self, system: System) -> None:
        self.system = system
        self.id = uuid4()
        self.known: dict[str, datetime] = {}
        self.reports: dict[str, UUID] = {}

    def ctx(self, party: UUID | None, day: date) -> Context:
        caller = Caller(key_id=None, party_id=party, is_admin=party is None, user="audit story")
        # ten in the morning of `day`, or now when that is still to come today (a fact is never dated ahead)
        at = min(datetime.combine(day, time(10), BUSINESS_TIME), datetime.now(UTC))
        return Context(caller, occurred_at=at)

    async def mark(self, name: str) -> None:
        """An instant after everything recorded so far and before anything recorded next."""
        await asyncio.sleep(0.01)
        self.known[name] = datetime.now(UTC)
        await asyncio.sleep(0.01)

    async def run(self, command, party: UUID | None, day: date):
        return await self.system.commands.execute(command, self.ctx(party, day))

    async def drafted_and_signed(self) -> None:
        """January 2025: drafted by Zhuhai, three commitments, signed by all on 20 January."""
        day, a = date(2025, 1, 6), self.id
        await self.run(DraftAgreement(
            agreement_id=a, code="GBA-AUDIT-2025", title=zh("人才协作协议"), authentic_language="zh-Hans",
            instrument_type=InstrumentType.COOPERATION_AGREEMENT,
            period=Period(date(2025, 1, 1), date(2025, 12, 31), False, None)), ZH, day)
        for party in (ZS, JM):
            await self.run(AddParty(agreement_id=a, party_id=party, role=PartyRole.SIGNATORY), ZH, day)
        await self.run(DefineArea(agreement_id=a, code="A1", title=zh("人才")), ZH, day)
        for code, leads in (("A1.1", ((ZH, "lead"), (ZS, "supporting"))),
                            ("A1.2", ((ZS, "lead"),)), ("A1.3", ((JM, "lead"),))):
            roles = tuple(Responsibility(p, ResponsibilityRole(r)) for p, r in leads)
            await self.run(DefineCommitment(
                agreement_id=a, code=code, area_code="A1", text=zh(f"承诺{code}"),
                modality=Modality.ESTABLISH,
                nature=Nature.DELIVERABLE, responsibilities=roles), ZH, day)
        await self.run(OpenForSignature(agreement_id=a), ZH, date(2025, 1, 10))
        for party in (ZH, ZS, JM):
            await self.run(SignAgreement(agreement_id=a, signed_on=date(2025, 1, 20), place="珠海"),
                           party, date(2025, 1, 20))

    async def in_force(self) -> None:
        entry = EntryIntoForce(date(2025, 2, 1), False, None)
        await self.run(EnterIntoForce(agreement_id=self.id, entry=entry), None, date(2025, 2, 1))

    async def report(self, name: str, party: UUID, code: str, day: date, level: str) -> None:
        created = await self.run(ReportProgress(
            agreement_id=self.id, code=code, as_of=day, level=CompletionLevel(level), health=Health.ON_TRACK,
            narrative=zh(f"{code}进展"), evidence=EVIDENCE), party, day)
        self.reports[name] = created.record_id

    async def spring_reports(self) -> None:
        """Zhuhai reports A1.1 on 10 March, Zhongshan A1.2 on 15 April."""
        await self.report("A1.1-march", ZH, "A1.1", date(2025, 3, 10), "limited")
        await self.report("A1.2-april", ZS, "A1.2", date(2025, 4, 15), "limited")

    async def late_report(self) -> None:
        """Jiangmen's report on A1.3 as of 25 March, recorded only now (in June, as the story goes)."""
        await self.report("A1.3-march", JM, "A1.3", date(2025, 3, 25), "substantial")

    async def correction(self) -> None:
        """July: Zhuhai corrects its March report on A1.1 upwards."""
        await self.run(CorrectReport(
            agreement_id=self.id, report_id=self.reports["A1.1-march"], reason="统计口径更正",
            as_of=date(2025, 3, 10), level=CompletionLevel.SUBSTANTIAL, health=Health.ON_TRACK,
            narrative=zh("更正: 统计口径"), evidence=EVIDENCE), ZH, date(2025, 7, 1))

    async def play(self) -> None:
        await self.drafted_and_signed()
        await self.mark("signed")
        await self.in_force()
        await self.spring_reports()
        await self.mark("april")
        await self.late_report()
        await self.mark("late")
        await self.correction()
        await self.mark("corrected")
