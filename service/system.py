"""The one place where the parts are wired together around a connection pool."""

from __future__ import annotations

import asyncpg

import projections
from service.config import Settings
from service.http.ratelimit import RateLimiter
from service.reads.events import Feed
from service.reads.export import Exporter
from service.reads.history import History
from service.reads.indicators import IndicatorReads
from service.reads.progress_queries import ProgressQueries
from service.reads.queries import Queries
from service.reads.time_travel import TimeTravel
from service.store.eventstore import EventStore
from service.store.mapper import Mapper
from service.store.notify import Notifier
from service.store.parking import RetryPolicy
from service.store.repository import Repository
from service.store.runner import Runner
from service.store.sequencer import Sequencer
from service.store.seqwatch import SeqWatch
from service.usecases.context import business_today
from service.usecases.dispatch import Commands
from service.usecases.execute import Executor
from service.usecases.keys import Keys
from service.usecases.webhooks import Webhooks
from service.webhooks.worker import DeliveryPolicy, DeliveryWorker


class System:
    def __init__(self, pool: asyncpg.Pool, settings: Settings) -> None:
        self.pool = pool
        self.settings = settings
        self.store = EventStore(pool)
        self.mapper = Mapper()
        self.notifier = Notifier(pool)
        self.executor = Executor(Repository(self.store, self.mapper), on_saved=self.notifier.poke)
        self.commands = Commands(self.executor)
        self.queries = Queries(pool, self.store, settings.read_wait_s)
        self.progress_queries = ProgressQueries(pool)
        self.indicators = IndicatorReads(pool)
        self.history = History(pool, self.mapper)
        self.exporter = Exporter(pool)
        self.time_travel = TimeTravel(pool, self.mapper, projections.ALL, business_today)
        self.keys = Keys(pool)
        self.rate_limiter = RateLimiter(settings.rate_limit_per_minute)
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
