"""Commands on one agreement: structure while drafting, freezing, signatures, entry into force."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from domain.values import EntryIntoForce as Entry
from service.http.convert import as_command
from service.http.deps import Run, command
from service.http.schemas import (
    AddPartyRequest,
    DefineAreaRequest,
    DefineCommitmentRequest,
    EnterIntoForceRequest,
    SignRequest,
    TextFreezeRequest,
)
from service.http.wire import CommandAccepted
from service.usecases.commands import (
    AddParty,
    DefineArea,
    DefineCommitment,
    EnterIntoForce,
    OpenForSignature,
    SignAgreement,
)


class AgreementCommandController(Controller):
    path = "/agreements/{agreement_id:uuid}"

    @command(
        "/parties", operation_id="addParty", summary="Add a party to a draft agreement", tags=["drafting"]
    )
    async def add_party(
        self, agreement_id: FromPath[UUID], data: JSONBody[AddPartyRequest], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(AddParty, data, agreement_id=agreement_id))

    @command("/areas", operation_id="defineArea", summary="Define an area of cooperation", tags=["drafting"])
    async def define_area(
        self, agreement_id: FromPath[UUID], data: JSONBody[DefineAreaRequest], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(DefineArea, data, agreement_id=agreement_id))

    @command(
        "/commitments",
        operation_id="defineCommitment",
        summary="Define a commitment in an area",
        tags=["drafting"],
    )
    async def define_commitment(
        self, agreement_id: FromPath[UUID], data: JSONBody[DefineCommitmentRequest], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(DefineCommitment, data, agreement_id=agreement_id))

    @command(
        "/text-freeze",
        operation_id="openForSignature",
        summary="Freeze the text and open it for signature",
        tags=["signing"],
    )
    async def open_for_signature(
        self,
        agreement_id: FromPath[UUID],
        run: NamedDependency[Run],
        data: JSONBody[TextFreezeRequest | None] = None,
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(OpenForSignature, data, agreement_id=agreement_id))

    @command(
        "/signatures", operation_id="signAgreement", summary="Record the caller's signature", tags=["signing"]
    )
    async def sign(
        self, agreement_id: FromPath[UUID], data: JSONBody[SignRequest], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        return await run.accepted(as_command(SignAgreement, data, agreement_id=agreement_id))

    @command(
        "/entry-into-force",
        operation_id="enterIntoForce",
        summary="Record the agreement's entry into force",
        tags=["signing"],
    )
    async def enter_into_force(
        self, agreement_id: FromPath[UUID], data: JSONBody[EnterIntoForceRequest], run: NamedDependency[Run]
    ) -> Response[CommandAccepted]:
        entry = Entry(data.effective_on, data.inferred, data.basis, data.retroactive)
        return await run.accepted(
            EnterIntoForce(agreement_id=agreement_id, entry=entry, occurred_at=data.occurred_at)
        )
