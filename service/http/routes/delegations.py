"""Reporting rights: a responsible party lets a coordinator report on its behalf, and takes that back."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from service.http.convert import as_command
from service.http.deps import Run, command
from service.http.progress_schemas import DelegateReportingRequest
from service.http.wire import CommandAccepted
from service.usecases.commands import DelegateReportingRight, RevokeReportingRight


class DelegationController(Controller):
    path = "/agreements/{agreement_id:uuid}/delegations"
    tags = ["delegations"]

    @command(
        operation_id="delegateReportingRight",
        summary="Let a coordinator report for the caller (on the listed commitments, or on all of them)",
    )
    async def delegate(
        self,
        agreement_id: FromPath[UUID],
        data: JSONBody[DelegateReportingRequest],
        run: NamedDependency[Run],
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(DelegateReportingRight, data, agreement_id=agreement_id))

    @command(
        "/{delegate_id:uuid}/revocation",
        operation_id="revokeReportingRight",
        summary="Revoke the reporting right the caller gave a coordinator",
    )
    async def revoke(
        self, agreement_id: FromPath[UUID], delegate_id: FromPath[UUID], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        return await run.accepted(RevokeReportingRight(agreement_id=agreement_id, delegate_id=delegate_id))
