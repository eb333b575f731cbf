"""Deadline reminders through the running system: schedulers racing and restarting record each reminder once,
a moved due date gets its own, and the responsible parties read them in GET /events."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from uuid import UUID

import pytest

from service.store.eventstore import ConcurrencyConflict, EventStore
from service.store.mapper import Mapper
from service.store.repository import Repository
from service.usecases.commands import SendReminders
from service.usecases.context import Caller, Context, business_today
from service.usecases.dispatch import Commands
from service.usecases.errors import Forbidden
from service.usecases.execute import Executor
from service.usecases.reminders import ReminderScheduler
from tests.api.world import text

REMINDERS = "commitment.deadline_approaching,commitment.deadline_passed"


def in_days(n: int) -> str:
    return (business_today() + timedelta(days=n)).isoformat()


def another_scheduler(world, repository: type[Repository] = Repository) -> ReminderScheduler:
    """A scheduler of another process: its own repository and cache over the same database."""
    pool = world.system.pool
    return ReminderScheduler(pool, Commands(Executor(repository(EventStore(pool), Mapper()))))


class Meeting(Repository):
    """Loads an agreement, then (the first time) waits until every scheduler has loaded it: they all decide
    on the same version."""

    barrier = asyncio.Barrier(2)
    conflicts = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.met: set[UUID] = set()

    async def current(self, cls, aggregate_id):
        aggregate = await super().current(cls, aggregate_id)
        if aggregate_id not in self.met:  # not again when catching up after the conflict
            self.met.add(aggregate_id)
            await Meeting.barrier.wait()
        return aggregate

    async def save_commands(self, *args, **kwargs):
        try:
            return await super().save_commands(*args, **kwargs)
        except ConcurrencyConflict:
            Meeting.conflicts += 1
            raise


async def reminders_of(world, agreement) -> list[tuple]:
    rows = await world.system.pool.fetch(
        "SELECT event_type, payload->>'commitment_code' AS code, payload->>'milestone_code' AS milestone, "
        "payload->>'deadline' AS deadline, payload->>'days_before' AS days FROM events "
        "WHERE stream_id = $1 AND event_type LIKE 'commitment.%' ORDER BY version", UUID(agreement.id))
    return [tuple(r) for r in rows]


async def feed(world, who: str) -> list[dict]:
    await world.system.sequencer.catch_up()
    r = await world.client.get("/events", params={"after": 0, "limit": 1000, "types": REMINDERS},
                               headers=world.auth(who))
    assert r.status_code == 200, r.text
    return r.json()["items"]


async def scheduled_agreement(world):
    agreement = await world.agreement()
    await agreement.ok("/commitments/A1.1/due-date", {"due": {"on": in_days(7)}, "reason": "提前完成"})
    await agreement.ok("/commitments/A1.2/milestones",
                       {"code": "M1", "title": text("首次联席会议"), "due": {"on": in_days(30)}})
    await agreement.ok("/commitments/A1.2/due-date", {"due": {"on": in_days(-3)}, "reason": "已逾期"})
    await world.system.runner.catch_up()
    return agreement


async def test_schedulers_racing_and_restarting_record_each_reminder_once(world):
    agreement = await scheduled_agreement(world)
    schedulers = [world.system.reminders, another_scheduler(world), another_scheduler(world)]

    await asyncio.gather(*(s.run_once() for s in schedulers))
    await asyncio.gather(*(s.run_once() for s in schedulers))  # a restart on the same day
    await another_scheduler(world).run_once()

    assert sorted(await reminders_of(world, agreement)) == [
        ("commitment.deadline_approaching", "A1.1", None, in_days(7), "7"),
        ("commitment.deadline_approaching", "A1.2", "M1", in_days(30), "30"),
        ("commitment.deadline_passed", "A1.2", None, in_days(-3), None),
    ]


async def test_two_schedulers_deciding_on_the_same_version_record_one_reminder(world):
    agreement = await scheduled_agreement(world)
    await world.system.reminders.run_once()  # the others of this module are reminded already
    await agreement.ok("/commitments/A1.1/due-date", {"due": {"on": in_days(25)}, "reason": "调整计划"})
    await world.system.runner.catch_up()

    schedulers = [another_scheduler(world, Meeting) for _ in range(2)]
    await asyncio.wait_for(asyncio.gather(*(s.run_once() for s in schedulers)), 10)

    assert Meeting.conflicts == 1  # both decided; the stream's version check refused the second
    assert [r for r in await reminders_of(world, agreement) if r[3] == in_days(25)] == [
        ("commitment.deadline_approaching", "A1.1", None, in_days(25), "30")]


async def test_a_moved_due_date_gets_its_own_reminders(world):
    agreement = await scheduled_agreement(world)
    await world.system.reminders.run_once()

    await agreement.ok("/commitments/A1.1/due-date", {"due": {"on": in_days(1)}, "reason": "加快进度"})
    await world.system.runner.catch_up()
    await asyncio.gather(world.system.reminders.run_once(), another_scheduler(world).run_once())

    assert [r for r in await reminders_of(world, agreement) if r[1] == "A1.1"] == [
        ("commitment.deadline_approaching", "A1.1", None, in_days(7), "7"),
        ("commitment.deadline_approaching", "A1.1", None, in_days(1), "1"),
    ]


async def test_the_responsible_parties_read_their_reminders_in_the_feed(world):
    agreement = await scheduled_agreement(world)
    await world.system.reminders.run_once()

    seen = [e for e in await feed(world, "supporting") if e["streamId"] == agreement.id]
    outsider = [e for e in await feed(world, "outsider") if e["streamId"] == agreement.id]

    approaching = next(e for e in seen if e["payload"]["commitment_code"] == "A1.1")
    assert len(seen) == 3 and outsider == []
    assert approaching["type"] == "commitment.deadline_approaching"
    assert approaching["actor"] == {"party": None, "keyId": None, "onBehalfOf": None,
                                    "user": "pactum reminders"}
    assert approaching["payload"] == {
        "commitment_code": "A1.1", "milestone_code": None, "due": {"on": in_days(7), "precision": "day"},
        "deadline": in_days(7), "days_before": 7,
        "responsible": sorted([world.ids["lead"], world.ids["supporting"]]), "reminded_on": in_days(0),
    }


async def test_a_party_key_cannot_send_reminders(world):
    agreement = await scheduled_agreement(world)
    lead = Caller(key_id=None, party_id=UUID(world.ids["lead"]))

    with pytest.raises(Forbidden):
        await world.system.commands.execute(SendReminders(agreement_id=UUID(agreement.id)), Context(lead))
    assert await reminders_of(world, agreement) == []
