"""The one entry of the write side: a command in, loaded, authorized, decided and saved; its outcome out."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from uuid import UUID, uuid4, uuid5

from domain.agreement import Agreement
from domain.indicator import Indicator
from domain.initiative import Initiative
from domain.quality import Defect
from domain.theme import Theme
from service.store.eventstore import Appended
from service.usecases.authz import admit, authorize
from service.usecases.commands import (
    AgreementCommand,
    Backdated,
    CatalogueCommand,
    Command,
    CreatesRecord,
    Delegable,
    IndicatorCommand,
    InitiativeCommand,
    RecordInitiative,
    ThemeCommand,
)
from service.usecases.context import Context, Decision, business_today
from service.usecases.decisions.initiatives import agreements_exist
from service.usecases.errors import Forbidden
from service.usecases.execute import Executor
from service.usecases.handlers import (
    CATALOGUE_HANDLERS,
    FOUNDERS,
    HANDLERS,
    INDICATOR_HANDLERS,
    INITIATIVE_HANDLERS,
)
from service.usecases.theme_targets import check_target

RECORD_IDS = UUID("5b0f7c1e-3f65-4f2a-9d57-0d6c1f1f9a10")  # namespace of ids derived from idempotency keys


@dataclass(frozen=True)
class Outcome:
    """The command's events are stored; `record_id` names the record it added, if its type adds one."""

    saved: Appended
    record_id: UUID | None = None


def new_record_id(ctx: Context) -> UUID:
    """A repeat with the same Idempotency-Key names the same record: the id derives from the key."""
    if ctx.idempotency_key:
        return uuid5(RECORD_IDS, f"{ctx.caller.scope}\n{ctx.idempotency_key}")
    return uuid4()


class Commands:
    def __init__(self, executor: Executor) -> None:
        self.executor = executor

    async def execute(self, command: Command, ctx: Context) -> Outcome:
        """Found an aggregate, or run the command on its agreement: load; not found unless the caller is
        a party; If-Match; the roles the handler table allows; preconditions; the domain's decision; save."""
        if isinstance(command, IndicatorCommand):
            return await self._on_indicator(command, ctx)
        if isinstance(command, CatalogueCommand):
            return await self._on_catalogue(command, ctx)
        if isinstance(command, InitiativeCommand | RecordInitiative):
            return await self._on_initiative(command, ctx)
        if isinstance(command, Backdated) and command.occurred_at is not None:
            ctx = replace(ctx, occurred_at=command.occurred_at)
        occurred_on = business_today(ctx.occurred_at) if ctx.occurred_at is not None else None
        if not isinstance(command, AgreementCommand):
            aggregate = FOUNDERS[type(command)](command, Decision(ctx.caller, ctx.today, None, occurred_on))
            return Outcome(await self.executor.create(aggregate, ctx))
        rule = HANDLERS[type(command)]
        record_id = new_record_id(ctx) if isinstance(command, CreatesRecord) else None
        decision = Decision(ctx.caller, ctx.today, record_id, occurred_on)
        on_behalf_of = command.on_behalf_of if isinstance(command, Delegable) else None

        async def decide(agreement: Agreement) -> None:
            commitment = command.commitment(agreement, ctx.caller.party_id)
            authorize(rule.name, rule.allowed, agreement, ctx.caller, commitment, on_behalf_of)
            if rule.requires is not None:
                await rule.requires(self.executor.repo, command)
            rule.handle(agreement, command, decision)

        saved = await self.executor.update(
            Agreement, command.agreement_id, decide, ctx, partial(admit, caller=ctx.caller), on_behalf_of
        )
        return Outcome(saved, record_id)

    async def _on_indicator(self, command: IndicatorCommand, ctx: Context) -> Outcome:
        """Indicators are public: any key finds one; only an admin key changes it."""
        handle = INDICATOR_HANDLERS[type(command)]
        decision = Decision(ctx.caller, ctx.today)

        async def decide(indicator: Indicator) -> None:
            if not ctx.caller.is_admin:
                raise Forbidden(f"only an admin key may {handle.__name__.replace('_', ' ')}")
            handle(indicator, command, decision)

        return Outcome(await self.executor.update(Indicator, command.indicator_id, decide, ctx))

    async def _on_catalogue(self, command: CatalogueCommand, ctx: Context) -> Outcome:
        """Themes and defects are public like indicators: only an admin key changes them."""
        handle = CATALOGUE_HANDLERS[type(command)]
        cls, stream = (Theme, Theme.id_for(command.theme)) if isinstance(command, ThemeCommand) else (
            Defect, command.defect_id)

        async def decide(record: Theme | Defect) -> None:
            if not ctx.caller.is_admin:
                raise Forbidden(f"only an admin key may {handle.__name__.replace('_', ' ')}")
            if isinstance(command, ThemeCommand) and hasattr(command, "basis"):
                await check_target(self.executor.repo, command.target)
            handle(record, command, Decision(ctx.caller, ctx.today))

        return Outcome(await self.executor.update(cls, stream, decide, ctx))

    async def _on_initiative(self, command: InitiativeCommand | RecordInitiative, ctx: Context) -> Outcome:
        """Only an admin key records or links an initiative; the agreements it names must exist."""
        decision = Decision(ctx.caller, ctx.today)
        if isinstance(command, RecordInitiative):
            initiative = FOUNDERS[RecordInitiative](command, decision)
            await agreements_exist(self.executor.repo, command)
            return Outcome(await self.executor.create(initiative, ctx))
        handle = INITIATIVE_HANDLERS[type(command)]

        async def decide(initiative: Initiative) -> None:
            if not ctx.caller.is_admin:
                raise Forbidden(f"only an admin key may {handle.__name__.replace('_', ' ')}")
            await agreements_exist(self.executor.repo, command)
            handle(initiative, command, decision)

        return Outcome(await self.executor.update(Initiative, command.initiative_id, decide, ctx))
