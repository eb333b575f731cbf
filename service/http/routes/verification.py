"""Verification: the policy that makes a claim complete, and independent assessments."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from service.http.convert import as_command
from service.http.deps import CommitmentCode, Run, command
from service.http.progress_schemas import RecordAssessmentRequest, SetVerificationPolicyRequest
from service.http.wire import CommandAccepted, ResourceCreated
from service.usecases.commands import RecordAssessment, SetVerificationPolicy


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
        run: NamedDependency[Run],
    ) -> Response[ResourceCreated]:
        return await run.created(as_command(RecordAssessment, data, agreement_id=agreement_id, code=code))

    @command(
        "/verification-policy",
        operation_id="setVerificationPolicy",
        summary="Set how claims are verified, for the agreement or one commitment (while drafting)",
    )
    async def set_policy(
        self,
        agreement_id: FromPath[UUID],
        data: JSONBody[SetVerificationPolicyRequest],
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(SetVerificationPolicy, data, agreement_id=agreement_id))
