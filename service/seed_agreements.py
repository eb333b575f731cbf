"""Loads the seed's agreements through the use cases: drafted, frozen and signed as their sources say.

What a source does not state is inferred and marked so, with its basis: the ZZJ pact's year, the leads of
commitments that name none, the Guangdong-Hong Kong signing date, the nature a verb implies."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from uuid import UUID

from domain.party import Party
from domain.values import (
    EntryIntoForce,
    InstrumentType,
    LocalizedText,
    Modality,
    PartyRole,
    Period,
    Responsibility,
    ResponsibilityRole,
    TextKind,
)
from service.seed_text import agreement_id_for, english, localized
from service.usecases.commands import (
    AddParty,
    Command,
    DefineArea,
    DefineCommitment,
    DraftAgreement,
    EnterIntoForce,
    OpenForSignature,
    SignAgreement,
)

Do = Callable[..., Awaitable[None]]  # (step, command, party=None, occurred_at=None)
CHINA_STANDARD_TIME = timezone(timedelta(hours=8))
NO_LEAD_STATED = ("The source names no lead unit for any commitment; the three signatories are "
                  "recorded as co-leads (inferred).")
ZZJ_YEAR = ("The source gives the day (1月16日) but no year; the year 2025 comes from the agreement's "
            "title (2025年) and the article's URL (202501/17), inferred.")
TEXT_NOT_HELD = ("{src} reports that the agreement was signed and what it is about, not its text: "
                 "no commitments are recorded.")
PROGRAMME_TITLE = "Guangdong-Macao joint programme of 5 November 2021 (forward commitments reported in S000)"
PROGRAMME_SIGNED = ("S000 reports these forward commitments ('Guangdong and Macao will ...') with the three "
                    "agreements signed on 2021-11-05; it reports no signature of them: the date and the "
                    "signatures are inferred from that meeting.")
JOINT = ("S000 states this as 'Guangdong and Macao will ...' and names no lead: both signatories are "
         "recorded as co-leads (inferred).")
HINTED = ("S000 attributes this to {side}: its signatory, {party}, is recorded as the lead (inferred from "
          "the owner hint '{side}').")
# The English verb that opens a programme commitment, as the fixture words it -> the modality it names.
VERBS = {"further improve": Modality.IMPROVE, "jointly build": Modality.BUILD, "support": Modality.SUPPORT,
         "use": Modality.LEVERAGE, "improve": Modality.IMPROVE, "provide": Modality.PROVIDE,
         "deepen": Modality.DEEPEN, "pilot": Modality.PILOT, "introduce": Modality.INTRODUCE,
         "build": Modality.BUILD, "develop": Modality.DEVELOP, "strengthen": Modality.STRENGTHEN}
SIDE = {"GD": "GD-HRSS", "MO": "MO-GOV"}


def modality_of(text: str) -> Modality:
    """The modality the commitment's opening verb names (the longest verb that opens it)."""
    lowered = text.lower()
    verbs = [v for v in VERBS if lowered == v or lowered.startswith(v + " ")]
    if not verbs:
        raise ValueError(f"no known verb opens {text!r}")
    return VERBS[max(verbs, key=len)]


def start_of(day: date) -> datetime:
    """Sources date only the signing day: steps up to it are dated at its start, the latest they can be."""
    return datetime.combine(day, time(), CHINA_STANDARD_TIME)


def signed_on(a: dict[str, Any]) -> tuple[date, str | None]:
    """The signing day, and the basis when it is inferred (None: stated by the source)."""
    value = a["signed_on"]
    if isinstance(value, dict):
        return date.fromisoformat(value["value"]), value["basis"] if value.get("inferred") else None
    return date.fromisoformat(value), None


