"""Domain events <-> stored events: stable type names, schema versions, msgspec payloads, hash chain."""

from __future__ import annotations

import dataclasses
import hashlib
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.domain import CanMutateAggregate, OriginatorVersionError
from eventsourcing.utils import get_topic

from domain.registry import AGGREGATES, EVENTS, STREAM_TYPE_OF_EVENT
from service.store.shredding import (
    NO_KEYS,
    PersonKeys,
    SealedText,
    is_personal,
    open_sealed,
    parse_keys,
    seal,
)

ENVELOPE_FIELDS = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})
GENESIS_HASH = bytes(32)

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


class EventMetadata(msgspec.Struct, kw_only=True, omit_defaults=True):
    """Who did it and why: recorded with every event of a command."""

    actor_party: UUID | None = None
    api_key_id: UUID | None = None
    actor_user: str | None = None
    on_behalf_of: UUID | None = None
    idempotency_key: str | None = None
    correlation_id: UUID | None = None
    causation_id: UUID | None = None
    amendment_id: UUID | None = None


@dataclass(frozen=True, slots=True)
class NewEvent:
    stream_id: UUID
    stream_type: str
    version: int
    event_type: str
    schema_version: int
    payload: bytes
    occurred_at: datetime
    hash: bytes


@dataclass(frozen=True, slots=True)
class StoredEvent:
    position: int
    txid: int
    stream_id: UUID
    stream_type: str
    version: int
    event_type: str
    schema_version: int
    payload: bytes
    metadata: bytes
    occurred_at: datetime
    recorded_at: datetime
    hash: bytes
    # The keys of the persons its payload names, read with it; never shown, never compared.
    keys: PersonKeys = field(default_factory=dict, repr=False, compare=False)


def chain_hash(prev: bytes, stream_id: UUID, version: int, event_type: str, schema_version: int,
               payload: bytes, metadata: bytes, occurred_at: datetime, recorded_at: datetime) -> bytes:
    """sha256(prev || canonical event bytes): each event seals the one before it in its stream."""
    head = msgspec.json.encode([str(stream_id), version, event_type, schema_version,
                                _utc(occurred_at), _utc(recorded_at)])
    return hashlib.sha256(b"\n".join((prev, head, payload, metadata))).digest()


def _utc(moment: datetime) -> str:
    """The stored form: PostgreSQL gives timestamps back in UTC, whatever offset they came with."""
    return moment.astimezone(UTC).isoformat()


class _EventType:
    """What the mapper knows of one event class."""

    def __init__(self, cls: type[CanMutateAggregate]) -> None:
        self.cls = cls
        self.topic: str = cls.TOPIC
        self.schema_version: int = getattr(cls, "SCHEMA_VERSION", 1)
        self.upcasters: dict[int, Upcaster] = getattr(cls, "UPCASTERS", {})
        self.stream_type = STREAM_TYPE_OF_EVENT[cls]
        self.aggregate_topic = get_topic(AGGREGATES[self.stream_type])
        self.is_created = "originator_topic" in {f.name for f in dataclasses.fields(cls)}
        # The library's mutate, not one of the class's own: a replay may do what it does in line.
        self.plain_mutate = cls.mutate is CanMutateAggregate.mutate
        hints = typing.get_type_hints(cls)
        fields = [f for f in dataclasses.fields(cls) if f.name not in ENVELOPE_FIELDS]
        self.fields = [f.name for f in fields]
        self.personal = [f.name for f in fields if is_personal(hints[f.name])]
        stored = {n: SealedText | None for n in self.personal}  # personal text is stored sealed
        # A field added later has a default, so payloads stored before it still decode.
        self.payload_type = msgspec.defstruct(
            cls.__qualname__.replace(".", "") + "Payload",
            [(f.name, stored.get(f.name, hints[f.name])) if f.default is dataclasses.MISSING
             else (f.name, stored.get(f.name, hints[f.name]), f.default) for f in fields], kw_only=True)
        self.decoder = msgspec.json.Decoder(self.payload_type)

    def encode(self, event: CanMutateAggregate, keys: PersonKeys) -> bytes:
        values = {n: getattr(event, n) for n in self.fields}
        for name in self.personal:
            if (text := values[name]) is not None:
                values[name] = seal(text, keys[text.person_id])  # type: ignore[arg-type]
        return msgspec.json.encode(self.payload_type(**values))

    def persons(self, event: CanMutateAggregate) -> set[UUID]:
        return {text.person_id for n in self.personal if (text := getattr(event, n)) is not None}

    def decode(self, stored: StoredEvent) -> CanMutateAggregate:
        return self.decode_fields(stored.payload, stored.schema_version, stored.stream_id, stored.version,
                                  stored.recorded_at, stored.keys)

    def decode_fields(self, stored_payload: bytes | str, schema_version: int, stream_id: UUID, version: int,
                      recorded_at: datetime | None, keys: PersonKeys) -> CanMutateAggregate:
        """The domain event from the stored columns it needs (a replay reads only those; msgspec reads the
        JSON as str or bytes)."""
        if schema_version == self.schema_version:
            payload = self.decoder.decode(stored_payload)
        else:
            data = msgspec.json.decode(stored_payload)
            for older in range(schema_version, self.schema_version):
                data = self.upcasters[older](data)
            payload = msgspec.convert(data, self.payload_type)
        values = msgspec.structs.asdict(payload)
        for name in self.personal:
            if values[name] is not None:
                values[name] = open_sealed(values[name], keys)
        values["originator_id"] = stream_id
        values["originator_version"] = version
        values["timestamp"] = recorded_at
        if self.is_created:
            values["originator_topic"] = self.aggregate_topic
        # The fields as the frozen dataclass's __init__ would set them, without its per-field setattr: the
        # payload is typed by msgspec, and the stream id is a UUID from the database.
        event = object.__new__(self.cls)
        object.__setattr__(event, "__dict__", values)
        return event


