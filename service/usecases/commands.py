"""Use cases: one function per command, each a call to the executor with a decision."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from uuid import UUID

from domain.agreement import Agreement
from domain.party import Party
from domain.values import (
    EntryIntoForce,
    InstrumentType,
    LocalizedText,
    Modality,
    Nature,
    PartyRole,
    Period,
    Responsibility,
)
from service.store.eventstore import Appended
from service.usecases.authz import authorize
from service.usecases.context import Caller, Context
from service.usecases.errors import Forbidden, UnknownParty
from service.usecases.execute import Executor


def require_party_key(caller: Caller) -> UUID:
    if caller.party_id is None:
        raise Forbidden("this command is taken only from a party's own key")
    return caller.party_id


CommitmentOf = str | Callable[[Agreement], str | None] | None
"""The commitment a command acts on: named in the request, or looked up (a report's, a claim's)."""


class OnAgreement:
    """Commands on an existing agreement, each let through by the permission table."""

    def __init__(self, executor: Executor) -> None:
        self.executor = executor

    async def _on(
        self,
        command: str,
        agreement_id: UUID,
        ctx: Context,
        decide,
        commitment: CommitmentOf = None,
        on_behalf_of: UUID | None = None,
    ) -> Appended:
        """Run `decide` on the agreement if the permission table lets the caller run `command`."""

        def decide_authorized(agreement: Agreement) -> None:
            code = commitment(agreement) if callable(commitment) else commitment
            authorize(command, agreement, ctx.caller, code, on_behalf_of)
            decide(agreement)

        if on_behalf_of is not None:
            ctx = replace(ctx, on_behalf_of=on_behalf_of)
        return await self.executor.update(Agreement, agreement_id, decide_authorized, ctx)


class AgreementCommands(OnAgreement):
    async def _require_registered(self, party_id: UUID) -> None:
        if not await self.executor.repo.exists(Party, party_id):
            raise UnknownParty(party_id)

    async def draft(
        self,
        agreement_id: UUID,
        code: str,
        title: LocalizedText,
        authentic_language: str,
        instrument_type: InstrumentType,
        period: Period | None,
        drafter_role: PartyRole,
        ctx: Context,
    ) -> Appended:
        caller = ctx.caller
        if not caller.is_admin:
            require_party_key(caller)
        agreement = Agreement.draft(
            agreement_id, code, title, authentic_language, instrument_type, period, drafted_by=caller.party_id
        )
        if caller.party_id is not None:
            agreement.add_party(caller.party_id, drafter_role)
        return await self.executor.create(agreement, ctx)

    async def add_party(self, agreement_id: UUID, party_id: UUID, role: PartyRole, ctx: Context) -> Appended:
        await self._require_registered(party_id)
        return await self._on("add_party", agreement_id, ctx, lambda a: a.add_party(party_id, role))

    async def define_area(
        self,
        agreement_id: UUID,
        code: str,
        title: LocalizedText,
        aliases: tuple[str, ...],
        aim: LocalizedText | None,
        ctx: Context,
    ) -> Appended:
        return await self._on(
            "define_area", agreement_id, ctx, lambda a: a.define_area(code, title, aliases, aim)
        )

    async def define_commitment(
        self,
        agreement_id: UUID,
        code: str,
        area_code: str,
        text: LocalizedText,
        modality: Modality,
        nature: Nature,
        responsibilities: tuple[Responsibility, ...],
        responsibility_basis: str | None,
        ctx: Context,
    ) -> Appended:
        return await self._on(
            "define_commitment",
            agreement_id,
            ctx,
            lambda a: a.define_commitment(
                code, area_code, text, modality, nature, responsibilities, responsibility_basis
            ),
        )

    async def open_for_signature(self, agreement_id: UUID, ctx: Context) -> Appended:
        return await self._on("open_for_signature", agreement_id, ctx, lambda a: a.open_for_signature())

    async def sign(self, agreement_id: UUID, signed_on: date, place: str | None, ctx: Context) -> Appended:
        party_id = require_party_key(ctx.caller)
        return await self._on(
            "sign", agreement_id, ctx, lambda a: a.sign(party_id, signed_on, ctx.today, place)
        )

    async def enter_into_force(self, agreement_id: UUID, entry: EntryIntoForce, ctx: Context) -> Appended:
        return await self._on(
            "enter_into_force", agreement_id, ctx, lambda a: a.enter_into_force(entry, ctx.today)
        )


class PartyCommands:
    def __init__(self, executor: Executor) -> None:
        self.executor = executor

    async def register(
        self, code: str, names: LocalizedText, jurisdiction: str | None, parent_id: UUID | None, ctx: Context
    ) -> Appended:
        if not ctx.caller.is_admin:
            raise Forbidden("only an admin key registers parties")
        party = Party.register(code, names, jurisdiction, parent_id)
        return await self.executor.create(party, ctx)
