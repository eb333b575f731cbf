"""Loads the seed's initiatives, and the outcomes reported for an agreement, through the use cases."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from domain.indicator.values import ReferenceDate, SourceRef, reference_date
from domain.initiative.values import InitiativeContent, InitiativeItem, InitiativeKind, ItemKind
from domain.party import Party
from domain.quantity import Qualifier, Quantity, QuantityFlag, stated, unreadable
from service.seed_text import agreement_id_for, english, source_ref
from service.usecases.commands import Command, RecordInitiative

Do = Callable[[str, Command], Awaitable[None]]
ITEM_LISTS = {"items": ItemKind.INTENTION, "examples": ItemKind.EXAMPLE, "next_focus": ItemKind.NEXT_FOCUS}
OUTCOMES = "{code}-OUTCOMES"
OUTCOMES_BASIS = "{src} reports these as outcomes of the agreement (the fixture's outcomes_reported)."
NO_BASIS_GIVEN = "the seed marks this date inferred without giving its basis"


def outcomes_code(agreement_code: str) -> str:
    return OUTCOMES.format(code=agreement_code)


class InitiativeSeed:
    def __init__(self, data: dict[str, Any]) -> None:
        self.sources = {s["id"]: s for s in data["sources"]}
        self.initiatives = data["initiatives"]
        self.reporting = [a for a in data["agreements"] if a.get("outcomes_reported")]

    async def load(self, do: Do) -> int:
        for i in self.initiatives:
            await do(f"initiative:{i['id']}", RecordInitiative(code=i["id"], content=self.content(i)))
        for a in self.reporting:
            code = outcomes_code(a["id"])
            await do(f"initiative:{code}", RecordInitiative(
                code=code, content=self.outcomes(a), agreement_ids=(agreement_id_for(a["id"]),),
                link_basis=OUTCOMES_BASIS.format(src=a["src"])))
        return len(self.initiatives) + len(self.reporting)

    def content(self, i: dict[str, Any]) -> InitiativeContent:
        items = [InitiativeItem(kind, english(text)) for key, kind in ITEM_LISTS.items()
                 for text in i.get(key, ())]
        items += [self.milestone(m) for m in i.get("milestones", ())]
        owner = Party.id_for(i["owner"]) if i.get("owner") else None
        summary = english(i["en"]) if i.get("en") else None
        effective = self.date(i["effective_from"], i["src"]) if i.get("effective_from") else None
        return InitiativeContent(InitiativeKind(i["kind"]), summary, owner, i.get("speaker"),
                                 self.source(i["src"]), tuple(items), effective)

    def outcomes(self, a: dict[str, Any]) -> InitiativeContent:
        items = tuple(InitiativeItem(ItemKind.OUTCOME, english(o["en"]), self.quantity(o.get("qty")),
                                     note=self.note(o)) for o in a["outcomes_reported"])
        return InitiativeContent(InitiativeKind.OUTCOME_REPORT, None, None, None, self.source(a["src"]),
                                 items)

    def milestone(self, m: dict[str, Any]) -> InitiativeItem:
        due = m["due"]
        if due.get("qualifier") == "garbled":
            return InitiativeItem(ItemKind.MILESTONE, english(m["en"]), due_raw=due["raw"],
                                  note="the source's date is garbled: kept as written")
        return InitiativeItem(ItemKind.MILESTONE, english(m["en"]),
                              due=reference_date(due["value"], due.get("inferred", False), due.get("basis")))

    def date(self, value: dict[str, Any], src: str) -> ReferenceDate:
        basis = value.get("basis")
        if value.get("inferred") and not basis:
            event = self.sources[src].get("event_date")
            basis = f"the date of the event {src} reports, inferred: {event['basis']}" if event \
                else NO_BASIS_GIVEN
        return reference_date(value["value"], bool(value.get("inferred")), basis)

    @staticmethod
    def quantity(qty: dict[str, Any] | None) -> Quantity | None:
        """As the seed states it; a figure the seed marks garbled is kept raw, with no value."""
        if qty is None:
            return None
        if qty.get("qualifier") == "garbled":
            return unreadable(qty["raw"], QuantityFlag.GARBLED_NUMBER, None, qty.get("unit"))
        return stated(qty["value"], Qualifier(qty["qualifier"]), qty.get("unit"))

    @staticmethod
    def note(o: dict[str, Any]) -> str | None:
        notes = [f"ext: {o['ext']}" if o.get("ext") else None,
                 (o.get("qty") or {}).get("note")]
        return "; ".join(n for n in notes if n) or None

    def source(self, src: str) -> SourceRef:
        return source_ref(self.sources, src)
