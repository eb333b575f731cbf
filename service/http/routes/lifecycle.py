"""The agreement after signing: suspension and resumption, period end and close-out, termination,
supersession; and comments, taken in every state."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from service.http.convert import as_command
from service.http.deps import Run, command
from service.http.progress_schemas import (
    AddCommentRequest,
    CloseOutRequest,
    EndPeriodRequest,
    ResumeAgreementRequest,
    SupersedeRequest,
    SuspendAgreementRequest,
    TerminateRequest,
)
from service.http.wire import CommandAccepted, ResourceCreated
from service.usecases.commands import (
    AddComment,
    CloseOutAgreement,
    EndPeriod,
    ResumeAgreement,
    SupersedeAgreement,
    SuspendAgreement,
    TerminateAgreement,
)


class LifecycleController(Controller):
    path = "/agreements/{agreement_id:uuid}"
    tags = ["lifecycle"]

    @command(
        "/suspension",
        operation_id="suspendAgreement",
        summary="Suspend an agreement in force: no reporting until it resumes",
    )
    async def suspend(
        self, agreement_id: FromPath[UUID], data: JSONBody[SuspendAgreementRequest], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(SuspendAgreement, data, agreement_id=agreement_id))

    @command("/resumption", operation_id="resumeAgreement", summary="Resume a suspended agreement")
    async def resume(
        self, agreement_id: FromPath[UUID], data: JSONBody[ResumeAgreementRequest], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(ResumeAgreement, data, agreement_id=agreement_id))

    @command(
        "/period-end",
        operation_id="endPeriod",
        summary="End the agreement's period; final reports are taken until they are due",
    )
    async def end_period(
        self, agreement_id: FromPath[UUID], data: JSONBody[EndPeriodRequest], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(EndPeriod, data, agreement_id=agreement_id))

    @command(
        "/close-out",
        operation_id="closeOutAgreement",
        summary="Close out a finalising agreement; open commitments close incomplete",
    )
    async def close_out(
        self, agreement_id: FromPath[UUID], data: JSONBody[CloseOutRequest], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(CloseOutAgreement, data, agreement_id=agreement_id))

    @command(
        "/termination",
        operation_id="terminateAgreement",
        summary="Terminate an agreement, with a reason; afterwards it takes only comments",
    )
    async def terminate(
        self, agreement_id: FromPath[UUID], data: JSONBody[TerminateRequest], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(TerminateAgreement, data, agreement_id=agreement_id))

    @command(
        "/supersession",
        operation_id="supersedeAgreement",
        summary="Record that another agreement supersedes this one",
    )
    async def supersede(
        self, agreement_id: FromPath[UUID], data: JSONBody[SupersedeRequest], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(SupersedeAgreement, data, agreement_id=agreement_id))

    @command(
        "/comments",
        operation_id="addComment",
        summary="Comment on the agreement or one of its commitments",
        tags=["comments"],
    )
    async def comment(
        self, agreement_id: FromPath[UUID], data: JSONBody[AddCommentRequest], run: NamedDependency[Run]
    ) -> Response[ResourceCreated]:
        return await run.created(as_command(AddComment, data, agreement_id=agreement_id))
