"""Group commit: the commands waiting for one aggregate, decided in turn on one copy, stored in one append.

Each command keeps its own events, metadata, idempotency key and answer. One that breaks a rule fails
alone; when the append meets a write from another process, the copy is caught up and the commands decided
again (If-Match then answers 412, as it would alone).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.errors import DateInFuture, DomainError
from service.store.eventstore import Appended, IdempotencyClaim
from service.store.mapper import EventMetadata
from service.store.persons import keys_for_writing
from service.store.repository import Decided, Repository
from service.usecases.context import Context
from service.usecases.errors import (
    ConcurrencyConflict,
    IdempotencyKeyReused,
    IdempotencyKeyTaken,
    VersionMismatch,
)
from service.usecases.turns import Job

MAX_ATTEMPTS = 4  # appends of one batch that meet another process's write before it gives up
MAX_BATCH_EVENTS = 500  # events a batch decides before the rest wait for the next append


@dataclass(frozen=True, slots=True)
class Pending:
    """A command waiting for its aggregate: the decision to run, on whose behalf, with what context."""

    decide: Callable[[Aggregate], Awaitable[None]]
    ctx: Context
    admit: Callable[[Aggregate], None] | None = None
    on_behalf_of: UUID | None = None


class Saves(Protocol):
    repo: Repository
    on_saved: Callable[[], None] | None


def decided_by(ctx: Context, count: int, on_behalf_of: UUID | None = None) -> Decided:
    """What is recorded with a command's `count` events; a fact dated after now is refused."""
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
    claim = (IdempotencyClaim(ctx.caller.scope, ctx.idempotency_key, ctx.fingerprint)
             if ctx.idempotency_key else None)
    return Decided(count, meta, occurred_at, recorded_at, claim)


async def remembered(repo: Repository, ctx: Context) -> Appended | None:
    """The stored answer to an earlier request with this request's key, if any."""
    if not ctx.idempotency_key:
        return None
    return _replay(ctx, await repo.store.remembered(ctx.caller.scope, ctx.idempotency_key))


def _replay(ctx: Context, row: Mapping[str, Any] | None) -> Appended | None:
    if row is None:
        return None
    if row["fingerprint"] != ctx.fingerprint:
        raise IdempotencyKeyReused(f"key {ctx.idempotency_key!r} was used for another request")
    return Appended(row["stream_id"], row["version"], row["position"])


class GroupCommit:
    def __init__(self, saves: Saves) -> None:
        self.saves = saves

    async def run(self, cls: type[Aggregate], aggregate_id: UUID, jobs: list[Job]) -> None:
        """Answer every job: its events stored, or its own error."""
        todo = jobs
        for _ in range(MAX_ATTEMPTS):
            todo, conflicted = await self._round(cls, aggregate_id, todo)
            while todo and not conflicted:  # commands that waited behind one sharing their key
                todo, conflicted = await self._round(cls, aggregate_id, todo)
            if not todo:
                return
        for job in todo:
            job.fail(ConcurrencyConflict(f"{aggregate_id} kept changing; try again"))

    async def _round(self, cls: type[Aggregate], aggregate_id: UUID, jobs: list[Job]
                     ) -> tuple[list[Job], bool]:
        """Decide the jobs in turn and store what they decided: the jobs to decide again, and whether
        that is because the append met another write."""
        repo = self.saves.repo
        try:
            aggregate = await repo.current(cls, aggregate_id)
        except Exception as error:  # noqa: BLE001 (not found, or the store failed: each job hears it)
            for job in jobs:
                job.fail(error)
            return [], False
        decided: list[tuple[Job, Decided]] = []
        again: list[Job] = []
        keys: set[tuple[str, str]] = set()
        claims = [(j.payload.ctx.caller.scope, j.payload.ctx.idempotency_key) for j in jobs
                  if j.payload.ctx.idempotency_key]
        try:
            stored = await repo.store.remembered_all(claims) if claims else {}
        except Exception as error:  # noqa: BLE001 (the store failed: each job hears it)
            repo.give_back(aggregate)
            for job in jobs:
                job.fail(error)
            return [], False
        spoilt = False  # a failed decision left events on the copy: later jobs wait for a fresh one
        for job in jobs:
            if spoilt or len(aggregate.pending_events) >= MAX_BATCH_EVENTS:
                again.append(job)
                continue
            before = len(aggregate.pending_events)
            try:
                outcome = await self._decide(aggregate, job.payload, keys, stored)
                if isinstance(outcome, Decided) and (named := repo.mapper.persons_named(
                        aggregate.pending_events[before:])):
                    await keys_for_writing(repo.store.pool, named)  # an erased person fails this job alone
            except Exception as error:  # noqa: BLE001 (the job's own failure, answered to it alone)
                spoilt = len(aggregate.pending_events) != before
                answer = await self._unless_stored(job.payload.ctx, error)
                job.succeed(answer) if isinstance(answer, Appended) else job.fail(answer)
                continue
            if outcome is None:
                again.append(job)  # a job before it in this batch holds its key
            elif isinstance(outcome, Appended):
                job.succeed(outcome)
            else:
                decided.append((job, outcome))
        if not decided:
            if not spoilt:
                repo.give_back(aggregate)
            return again, False
        try:
            saved = await repo.save_commands(aggregate, [d for _, d in decided], keep=not spoilt)
        except (ConcurrencyConflict, IdempotencyKeyTaken):
            return [job for job, _ in decided] + again, True  # the copy is dropped; next round catches up
        except Exception as error:  # noqa: BLE001
            for job, _ in decided:
                job.fail(error)
            return again, False
        for (job, _), appended in zip(decided, saved, strict=True):
            job.succeed(appended)
        if self.saves.on_saved is not None:
            self.saves.on_saved()
        return again, False

    async def _decide(self, aggregate: Aggregate, command: Pending, keys: set[tuple[str, str]],
                      stored: dict[tuple[str, str], Any]) -> Decided | Appended | None:
        """The command decided on the copy; its stored answer if it repeats a stored request; None if a
        command before it in the batch carries its key."""
        ctx = command.ctx
        if command.admit is not None:
            command.admit(aggregate)
        key = (ctx.caller.scope, ctx.idempotency_key or "")
        if ctx.idempotency_key:
            if key in keys:
                return None
            if (replay := _replay(ctx, stored.get(key))) is not None:
                return replay
        if ctx.expected_version is not None and aggregate.version != ctx.expected_version:
            raise VersionMismatch(aggregate.version)
        before = len(aggregate.pending_events)
        decided = decided_by(ctx, 0, command.on_behalf_of)
        await command.decide(aggregate)
        count = len(aggregate.pending_events) - before
        if not count:
            raise ValueError("nothing to save")
        if ctx.idempotency_key:
            keys.add(key)
        return replace(decided, count=count)

    async def _unless_stored(self, ctx: Context, error: Exception) -> Appended | Exception:
        """The error, unless a request with the same key, from another process, got there first."""
        if isinstance(error, DomainError | VersionMismatch):
            try:
                replay = await remembered(self.saves.repo, ctx)
            except IdempotencyKeyReused as reused:
                return reused
            if replay is not None:
                return replay
        return error
