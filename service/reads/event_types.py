"""The wire types of the feed's events, built once from the domain's event classes (domain.registry.EVENTS).

Each stored event type becomes one member of a union tagged by its stable name in `type`. Its `payload` is
the event's stored payload, field for field as recorded (the bytes the stream's hash chain covers), so its
schema keeps the stored field names, marks fields added later (they have defaults) as optional, and lets a
field whose shape a later schema version changed take each shape it was stored in (see `schemaVersion`).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from typing import Annotated, Any, Union
from uuid import UUID

import msgspec
from msgspec import Meta

from domain.person import PersonalText
from domain.registry import EVENTS
from service.reads.wire import View
from service.store.shredding import SealedText

ENVELOPE_FIELDS = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})
Seq = Annotated[int, Meta(ge=1, description="The event's place in the public order of the log: 1, 2, 3 ...")]


class ActorView(View):
    """Who caused the event, as recorded with it."""

    party: UUID | None
    key_id: UUID | None
    on_behalf_of: UUID | None
    user: str | None


class EventEnvelope(View, tag_field="type"):
    """One event of the log. `type` is its stable name and says which payload it carries."""

    seq: Seq
    id: Annotated[UUID, Meta(description="Stable: the same event always has the same id (for dedupe)")]
    stream_id: Annotated[UUID, Meta(description="The agreement (or party) the event belongs to")]
    stream_type: Annotated[str, Meta(description="agreement or party")]
    version: Annotated[int, Meta(ge=1, description="The event's version within its stream")]
    schema_version: int
    occurred_at: Annotated[datetime, Meta(tz=True, description="Business time: what the fact is about")]
    recorded_at: Annotated[datetime, Meta(tz=True, description="System time: when it was stored")]
    actor: ActorView
    leaf: Annotated[str, Meta(description=(
        "The event's leaf bytes in the transparency log (pactum.leaf/v1, base64): the Merkle leaf hash is "
        "SHA-256(0x00 || these bytes), so a verifier checks an inclusion proof without re-encoding"))]


def _camel_words(name: str) -> str:
    return "".join(word.title() for word in name.replace(".", "_").split("_"))


class AuditEnvelope(EventEnvelope):
    """One event of an agreement's own history: the feed's event with what an auditor checks besides.

    `seq`, `id` and `leaf` are null until the sequencer numbers the event (moments after it is stored);
    `hash` seals the event's stored bytes (its payload exactly as given here) and the one before it."""

    seq: Annotated[int, Meta(ge=1, description="The event's place in the feed")] | None
    id: Annotated[UUID, Meta(description="Stable id, as in the feed")] | None
    leaf: Annotated[str, Meta(description=(
        "The leaf bytes in the transparency log (base64), as in the feed; null until the event has its seq"
    ))] | None
    position: Annotated[int, Meta(ge=1, description="The event's place in the store's log")]
    hash: Annotated[str, Meta(description="SHA-256 chain hash, hex: this event and the one before it")]
    amendment_id: UUID | None
    correlation_id: Annotated[UUID | None, Meta(description="The request that recorded it")]


class _Builder:
    """Mirrors domain value types as Structs with stable names (no domain docstrings in the spec): plain,
    with the stored field names (payloads), or on `base` with a name `suffix` (camelCase read views)."""

    def __init__(self, base: type | None = None, suffix: str = "Value",
                 premade: dict[type, type] | None = None) -> None:
        self.made: dict[type, type] = dict(premade or {})
        self.bases = (base,) if base else None
        self.suffix = suffix

    def wire(self, tp: Any) -> Any:
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (Union, types.UnionType):
            return Union[tuple(self.wire(a) for a in args)]  # noqa: UP007  # built at runtime
        if origin in (list, tuple):
            return list[self.wire(args[0])]
        if origin is dict:
            return dict[self.wire(args[0]), self.wire(args[1])]
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            if tp not in self.made:
                self.made[tp] = self.struct(f"{tp.__name__}{self.suffix}", tp)
            return self.made[tp]
        return tp  # enums, UUIDs, dates and plain values stay as they are

    def struct(self, name: str, cls: type, doc: str | None = None) -> type[msgspec.Struct]:
        hints = typing.get_type_hints(cls)
        earlier = getattr(cls, "EARLIER_TYPES", {})  # a field an earlier schema version stored otherwise
        fields = []
        for f in dataclasses.fields(cls):
            if f.name in ENVELOPE_FIELDS:
                continue
            wire = self.wire(hints[f.name] | earlier[f.name] if f.name in earlier else hints[f.name])
            if self.bases:  # a read view carries every field
                fields.append((f.name, wire))
            elif f.default is not dataclasses.MISSING:
                fields.append((f.name, wire, f.default))
            elif f.default_factory is not dataclasses.MISSING:
                fields.append((f.name, wire, msgspec.field(default_factory=f.default_factory)))
            else:
                fields.append((f.name, wire))
        made = msgspec.defstruct(name, fields, kw_only=True, module=__name__, bases=self.bases)
        if not self.bases:
            made.__doc__ = doc or f"A recorded {cls.__name__} value, field names as stored"
        return made


def _event_types() -> tuple[dict[str, type], dict[str, type[EventEnvelope]], dict[str, type[AuditEnvelope]]]:
    """Per stored event type: its payload as stored, its feed event and its audit event (same payload)."""
    builder = _Builder(premade={PersonalText: SealedText})  # personal text as stored: sealed
    payloads, feed, audit = {}, {}, {}
    for topic, cls in sorted(EVENTS.items()):
        name = _camel_words(topic)
        payloads[topic] = builder.struct(f"{name}Payload", cls, doc=f"Payload of {topic}, as stored")
        for made, base, prefix in ((feed, EventEnvelope, ""), (audit, AuditEnvelope, "Audit")):
            made[topic] = msgspec.defstruct(
                f"{prefix}{name}Event", [("payload", payloads[topic])], bases=(base,), tag=topic,
                kw_only=True, module=__name__)
            made[topic].__doc__ = f"The event {topic}"
    return payloads, feed, audit


PAYLOADS, EVENT_TYPES, AUDIT_EVENT_TYPES = _event_types()
FeedEvent = Union[tuple(EVENT_TYPES.values())]  # noqa: UP007  # one member per stored event type
AuditEvent = Union[tuple(AUDIT_EVENT_TYPES.values())]  # noqa: UP007  # the same, with the audit fields


def view_builder(base: type, premade: dict[type, type]) -> _Builder:
    """The same mirroring for read views: camelCase structs on `base`, named `<Value>View`."""
    return _Builder(base, "View", premade)