class Mapper:
    """Turns domain events into rows to append, and stored rows back into domain events."""

    def __init__(self) -> None:
        self._by_class = {cls: _EventType(cls) for cls in EVENTS.values()}
        self._by_topic = {t.topic: t for t in self._by_class.values()}
        self._metadata_encoder = msgspec.json.Encoder()

    def encode_metadata(self, meta: EventMetadata) -> bytes:
        return self._metadata_encoder.encode(meta)

    def to_new_events(self, events: typing.Sequence[CanMutateAggregate], prev_hash: bytes,
                      metadata: bytes, occurred_at: datetime, recorded_at: datetime,
                      keys: PersonKeys = NO_KEYS) -> list[NewEvent]:
        """The rows to append; `keys` holds the key of every person the events name (persons_named)."""
        rows = []
        for event in events:
            kind = self._by_class[type(event)]
            payload = kind.encode(event, keys)
            prev_hash = chain_hash(prev_hash, event.originator_id, event.originator_version,
                                   kind.topic, kind.schema_version, payload, metadata,
                                   occurred_at, recorded_at)
            rows.append(NewEvent(event.originator_id, kind.stream_type, event.originator_version,
                                 kind.topic, kind.schema_version, payload, occurred_at, prev_hash))
        return rows

    def persons_named(self, events: typing.Sequence[CanMutateAggregate]) -> set[UUID]:
        """The persons whose text the events hold: their keys seal it."""
        return {p for event in events for p in self._by_class[type(event)].persons(event)}

    def to_domain_event(self, stored: StoredEvent) -> CanMutateAggregate:
        return self._by_topic[stored.event_type].decode(stored)

    def replay(self, aggregate: Any, stream_id: UUID, rows: Sequence[Sequence[Any]]) -> Any:
        """The aggregate (None: from nothing) with the events of rows of replay_columns applied in order.

        An event of the library's own `mutate` is applied as that method does (the next version or
        OriginatorVersionError, `apply`, then version and modified_on), without its calls per event: the
        event's originator is the stream by construction. Only the first and the last row carry their
        recording time: the aggregate is created on the first and last modified on the last."""
        by_topic = self._by_topic
        for row in rows:
            kind, version = by_topic[row[1]], row[0]
            keys = NO_KEYS if row[7] is None else parse_keys(row[7])
            event = kind.decode_fields(row[3], row[2], stream_id, version, row[4], keys)
            if aggregate is None or not kind.plain_mutate:
                aggregate = event.mutate(aggregate)
                continue
            if version != aggregate._version + 1:
                raise OriginatorVersionError(version, aggregate._version + 1)
            event.apply(aggregate)
            aggregate._version = version
            if row[4] is not None:
                aggregate._modified_on = row[4]
        return aggregate

    def event_class(self, event_type: str) -> type | None:
        """The domain event class stored under this type, None when this version does not know it."""
        kind = self._by_topic.get(event_type)
        return None if kind is None else kind.cls

    def kind(self, event_type: str) -> _EventType | None:
        """What the mapper knows of the event type stored under this name (None: unknown)."""
        return self._by_topic.get(event_type)

    def is_known(self, event_type: str) -> bool:
        return event_type in self._by_topic
