"""What every projection is, and what it is told about each event besides the event itself."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import singledispatchmethod
from typing import Any, Protocol
from uuid import UUID

import msgspec
from asyncpg import Connection


class _Actor(msgspec.Struct):
    actor_party: UUID | None = None


_actor = msgspec.json.Decoder(_Actor)


class Envelope(msgspec.Struct, frozen=True):
    """Where and when an event was stored, and by whom (read from its metadata only when asked)."""

    position: int
    txid: int
    stream_id: UUID
    version: int
    occurred_at: datetime
    recorded_at: datetime
    metadata: bytes | str = b"{}"

    @property
    def actor_party(self) -> UUID | None:
        return _actor.decode(self.metadata).actor_party


class Projection(Protocol):
    name: str
    tables: tuple[str, ...]

    async def apply(self, event: object, env: Envelope, conn: Connection) -> None:
        """Write what the event changes in this projection's tables (events it ignores: nothing)."""


Handler = Callable[[Any, Envelope, Connection], Awaitable[None]]


class Handlers:
    """Handlers by event class, for a projection whose handlers live in several modules."""

    def __init__(self) -> None:
        self.by_type: dict[type, Handler] = {}

    def on(self, *types: type) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            for event_type in types:
                self.by_type[event_type] = handler
            return handler

        return register


def handles(projection: Projection, event_type: type) -> bool:
    """Whether the projection writes anything for events of this class (so they need decoding for it)."""
    method = type(projection).__dict__.get("apply")
    if isinstance(method, singledispatchmethod):
        return method.dispatcher.dispatch(event_type) is not method.dispatcher.dispatch(object)
    own = getattr(projection, "handles", None)
    return True if own is None else own(event_type)
