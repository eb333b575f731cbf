"""The one place where the parts are wired together around a connection pool."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

import asyncpg

import projections
from service.config import Settings
from service.http.ratelimit import SharedRateLimiter
from service.reads.data_quality import DataQualityReads
from service.reads.events import Feed
from service.reads.export import Exporter
from service.reads.history import History
from service.reads.indicators import IndicatorReads
from service.reads.initiatives import InitiativeReads
from service.reads.log_audit import AgreementAudit
from service.reads.log_export import LogExport
from service.reads.log_queries import LogQueries
from service.reads.log_verify import LogVerifier
from service.reads.progress_queries import ProgressQueries
from service.reads.queries import Queries
from service.reads.themes import ThemeReads
from service.reads.time_travel import TimeTravel
from service.store.eventstore import EventStore
from service.store.key_watch import KeyWatch
from service.store.log_key import load_signer
from service.store.mapper import Mapper
from service.store.notify import Notifier
from service.store.parking import RetryPolicy
from service.store.repository import Repository
from service.store.runner import Runner
from service.store.sequencer import Sequencer
from service.store.seqwatch import SeqWatch
from service.store.snapshots import Snapshots
from service.store.tlog import Integrator
from service.store.tlog_checkpoints import Checkpoints
from service.store.tlog_tree import TreeStore
from service.usecases.context import business_today
from service.usecases.dispatch import Commands
from service.usecases.execute import Executor
from service.usecases.keys import Keys
from service.usecases.persons import Persons
from service.usecases.reminders import ReminderScheduler
from service.usecases.webhooks import Webhooks
from service.usecases.witnesses import Witnesses
from service.webhooks.worker import DeliveryPolicy, DeliveryWorker


class System:
    def __init__(self, pool: asyncpg.Pool, settings: Settings) -> None:
        self.pool = pool
        self.settings = settings
        self.store = EventStore(pool)
        self.mapper = Mapper()
        self.notifier = Notifier(pool)
        self.snapshots = Snapshots(pool, settings.snapshot_every)
        self.repository = Repository(self.store, self.mapper, snapshots=self.snapshots)
        self.executor = Executor(self.repository, on_saved=self.notifier.poke)
        self.commands = Commands(self.executor)
        self.reminders = ReminderScheduler(pool, self.commands)
        self.queries = Queries(pool, self.store, settings.read_wait_s)
        self.progress_queries = ProgressQueries(pool)
        self.indicators = IndicatorReads(pool)
        self.themes = ThemeReads(pool)
        self.data_quality = DataQualityReads(pool)
        self.initiatives = InitiativeReads(pool)
        self.history = History(pool, self.mapper)
        self.exporter = Exporter(pool)
        self.time_travel = TimeTravel(pool, self.mapper, projections.ALL, business_today)
        self.keys = Keys(pool)
        self.key_watch = KeyWatch(pool, changed=self.keys.changed, listening=self.keys.hearing)
        self.rate_limiter = SharedRateLimiter(pool, settings.rate_limit_per_minute)
        retry = RetryPolicy(settings.projection_attempts, settings.projection_retry_s)
        self.runner = Runner(pool, self.store, self.mapper, projections.ALL, retry=retry)
        self.sequencer = Sequencer(pool, self.store)
        self.seq_watch = SeqWatch(pool)
        self.feed = Feed(pool, self.seq_watch, max_wait=30)
        self.webhooks = Webhooks(pool, settings.webhook_allow_private)
        self.webhook_worker = DeliveryWorker(
            pool, self.feed, DeliveryPolicy(allow_private=settings.webhook_allow_private,
                                            backoff_s=settings.webhook_backoff_s,
                                            retry_window_s=settings.webhook_retry_window_s),
            public_agreements="agreements" in settings.public_views)
        self.log_signer = load_signer(settings)
        self.checkpoints = Checkpoints(
            pool, self.log_signer, settings.log_origin, settings.checkpoint_interval_s)
        self.integrator = Integrator(pool, on_grown=self.checkpoints.on_grown)
        self.log_queries = LogQueries(TreeStore(pool), self.checkpoints, self.log_signer.verifier)
        self.witnesses = Witnesses(pool, self.checkpoints)
        self.log_verifier = LogVerifier(pool, self.checkpoints, self.log_signer.verifier)
        self.agreement_audit = AgreementAudit(pool, self.checkpoints, self.log_signer.verifier)
        self.log_export = LogExport(pool, self.checkpoints, self.log_signer.verifier)
        self.persons = Persons(pool, self.store, self.mapper, on_saved=self.notifier.poke)
        # What a process that works the log runs in the background (`serve`, `project`): the projections,
        # the feed's numbering, the transparency log and webhook deliveries, each with one owner across
        # processes, and the deadline reminders, which any number of processes may send.
        self.workers = (self.runner, self.sequencer, self.integrator, self.webhook_worker, self.reminders)

    @asynccontextmanager
    async def working(self, with_workers: bool = True) -> AsyncIterator[list[asyncio.Task]]:
        """From the start of the block to its end: the listeners a running process keeps (appends announced
        to the projection runners, the feed's head, key changes) and, `with_workers`, the background jobs,
        whose tasks the block gets."""
        async with AsyncExitStack() as stack:
            for watch in (self.notifier, self.seq_watch, self.key_watch):
                watch.start()
                stack.push_async_callback(watch.stop)
            stop = asyncio.Event()
            jobs = [asyncio.create_task(w.run(stop)) for w in (self.workers if with_workers else ())]
            try:
                yield jobs
            finally:
                stop.set()
                for job in jobs:
                    with contextlib.suppress(asyncio.CancelledError):
                        await job
