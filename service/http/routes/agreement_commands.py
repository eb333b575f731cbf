"""Commands on one agreement: structure while drafting, freezing, signatures, entry into force."""

from __future__ import annotations

from dataclasses import replace
from uuid import UUID

from litestar import Controller, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from domain.values import EntryIntoForce, default_nature
from service.http.convert import localized, responsibilities
from service.http.deps import (
    AgreementCommands,
    accepted,
    command,
)
from service.http.schemas import (
    AddPartyRequest,
    DefineAreaRequest,
    DefineCommitmentRequest,
    EnterIntoForceRequest,
    SignRequest,
)
from service.http.wire import CommandAccepted
from service.usecases.context import Context


class AgreementCommandController(Controller):
    path = "/agreements/{agreement_id:uuid}"

    @command(
        "/parties",
        operation_id="addParty",
        summary="Add a party to a draft agreement",
        tags=["drafting"],
    )
    async def add_party(
        self,
        agreement_id: FromPath[UUID],
        data: JSONBody[AddPartyRequest],
        ctx: NamedDependency[Context],
        agreements: NamedDependency[AgreementCommands],
    ) -> Response[CommandAccepted]:
        return accepted(await agreements.add_party(agreement_id, data.party_id, data.role, ctx))

    @command(
        "/areas",
        operation_id="defineArea",
        summary="Define an area of cooperation",
        tags=["drafting"],
    )
    async def define_area(
        self,
        agreement_id: FromPath[UUID],
        data: JSONBody[DefineAreaRequest],
        ctx: NamedDependency[Context],
        agreements: NamedDependency[AgreementCommands],
    ) -> Response[CommandAccepted]:
        return accepted(
            await agreements.define_area(
                agreement_id, data.code, localized(data.title), tuple(data.aliases), localized(data.aim), ctx
            )
        )

    @command(
        "/commitments",
        operation_id="defineCommitment",
        summary="Define a commitment in an area",
        tags=["drafting"],
    )
    async def define_commitment(
        self,
        agreement_id: FromPath[UUID],
        data: JSONBody[DefineCommitmentRequest],
        ctx: NamedDependency[Context],
        agreements: NamedDependency[AgreementCommands],
    ) -> Response[CommandAccepted]:
        return accepted(
            await agreements.define_commitment(
                agreement_id,
                data.code,
                data.area_code,
                localized(data.text),
                data.modality,
                data.nature or default_nature(data.modality),
                responsibilities(data.responsibilities),
                data.responsibility_basis,
                ctx,
            )
        )

    @command(
        "/text-freeze",
        operation_id="openForSignature",
        summary="Freeze the text and open it for signature",
        tags=["signing"],
    )
    async def open_for_signature(
        self,
        agreement_id: FromPath[UUID],
        ctx: NamedDependency[Context],
        agreements: NamedDependency[AgreementCommands],
    ) -> Response[CommandAccepted]:
        return accepted(await agreements.open_for_signature(agreement_id, ctx))

    @command(
        "/signatures",
        operation_id="signAgreement",
        summary="Record the caller's signature",
        tags=["signing"],
    )
    async def sign(
        self,
        agreement_id: FromPath[UUID],
        data: JSONBody[SignRequest],
        ctx: NamedDependency[Context],
        agreements: NamedDependency[AgreementCommands],
    ) -> Response[CommandAccepted]:
        ctx = replace(ctx, occurred_at=data.occurred_at) if data.occurred_at else ctx
        return accepted(await agreements.sign(agreement_id, data.signed_on, data.place, ctx))

    @command(
        "/entry-into-force",
        operation_id="enterIntoForce",
        summary="Record the agreement's entry into force",
        tags=["signing"],
    )
    async def enter_into_force(
        self,
        agreement_id: FromPath[UUID],
        data: JSONBody[EnterIntoForceRequest],
        ctx: NamedDependency[Context],
        agreements: NamedDependency[AgreementCommands],
    ) -> Response[CommandAccepted]:
        entry = EntryIntoForce(data.effective_on, data.inferred, data.basis)
        return accepted(await agreements.enter_into_force(agreement_id, entry, ctx))
