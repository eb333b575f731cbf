"""The reminder scheduler: at start and then every interval, each agreement with a deadline within 30 days
(or past) is asked to record the reminders it has reached. Any number of schedulers may run: the
agreement remembers its reminders and its stream's version check settles a race, so none is recorded twice."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from uuid import UUID

import asyncpg

from domain.agreement.reminders import NothingToRemind
from domain.agreement.values import OPEN_LIFECYCLES
from service.store.daemon import wait_any
from service.usecases.commands import SendReminders
from service.usecases.context import Caller, Context, business_today
from service.usecases.dispatch import Commands

log = logging.getLogger(__name__)
SCHEDULER = Caller(key_id=None, party_id=None, is_admin=True, user="pactum reminders")
AHEAD = timedelta(days=30)  # the earliest reminder

# From the progress read models: agreements in force with an open due date or milestone due by $1.
CANDIDATES = """
SELECT a.agreement_id FROM progress_agreement a
WHERE a.status = 'in_force' AND EXISTS (
    SELECT 1 FROM commitment_progress c
    WHERE c.agreement_id = a.agreement_id AND c.lifecycle = ANY($2::text[]) AND (
        c.due_deadline <= $1 OR EXISTS (
            SELECT 1 FROM commitment_milestone m
            WHERE m.agreement_id = c.agreement_id AND m.code = c.code AND m.achieved_on IS NULL
              AND m.deadline <= $1)))
ORDER BY a.agreement_id
"""


class ReminderScheduler:
    def __init__(self, pool: asyncpg.Pool, commands: Commands, interval_s: float = 3600.0,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.pool = pool
        self.commands = commands
        self.interval_s = interval_s
        self.clock = clock or partial(datetime.now, UTC)

    async def candidates(self, now: datetime) -> list[UUID]:
        """The agreements that may have a reminder due on the region's date of `now`."""
        rows = await self.pool.fetch(CANDIDATES, business_today(now) + AHEAD,
                                     [lifecycle.value for lifecycle in OPEN_LIFECYCLES])
        return [row["agreement_id"] for row in rows]

    async def run_once(self) -> int:
        """Send reminders to every candidate; return how many agreements recorded any."""
        now = self.clock()
        reminded = 0
        for agreement_id in await self.candidates(now):
            try:
                await self.commands.execute(SendReminders(agreement_id=agreement_id),
                                            Context(caller=SCHEDULER, now=now))
            except NothingToRemind:
                continue  # already recorded, here or by another scheduler
            except Exception:  # one agreement's failure never holds back the others' reminders
                log.exception("reminders for agreement %s failed; trying again next round", agreement_id)
                continue
            reminded += 1
        return reminded

    async def run(self, stop: asyncio.Event) -> None:
        """Send reminders at start and then every interval, until `stop`."""
        while not stop.is_set():
            try:
                await self.run_once()
            except Exception as error:  # the database is away: the next round tries again
                log.warning("reminder scheduler could not run (%s); trying again", error)
            await wait_any(asyncio.Event(), stop, self.interval_s)
