"""The command cycle: wait for the aggregate's turn, load -> decide -> save, optimistically, idempotently."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.errors import DateInFuture, DomainError
from service.store.eventstore import Appended, IdempotencyClaim
from service.store.mapper import EventMetadata
from service.store.repository import STREAM_TYPE, Repository
from service.usecases.context import Context
from service.usecases.errors import (
    AlreadyExists,
    ConcurrencyConflict,
    IdempotencyKeyReused,
    IdempotencyKeyTaken,
    VersionMismatch,
)
from service.usecases.turns import Turns

A = TypeVar("A", bound=Aggregate)
MAX_ATTEMPTS = 4


class Executor:
    def __init__(self, repo: Repository, on_saved: Callable[[], None] | None = None,
                 turns: Turns | None = None) -> None:
        self.repo = repo
        self.on_saved = on_saved
        self.turns = turns or Turns()

    async def create(self, aggregate: Aggregate, ctx: Context) -> Appended:
        """Save a new aggregate; its id must be free."""
        if (replay := await self._remembered(ctx)) is not None:
            return replay
        try:
            return await self._save(aggregate, ctx)
        except ConcurrencyConflict:
            raise AlreadyExists(STREAM_TYPE[type(aggregate)], aggregate.id) from None
        except IdempotencyKeyTaken:
            return await self._must_replay(ctx)

    async def update(
        self,
        cls: type[A],
        aggregate_id: UUID,
        decide: Callable[[A], Awaitable[None]],
        ctx: Context,
        admit: Callable[[A], None] | None = None,
        on_behalf_of: UUID | None = None,
    ) -> Appended:
        """Wait for the aggregate's turn, load, admit the caller, then (unless this repeats a stored
        request) check If-Match, decide and save; retry if another process wrote meanwhile, unless the
        client named a version.

        `admit` runs before anything that depends on the aggregate's state or the request's headers, so a
        caller it refuses learns nothing else. `on_behalf_of` is recorded with the events."""
        async with self.turns.turn(aggregate_id):
            first = True
            for _ in range(MAX_ATTEMPTS):
                aggregate = await self.repo.current(cls, aggregate_id)
                clean = True  # false while the aggregate holds decided events that may not be stored
                try:
                    if admit is not None:
                        admit(aggregate)
                    if first and (replay := await self._remembered(ctx)) is not None:
                        return replay
                    first = False
                    if ctx.expected_version is not None and aggregate.version != ctx.expected_version:
                        raise VersionMismatch(aggregate.version)
                    await decide(aggregate)
                    clean = False
                    saved = await self._save(aggregate, ctx, on_behalf_of)
                    clean = True
                    return saved
                except ConcurrencyConflict:
                    # Another process appended after this one caught up: load again, from the snapshot.
                    if (replay := await self._remembered(ctx)) is not None:
                        return replay
                    if ctx.expected_version is not None:
                        current = await self.repo.current(cls, aggregate_id)
                        self.repo.give_back(current)
                        raise VersionMismatch(current.version) from None
                except (DomainError, VersionMismatch):
                    if (replay := await self._remembered(ctx)) is not None:
                        return replay  # a request with the same key, from another process, got there first
                    raise
                except IdempotencyKeyTaken:
                    return await self._must_replay(ctx)
                finally:
                    if clean and not aggregate.pending_events:
                        self.repo.give_back(aggregate)
        raise ConcurrencyConflict(f"{aggregate_id} kept changing; try again")

    async def _save(self, aggregate: Aggregate, ctx: Context, on_behalf_of: UUID | None = None) -> Appended:
        occurred_at = ctx.occurred_at or ctx.now
        recorded_at = datetime.now(UTC)
        if occurred_at > recorded_at:
            raise DateInFuture(f"occurred at {occurred_at.isoformat()}, after {recorded_at.isoformat()}")
        meta = EventMetadata(
            actor_party=ctx.caller.party_id,
            api_key_id=ctx.caller.key_id,
            actor_user=ctx.caller.user,
            on_behalf_of=on_behalf_of,
            idempotency_key=ctx.idempotency_key,
            correlation_id=ctx.correlation_id,
        )
        claim = (
            IdempotencyClaim(ctx.caller.scope, ctx.idempotency_key, ctx.fingerprint)
            if ctx.idempotency_key
            else None
        )
        saved = await self.repo.save(aggregate, meta, occurred_at, recorded_at, claim)
        if self.on_saved is not None:
            self.on_saved()
        return saved

    async def _remembered(self, ctx: Context) -> Appended | None:
        if not ctx.idempotency_key:
            return None
        row = await self.repo.store.remembered(ctx.caller.scope, ctx.idempotency_key)
        if row is None:
            return None
        if row["fingerprint"] != ctx.fingerprint:
            raise IdempotencyKeyReused(f"key {ctx.idempotency_key!r} was used for another request")
        return Appended(row["stream_id"], row["version"], row["position"])

    async def _must_replay(self, ctx: Context) -> Appended:
        replay = await self._remembered(ctx)
        assert replay is not None, "the key was taken, so its row is committed"
        return replay
