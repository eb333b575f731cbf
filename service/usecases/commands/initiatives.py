"""Commands on initiatives: record one (with the agreements it belongs to), link it to another agreement."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.initiative.values import InitiativeContent


@dataclass(frozen=True, kw_only=True)
class RecordInitiative:
    code: str
    content: InitiativeContent
    agreement_ids: tuple[UUID, ...] = ()
    link_basis: str | None = None


@dataclass(frozen=True, kw_only=True)
class InitiativeCommand:
    """A command on an existing initiative."""

    initiative_id: UUID


@dataclass(frozen=True, kw_only=True)
class LinkInitiative(InitiativeCommand):
    agreement_id: UUID
    basis: str | None = None
