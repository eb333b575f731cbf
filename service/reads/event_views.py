"""An agreement's stored events as the feed's per-type events with the audit fields, and value views.

Every read of the log gives an event in one shape, built from the domain's event classes once
(event_types.py): the agreement's events are the feed's events (`type`, both clocks, actor, the payload
exactly as stored, so its `hash` can be checked) plus where the store keeps it. Read views of domain values
(evidence, due dates ...) come from the same mirroring, in camelCase.
"""

from __future__ import annotations

import base64
from typing import Any
from uuid import UUID

import msgspec

from domain.values import EntryIntoForce, LocalizedString, Period, Responsibility
from service.reads.agreement_views import ResponsibilityView
from service.reads.event_types import AUDIT_EVENT_TYPES, PAYLOADS, ActorView, AuditEvent, view_builder
from service.reads.wire import EntryIntoForceView, LocalizedStringView, PeriodView, View
from service.store.mapper import EventMetadata, StoredEvent
from service.store.sequencer import event_id

_views = view_builder(View, {LocalizedString: LocalizedStringView, Period: PeriodView,
                             EntryIntoForce: EntryIntoForceView, Responsibility: ResponsibilityView})
_metadata = msgspec.json.Decoder(EventMetadata)
_payloads = {topic: msgspec.json.Decoder(payload) for topic, payload in PAYLOADS.items()}


def wire_type(tp: Any) -> Any:
    """The read view of a domain value type (e.g. Evidence -> EvidenceView), camelCase."""
    return _views.wire(tp)


class HistoryActorView(View):
    """Who recorded the event: the party and API key of the command, and the party a delegate acted for."""

    party_id: UUID | None
    api_key_id: UUID | None
    user: str | None
    on_behalf_of: UUID | None


class AuditEventPage(View):
    items: list[AuditEvent]  # type: ignore[valid-type]
    next_cursor: str | None


def actor_of(stored: StoredEvent, event: object) -> HistoryActorView:
    """Who recorded the event; a delegate's principal from the metadata, else from the payload."""
    meta = _metadata.decode(stored.metadata)
    return HistoryActorView(party_id=meta.actor_party, api_key_id=meta.api_key_id, user=meta.actor_user,
                            on_behalf_of=meta.on_behalf_of or getattr(event, "on_behalf_of", None))


def event_view(stored: StoredEvent, seq: int | None,
               leaf: bytes | None) -> AuditEvent:  # type: ignore[valid-type]
    """The audit event of a stored row; `seq` and `leaf` come with its seq (None: not numbered yet)."""
    meta = _metadata.decode(stored.metadata)
    payload = _payloads[stored.event_type].decode(stored.payload)
    return AUDIT_EVENT_TYPES[stored.event_type](
        seq=seq, id=event_id(stored.stream_id, stored.version) if seq else None, stream_id=stored.stream_id,
        stream_type=stored.stream_type, version=stored.version, schema_version=stored.schema_version,
        occurred_at=stored.occurred_at, recorded_at=stored.recorded_at,
        actor=ActorView(party=meta.actor_party, key_id=meta.api_key_id, on_behalf_of=meta.on_behalf_of,
                        user=meta.actor_user),
        leaf=base64.b64encode(leaf).decode() if leaf is not None else None, payload=payload,
        position=stored.position, hash=stored.hash.hex(),
        amendment_id=getattr(payload, "amendment_id", None) or meta.amendment_id,
        correlation_id=meta.correlation_id)
