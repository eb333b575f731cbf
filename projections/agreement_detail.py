"""Agreement detail: the parties, areas, commitments (as amended) and signatures of each agreement."""

from __future__ import annotations

from functools import singledispatchmethod

from asyncpg import Connection

from domain.agreement import Agreement
from projections.base import Envelope


class AgreementDetail:
    documents = True  # its tables are read into the stored view documents
    name = "agreement_detail"
    tables = ("agreement_party", "agreement_area", "agreement_commitment", "agreement_signature")

    @singledispatchmethod
    async def apply(self, event: object, env: Envelope, conn: Connection) -> None:
        """Events this view does not read."""

    @apply.register
    async def _(self, event: Agreement.PartyAdded, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "INSERT INTO agreement_party (agreement_id, party_id, role, ordinal) VALUES ($1, $2, $3, $4)",
            env.stream_id, event.party_id, event.role.value, env.version)

    @apply.register
    async def _(self, event: Agreement.AreaDefined, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "INSERT INTO agreement_area (agreement_id, code, title, aliases, aim, ordinal) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            env.stream_id, event.code, event.title, list(event.aliases), event.aim, env.version)

    @apply.register
    async def _(self, event: Agreement.CommitmentDefined, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "INSERT INTO agreement_commitment (agreement_id, code, area_code, text, modality, nature, "
            "responsibilities, responsibility_basis, ordinal, nature_inferred, nature_basis, "
            "responsibility_inferred) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            env.stream_id, event.code, event.area_code, event.text, event.modality.value,
            event.nature.value, list(event.responsibilities), event.responsibility_basis, env.version,
            event.nature_inferred, event.nature_basis, event.responsibility_inferred)

    @apply.register
    async def _(self, event: Agreement.CommitmentAdded, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "INSERT INTO agreement_commitment (agreement_id, code, area_code, text, modality, nature, "
            "responsibilities, responsibility_basis, ordinal) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8)",
            env.stream_id, event.commitment_code, event.area_code, event.text, event.modality.value,
            event.nature.value, list(event.responsibilities), env.version)

    @apply.register
    async def _(self, event: Agreement.CommitmentRevised, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "UPDATE agreement_commitment SET text = $3, modality = $4, nature = $5, responsibilities = $6 "
            "WHERE agreement_id = $1 AND code = $2",
            env.stream_id, event.commitment_code, event.text, event.modality.value, event.nature.value,
            list(event.responsibilities))

    @apply.register
    async def _(self, event: Agreement.SignedByParty, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "INSERT INTO agreement_signature (agreement_id, party_id, signed_on, place, recorded_at, "
            "signed_on_inferred, signed_on_basis) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            env.stream_id, event.party_id, event.signed_on, event.place, env.recorded_at,
            event.signed_on_inferred, event.signed_on_basis)
