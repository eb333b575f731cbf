"""Completion: claims with evidence, counterparties' acknowledgements and disputes, withdrawal, reopening."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from service.http.convert import as_command
from service.http.deps import CommitmentCode, Run, command
from service.http.progress_schemas import (
    ClaimCompletionRequest,
    DisputeCompletionRequest,
    ReopenCommitmentRequest,
    WithdrawClaimRequest,
)
from service.http.wire import CommandAccepted, ResourceCreated
from service.usecases.commands import (
    AcknowledgeCompletion,
    ClaimCompletion,
    ConfirmDeemedCompletion,
    DisputeCompletion,
    ReopenCommitment,
    WithdrawClaim,
)


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
        run: NamedDependency[Run],
    ) -> Response[ResourceCreated]:
        return await run.created(as_command(ClaimCompletion, data, agreement_id=agreement_id, code=code))

    @command(
        "/completion-claims/{claim_id:uuid}/acknowledgements",
        operation_id="acknowledgeCompletion",
        summary="Acknowledge another party's completion claim",
    )
    async def acknowledge(
        self, agreement_id: FromPath[UUID], claim_id: FromPath[UUID], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        return await run.accepted(AcknowledgeCompletion(agreement_id=agreement_id, claim_id=claim_id))

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
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(
            as_command(DisputeCompletion, data, agreement_id=agreement_id, claim_id=claim_id)
        )

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
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(
            as_command(WithdrawClaim, data, agreement_id=agreement_id, claim_id=claim_id)
        )

    @command(
        "/completion-claims/{claim_id:uuid}/deemed-completion",
        operation_id="confirmDeemedCompletion",
        summary="Complete a claim that stood undisputed for the days its policy names",
    )
    async def confirm_deemed(
        self, agreement_id: FromPath[UUID], claim_id: FromPath[UUID], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        return await run.accepted(ConfirmDeemedCompletion(agreement_id=agreement_id, claim_id=claim_id))

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
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(ReopenCommitment, data, agreement_id=agreement_id, code=code))
