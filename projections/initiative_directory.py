"""Initiative directory: each initiative in the view's camelCase shape, and the agreements it is linked to."""

from __future__ import annotations

from functools import singledispatchmethod
from typing import Any

import msgspec
from asyncpg import Connection

from domain.initiative import Initiative
from domain.initiative.values import InitiativeContent, InitiativeItem
from projections.base import Envelope
from projections.indicator_series import camel, quantity_row


def item_row(item: InitiativeItem) -> dict[str, Any]:
    return {"kind": item.kind, "text": msgspec.to_builtins(item.text),
            "quantity": quantity_row(item.quantity) if item.quantity else None,
            "due": camel(item.due), "dueRaw": item.due_raw, "note": item.note}


def body_row(content: InitiativeContent, links: list[dict[str, Any]]) -> dict[str, Any]:
    return {"summary": msgspec.to_builtins(content.summary), "speaker": content.speaker,
            "source": camel(content.source), "items": [item_row(i) for i in content.items],
            "effectiveFrom": camel(content.effective_from), "note": content.note, "links": links}


class InitiativeDirectory:
    name = "initiative_directory"
    tables = ("initiative_directory",)

    @singledispatchmethod
    async def apply(self, event: object, env: Envelope, conn: Connection) -> None:
        """Events this view does not read."""

    @apply.register
    async def _(self, event: Initiative.Recorded, env: Envelope, conn: Connection) -> None:
        links = [{"agreementId": str(a), "basis": event.link_basis} for a in event.agreement_ids]
        await conn.execute(
            "INSERT INTO initiative_directory (initiative_id, listed_position, code, kind, owner_id, body, "
            "agreement_ids, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            env.stream_id, env.position, event.code, event.content.kind.value, event.content.owner_id,
            body_row(event.content, links), list(event.agreement_ids), env.version)

    @apply.register
    async def _(self, event: Initiative.LinkedToAgreement, env: Envelope, conn: Connection) -> None:
        link = {"agreementId": str(event.agreement_id), "basis": event.basis}
        await conn.execute(
            "UPDATE initiative_directory SET agreement_ids = agreement_ids || $2::uuid, "
            "body = jsonb_set(body, '{links}', (body->'links') || jsonb_build_array($3::jsonb)), "
            "version = $4 WHERE initiative_id = $1", env.stream_id, event.agreement_id, link, env.version)
