"""Notes the seed's data-quality defects that fall on no observation (those that do are flags on it)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

from domain.quality.values import RESOLVED_BY, DefectKind, Subject
from service.seed_indicators import DEFECTS, IndicatorSeed
from service.usecases.commands import Command, NoteDefect

Do = Callable[[str, Command], Awaitable[None]]
# Defects about what an agreement's source states: its parties (and admins) alone see them.
ABOUT_AGREEMENT = {"first batch of 9 high-frequency government service items": "GDHK-XBS-2023",
                   "人才开发、就业创业、社会保障、技能培养等六大方面": "ZZJ-HRSS-2025"}
LABELS = {"GDHK-XBS-2023": "a reported outcome of the agreement",
          "ZZJ-HRSS-2025": "the agreement's headline areas"}


class DefectSeed:
    def __init__(self, data: dict[str, Any], agreement_id_for: Callable[[str], UUID]) -> None:
        self.data, self.agreement_id_for = data, agreement_id_for
        self.sources = IndicatorSeed(data)

    async def load(self, do: Do) -> str:
        on_observations = set(DEFECTS.values())
        noted = [d for d in self.data["data_quality"] if d["raw"] not in on_observations]
        for d in noted:
            agreement = ABOUT_AGREEMENT.get(d["raw"])
            subject = Subject(d["src"], self.agreement_id_for(agreement) if agreement else None,
                              LABELS.get(agreement or ""))
            extra = [f"{k}: {d[k]}" for k in ("ext", "action") if d.get(k)]
            kind = DefectKind(d["issue"])
            await do(f"defect:{d['src']}:{d['raw']}", NoteDefect(
                source=self.sources.source(d["src"]), subject=subject, kind=kind, raw=d["raw"],
                resolve_by=RESOLVED_BY[kind], probable=d.get("probable"),
                note="; ".join([*([d["note"]] if d.get("note") else []), *extra]) or None))
        return f"{len(noted)} defects of the sources"
