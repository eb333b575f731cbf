"""Due dates and milestones of commitments: defined, achieved, rescheduled."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from service.http.convert import as_command, domain
from service.http.deps import CommitmentCode, MilestoneCode, Run, command
from service.http.progress_schemas import (
    AchieveMilestoneRequest,
    DefineMilestoneRequest,
    RescheduleMilestoneRequest,
    SetDueDateRequest,
)
from service.http.wire import CommandAccepted
from service.usecases.commands import AchieveMilestone, DefineMilestone, RescheduleMilestone, SetDueDate


class MilestoneController(Controller):
    path = "/agreements/{agreement_id:uuid}/commitments/{code:str}"
    tags = ["milestones"]

    @command("/milestones", operation_id="defineMilestone", summary="Define a milestone of a commitment")
    async def define(
        self,
        agreement_id: FromPath[UUID],
        code: CommitmentCode,
        data: JSONBody[DefineMilestoneRequest],
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(DefineMilestone(  # the body's `code` is the milestone's
            agreement_id=agreement_id, code=code, milestone_code=data.code, title=domain(data.title),
            due=domain(data.due), deliverable=domain(data.deliverable), on_behalf_of=data.on_behalf_of,
        ))

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
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(
            AchieveMilestone, data, agreement_id=agreement_id, code=code, milestone_code=milestone_code
        ))

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
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(
            RescheduleMilestone, data, agreement_id=agreement_id, code=code, milestone_code=milestone_code
        ))

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
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(SetDueDate, data, agreement_id=agreement_id, code=code))
