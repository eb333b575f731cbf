"""What an initiative holds: its kind, what it states item by item, who owns it and where it is reported."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from domain.indicator.values import ReferenceDate, SourceRef
from domain.quantity import Quantity
from domain.values import LocalizedText


class InitiativeKind(StrEnum):
    """Not a signed agreement: what a government states, runs or reports on its own."""

    STATED_INTENTIONS = "stated_intentions"
    POLICY_IN_FORCE = "policy_in_force"
    PROGRAMME_REPORT = "programme_report"
    POLICY_ADDRESS_COMMITMENTS = "policy_address_commitments"
    PROJECT = "project"
    SERVICE_LAUNCHED = "service_launched"
    OUTCOME_REPORT = "outcome_report"  # outcomes a source reports for an agreement


class ItemKind(StrEnum):
    INTENTION = "intention"
    EXAMPLE = "example"
    NEXT_FOCUS = "next_focus"
    MILESTONE = "milestone"
    OUTCOME = "outcome"


@dataclass(frozen=True)
class InitiativeItem:
    """One thing the initiative states; `quantity` as the source states it; `due_raw` keeps a garbled date."""

    kind: ItemKind
    text: LocalizedText
    quantity: Quantity | None = None
    due: ReferenceDate | None = None
    due_raw: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class InitiativeContent:
    kind: InitiativeKind
    summary: LocalizedText | None
    owner_id: UUID | None  # None: the source names no owner
    speaker: str | None
    source: SourceRef
    items: tuple[InitiativeItem, ...]
    effective_from: ReferenceDate | None = None
    note: str | None = None
