"""Progress on commitments: start, hold, resume; reports, their retraction and correction."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from service.http.convert import report_content
from service.http.deps import (
    CommitmentCode,
    ProgressCommands,
    accepted,
    command,
    created,
)
from service.http.progress_schemas import (
    ActForRequest,
    CorrectReportRequest,
    HoldCommitmentRequest,
    ReportProgressRequest,
    RetractReportRequest,
    StartCommitmentRequest,
)
from service.http.wire import CommandAccepted, ResourceCreated
from service.usecases.context import Context


class ProgressController(Controller):
    path = "/agreements/{agreement_id:uuid}"
    tags = ["progress"]

    @command(
        "/commitments/{code:str}/start",
        operation_id="startCommitment",
        summary="Record that work on a commitment has started",
    )
    async def start(
        self,
        agreement_id: FromPath[UUID],
        code: CommitmentCode,
        data: JSONBody[StartCommitmentRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[CommandAccepted]:
        return accepted(
            await progress.start_commitment(agreement_id, code, data.started_on, ctx, data.on_behalf_of)
        )

    @command(
        "/commitments/{code:str}/hold",
        operation_id="putCommitmentOnHold",
        summary="Put a commitment in progress on hold, with a reason",
    )
    async def hold(
        self,
        agreement_id: FromPath[UUID],
        code: CommitmentCode,
        data: JSONBody[HoldCommitmentRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[CommandAccepted]:
        return accepted(
            await progress.put_commitment_on_hold(agreement_id, code, data.reason, ctx, data.on_behalf_of)
        )

    @command(
        "/commitments/{code:str}/resumption",
        operation_id="resumeCommitment",
        summary="Resume a commitment on hold",
    )
    async def resume(
        self,
        agreement_id: FromPath[UUID],
        code: CommitmentCode,
        data: JSONBody[ActForRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[CommandAccepted]:
        return accepted(await progress.resume_commitment(agreement_id, code, ctx, data.on_behalf_of))

    @command(
        "/commitments/{code:str}/progress-reports",
        operation_id="reportProgress",
        summary="Report progress on a commitment (or, with ownShare, on one's share of a joint one)",
    )
    async def report(
        self,
        agreement_id: FromPath[UUID],
        code: CommitmentCode,
        data: JSONBody[ReportProgressRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[ResourceCreated]:
        return created(
            await progress.report_progress(
                agreement_id, code, report_content(data), data.own_share, ctx, data.on_behalf_of
            )
        )

    @command(
        "/progress-reports/{report_id:uuid}/retraction",
        operation_id="retractReport",
        summary="Retract a progress report, with a reason",
    )
    async def retract(
        self,
        agreement_id: FromPath[UUID],
        report_id: FromPath[UUID],
        data: JSONBody[RetractReportRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[CommandAccepted]:
        return accepted(
            await progress.retract_report(agreement_id, report_id, data.reason, ctx, data.on_behalf_of)
        )

    @command(
        "/progress-reports/{report_id:uuid}/correction",
        operation_id="correctReport",
        summary="Correct a progress report: a new report replaces it, the old one is kept",
    )
    async def correct(
        self,
        agreement_id: FromPath[UUID],
        report_id: FromPath[UUID],
        data: JSONBody[CorrectReportRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[ResourceCreated]:
        return created(
            await progress.correct_report(
                agreement_id, report_id, data.reason, report_content(data), ctx, data.on_behalf_of
            )
        )
