"""Commands that found an aggregate or shape an agreement before it is signed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.values import (
    EntryIntoForce,
    InstrumentType,
    LocalizedText,
    Modality,
    Nature,
    PartyRole,
    Period,
    Responsibility,
)
from service.usecases.commands.base import AgreementCommand, Backdated


@dataclass(frozen=True, kw_only=True)
class RegisterParty:
    code: str
    names: LocalizedText
    jurisdiction: str | None = None
    parent_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class DraftAgreement(Backdated):
    agreement_id: UUID
    code: str
    title: LocalizedText
    authentic_language: str
    instrument_type: InstrumentType = InstrumentType.COOPERATION_AGREEMENT
    period: Period | None = None
    drafter_role: PartyRole = PartyRole.SIGNATORY
    text_not_held: str | None = None  # why no commitments will be recorded


@dataclass(frozen=True, kw_only=True)
class AddParty(AgreementCommand):
    party_id: UUID
    role: PartyRole


@dataclass(frozen=True, kw_only=True)
class DefineArea(AgreementCommand):
    code: str
    title: LocalizedText
    aliases: tuple[str, ...] = ()
    aim: LocalizedText | None = None


@dataclass(frozen=True, kw_only=True)
class DefineCommitment(AgreementCommand):
    code: str
    area_code: str
    text: LocalizedText
    modality: Modality
    responsibilities: tuple[Responsibility, ...]
    nature: Nature | None = None  # None: the modality's usual nature, marked inferred from the verb
    nature_basis: str | None = None  # with a nature: it is inferred, on this basis
    responsibility_basis: str | None = None
    responsibility_inferred: bool = False  # the text names no lead: the basis says how they were chosen


@dataclass(frozen=True, kw_only=True)
class OpenForSignature(AgreementCommand, Backdated):
    pass


@dataclass(frozen=True, kw_only=True)
class SignAgreement(AgreementCommand, Backdated):
    signed_on: date
    place: str | None = None
    inferred_basis: str | None = None  # the source does not state the date: how it was inferred


@dataclass(frozen=True, kw_only=True)
class EnterIntoForce(AgreementCommand, Backdated):
    entry: EntryIntoForce
