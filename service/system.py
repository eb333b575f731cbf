"""The one place where the parts are wired together around a connection pool."""

from __future__ import annotations

import asyncpg

import projections
from service.commands import AgreementCommands, PartyCommands
from service.config import Settings
from service.eventstore import EventStore
from service.execute import Executor
from service.keys import Keys
from service.lifecycle_commands import LifecycleCommands
from service.mapper import Mapper
from service.notify import Notifier
from service.progress_commands import ProgressCommands
from service.progress_queries import ProgressQueries
from service.queries import Queries
from service.ratelimit import RateLimiter
from service.repository import Repository
from service.runner import Runner


class System:
    def __init__(self, pool: asyncpg.Pool, settings: Settings) -> None:
        self.pool = pool
        self.settings = settings
        self.store = EventStore(pool)
        self.mapper = Mapper()
        self.notifier = Notifier(pool)
        self.executor = Executor(Repository(self.store, self.mapper), on_saved=self.notifier.poke)
        self.agreement_commands = AgreementCommands(self.executor)
        self.party_commands = PartyCommands(self.executor)
        self.progress_commands = ProgressCommands(self.executor)
        self.lifecycle_commands = LifecycleCommands(self.executor)
        self.queries = Queries(pool, self.store, settings.read_wait_s)
        self.progress_queries = ProgressQueries(pool)
        self.keys = Keys(pool)
        self.rate_limiter = RateLimiter(settings.rate_limit_per_minute)
        self.runner = Runner(pool, self.store, self.mapper, projections.ALL)
