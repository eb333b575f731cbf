"""Handlers of founding and drafting: new aggregates, structure, signatures, entry into force."""

from __future__ import annotations

from domain.agreement import Agreement
from domain.party import Party
from domain.values import inferred_nature
from service.store.repository import Repository
from service.usecases.commands import (
    AddParty,
    DefineArea,
    DefineCommitment,
    DraftAgreement,
    EnterIntoForce,
    OpenForSignature,
    RegisterParty,
    SignAgreement,
)
from service.usecases.context import Decision
from service.usecases.errors import Forbidden, UnknownParty


def draft_agreement(c: DraftAgreement, d: Decision) -> Agreement:
    """A party's key drafts for its party, which joins in the role it names; an admin key drafts for none."""
    caller = d.caller
    if not caller.is_admin and caller.party_id is None:
        raise Forbidden("this command is taken only from a party's own key")
    agreement = Agreement.draft(c.agreement_id, c.code, c.title, c.authentic_language, c.instrument_type,
                                c.period, drafted_by=caller.party_id, drafted_on=d.happened_on, today=d.today,
                                text_not_held=c.text_not_held)
    if caller.party_id is not None:
        agreement.add_party(caller.party_id, c.drafter_role)
    return agreement


def register_party(c: RegisterParty, d: Decision) -> Party:
    if not d.caller.is_admin:
        raise Forbidden("only an admin key registers parties")
    return Party.register(c.code, c.names, c.jurisdiction, c.parent_id)


async def party_registered(repo: Repository, c: AddParty) -> None:
    if not await repo.exists(Party, c.party_id):
        raise UnknownParty(c.party_id)


def add_party(a: Agreement, c: AddParty, d: Decision) -> None:
    a.add_party(c.party_id, c.role)


def define_area(a: Agreement, c: DefineArea, d: Decision) -> None:
    a.define_area(c.code, c.title, c.aliases, c.aim)


def define_commitment(a: Agreement, c: DefineCommitment, d: Decision) -> None:
    nature, basis = (c.nature, c.nature_basis) if c.nature else inferred_nature(c.modality)
    a.define_commitment(c.code, c.area_code, c.text, c.modality, nature, c.responsibilities,
                        c.responsibility_basis, basis, c.responsibility_inferred)


def open_for_signature(a: Agreement, c: OpenForSignature, d: Decision) -> None:
    a.open_for_signature(d.happened_on, d.today)


def sign(a: Agreement, c: SignAgreement, d: Decision) -> None:
    a.sign(d.party, c.signed_on, d.today, c.place, c.inferred_basis)


def enter_into_force(a: Agreement, c: EnterIntoForce, d: Decision) -> None:
    a.enter_into_force(c.entry, d.today)
