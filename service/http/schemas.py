"""Request and response bodies of the agreement and party resources."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from msgspec import Meta

from domain.values import InstrumentType, Modality, Nature, PartyRole, ResponsibilityRole
from service.http.wire import Code, LanguageTag, LocalizedTextIn, PeriodIn, Request, ShortText, Timestamp

BACKDATED = "When it happened, with offset, if before now (never after); default: now"
RETROACTIVE = "In force from before the last signature: only with a basis"


class DraftAgreementRequest(Request):
    code: Code
    title: LocalizedTextIn
    authentic_language: LanguageTag
    instrument_type: InstrumentType = InstrumentType.COOPERATION_AGREEMENT
    period: PeriodIn | None = None
    drafter_role: PartyRole = PartyRole.SIGNATORY
    occurred_at: Annotated[Timestamp | None, Meta(description=BACKDATED)] = None


class AddPartyRequest(Request):
    party_id: UUID
    role: PartyRole


class DefineAreaRequest(Request):
    code: Code
    title: LocalizedTextIn
    aliases: Annotated[list[ShortText], Meta(max_length=20)] = []
    aim: LocalizedTextIn | None = None


class ResponsibilityIn(Request):
    party_id: UUID
    role: ResponsibilityRole


class DefineCommitmentRequest(Request):
    code: Code
    area_code: Code
    text: LocalizedTextIn
    modality: Modality
    responsibilities: Annotated[list[ResponsibilityIn], Meta(max_length=50)]
    nature: Nature | None = None
    responsibility_basis: ShortText | None = None


class SignRequest(Request):
    signed_on: date
    place: ShortText | None = None
    occurred_at: Annotated[Timestamp | None, Meta(description=BACKDATED)] = None


class TextFreezeRequest(Request):
    occurred_at: Annotated[Timestamp | None, Meta(description=BACKDATED)] = None


class EnterIntoForceRequest(Request):
    effective_on: date
    inferred: bool = False
    basis: ShortText | None = None
    retroactive: Annotated[bool, Meta(description=RETROACTIVE)] = False
    occurred_at: Annotated[Timestamp | None, Meta(description=BACKDATED)] = None


class RegisterPartyRequest(Request):
    code: Code
    names: LocalizedTextIn
    jurisdiction: ShortText | None = None
    parent_id: UUID | None = None
