"""Amendments: proposed with their changes, signed by every signatory (then applied), or withdrawn."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody

from service.http.amendment_schemas import (
    ProposeAmendmentRequest,
    SignAmendmentRequest,
    WithdrawAmendmentRequest,
)
from service.http.context import Visibility
from service.http.convert import as_command
from service.http.deps import Run, command
from service.http.problems import documented
from service.http.wire import CommandAccepted, ResourceCreated
from service.reads.history import History
from service.reads.story_views import AmendmentList
from service.usecases.commands import ProposeAmendment, SignAmendment, WithdrawAmendment


def provide_history(request: Request) -> History:
    return request.app.state.system.history


class AmendmentController(Controller):
    path = "/agreements/{agreement_id:uuid}/amendments"
    tags = ["amendments"]

    @get(
        operation_id="listAmendments",
        summary="Every amendment of an agreement: its changes, its signatures and its state",
        description="Parties to the agreement and admin keys only; from the agreement's events.",
        responses=documented(400, 401, 404, 429),
        tags=["audit"],
        dependencies={"history": Provide(provide_history, sync_to_thread=False)},
    )
    async def list(
        self,
        agreement_id: FromPath[UUID],
        visibility: NamedDependency[Visibility],
        history: NamedDependency[History],
    ) -> AmendmentList:
        return await history.amendments(agreement_id, visibility.of("history"))

    @command(
        operation_id="proposeAmendment",
        summary="Propose an amendment: changes that apply once every signatory signed it",
    )
    async def propose(
        self, agreement_id: FromPath[UUID], data: JSONBody[ProposeAmendmentRequest], run: NamedDependency[Run]
    ) -> Response[ResourceCreated]:
        return await run.created(as_command(ProposeAmendment, data, agreement_id=agreement_id))

    @command(
        "/{amendment_id:uuid}/signatures",
        operation_id="signAmendment",
        summary="Sign a pending amendment; the last signature applies it",
    )
    async def sign(
        self,
        agreement_id: FromPath[UUID],
        amendment_id: FromPath[UUID],
        data: JSONBody[SignAmendmentRequest],
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(
            as_command(SignAmendment, data, agreement_id=agreement_id, amendment_id=amendment_id)
        )

    @command(
        "/{amendment_id:uuid}/withdrawal",
        operation_id="withdrawAmendment",
        summary="Withdraw a pending amendment one proposed",
    )
    async def withdraw(
        self,
        agreement_id: FromPath[UUID],
        amendment_id: FromPath[UUID],
        data: JSONBody[WithdrawAmendmentRequest],
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(
            as_command(WithdrawAmendment, data, agreement_id=agreement_id, amendment_id=amendment_id)
        )
