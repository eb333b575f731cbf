"""Verification: the policy that makes a claim complete, and independent assessments."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from service.http.convert import evidence, localized, policy
from service.http.deps import (
    CommitmentCode,
    ProgressCommands,
    accepted,
    command,
    created,
)
from service.http.progress_schemas import RecordAssessmentRequest, SetVerificationPolicyRequest
from service.http.wire import CommandAccepted, ResourceCreated
from service.usecases.context import Context


class VerificationController(Controller):
    path = "/agreements/{agreement_id:uuid}"
    tags = ["verification"]

    @command(
        "/commitments/{code:str}/assessments",
        operation_id="recordAssessment",
        summary="Record an assessor's independent assessment of a commitment",
    )
    async def assess(
        self,
        agreement_id: FromPath[UUID],
        code: CommitmentCode,
        data: JSONBody[RecordAssessmentRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[ResourceCreated]:
        return created(
            await progress.record_assessment(
                agreement_id,
                code,
                data.assessed_on,
                data.level,
                localized(data.findings),
                evidence(data.evidence),
                ctx,
            )
        )

    @command(
        "/verification-policy",
        operation_id="setVerificationPolicy",
        summary="Set how claims are verified, for the agreement or one commitment (while drafting)",
    )
    async def set_policy(
        self,
        agreement_id: FromPath[UUID],
        data: JSONBody[SetVerificationPolicyRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[CommandAccepted]:
        chosen, code = policy(data.policy), data.commitment_code
        return accepted(await progress.set_verification_policy(agreement_id, chosen, code, ctx))
