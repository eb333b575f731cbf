"""Loads the seed data set (parties and the ZZJ pact) through the application services, idempotently.

Every step carries its own idempotency key, so a second run, or a run after an interrupted one,
stores nothing twice.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from importlib import resources
from typing import Any
from uuid import UUID, uuid5

import yaml

from domain.party import PARTY_NAMESPACE, Party
from domain.values import (
    EntryIntoForce,
    InstrumentType,
    LocalizedString,
    LocalizedText,
    Modality,
    PartyRole,
    Period,
    Responsibility,
    ResponsibilityRole,
    TextKind,
)
from service.seed_indicators import IndicatorSeed
from service.system import System
from service.usecases.commands import (
    AddParty,
    Command,
    DefineArea,
    DefineCommitment,
    DraftAgreement,
    EnterIntoForce,
    OpenForSignature,
    RegisterParty,
    SignAgreement,
)
from service.usecases.context import Caller, Context

ZZJ = "ZZJ-HRSS-2025"
CHINA_STANDARD_TIME = timezone(timedelta(hours=8))
NO_LEAD_STATED = ("The source names no lead unit for any commitment; the three signatories are "
                  "recorded as co-leads (inferred).")
ZZJ_YEAR = ("The source gives the day (1月16日) but no year; the year 2025 comes from the agreement's "
            "title (2025年) and the article's URL (202501/17), inferred.")
# Kinds of the fixture's plain strings by language; the authentic language is marked separately.
PLAIN_KIND = {"zh-Hans": TextKind.OFFICIAL, "zh-Hant": TextKind.CONVERTED,
              "en": TextKind.UNOFFICIAL, "pt": TextKind.UNOFFICIAL}


def load_seeds() -> dict[str, Any]:
    text = resources.files("service").joinpath("data/gba-seeds.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def agreement_id_for(code: str) -> UUID:
    return uuid5(PARTY_NAMESPACE, f"agreement:{code}")


def localized(values: dict[str, Any], authentic: str | None = None) -> LocalizedText:
    """Fixture text ({lang: str | {text, translation}}) as domain text, marked with its kind."""
    out: LocalizedText = {}
    for lang, value in values.items():
        if isinstance(value, dict):
            if "text" not in value:
                continue
            default = PLAIN_KIND.get(lang, TextKind.UNOFFICIAL)
            kind = TextKind.UNOFFICIAL if value.get("translation") else default
            value = value["text"]
        else:
            kind = TextKind.AUTHENTIC if lang == authentic else PLAIN_KIND.get(lang, TextKind.UNOFFICIAL)
        out[lang] = LocalizedString(str(value), kind)
    return out


# Hong Kong and Macao write Traditional Chinese: a body of theirs is named officially in it, not converted.
OWN_TRADITIONAL_SCRIPT = frozenset({"HK", "MO"})


def party_names(party: dict[str, Any], parties: dict[str, dict[str, Any]]) -> LocalizedText:
    """The party's names marked with their kind: zh-Hant is official for Hong Kong and Macao bodies."""
    names = localized({k: v for k, v in party["names"].items() if v})
    home = party
    while home.get("parent") and not home.get("jurisdiction"):
        home = parties[home["parent"]]
    if home.get("jurisdiction") in OWN_TRADITIONAL_SCRIPT and "zh-Hant" in names:
        names["zh-Hant"] = LocalizedString(names["zh-Hant"].text, TextKind.OFFICIAL)
    return names


