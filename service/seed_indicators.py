"""Loads the seed's indicators and their observations through the use cases, figures read as stated."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID, uuid5

from domain.indicator import Indicator
from domain.indicator.aggregate import INDICATOR_NAMESPACE
from domain.indicator.values import (
    Accumulation,
    Definition,
    Flag,
    FlagKind,
    MeasureType,
    Observation,
    ObservationNature,
    ReferenceDate,
    ReferencePeriod,
    SourceRef,
    Target,
    reference_date,
)
from domain.quantity import Qualifier, Quantity, stated
from domain.quantity_text import has_figure, parse_quantity
from domain.values import LocalizedString, TextKind
from service.seed_text import source_ref
from service.usecases.commands import Command, DefineIndicator, RecordObservation

Do = Callable[[str, Command], Awaitable[None]]
# S000 is published by a Guangdong government office; the others are news articles (quoting officials).
NATURE_OF_SOURCE = {"S000": ObservationNature.PARTY_REPORTED}
S000_MONTH = "The figure's date is the publication month of S000 (the source gives none)."
# Data-quality defects of the seed that fall on an observation: (indicator, index) -> the defect's raw text.
DEFECTS = {("IND-PUBINST-APPLICANTS", 0): "more than 1,000 applicants",
           ("IND-HETAO-RESEARCH", 0): "released 12 rankings",
           ("IND-RULE-CASES", 1): "covering 16 areas"}


class SeedMismatch(ValueError):
    """The seed's own value or qualifier disagrees with its raw text: load nothing rather than guess."""


def observation_id_for(code: str, index: int) -> UUID:
    return uuid5(INDICATOR_NAMESPACE, f"{code}:observation:{index}")


class IndicatorSeed:
    def __init__(self, data: dict[str, Any]) -> None:
        self.sources = {s["id"]: s for s in data["sources"]}
        self.defects = {d["raw"]: d for d in data["data_quality"]}
        self.indicators = data["indicators"]

    async def load(self, do: Do) -> int:
        for ind in self.indicators:
            code = ind["id"]
            await do(f"indicator:{code}", DefineIndicator(code=code, definition=self.definition(ind)))
            for i, obs in enumerate(ind.get("observations", [])):
                await do(f"indicator:{code}:observation:{i}", RecordObservation(
                    indicator_id=Indicator.id_for(code), observation_id=observation_id_for(code, i),
                    observation=self.observation(ind, i, obs)))
        return len(self.indicators)

    def definition(self, ind: dict[str, Any]) -> Definition:
        dims: dict[str, None] = {}
        for obs in ind.get("observations", []):
            dims.update(dict.fromkeys(obs.get("dims", {})))
        # The names are the fixture's own English descriptions, not the sources' words.
        name = {lang: LocalizedString(text, TextKind.UNOFFICIAL)
                for lang, text in ind.get("name", {}).items()}
        targets = tuple(Target(self.quantity(t, ind.get("unit")), self.source(t["src"]), t.get("note"))
                        for t in ind.get("targets", []))
        accumulation = Accumulation(ind["accumulation"]) if ind.get("accumulation") else None
        return Definition(name, MeasureType.COUNT, ind.get("unit"), accumulation, tuple(dims), targets,
                          ind.get("ext"))

    def observation(self, ind: dict[str, Any], index: int, obs: dict[str, Any]) -> Observation:
        unit = obs.get("unit") or ind.get("unit")
        notes = [obs.get("note"), obs.get("comparability")]
        if obs.get("ext_raw"):
            notes.append(f"ext: the Chinese source reads {obs['ext_raw']}")
        if obs.get("raw") and not has_figure(obs["raw"]):
            notes.append(f"source context: {obs['raw']}")
        flags = ()
        if (ind["id"], index) in DEFECTS:
            d = self.defects[DEFECTS[ind["id"], index]]
            why = d.get("probable") or d.get("ext") or d.get("note")
            flags = (Flag(FlagKind(d["issue"]), d["raw"], why),)
        return Observation(
            quantity=self.quantity(obs, unit), period=self.period(obs), nature=self.nature(obs["src"]),
            source=self.source(obs["src"]), dimensions={k: str(v) for k, v in obs.get("dims", {}).items()},
            members=tuple(obs.get("members", ())), label=obs.get("en"),
            note="; ".join(n for n in notes if n) or None, flags=flags)

    def quantity(self, item: dict[str, Any], unit: str | None) -> Quantity:
        """Read from the raw text when the seed gives one; it must agree with the seed's value."""
        qualifier = Qualifier(item.get("qualifier", "exact"))
        raw = item.get("raw")
        if raw is None or not has_figure(raw):
            return stated(item["value"], qualifier, unit)
        q = parse_quantity(raw, unit)
        if (q.value, q.qualifier) != (item["value"], qualifier):
            raise SeedMismatch(f"{raw!r} reads {q.qualifier} {q.value}, "
                               f"the seed says {qualifier} {item['value']}")
        return q

    def period(self, obs: dict[str, Any]) -> ReferencePeriod:
        since = obs.get("period_from")
        since_date = reference_date(since["value"], since.get("inferred", False), since.get("basis")) \
            if since else None
        return ReferencePeriod(self.as_of(obs), since_date)

    def as_of(self, obs: dict[str, Any]) -> ReferenceDate | None:
        if "as_of" not in obs:
            return None
        event = self.sources[obs["src"]].get("event_date")
        if isinstance(event, dict) and event.get("inferred"):
            return reference_date(obs["as_of"], True, f"the date of the event {obs['src']} reports, "
                                                       f"inferred: {event['basis']}")
        if obs["src"] == "S000":
            return reference_date(obs["as_of"], True, S000_MONTH)
        return reference_date(obs["as_of"], bool(obs.get("as_of_inferred")),
                              "the seed marks this date inferred" if obs.get("as_of_inferred") else None)

    def nature(self, src: str) -> ObservationNature:
        return NATURE_OF_SOURCE.get(src, ObservationNature.MEDIA_REPORTED)

    def source(self, src: str) -> SourceRef:
        return source_ref(self.sources, src)
