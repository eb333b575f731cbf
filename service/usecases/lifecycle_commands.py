"""Use cases of the agreement after signing: suspension, period end and close-out, termination, supersession,
comments, reporting rights, amendments."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.agreement import Agreement
from domain.agreement.values import AmendmentChange
from domain.errors import NotAParty
from domain.values import LocalizedText
from service.store.eventstore import Appended
from service.usecases.authz import responsible_for
from service.usecases.commands import OnAgreement, require_party_key
from service.usecases.context import Context
from service.usecases.errors import UnknownAgreement
from service.usecases.progress_commands import Created, new_id


class LifecycleCommands(OnAgreement):
    async def suspend(self, aid: UUID, suspended_on: date, reason: str, ctx: Context) -> Appended:
        return await self._on("suspend", aid, ctx, lambda a: a.suspend(suspended_on, reason, ctx.today))

    async def resume(self, aid: UUID, resumed_on: date, ctx: Context) -> Appended:
        return await self._on("resume", aid, ctx, lambda a: a.resume(resumed_on, ctx.today))

    async def end_period(self, aid: UUID, ended_on: date, final_report_due: date, ctx: Context) -> Appended:
        return await self._on("end_period", aid, ctx,
                              lambda a: a.end_period(ended_on, final_report_due, ctx.today))

    async def close_out(self, aid: UUID, closed_on: date, ctx: Context) -> Appended:
        return await self._on("close_out", aid, ctx, lambda a: a.close_out(closed_on, ctx.today))

    async def terminate(self, aid: UUID, terminated_on: date, reason: str, ctx: Context) -> Appended:
        return await self._on("terminate", aid, ctx, lambda a: a.terminate(terminated_on, reason, ctx.today))

    async def supersede(self, aid: UUID, by: UUID, superseded_on: date, ctx: Context) -> Appended:
        if not await self.executor.repo.exists(Agreement, by):
            raise UnknownAgreement(by)
        return await self._on("supersede", aid, ctx, lambda a: a.supersede(by, superseded_on, ctx.today))

    async def add_comment(self, aid: UUID, text: LocalizedText, code: str | None, ctx: Context) -> Created:
        party, rid = ctx.caller.party_id, new_id(ctx)

        def comment(agreement: Agreement) -> None:
            if party is None:  # the event names the party speaking; an admin key without one has none
                raise NotAParty("a comment speaks for a party of the agreement; this key is bound to none")
            agreement.add_comment(rid, party, text, ctx.today, code)

        return Created(await self._on("add_comment", aid, ctx, comment, commitment=code), rid)

    async def delegate_reporting_right(self, aid: UUID, delegate: UUID, codes: tuple[str, ...],
                                       ctx: Context) -> Appended:
        party = require_party_key(ctx.caller)
        return await self._on("delegate_reporting_right", aid, ctx, lambda a: a.delegate_reporting_right(
            party, delegate, ctx.today, codes), commitment=lambda a: responsible_for(a, party, codes))

    async def revoke_reporting_right(self, aid: UUID, delegate: UUID, ctx: Context) -> Appended:
        party = require_party_key(ctx.caller)
        return await self._on("revoke_reporting_right", aid, ctx, lambda a: a.revoke_reporting_right(
            party, delegate, ctx.today), commitment=lambda a: responsible_for(a, party))

    # -- amendments -------------------------------------------------------------------------

    async def propose_amendment(self, aid: UUID, changes: tuple[AmendmentChange, ...],
                                summary: LocalizedText | None, ctx: Context) -> Created:
        party, rid = require_party_key(ctx.caller), new_id(ctx)
        saved = await self._on("propose_amendment", aid, ctx, lambda a: a.propose_amendment(
            rid, party, changes, ctx.today, summary))
        return Created(saved, rid)

    async def sign_amendment(self, aid: UUID, amendment_id: UUID, signed_on: date, ctx: Context) -> Appended:
        party = require_party_key(ctx.caller)
        return await self._on("sign_amendment", aid, ctx, lambda a: a.sign_amendment(
            amendment_id, party, signed_on, ctx.today))

    async def withdraw_amendment(self, aid: UUID, amendment_id: UUID, reason: str, ctx: Context) -> Appended:
        party = require_party_key(ctx.caller)
        return await self._on("withdraw_amendment", aid, ctx, lambda a: a.withdraw_amendment(
            amendment_id, party, reason, ctx.today))
