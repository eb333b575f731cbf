"""Reporting rights: a responsible party lets a coordinator report on its behalf, and takes that back."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from service.http.deps import (
    LifecycleCommands,
    accepted,
    command,
)
from service.http.progress_schemas import DelegateReportingRequest
from service.http.wire import CommandAccepted
from service.usecases.context import Context


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
        ctx: NamedDependency[Context],
        lifecycle: NamedDependency[LifecycleCommands],
    ) -> Response[CommandAccepted]:
        return accepted(
            await lifecycle.delegate_reporting_right(
                agreement_id, data.delegate_id, tuple(data.commitment_codes), ctx
            )
        )

    @command(
        "/{delegate_id:uuid}/revocation",
        operation_id="revokeReportingRight",
        summary="Revoke the reporting right the caller gave a coordinator",
    )
    async def revoke(
        self,
        agreement_id: FromPath[UUID],
        delegate_id: FromPath[UUID],
        ctx: NamedDependency[Context],
        lifecycle: NamedDependency[LifecycleCommands],
    ) -> Response[CommandAccepted]:
        return accepted(await lifecycle.revoke_reporting_right(agreement_id, delegate_id, ctx))
