"""Progress on commitments: start, hold, resume; reports, their retraction and correction."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from service.http.convert import as_command
from service.http.deps import CommitmentCode, Run, command
from service.http.progress_schemas import (
    ActForRequest,
    CorrectReportRequest,
    HoldCommitmentRequest,
    ReportProgressRequest,
    RetractReportRequest,
    StartCommitmentRequest,
)
from service.http.wire import CommandAccepted, ResourceCreated
from service.usecases.commands import (
    CorrectReport,
    PutCommitmentOnHold,
    ReportProgress,
    ResumeCommitment,
    RetractReport,
    StartCommitment,
)


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
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(StartCommitment, data, agreement_id=agreement_id, code=code))

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
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(PutCommitmentOnHold, data, agreement_id=agreement_id, code=code))

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
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(ResumeCommitment, data, agreement_id=agreement_id, code=code))

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
        run: NamedDependency[Run],
    ) -> Response[ResourceCreated]:
        return await run.created(as_command(ReportProgress, data, agreement_id=agreement_id, code=code))

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
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(
            as_command(RetractReport, data, agreement_id=agreement_id, report_id=report_id)
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
        run: NamedDependency[Run],
    ) -> Response[ResourceCreated]:
        return await run.created(
            as_command(CorrectReport, data, agreement_id=agreement_id, report_id=report_id)
        )
