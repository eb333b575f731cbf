"""The one place where the parts are wired together around a connection pool."""

from __future__ import annotations

import asyncpg

import projections
from service.config import Settings
from service.http.ratelimit import RateLimiter
from service.reads.export import Exporter
from service.reads.history import History
from service.reads.progress_queries import ProgressQueries
from service.reads.queries import Queries
from service.reads.time_travel import TimeTravel
from service.store.eventstore import EventStore
from service.store.mapper import Mapper
from service.store.notify import Notifier
from service.store.parking import RetryPolicy
from service.store.repository import Repository
from service.store.runner import Runner
from service.usecases.context import business_today
from service.usecases.dispatch import Commands
from service.usecases.execute import Executor
from service.usecases.keys import Keys


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
        self.history = History(pool, self.mapper)
        self.exporter = Exporter(pool)
        self.time_travel = TimeTravel(pool, self.mapper, projections.ALL, business_today)
        self.keys = Keys(pool)
        self.rate_limiter = RateLimiter(settings.rate_limit_per_minute)
        retry = RetryPolicy(settings.projection_attempts, settings.projection_retry_s)
        self.runner = Runner(pool, self.store, self.mapper, projections.ALL, retry=retry)
