"""Snapshots of aggregates: their state every N events, so a load replays only the events after it.

A snapshot is a cache: the event stream stays the record. Its `state_version` is a digest of the shape of
the state (the annotated attributes, the records and enums in them, the class version), so a snapshot of a
class that has changed since is ignored and the stream replayed instead.
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import hashlib
import logging
import typing
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg
import msgspec
from eventsourcing.domain import Aggregate

from service.store.collection import no_collection
from service.store.eventstore import replay_columns

log = logging.getLogger(__name__)
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
SPREAD = 50  # at most this many snapshots over a stream's length, once it is longer than 50 x `every`
BASE_FIELDS = (("_created_on", datetime), ("_modified_on", datetime))
OWN_FIELDS = frozenset({"_id", "_version", "_pending_events", "_head_hash"})

_HEAD = "(SELECT max(version) FROM events WHERE stream_id = $1)"
# The snapshot, if one of this shape, and the events after it (all of them without one): one round trip.
LATEST_AND_AFTER = f"""
SELECT s.version, s.state, s.head_hash,
       (SELECT array_agg(e ORDER BY e.version) FROM (
            SELECT {replay_columns(_HEAD)} FROM events
            WHERE stream_id = $1 AND version > coalesce(s.version, 0)) e
       ) AS events
FROM (SELECT 1) AS one
LEFT JOIN snapshots s ON s.stream_id = $1 AND s.stream_type = $2 AND s.state_version = $3
"""
TAKE = """
INSERT INTO snapshots (stream_id, stream_type, version, state_version, state, head_hash)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, state_version = excluded.state_version,
    state = excluded.state, head_hash = excluded.head_hash, taken_at = now()
WHERE snapshots.version < excluded.version OR snapshots.state_version <> excluded.state_version
"""


@dataclass(frozen=True, slots=True)
class Snapshot:
    aggregate: Aggregate
    head_hash: bytes


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


class _Codec:
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


class Snapshots:
    """Takes and finds the latest snapshot of a stream; `every` events apart (0: never)."""

    def __init__(self, pool: asyncpg.Pool, every: int) -> None:
        self.pool = pool
        self.every = every
        self._codecs: dict[type[Aggregate], _Codec] = {}
        self._storing: set[asyncio.Future] = set()

    def codec(self, cls: type[Aggregate]) -> _Codec:
        if cls not in self._codecs:
            self._codecs[cls] = _Codec(cls)
        return self._codecs[cls]

    def interval(self, version: int) -> int:
        """Events between snapshots at this length of stream: `every`, doubled while that stays within a
        fiftieth of the stream. A snapshot costs in proportion to the state, which grows with the stream;
        so the cost per event stays flat, and a load never replays more than 2 % of a long stream."""
        interval = self.every
        while interval * 2 * SPREAD <= version:
            interval *= 2
        return interval

    def due(self, since_snapshot: int, version: int = 0) -> bool:
        return self.every > 0 and since_snapshot >= self.interval(version)

    def crossed(self, before: int, after: int) -> bool:
        """Whether a save from version `before` to `after` passed a multiple of the interval."""
        if self.every <= 0:
            return False
        interval = self.interval(after)
        return after // interval > before // interval

    async def latest_and_after(self, cls: type[Aggregate], stream_type: str, stream_id: UUID
                               ) -> tuple[Snapshot | None, Sequence[Sequence[Any]]] | None:
        """The latest snapshot of the class as it is now, if any, and the stream's events after it (rows of
        replay_columns), in one round trip; None when this class is not snapshotted."""
        codec = self.codec(cls)
        if not codec.usable or self.every <= 0:
            return None
        row = await self.pool.fetchrow(LATEST_AND_AFTER, stream_id, stream_type, codec.version)
        events = row["events"] or ()
        if row["version"] is None:
            return None, events
        return Snapshot(codec.decode(cls, stream_id, row["version"], row["state"]), row["head_hash"]), events

    async def take(self, aggregate: Aggregate, stream_type: str, head_hash: bytes) -> bool:
        """Store the aggregate's state as its stream's latest snapshot; False when it is not stored."""
        store = self._encoded(aggregate, stream_type, head_hash)
        return store is not None and await store

    def take_soon(self, aggregate: Aggregate, stream_type: str, head_hash: bytes) -> None:
        """Take the state now, before the next command changes it, and encode and store it in the background:
        the commands queued on the aggregate never wait for a large state to be encoded or written."""
        if (store := self._encoded(aggregate, stream_type, head_hash)) is None:
            return
        task = asyncio.ensure_future(store)
        self._storing.add(task)
        task.add_done_callback(self._storing.discard)

    async def settled(self) -> None:
        """Return once every snapshot taken so far is stored (or given up)."""
        while self._storing:
            await asyncio.gather(*self._storing, return_exceptions=True)

    def _encoded(self, aggregate: Aggregate, stream_type: str, head_hash: bytes
                 ) -> Coroutine[Any, Any, bool] | None:
        """The state taken now, to encode and store; None: it cannot be encoded."""
        codec = self.codec(type(aggregate))
        data = codec.encode_soon(aggregate)
        return None if data is None else self._store(aggregate.id, stream_type, aggregate.version,
                                                     codec.version, data, head_hash)

    async def _store(self, stream_id: UUID, stream_type: str, version: int, state_version: str,
                     encoding: Coroutine[Any, Any, bytes | None], head_hash: bytes) -> bool:
        if (data := await encoding) is None:
            log.warning("no snapshot of %s at version %d: a record listed is not the one its key names",
                        stream_id, version)
            return False
        try:
            await self.pool.execute(TAKE, stream_id, stream_type, version, state_version, data, head_hash)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError):
            log.warning("no snapshot of %s at version %d", stream_id, version, exc_info=True)
            return False  # a cache: the events are stored, the next load replays a little more
        return True
