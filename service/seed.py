"""Loads the whole seed data set through the application services, idempotently.

Parties, the agreements (the ZZJ pact; the three Guangdong-Macao agreements of 2021-11-05 and their joint
programme; the Guangdong-Hong Kong cross-boundary services agreement), indicators with their observations,
initiatives with the outcomes reported for an agreement, the canonical themes of areas and indicators, and
the defects of the sources. Every step carries its own idempotency key,
so a second run, or a run after an interrupted one, stores nothing twice.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from importlib import resources
from typing import Any
from uuid import UUID

import yaml

from domain.party import Party
from domain.values import TextKind
from service.seed_agreements import AgreementSeed
from service.seed_defects import DefectSeed
from service.seed_indicators import IndicatorSeed
from service.seed_initiatives import InitiativeSeed
from service.seed_text import agreement_id_for, localized, party_names
from service.seed_themes import ThemeSeed
from service.system import System
from service.usecases.commands import Command, RegisterParty
from service.usecases.context import Caller, Context

__all__ = ["ZZJ", "Seeder", "agreement_id_for", "load_seeds", "localized", "party_names"]

ZZJ = "ZZJ-HRSS-2025"
PROGRAMME = "GDMO-2021-PROGRAMME"
GDHK = "GDHK-XBS-2023"
# S003 is a machine translation from Chinese: its English wording is the machine's.
MACHINE_ENGLISH = {"S003": {"en": TextKind.MACHINE}}
Step = Callable[[str], None]  # told the name of each part loaded, for a progress bar


def load_seeds() -> dict[str, Any]:
    text = resources.files("service").joinpath("data/gba-seeds.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


class Seeder:
    def __init__(self, system: System, data: dict[str, Any] | None = None) -> None:
        self.system = system
        self.data = data or load_seeds()

    def parts(self) -> list[tuple[str, Callable[[], Awaitable[object]]]]:
        """What the seed loads, in order (parties before the agreements that name them), one part each."""
        by_code = {a["id"]: a for a in self.data["agreements"]}
        agreements = AgreementSeed(self._do)
        programme = by_code[PROGRAMME]
        related = [by_code[code] for code in programme["related"]]
        parts: list[tuple[str, Callable[[], Awaitable[object]]]] = [
            ("parties", self._parties), (ZZJ, lambda: agreements.zzj(by_code[ZZJ]))]
        parts += [(a["id"], lambda a=a: agreements.reported(a)) for a in related]
        signed = date.fromisoformat(related[0]["signed_on"])
        parts.append((PROGRAMME, lambda: agreements.programme(programme, signed)))
        gdhk = by_code[GDHK]
        parts.append((GDHK, lambda: agreements.reported(gdhk, MACHINE_ENGLISH.get(gdhk["src"]))))
        parts.append(("indicators", lambda: IndicatorSeed(self.data).load(self._do)))
        parts.append(("initiatives", lambda: InitiativeSeed(self.data).load(self._do)))
        parts.append(("themes", lambda: ThemeSeed(agreement_id_for, self.system.repository).load(self._do)))
        parts.append(("data-quality defects", lambda: DefectSeed(self.data, agreement_id_for).load(self._do)))
        return parts

    async def run(self, step: Step | None = None) -> list[str]:
        """Load what is not loaded yet; say what the seed holds and how many events were new."""
        before = await self._stored()
        for name, load in self.parts():
            await load()
            if step is not None:
                step(name)
        new = await self._stored() - before
        held = (f"{len(self.data['parties'])} parties", f"{len(self.data['agreements'])} agreements",
                f"{len(self.data['indicators'])} indicators",
                f"{len(self.data['initiatives'])} initiatives and the outcomes of {GDHK}")
        return [*held, f"{new} new events" if new else "already loaded: nothing new stored"]

    async def _parties(self) -> None:
        by_code = {p["id"]: p for p in self.data["parties"]}
        for party in self.data["parties"]:
            parent = Party.id_for(party["parent"]) if party.get("parent") else None
            await self._do(f"party:{party['id']}", RegisterParty(
                code=party["id"], names=party_names(party, by_code), jurisdiction=party.get("jurisdiction"),
                parent_id=parent))

    def _ctx(self, step: str, party: UUID | None = None, occurred_at: datetime | None = None) -> Context:
        caller = Caller(key_id=None, party_id=party, is_admin=True, user="pactum seed")
        return Context(caller=caller, idempotency_key=f"seed:{step}", fingerprint=f"seed:{step}",
                       occurred_at=occurred_at)

    async def _do(self, step: str, command: Command, party: UUID | None = None,
                  occurred_at: datetime | None = None) -> None:
        await self.system.commands.execute(command, self._ctx(step, party, occurred_at))

    async def _stored(self) -> int:
        return await self.system.pool.fetchval("SELECT count(*) FROM events")