class Seeder:
    def __init__(self, system: System, data: dict[str, Any] | None = None) -> None:
        self.system = system
        self.data = data or load_seeds()

    def _ctx(self, step: str, party: UUID | None = None, occurred_at: datetime | None = None) -> Context:
        caller = Caller(key_id=None, party_id=party, is_admin=True, user="pactum seed")
        return Context(caller=caller, idempotency_key=f"seed:{step}", fingerprint=f"seed:{step}",
                       occurred_at=occurred_at)

    async def run(self) -> list[str]:
        """Load what is not loaded yet; say what the seed holds and how many events were new."""
        before = await self._stored()
        done = []
        by_code = {p["id"]: p for p in self.data["parties"]}
        for party in self.data["parties"]:
            parent = Party.id_for(party["parent"]) if party.get("parent") else None
            await self._do(f"party:{party['id']}", RegisterParty(
                code=party["id"], names=party_names(party, by_code), jurisdiction=party.get("jurisdiction"),
                parent_id=parent))
        done.append(f"{len(self.data['parties'])} parties")
        agreement = next(a for a in self.data["agreements"] if a["id"] == ZZJ)
        await self._load_agreement(agreement)
        done.append(f"agreement {ZZJ}")
        done.append(f"{await IndicatorSeed(self.data).load(self._do)} indicators")
        new = await self._stored() - before
        return [*done, f"{new} new events" if new else "already loaded: nothing new stored"]

    async def _do(self, step: str, command: Command, party: UUID | None = None,
                  occurred_at: datetime | None = None) -> None:
        await self.system.commands.execute(command, self._ctx(step, party, occurred_at))

    async def _stored(self) -> int:
        return await self.system.pool.fetchval("SELECT count(*) FROM events")

    async def _load_agreement(self, a: dict[str, Any]) -> None:
        code, authentic = a["id"], a["authentic_language"]
        aid = agreement_id_for(code)
        p = a["period"]
        period = Period(date.fromisoformat(p["from"]), date.fromisoformat(p["to"]), p["inferred"], p["basis"])
        signed_on = date.fromisoformat(a["signed_on"])
        # The source dates only the signing: drafting and the freeze are dated by it, the latest they can be.
        signed_at = datetime.combine(signed_on, time(), CHINA_STANDARD_TIME)
        await self._do(f"{code}:draft", DraftAgreement(
            agreement_id=aid, code=code, title=localized(a["title"], authentic), authentic_language=authentic,
            instrument_type=InstrumentType(a["instrument_type"]), period=period, occurred_at=signed_at))
        signatories = [Party.id_for(entry["party"]) for entry in a["parties"]]
        for party_id in signatories:
            await self._do(f"{code}:party:{party_id}",
                           AddParty(agreement_id=aid, party_id=party_id, role=PartyRole.SIGNATORY),
                           occurred_at=signed_at)
        co_leads = tuple(Responsibility(pid, ResponsibilityRole.CO_LEAD) for pid in signatories)
        for area in a["areas"]:
            aim = localized(area["aim"], authentic) if area.get("aim") else None
            await self._do(f"{code}:area:{area['id']}", DefineArea(
                agreement_id=aid, code=area["id"], title=localized(area["title"], authentic), aim=aim),
                occurred_at=signed_at)
            for c in area["commitments"]:
                text = localized({lang: c[lang] for lang in ("zh-Hans", "en") if lang in c}, authentic)
                await self._do(f"{code}:commitment:{c['id']}", DefineCommitment(
                    agreement_id=aid, code=c["id"], area_code=area["id"], text=text,
                    modality=Modality(c["modality"]), responsibilities=co_leads,
                    responsibility_basis=NO_LEAD_STATED, responsibility_inferred=True), occurred_at=signed_at)
        await self._do(f"{code}:freeze", OpenForSignature(agreement_id=aid, occurred_at=signed_at))
        for party_id in signatories:
            await self._do(f"{code}:signature:{party_id}",
                           SignAgreement(agreement_id=aid, signed_on=signed_on, place=a.get("signed_at"),
                                         inferred_basis=ZZJ_YEAR),
                           party_id, signed_at)
        entry = EntryIntoForce(period.starts_on, inferred=True, retroactive=True,
                               basis=f"Start of the agreement period: {p['basis']}")
        # Retroactive: decided at the signing, in force from the period's start.
        await self._do(f"{code}:entry-into-force", EnterIntoForce(agreement_id=aid, entry=entry),
                       occurred_at=signed_at)
