"""What reads of the party registry return."""

from __future__ import annotations

from uuid import UUID

from service.reads.wire import LocalizedTextView, View


class PartyRefView(View):
    """Another party, by id and registry code (null while that party is not yet in the registry view)."""

    id: UUID
    code: str | None


class PartyView(View):
    id: UUID
    code: str
    names: LocalizedTextView
    jurisdiction: str | None
    parent_id: UUID | None
    parent_code: str | None
    parent: PartyRefView | None
    version: int


class PartyPage(View):
    items: list[PartyView]
    next_cursor: str | None
