"""Use cases of implementation: progress, due dates and milestones, completion, assessments.

Each is one permission-checked decision on the agreement; sub-resources it creates get ids from `new_id`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid4, uuid5

from domain.agreement import Agreement
from domain.agreement.values import CompletionLevel, DueDate, Evidence, Health, VerificationPolicy
from domain.errors import UnknownClaim, UnknownReport
from domain.values import LocalizedText
from service.store.eventstore import Appended
from service.usecases.commands import OnAgreement, require_party_key
from service.usecases.context import Context

RESOURCE_IDS = UUID("5b0f7c1e-3f65-4f2a-9d57-0d6c1f1f9a10")  # namespace of ids derived from idempotency keys


@dataclass(frozen=True)
class Created:
    """The result of a command that creates a sub-resource of the agreement (a report, a claim ...)."""

    saved: Appended
    resource_id: UUID


@dataclass(frozen=True)
class ReportContent:
    as_of: date
    level: CompletionLevel
    health: Health
    narrative: LocalizedText
    evidence: tuple[Evidence, ...] = ()
    next_steps: LocalizedText | None = None


def new_id(ctx: Context) -> UUID:
    """A repeat with the same Idempotency-Key names the same sub-resource: the id derives from the key."""
    if ctx.idempotency_key:
        return uuid5(RESOURCE_IDS, f"{ctx.caller.scope}\n{ctx.idempotency_key}")
    return uuid4()


def report_of(report_id: UUID) -> Callable[[Agreement], str]:
    def commitment(agreement: Agreement) -> str:
        if report_id not in agreement.reports:
            raise UnknownReport(f"no report {report_id}")
        return agreement.reports[report_id].commitment_code

    return commitment


def claim_of(claim_id: UUID) -> Callable[[Agreement], str]:
    def commitment(agreement: Agreement) -> str:
        if claim_id not in agreement.claims:
            raise UnknownClaim(f"no claim {claim_id}")
        return agreement.claims[claim_id].commitment_code

    return commitment


class ProgressCommands(OnAgreement):
    # -- progress ---------------------------------------------------------------------------

    async def start_commitment(self, aid: UUID, code: str, started_on: date, ctx: Context,
                               on_behalf_of: UUID | None = None) -> Appended:
        party = require_party_key(ctx.caller)
        return await self._on("start_commitment", aid, ctx, lambda a: a.start_commitment(
            code, party, started_on, ctx.today, on_behalf_of), commitment=code, on_behalf_of=on_behalf_of)

    async def put_commitment_on_hold(self, aid: UUID, code: str, reason: str, ctx: Context,
                                     on_behalf_of: UUID | None = None) -> Appended:
        party = require_party_key(ctx.caller)
        return await self._on("put_commitment_on_hold", aid, ctx, lambda a: a.put_commitment_on_hold(
            code, party, reason, ctx.today, on_behalf_of), commitment=code, on_behalf_of=on_behalf_of)

    async def resume_commitment(self, aid: UUID, code: str, ctx: Context,
                                on_behalf_of: UUID | None = None) -> Appended:
        party = require_party_key(ctx.caller)
        return await self._on("resume_commitment", aid, ctx, lambda a: a.resume_commitment(
            code, party, ctx.today, on_behalf_of), commitment=code, on_behalf_of=on_behalf_of)

    async def report_progress(self, aid: UUID, code: str, r: ReportContent, own_share: bool, ctx: Context,
                              on_behalf_of: UUID | None = None) -> Created:
        party, rid = require_party_key(ctx.caller), new_id(ctx)
        saved = await self._on("report_progress", aid, ctx, lambda a: a.report_progress(
            rid, code, party, r.as_of, r.level, r.health, r.narrative, ctx.today, r.evidence, r.next_steps,
            own_share, on_behalf_of), commitment=code, on_behalf_of=on_behalf_of)
        return Created(saved, rid)

    async def retract_report(self, aid: UUID, report_id: UUID, reason: str, ctx: Context,
                             on_behalf_of: UUID | None = None) -> Appended:
        party = require_party_key(ctx.caller)
        return await self._on("retract_report", aid, ctx, lambda a: a.retract_report(
            report_id, party, reason, ctx.today, on_behalf_of),
            commitment=report_of(report_id), on_behalf_of=on_behalf_of)

    async def correct_report(self, aid: UUID, report_id: UUID, reason: str, r: ReportContent, ctx: Context,
                             on_behalf_of: UUID | None = None) -> Created:
        party, cid = require_party_key(ctx.caller), new_id(ctx)
        saved = await self._on("correct_report", aid, ctx, lambda a: a.correct_report(
            report_id, cid, party, reason, r.as_of, r.level, r.health, r.narrative, ctx.today, r.evidence,
            r.next_steps, on_behalf_of), commitment=report_of(report_id), on_behalf_of=on_behalf_of)
        return Created(saved, cid)

    # -- due dates and milestones -----------------------------------------------------------

    async def set_due_date(self, aid: UUID, code: str, due: DueDate, reason: str | None,
                           ctx: Context) -> Appended:
        party = ctx.caller.party_id  # none for an admin key: only while drafting, then the text's date
        return await self._on("set_due_date", aid, ctx, lambda a: a.set_due_date(
            code, due, ctx.today, party, reason), commitment=code)

    async def define_milestone(self, aid: UUID, code: str, milestone: str, title: LocalizedText,
                               due: DueDate, deliverable: LocalizedText | None, ctx: Context,
                               on_behalf_of: UUID | None = None) -> Appended:
        party = require_party_key(ctx.caller)
        return await self._on("define_milestone", aid, ctx, lambda a: a.define_milestone(
            code, milestone, title, due, party, ctx.today, deliverable, on_behalf_of),
            commitment=code, on_behalf_of=on_behalf_of)

    async def achieve_milestone(self, aid: UUID, code: str, milestone: str, achieved_on: date,
                                evidence: tuple[Evidence, ...], ctx: Context,
                                on_behalf_of: UUID | None = None) -> Appended:
        party = require_party_key(ctx.caller)
        return await self._on("achieve_milestone", aid, ctx, lambda a: a.achieve_milestone(
            code, milestone, party, achieved_on, evidence, ctx.today, on_behalf_of),
            commitment=code, on_behalf_of=on_behalf_of)

    async def reschedule_milestone(self, aid: UUID, code: str, milestone: str, due: DueDate, reason: str,
                                   ctx: Context, on_behalf_of: UUID | None = None) -> Appended:
        party = require_party_key(ctx.caller)
        return await self._on("reschedule_milestone", aid, ctx, lambda a: a.reschedule_milestone(
            code, milestone, due, reason, party, ctx.today, on_behalf_of),
            commitment=code, on_behalf_of=on_behalf_of)

    # -- completion and assessments ---------------------------------------------------------

    async def claim_completion(self, aid: UUID, code: str, completed_on: date, evidence: tuple[Evidence, ...],
                               narrative: LocalizedText | None, ctx: Context,
                               on_behalf_of: UUID | None = None) -> Created:
        party, cid = require_party_key(ctx.caller), new_id(ctx)
        saved = await self._on("claim_completion", aid, ctx, lambda a: a.claim_completion(
            cid, code, party, completed_on, evidence, ctx.today, narrative, on_behalf_of),
            commitment=code, on_behalf_of=on_behalf_of)
        return Created(saved, cid)

    async def acknowledge_completion(self, aid: UUID, claim_id: UUID, ctx: Context) -> Appended:
        party = require_party_key(ctx.caller)
        return await self._on("acknowledge_completion", aid, ctx, lambda a: a.acknowledge_completion(
            claim_id, party, ctx.today), commitment=claim_of(claim_id))

    async def dispute_completion(self, aid: UUID, claim_id: UUID, reason: str, ctx: Context) -> Appended:
        party = require_party_key(ctx.caller)
        return await self._on("dispute_completion", aid, ctx, lambda a: a.dispute_completion(
            claim_id, party, reason, ctx.today), commitment=claim_of(claim_id))

    async def withdraw_claim(self, aid: UUID, claim_id: UUID, reason: str | None, ctx: Context,
                             on_behalf_of: UUID | None = None) -> Appended:
        party = require_party_key(ctx.caller)
        return await self._on("withdraw_claim", aid, ctx, lambda a: a.withdraw_claim(
            claim_id, party, ctx.today, reason, on_behalf_of),
            commitment=claim_of(claim_id), on_behalf_of=on_behalf_of)

    async def confirm_deemed_completion(self, aid: UUID, claim_id: UUID, ctx: Context) -> Appended:
        return await self._on("confirm_deemed_completion", aid, ctx, lambda a: a.confirm_deemed_completion(
            claim_id, ctx.today), commitment=claim_of(claim_id))

    async def reopen_commitment(self, aid: UUID, code: str, reason: str, ctx: Context,
                                on_behalf_of: UUID | None = None) -> Appended:
        party = require_party_key(ctx.caller)
        return await self._on("reopen_commitment", aid, ctx, lambda a: a.reopen_commitment(
            code, party, reason, ctx.today, on_behalf_of), commitment=code, on_behalf_of=on_behalf_of)

    async def record_assessment(self, aid: UUID, code: str, assessed_on: date, level: CompletionLevel,
                                findings: LocalizedText, evidence: tuple[Evidence, ...],
                                ctx: Context) -> Created:
        party, rid = require_party_key(ctx.caller), new_id(ctx)
        saved = await self._on("record_assessment", aid, ctx, lambda a: a.record_assessment(
            rid, code, party, assessed_on, level, findings, ctx.today, evidence), commitment=code)
        return Created(saved, rid)

    async def set_verification_policy(self, aid: UUID, policy: VerificationPolicy, code: str | None,
                                      ctx: Context) -> Appended:
        return await self._on("set_verification_policy", aid, ctx,
                              lambda a: a.set_verification_policy(policy, code), commitment=code)
