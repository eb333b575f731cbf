"""What reads of initiatives return: what each states, who owns it, where it is reported, what it links to."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated
from uuid import UUID

from msgspec import Meta

from domain.initiative.values import InitiativeKind, ItemKind
from service.reads.indicator_views import FigureDateView, FigureSourceView, FigureView
from service.reads.party_views import PartyRefView
from service.reads.wire import LocalizedTextView, View


class Audience(StrEnum):
    """Who reads an initiative: every key (a published statement of its own), or the agreements' parties."""

    PUBLIC = "public"
    AGREEMENT_PARTIES = "agreement_parties"


class InitiativeItemView(View):
    kind: ItemKind
    text: LocalizedTextView
    quantity: FigureView | None
    due: FigureDateView | None
    due_raw: Annotated[str | None, Meta(description="A due date the source garbles, kept as written")]
    note: str | None


class AgreementLinkView(View):
    id: UUID
    code: str | None
    basis: Annotated[str | None, Meta(description="Why the initiative belongs to this agreement")]


class InitiativeView(View):
    id: UUID
    code: str
    kind: InitiativeKind
    summary: LocalizedTextView | None
    owner: PartyRefView | None
    speaker: str | None
    source: FigureSourceView
    items: list[InitiativeItemView]
    effective_from: FigureDateView | None
    note: str | None
    agreements: list[AgreementLinkView]
    audience: Audience
    version: int


class InitiativePage(View):
    items: list[InitiativeView]
    next_cursor: str | None
