"""An aggregate's state <-> msgpack bytes, typed by the class's own annotations, with a `version` that is a
digest of the state's shape (the annotated attributes, the records and enums in them, the class version)."""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import hashlib
import typing
from collections.abc import Coroutine
from datetime import datetime
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.domain import Aggregate

from service.store.collection import no_collection

STATE_FORMAT = 3  # bump when what an event's apply does changes, or the encoding, while the shape stays
# Lists of records that are also the values of a dict of the state, keyed by one of their attributes:
# stored once, in chunks, listed in the containers as places, and linked again on load. Class name ->
# (dict of containers, the containers' list attribute, the dict holding the records, the records' key).
SHARED = {"Agreement": (("progress", "reports", "reports", "report_id"),)}
# Attributes (dicts and sets) that grow with the stream and hold values never changed in place.
GROWING = {"Agreement": ("reports", "used_ids")}
LINKS = "_links"
CHUNK = 2_000  # records encoded between two turns of the event loop (a few milliseconds)
Copied = tuple[list, list | None]  # a growing attribute's keys (or members) and values, as they were
BASE_FIELDS = (("_created_on", datetime), ("_modified_on", datetime))
OWN_FIELDS = frozenset({"_id", "_version", "_pending_events", "_head_hash"})


def _shape(tp: Any, seen: set[Any]) -> list[str]:
    """Every type a state attribute can hold, with the fields of its records and the members of its enums."""
    if tp in seen:
        return []
    seen.add(tp)
    out = [repr(tp)]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        out += [f"{m.name}={m.value!r}" for m in tp]
    elif isinstance(tp, type) and dataclasses.is_dataclass(tp):
        for name, hint in typing.get_type_hints(tp).items():
            out += [f".{name}", *_shape(hint, seen)]
    for arg in typing.get_args(tp):
        out += _shape(arg, seen)
    return out


class StateCodec:
    """The state of one aggregate class <-> msgpack bytes, typed by the class's own annotations.

    The attributes that grow with the stream (GROWING) are copied in the command's turn and encoded after
    it, a chunk at a time, so a long stream's snapshot never holds the event loop for long. The rest of the
    state is encoded at once.
    """

    def __init__(self, cls: type[Aggregate]) -> None:
        hints: dict[str, Any] = {}
        for base in reversed(cls.__mro__):
            if base.__module__.startswith("eventsourcing") or base is object:
                continue
            hints.update({n: h for n, h in typing.get_type_hints(base).items() if n in vars(base).get(
                "__annotations__", {})})
        fields = [*BASE_FIELDS, *hints.items()]
        self.names = frozenset(n for n, _ in fields)
        self.usable = bool(hints)
        self.shared = [s for s in SHARED.get(cls.__name__, ()) if s[0] in hints and s[2] in hints]
        self.growing = {n: typing.get_origin(hints[n]) for n in GROWING.get(cls.__name__, ()) if n in hints}
        assert set(self.growing.values()) <= {dict, set} and {s[2] for s in self.shared} <= set(self.growing)
        self.type = msgspec.defstruct(f"{cls.__name__}State", [
            (n, tp | msgspec.UnsetType, msgspec.UNSET) for n, tp in fields])
        self.whole = msgspec.defstruct(f"{cls.__name__}Snapshot", [
            ("state", self.type),
            *((n, list[hints[n]]) for n in self.growing),  # in chunks
            *((f"{containers}{LINKS}", dict[str, list[int]]) for containers, *_ in self.shared)])
        self.decoder = msgspec.msgpack.Decoder(self.whole)
        self.encoder = msgspec.msgpack.Encoder(uuid_format="bytes")
        seen: set[Any] = set()
        shape = [cls.__qualname__, str(STATE_FORMAT), str(getattr(cls, "class_version", 1))]
        for name, tp in fields:
            shape += [name, *_shape(tp, seen)]
        self.version = hashlib.sha256("\n".join(shape).encode()).hexdigest()[:32]

    def encode_soon(self, aggregate: Aggregate) -> Coroutine[Any, Any, bytes | None] | None:
        """The state as it is now, still to encode: all but its growing attributes encoded at once, those
        (records and ids never changed in place) copied. None: an attribute the annotations do not name, so
        no snapshot rather than a partial one."""
        state = vars(aggregate)
        if not self.usable or set(state) - OWN_FIELDS - self.names:
            return None
        values = {n: v for n, v in state.items() if n in self.names}
        growing = {n: _copied(values.pop(n)) for n in self.growing}
        lists = {}
        for containers, attribute, _, _ in self.shared:
            lists[containers] = {n: list(getattr(c, attribute)) for n, c in values[containers].items()}
            values[containers] = {n: dataclasses.replace(c, **{attribute: []})
                                  for n, c in values[containers].items()}
        return self._whole(self.encoder.encode(self.type(**values)), growing, lists)

    async def _whole(self, state: bytes, growing: dict[str, Copied], lists: dict[str, dict[str, list]]
                     ) -> bytes | None:
        parts: dict[str, Any] = {}
        for name, (keys, values) in growing.items():
            parts[name] = chunks = []
            for start in range(0, len(keys), CHUNK):
                chunk = keys[start:start + CHUNK]
                if values is not None:
                    chunk = dict(zip(chunk, values[start:start + CHUNK], strict=True))
                chunks.append(msgspec.Raw(self.encoder.encode(chunk)))
                await asyncio.sleep(0)
        for containers, _, records, key in self.shared:
            keys, held = growing[records]
            if (links := await _links(keys, held or [], lists[containers], key)) is None:
                return None
            parts[f"{containers}{LINKS}"] = links
        return self.encoder.encode(self.whole(state=msgspec.Raw(state), **parts))

    def decode(self, cls: type[Aggregate], aggregate_id: UUID, version: int, data: bytes) -> Aggregate:
        with no_collection():
            whole = self.decoder.decode(data)
        aggregate = object.__new__(cls)
        state = {n: v for n in self.names if (v := getattr(whole.state, n)) is not msgspec.UNSET}
        for name, kind in self.growing.items():
            state[name] = held = kind()
            for chunk in getattr(whole, name):
                held.update(chunk)
        for containers, attribute, records, _ in self.shared:
            in_order = list(state[records].values())
            links = getattr(whole, f"{containers}{LINKS}")
            for name, container in state[containers].items():
                setattr(container, attribute, [in_order[i] for i in links.get(name, ())])
        object.__setattr__(aggregate, "__dict__", {
            **state, "_id": aggregate_id, "_version": version, "_pending_events": []})
        return aggregate


def _copied(held: dict | set) -> Copied:
    return (list(held), list(held.values())) if isinstance(held, dict) else (list(held), None)


async def _links(keys: list, held: list, lists: dict[str, list], key: str) -> dict[str, list[int]] | None:
    """Each container's records as places among `held`; None unless every record listed is the very one
    its key names there."""
    place = {k: i for i, k in enumerate(keys)}
    links = {}
    for name, listed in lists.items():
        at = [place.get(getattr(r, key), -1) for r in listed]
        if any(i < 0 or held[i] is not r for i, r in zip(at, listed, strict=True)):
            return None
        links[name] = at
        await asyncio.sleep(0)
    return links
