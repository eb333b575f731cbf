"""The wire shape of one stored event, shared by every read of the log (an agreement's events, the feed).

`HistoryEventView` is the one per-event shape: where the event sits (position, and `seq`, null until a global
sequencer numbers events), its stream and version, its stable type name and schema version, its payload,
who recorded it (from the stored metadata), both clocks and the stream's chain hash. The payload is a tagged
union on the stable type name (`"type": "agreement.progress_reported"`), one struct per event class, mirrored
from the domain's event fields in camelCase, so a generated client decodes every payload typed.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

import msgspec

from domain.agreement.values import AmendmentChange, DueDate, Evidence, VerificationPolicy
from domain.registry import EVENTS
from domain.values import EntryIntoForce, LocalizedString, Period, Responsibility
from service.reads.agreement_views import ResponsibilityView
from service.reads.wire import EntryIntoForceView, LocalizedStringView, PeriodView, View
from service.store.mapper import ENVELOPE_FIELDS, EventMetadata, StoredEvent

_MIRRORED: dict[type, type] = {
    LocalizedString: LocalizedStringView,
    Period: PeriodView,
    EntryIntoForce: EntryIntoForceView,
    Responsibility: ResponsibilityView,
}
_NAMES = {Evidence: "EvidenceView", DueDate: "DueDateView", VerificationPolicy: "VerificationPolicyView",
          AmendmentChange: "AmendmentChangeView"}
SCALARS = (str, int, bool, Decimal, UUID, date, datetime, type(None))
_metadata = msgspec.json.Decoder(EventMetadata)


def _mirror(tp: Any) -> Any:
    """The wire type of a domain field type: value dataclasses become camelCase views, tuples lists."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return functools.reduce(operator.or_, [_mirror(a) for a in args])
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return list[_mirror(args[0])]  # type: ignore[misc]
    if origin is dict:
        return dict[_mirror(args[0]), _mirror(args[1])]  # type: ignore[misc]
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        if tp not in _MIRRORED:
            hints = typing.get_type_hints(tp)
            _MIRRORED[tp] = msgspec.defstruct(
                _NAMES.get(tp, f"{tp.__name__}View"),
                [(f.name, _mirror(hints[f.name])) for f in dataclasses.fields(tp)], bases=(View,),
                kw_only=True, module=__name__)
        return _MIRRORED[tp]
    if tp in SCALARS or isinstance(tp, type) and issubclass(tp, Enum):
        return tp
    raise TypeError(f"no wire type for {tp!r}")


def wire_type(tp: Any) -> Any:
    """The view of a domain value type, the one event payloads use (e.g. Evidence -> EvidenceView)."""
    return _mirror(tp)


def _payload_type(topic: str, cls: type) -> type:
    hints = typing.get_type_hints(cls)
    fields = [f for f in dataclasses.fields(cls) if f.name not in ENVELOPE_FIELDS]
    return msgspec.defstruct(
        "History" + "".join(w.title() for w in topic.replace(".", "_").split("_")) + "Payload",
        [(f.name, _mirror(hints[f.name])) for f in fields], bases=(View,), kw_only=True,
        tag=topic, tag_field="type", module=__name__)


PAYLOADS: dict[str, type] = {topic: _payload_type(topic, cls) for topic, cls in EVENTS.items()}
EventPayload = functools.reduce(operator.or_, PAYLOADS.values())
"""One struct per stable event type name, tagged by it in `type`."""


class HistoryActorView(View):
    """Who recorded the event: the party and API key of the command, and the party a delegate acted for."""

    party_id: UUID | None
    api_key_id: UUID | None
    user: str | None
    on_behalf_of: UUID | None


class HistoryEventView(View):
    """One stored event with everything the store knows of it."""

    seq: int | None
    position: int
    stream_id: UUID
    stream_type: str
    version: int
    type: str
    schema_version: int
    payload: EventPayload  # type: ignore[valid-type]
    actor: HistoryActorView
    occurred_at: datetime
    recorded_at: datetime
    amendment_id: UUID | None
    correlation_id: UUID | None
    hash: str


class HistoryEventPage(View):
    items: list[HistoryEventView]
    next_cursor: str | None


def actor_of(stored: StoredEvent, event: object) -> HistoryActorView:
    """Who recorded the event; a delegate's principal from the metadata, else from the payload."""
    meta = _metadata.decode(stored.metadata)
    return HistoryActorView(party_id=meta.actor_party, api_key_id=meta.api_key_id, user=meta.actor_user,
                     on_behalf_of=meta.on_behalf_of or getattr(event, "on_behalf_of", None))


def event_view(stored: StoredEvent, event: object) -> HistoryEventView:
    """The view of a stored event, given the domain event the mapper decoded (and upcast) from it."""
    meta = _metadata.decode(stored.metadata)
    payload = msgspec.convert(event, PAYLOADS[stored.event_type], from_attributes=True)
    return HistoryEventView(
        seq=None, position=stored.position, stream_id=stored.stream_id, stream_type=stored.stream_type,
        version=stored.version, type=stored.event_type, schema_version=stored.schema_version,
        payload=payload, actor=actor_of(stored, event),
        occurred_at=stored.occurred_at, recorded_at=stored.recorded_at,
        amendment_id=getattr(event, "amendment_id", None) or meta.amendment_id,
        correlation_id=meta.correlation_id, hash=stored.hash.hex())
