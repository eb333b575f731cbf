"""Wire values -> domain values, and a request body handed over whole as a command."""

from __future__ import annotations

from functools import singledispatch
from typing import Any, TypeVar
from uuid import uuid4

import msgspec

from domain.agreement import values as changes
from domain.agreement.values import AmendmentChange, DueDate, Evidence, NextStep, VerificationPolicy
from domain.person import PersonalText
from domain.values import LocalizedString, Period, Responsibility, default_nature
from service.http.amendment_schemas import (
    AddCommitmentChange,
    CancelCommitmentChange,
    ChangeDueDateChange,
    ReviseCommitmentChange,
    SetVerificationPolicyChange,
)
from service.http.progress_schemas import DueDateIn, EvidenceIn, NextStepIn, PersonIn, VerificationPolicyIn
from service.http.schemas import ResponsibilityIn
from service.http.wire import LocalizedStringIn, PeriodIn

C = TypeVar("C")


def as_command(kind: type[C], data: msgspec.Struct | None = None, **given: Any) -> C:
    """The command `kind` from the values the path gives and the body's fields, each as a domain value."""
    fields = {name: domain(getattr(data, name)) for name in data.__struct_fields__} if data else {}
    return kind(**given, **fields)


@singledispatch
def domain(value: Any) -> Any:
    """A wire value as the domain's: lists become tuples, text maps LocalizedText, structs domain values."""
    return value


@domain.register(list)
def _sequence(value: list) -> tuple:
    return tuple(domain(item) for item in value)


@domain.register(dict)
def _localized_text(value: dict) -> dict:  # the only maps in request bodies are LocalizedTextIn
    return {lang: domain(text) for lang, text in value.items()}


@domain.register(LocalizedStringIn)
def _localized(value: LocalizedStringIn) -> LocalizedString:
    return LocalizedString(value.text, value.kind)


@domain.register(PeriodIn)
def _period(value: PeriodIn) -> Period:
    return Period(value.starts_on, value.ends_on, value.inferred, value.basis)


@domain.register(ResponsibilityIn)
def _responsibility(value: ResponsibilityIn) -> Responsibility:
    return Responsibility(value.party_id, value.role)


@domain.register(EvidenceIn)
def _evidence(value: EvidenceIn) -> Evidence:
    return Evidence(value.title, value.url, value.document_id, value.sha256)


@domain.register(NextStepIn)
def _next_step(value: NextStepIn) -> NextStep:
    return NextStep(domain(value.text), value.due)


@domain.register(PersonIn)
def _person(value: PersonIn) -> PersonalText:
    return PersonalText(value.person_id or uuid4(), value.name)


@domain.register(DueDateIn)
def _due_date(value: DueDateIn) -> DueDate:
    return DueDate(value.on, value.precision)


@domain.register(VerificationPolicyIn)
def _policy(value: VerificationPolicyIn) -> VerificationPolicy:
    return VerificationPolicy(value.kind, value.quorum, value.days)


@domain.register(AddCommitmentChange)
def _add_commitment(value: AddCommitmentChange) -> AmendmentChange:
    nature = value.nature or default_nature(value.modality)
    return changes.add_commitment(value.commitment_code, value.area_code, domain(value.text), value.modality,
                                  nature, domain(value.responsibilities), domain(value.due))


@domain.register(ReviseCommitmentChange)
def _revise_commitment(value: ReviseCommitmentChange) -> AmendmentChange:
    return changes.revise_commitment(value.commitment_code, domain(value.text), value.modality, value.nature,
                                     domain(value.responsibilities))


@domain.register(CancelCommitmentChange)
def _cancel_commitment(value: CancelCommitmentChange) -> AmendmentChange:
    return changes.cancel_commitment(value.commitment_code, value.reason)


@domain.register(ChangeDueDateChange)
def _change_due_date(value: ChangeDueDateChange) -> AmendmentChange:
    return changes.change_due_date(value.commitment_code, domain(value.due))


@domain.register(SetVerificationPolicyChange)
def _set_policy(value: SetVerificationPolicyChange) -> AmendmentChange:
    return changes.set_policy(domain(value.policy), value.commitment_code)
