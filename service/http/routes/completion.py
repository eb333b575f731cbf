"""Completion: claims with evidence, counterparties' acknowledgements and disputes, withdrawal, reopening."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from service.http.convert import evidence, localized
from service.http.deps import (
    CommitmentCode,
    ProgressCommands,
    accepted,
    command,
    created,
)
from service.http.progress_schemas import (
    ClaimCompletionRequest,
    DisputeCompletionRequest,
    ReopenCommitmentRequest,
    WithdrawClaimRequest,
)
from service.http.wire import CommandAccepted, ResourceCreated
from service.usecases.context import Context


class CompletionController(Controller):
    path = "/agreements/{agreement_id:uuid}"
    tags = ["completion"]

    @command(
        "/commitments/{code:str}/completion-claims",
        operation_id="claimCompletion",
        summary="Claim that a commitment is complete, with evidence",
    )
    async def claim(
        self,
        agreement_id: FromPath[UUID],
        code: CommitmentCode,
        data: JSONBody[ClaimCompletionRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[ResourceCreated]:
        return created(
            await progress.claim_completion(
                agreement_id,
                code,
                data.completed_on,
                evidence(data.evidence),
                localized(data.narrative),
                ctx,
                data.on_behalf_of,
            )
        )

    @command(
        "/completion-claims/{claim_id:uuid}/acknowledgements",
        operation_id="acknowledgeCompletion",
        summary="Acknowledge another party's completion claim",
    )
    async def acknowledge(
        self,
        agreement_id: FromPath[UUID],
        claim_id: FromPath[UUID],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[CommandAccepted]:
        return accepted(await progress.acknowledge_completion(agreement_id, claim_id, ctx))

    @command(
        "/completion-claims/{claim_id:uuid}/disputes",
        operation_id="disputeCompletion",
        summary="Dispute another party's completion claim, with a reason",
    )
    async def dispute(
        self,
        agreement_id: FromPath[UUID],
        claim_id: FromPath[UUID],
        data: JSONBody[DisputeCompletionRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[CommandAccepted]:
        return accepted(await progress.dispute_completion(agreement_id, claim_id, data.reason, ctx))

    @command(
        "/completion-claims/{claim_id:uuid}/withdrawal",
        operation_id="withdrawClaim",
        summary="Withdraw one's own open completion claim",
    )
    async def withdraw(
        self,
        agreement_id: FromPath[UUID],
        claim_id: FromPath[UUID],
        data: JSONBody[WithdrawClaimRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[CommandAccepted]:
        return accepted(
            await progress.withdraw_claim(agreement_id, claim_id, data.reason, ctx, data.on_behalf_of)
        )

    @command(
        "/completion-claims/{claim_id:uuid}/deemed-completion",
        operation_id="confirmDeemedCompletion",
        summary="Complete a claim that stood undisputed for the days its policy names",
    )
    async def confirm_deemed(
        self,
        agreement_id: FromPath[UUID],
        claim_id: FromPath[UUID],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[CommandAccepted]:
        return accepted(await progress.confirm_deemed_completion(agreement_id, claim_id, ctx))

    @command(
        "/commitments/{code:str}/reopening",
        operation_id="reopenCommitment",
        summary="Reopen a completed commitment, with a reason",
    )
    async def reopen(
        self,
        agreement_id: FromPath[UUID],
        code: CommitmentCode,
        data: JSONBody[ReopenCommitmentRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[CommandAccepted]:
        return accepted(
            await progress.reopen_commitment(agreement_id, code, data.reason, ctx, data.on_behalf_of)
        )
