"""The command cycle: wait for the aggregate's turn, load -> decide -> save, optimistically, idempotently."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from service.store.eventstore import Appended
from service.store.repository import STREAM_TYPE, Repository
from service.usecases.context import Context
from service.usecases.errors import AlreadyExists, ConcurrencyConflict, IdempotencyKeyTaken
from service.usecases.group import GroupCommit, Pending, decided_by, remembered
from service.usecases.turns import Turns

A = TypeVar("A", bound=Aggregate)


class Executor:
    def __init__(self, repo: Repository, on_saved: Callable[[], None] | None = None,
                 turns: Turns | None = None) -> None:
        self.repo = repo
        self.on_saved = on_saved
        self.turns = turns or Turns()
        self._group = GroupCommit(self)

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
        request) check If-Match, decide and save; retry if another process wrote meanwhile.

        Commands waiting for the same aggregate are decided in turn on one copy of it and stored in one
        append (group.py); each keeps its own events, key and answer, and one that fails fails alone.
        `admit` runs before anything that depends on the aggregate's state or the request's headers, so a
        caller it refuses learns nothing else. `on_behalf_of` is recorded with the events."""
        command = Pending(decide, ctx, admit, on_behalf_of)  # type: ignore[arg-type]
        return await self.turns.run(aggregate_id, command, partial(self._group.run, cls, aggregate_id))

    async def _save(self, aggregate: Aggregate, ctx: Context, on_behalf_of: UUID | None = None) -> Appended:
        decided = decided_by(ctx, len(aggregate.pending_events), on_behalf_of)
        saved = (await self.repo.save_commands(aggregate, [decided]))[0]
        if self.on_saved is not None:
            self.on_saved()
        return saved

    async def _remembered(self, ctx: Context) -> Appended | None:
        return await remembered(self.repo, ctx)

    async def _must_replay(self, ctx: Context) -> Appended:
        replay = await self._remembered(ctx)
        assert replay is not None, "the key was taken, so its row is committed"
        return replay
