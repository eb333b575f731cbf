"""The Initiative aggregate: what was stated, and the agreements it is linked to."""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.indicator.errors import BoundsContradictQualifier
from domain.initiative.errors import AlreadyLinked, DueDateTwice, InitiativeWithoutContent
from domain.initiative.values import InitiativeContent
from domain.quantity import contradiction

INITIATIVE_NAMESPACE = UUID("7c2a9e41-5b3d-4f08-a6e1-2d9b8c4f0e37")


class Initiative(Aggregate):
    """One initiative as one event stream."""

    class Recorded(Aggregate.Created):
        TOPIC = "initiative.recorded"
        code: str
        content: InitiativeContent
        agreement_ids: tuple[UUID, ...]
        link_basis: str | None

        def apply(self, initiative: Initiative) -> None:
            initiative.code, initiative.content = self.code, self.content
            initiative.agreement_ids = self.agreement_ids

    class LinkedToAgreement(Aggregate.Event):
        TOPIC = "initiative.linked_to_agreement"
        agreement_id: UUID
        basis: str | None

        def apply(self, initiative: Initiative) -> None:
            initiative.agreement_ids = (*initiative.agreement_ids, self.agreement_id)

    @staticmethod
    def id_for(code: str) -> UUID:
        """An initiative's id follows from its code, so a code is recorded once."""
        return uuid5(INITIATIVE_NAMESPACE, code)

    @classmethod
    def record(cls, code: str, content: InitiativeContent, agreement_ids: tuple[UUID, ...] = (),
               link_basis: str | None = None) -> Initiative:
        """`link_basis`: why it belongs to those agreements (the source says so, or how it was inferred)."""
        check_content(content)
        if len(set(agreement_ids)) != len(agreement_ids):
            raise AlreadyLinked("an agreement is named twice")
        return cls._create(cls.Recorded, id=cls.id_for(code), code=code, content=content,
                           agreement_ids=tuple(agreement_ids), link_basis=link_basis)

    def link_to_agreement(self, agreement_id: UUID, basis: str | None = None) -> None:
        if agreement_id in self.agreement_ids:
            raise AlreadyLinked(f"initiative {self.code} is already linked to agreement {agreement_id}")
        self.trigger_event(self.LinkedToAgreement, agreement_id=agreement_id, basis=basis)


def check_content(content: InitiativeContent) -> None:
    if not content.summary and not content.items:
        raise InitiativeWithoutContent("an initiative states a summary or at least one item")
    for item in content.items:
        if item.due is not None and item.due_raw is not None:
            raise DueDateTwice(f"item {item.text}: a due date and a raw one")
        problem = contradiction(item.quantity) if item.quantity is not None else None
        if problem:
            raise BoundsContradictQualifier(problem)
