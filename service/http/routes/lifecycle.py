"""The agreement after signing: suspension and resumption, period end and close-out, termination,
supersession; and comments, taken in every state."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from service.http.convert import localized
from service.http.deps import (
    LifecycleCommands,
    accepted,
    command,
    created,
)
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
from service.usecases.context import Context


class LifecycleController(Controller):
    path = "/agreements/{agreement_id:uuid}"
    tags = ["lifecycle"]

    @command(
        "/suspension",
        operation_id="suspendAgreement",
        summary="Suspend an agreement in force: no reporting until it resumes",
    )
    async def suspend(
        self,
        agreement_id: FromPath[UUID],
        data: JSONBody[SuspendAgreementRequest],
        ctx: NamedDependency[Context],
        lifecycle: NamedDependency[LifecycleCommands],
    ) -> Response[CommandAccepted]:
        return accepted(await lifecycle.suspend(agreement_id, data.suspended_on, data.reason, ctx))

    @command(
        "/resumption",
        operation_id="resumeAgreement",
        summary="Resume a suspended agreement",
    )
    async def resume(
        self,
        agreement_id: FromPath[UUID],
        data: JSONBody[ResumeAgreementRequest],
        ctx: NamedDependency[Context],
        lifecycle: NamedDependency[LifecycleCommands],
    ) -> Response[CommandAccepted]:
        return accepted(await lifecycle.resume(agreement_id, data.resumed_on, ctx))

    @command(
        "/period-end",
        operation_id="endPeriod",
        summary="End the agreement's period; final reports are taken until they are due",
    )
    async def end_period(
        self,
        agreement_id: FromPath[UUID],
        data: JSONBody[EndPeriodRequest],
        ctx: NamedDependency[Context],
        lifecycle: NamedDependency[LifecycleCommands],
    ) -> Response[CommandAccepted]:
        return accepted(await lifecycle.end_period(agreement_id, data.ended_on, data.final_report_due, ctx))

    @command(
        "/close-out",
        operation_id="closeOutAgreement",
        summary="Close out a finalising agreement; open commitments close incomplete",
    )
    async def close_out(
        self,
        agreement_id: FromPath[UUID],
        data: JSONBody[CloseOutRequest],
        ctx: NamedDependency[Context],
        lifecycle: NamedDependency[LifecycleCommands],
    ) -> Response[CommandAccepted]:
        return accepted(await lifecycle.close_out(agreement_id, data.closed_on, ctx))

    @command(
        "/termination",
        operation_id="terminateAgreement",
        summary="Terminate an agreement, with a reason; afterwards it takes only comments",
    )
    async def terminate(
        self,
        agreement_id: FromPath[UUID],
        data: JSONBody[TerminateRequest],
        ctx: NamedDependency[Context],
        lifecycle: NamedDependency[LifecycleCommands],
    ) -> Response[CommandAccepted]:
        return accepted(await lifecycle.terminate(agreement_id, data.terminated_on, data.reason, ctx))

    @command(
        "/supersession",
        operation_id="supersedeAgreement",
        summary="Record that another agreement supersedes this one",
    )
    async def supersede(
        self,
        agreement_id: FromPath[UUID],
        data: JSONBody[SupersedeRequest],
        ctx: NamedDependency[Context],
        lifecycle: NamedDependency[LifecycleCommands],
    ) -> Response[CommandAccepted]:
        return accepted(
            await lifecycle.supersede(agreement_id, data.by_agreement_id, data.superseded_on, ctx)
        )

    @command(
        "/comments",
        operation_id="addComment",
        summary="Comment on the agreement or one of its commitments",
        tags=["comments"],
    )
    async def comment(
        self,
        agreement_id: FromPath[UUID],
        data: JSONBody[AddCommentRequest],
        ctx: NamedDependency[Context],
        lifecycle: NamedDependency[LifecycleCommands],
    ) -> Response[ResourceCreated]:
        return created(
            await lifecycle.add_comment(agreement_id, localized(data.text), data.commitment_code, ctx)
        )
