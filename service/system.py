"""The one place where the parts are wired together around a connection pool."""

from __future__ import annotations

import asyncpg

import projections
from service.config import Settings
from service.http.ratelimit import RateLimiter
from service.reads.log_audit import AgreementAudit
from service.reads.log_export import LogExport
from service.reads.log_queries import LogQueries
from service.reads.log_verify import LogVerifier
from service.reads.progress_queries import ProgressQueries
from service.reads.queries import Queries
from service.store.eventstore import EventStore
from service.store.log_key import load_signer
from service.store.mapper import Mapper
from service.store.notify import Notifier
from service.store.repository import Repository
from service.store.runner import Runner
from service.store.sequencer import Sequencer
from service.store.tlog import Integrator
from service.store.tlog_checkpoints import Checkpoints
from service.store.tlog_tree import TreeStore
from service.usecases.commands import AgreementCommands, PartyCommands
from service.usecases.execute import Executor
from service.usecases.keys import Keys
from service.usecases.lifecycle_commands import LifecycleCommands
from service.usecases.progress_commands import ProgressCommands
from service.usecases.witnesses import Witnesses


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
        self.sequencer = Sequencer(pool, self.store)
        self.log_signer = load_signer(settings)
        self.checkpoints = Checkpoints(
            pool, self.log_signer, settings.log_origin, settings.checkpoint_interval_s)
        self.integrator = Integrator(pool, on_grown=self.checkpoints.on_grown)
        self.log_queries = LogQueries(TreeStore(pool), self.checkpoints, self.log_signer.verifier)
        self.witnesses = Witnesses(pool, self.checkpoints)
        self.log_verifier = LogVerifier(pool, self.checkpoints, self.log_signer.verifier)
        self.agreement_audit = AgreementAudit(pool, self.checkpoints, self.log_signer.verifier)
        self.log_export = LogExport(pool, self.checkpoints, self.log_signer.verifier)
