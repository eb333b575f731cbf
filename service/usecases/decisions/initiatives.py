"""Handlers of initiative commands: an admin key records them; each agreement linked must exist."""

from __future__ import annotations

from domain.agreement import Agreement
from domain.initiative import Initiative
from domain.initiative.errors import UnknownLinkedAgreement
from service.store.repository import Repository
from service.usecases.commands.initiatives import LinkInitiative, RecordInitiative
from service.usecases.context import Decision
from service.usecases.errors import Forbidden


def record_initiative(c: RecordInitiative, d: Decision) -> Initiative:
    if not d.caller.is_admin:
        raise Forbidden("only an admin key records initiatives")
    return Initiative.record(c.code, c.content, c.agreement_ids, c.link_basis)


def link_initiative(i: Initiative, c: LinkInitiative, d: Decision) -> None:
    i.link_to_agreement(c.agreement_id, c.basis)


async def agreements_exist(repo: Repository, c: RecordInitiative | LinkInitiative) -> None:
    for agreement_id in c.agreement_ids if isinstance(c, RecordInitiative) else (c.agreement_id,):
        if not await repo.exists(Agreement, agreement_id):
            raise UnknownLinkedAgreement(f"no agreement {agreement_id}")