class AgreementSeed:
    def __init__(self, do: Do) -> None:
        self.do = do

    async def zzj(self, a: dict[str, Any]) -> None:
        code, authentic = a["id"], a["authentic_language"]
        p = a["period"]
        period = Period(date.fromisoformat(p["from"]), date.fromisoformat(p["to"]), p["inferred"], p["basis"])
        day, _ = signed_on(a)
        signatories = await self._draft(a, localized(a["title"], authentic), authentic, day, period=period)
        co_leads = tuple(Responsibility(pid, ResponsibilityRole.CO_LEAD) for pid in signatories)
        for area in a["areas"]:
            aim = localized(area["aim"], authentic) if area.get("aim") else None
            await self._area(code, area, localized(area["title"], authentic), aim, day)
            for c in area["commitments"]:
                text = localized({lang: c[lang] for lang in ("zh-Hans", "en") if lang in c}, authentic)
                await self._commitment(code, area["id"], c["id"], text, Modality(c["modality"]), co_leads,
                                       NO_LEAD_STATED, day)
        await self._sign(a, signatories, day, ZZJ_YEAR, place=a.get("signed_at"))
        entry = EntryIntoForce(period.starts_on, inferred=True, retroactive=True,
                               basis=f"Start of the agreement period: {p['basis']}")
        # Retroactive: decided at the signing, in force from the period's start.
        aid = agreement_id_for(code)
        await self.do(f"{code}:entry-into-force", EnterIntoForce(agreement_id=aid, entry=entry),
                      occurred_at=start_of(day))

    async def reported(self, a: dict[str, Any], plain: dict[str, TextKind] | None = None) -> None:
        """An agreement its source reports as signed, without its text: no areas, no commitments."""
        day, basis = signed_on(a)
        title = localized(a["title"], plain=plain)
        await self._draft(a, title, "zh-Hans" if "zh-Hans" in title else "en", day,
                          text_not_held=TEXT_NOT_HELD.format(src=a["src"]))
        await self._sign(a, [Party.id_for(e["party"]) for e in a["parties"]], day, basis)

    async def programme(self, a: dict[str, Any], signed: date) -> None:
        """The forward commitments S000 reports, as a joint statement of the two sides."""
        code = a["id"]
        signatories = await self._draft(a, english(PROGRAMME_TITLE), "en", signed)
        joint = tuple(Responsibility(pid, ResponsibilityRole.CO_LEAD) for pid in signatories)
        for area in a["areas"]:
            await self._area(code, area, english(area["title"]["en"]), None, signed)
            for c in area["commitments"]:
                leads, basis = joint, JOINT
                if c.get("owner_hint"):
                    side = c["owner_hint"]
                    leads = (Responsibility(Party.id_for(SIDE[side]), ResponsibilityRole.LEAD),)
                    basis = HINTED.format(side=side, party=SIDE[side])
                await self._commitment(code, area["id"], c["id"], english(c["en"]), modality_of(c["en"]),
                                       leads, basis, signed)
        await self._sign(a, signatories, signed, PROGRAMME_SIGNED)

    async def _draft(self, a: dict[str, Any], title: LocalizedText, authentic: str, day: date,
                     period: Period | None = None, text_not_held: str | None = None) -> list[UUID]:
        code, aid, when = a["id"], agreement_id_for(a["id"]), start_of(day)
        await self.do(f"{code}:draft", DraftAgreement(
            agreement_id=aid, code=code, title=title, authentic_language=authentic,
            instrument_type=InstrumentType(a["instrument_type"]), period=period, occurred_at=when,
            text_not_held=text_not_held))
        signatories = [Party.id_for(entry["party"]) for entry in a["parties"]]
        for party_id in signatories:
            await self.do(f"{code}:party:{party_id}",
                          AddParty(agreement_id=aid, party_id=party_id, role=PartyRole.SIGNATORY),
                          occurred_at=when)
        return signatories

    async def _area(self, code: str, area: dict[str, Any], title: LocalizedText, aim: LocalizedText | None,
                    day: date) -> None:
        await self.do(f"{code}:area:{area['id']}", DefineArea(
            agreement_id=agreement_id_for(code), code=area["id"], title=title, aim=aim),
            occurred_at=start_of(day))

    async def _commitment(self, code: str, area: str, commitment: str, text: LocalizedText,
                          modality: Modality, leads: tuple[Responsibility, ...], basis: str,
                          day: date) -> None:
        command: Command = DefineCommitment(
            agreement_id=agreement_id_for(code), code=commitment, area_code=area, text=text,
            modality=modality, responsibilities=leads, responsibility_basis=basis,
            responsibility_inferred=True)
        await self.do(f"{code}:commitment:{commitment}", command, occurred_at=start_of(day))

    async def _sign(self, a: dict[str, Any], signatories: list[UUID], day: date, inferred: str | None,
                    place: str | None = None) -> None:
        code, aid, when = a["id"], agreement_id_for(a["id"]), start_of(day)
        await self.do(f"{code}:freeze", OpenForSignature(agreement_id=aid, occurred_at=when))
        for party_id in signatories:
            await self.do(f"{code}:signature:{party_id}", SignAgreement(
                agreement_id=aid, signed_on=day, place=place, inferred_basis=inferred), party_id, when)
