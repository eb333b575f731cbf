"""Due dates and milestones of commitments: defined, achieved, rescheduled."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from service.http.convert import due_date, evidence, localized
from service.http.deps import (
    CommitmentCode,
    MilestoneCode,
    ProgressCommands,
    accepted,
    command,
)
from service.http.progress_schemas import (
    AchieveMilestoneRequest,
    DefineMilestoneRequest,
    RescheduleMilestoneRequest,
    SetDueDateRequest,
)
from service.http.wire import CommandAccepted
from service.usecases.context import Context


class MilestoneController(Controller):
    path = "/agreements/{agreement_id:uuid}/commitments/{code:str}"
    tags = ["milestones"]

    @command(
        "/milestones",
        operation_id="defineMilestone",
        summary="Define a milestone of a commitment",
    )
    async def define(
        self,
        agreement_id: FromPath[UUID],
        code: CommitmentCode,
        data: JSONBody[DefineMilestoneRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[CommandAccepted]:
        return accepted(
            await progress.define_milestone(
                agreement_id,
                code,
                data.code,
                localized(data.title),
                due_date(data.due),
                localized(data.deliverable),
                ctx,
                data.on_behalf_of,
            )
        )

    @command(
        "/milestones/{milestone_code:str}/achievement",
        operation_id="achieveMilestone",
        summary="Record that a milestone was achieved, with evidence",
    )
    async def achieve(
        self,
        agreement_id: FromPath[UUID],
        code: CommitmentCode,
        milestone_code: MilestoneCode,
        data: JSONBody[AchieveMilestoneRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[CommandAccepted]:
        return accepted(
            await progress.achieve_milestone(
                agreement_id,
                code,
                milestone_code,
                data.achieved_on,
                evidence(data.evidence),
                ctx,
                data.on_behalf_of,
            )
        )

    @command(
        "/milestones/{milestone_code:str}/rescheduling",
        operation_id="rescheduleMilestone",
        summary="Move a milestone's due date, with a reason",
    )
    async def reschedule(
        self,
        agreement_id: FromPath[UUID],
        code: CommitmentCode,
        milestone_code: MilestoneCode,
        data: JSONBody[RescheduleMilestoneRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[CommandAccepted]:
        return accepted(
            await progress.reschedule_milestone(
                agreement_id, code, milestone_code, due_date(data.due), data.reason, ctx, data.on_behalf_of
            )
        )

    @command(
        "/due-date",
        operation_id="setDueDate",
        summary="Set a commitment's due date: part of the text while drafting, moved with a reason after",
    )
    async def set_due_date(
        self,
        agreement_id: FromPath[UUID],
        code: CommitmentCode,
        data: JSONBody[SetDueDateRequest],
        ctx: NamedDependency[Context],
        progress: NamedDependency[ProgressCommands],
    ) -> Response[CommandAccepted]:
        return accepted(await progress.set_due_date(agreement_id, code, due_date(data.due), data.reason, ctx))
