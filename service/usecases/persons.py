"""Erasing a person: the fact recorded as an event on the person's stream, and their key deleted with it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

import asyncpg

from domain.person import Person
from service.store.eventstore import EventStore
from service.store.mapper import GENESIS_HASH, EventMetadata, Mapper
from service.store.persons import PersonAlreadyErased, UnknownPerson, delete_key, lock_for_erasure
from service.usecases.context import Caller
from service.usecases.errors import Forbidden

__all__ = ["Erasure", "PersonAlreadyErased", "Persons", "UnknownPerson"]


@dataclass(frozen=True, slots=True)
class Erasure:
    person_id: UUID
    erased_at: datetime
    position: int


class Persons:
    def __init__(self, pool: asyncpg.Pool, store: EventStore, mapper: Mapper,
                 on_saved: Callable[[], None] | None = None) -> None:
        self.pool = pool
        self.store = store
        self.mapper = mapper
        self.on_saved = on_saved

    async def erase(self, caller: Caller, person_id: UUID, reason: str,
                    now: datetime | None = None) -> Erasure:
        """Record `PersonErased` (id and reason, never the name) and delete the key, in one transaction."""
        if not caller.is_admin:
            raise Forbidden("only an admin key erases a person")
        at = now or datetime.now(UTC)
        person = Person.erase(person_id, reason)
        who = EventMetadata(api_key_id=caller.key_id, actor_user=caller.user)
        metadata = self.mapper.encode_metadata(who)
        rows = self.mapper.to_new_events(person.collect_events(), GENESIS_HASH, metadata, at, at)
        async with self.pool.acquire() as conn, conn.transaction():
            await lock_for_erasure(conn, person_id)
            appended = await self.store.append(rows, metadata, at, conn=conn)
            await delete_key(conn, person_id, at, reason)
        if self.on_saved:
            self.on_saved()
        return Erasure(person_id, at, appended.position)
