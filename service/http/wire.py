"""Wire types: camelCase, strict, explicit. Requests forbid unknown fields; responses have no defaults."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

import msgspec
from msgspec import Meta

from domain.values import (
    AgreementStatus,
    InstrumentType,
    Modality,
    Nature,
    PartyRole,
    ResponsibilityRole,
    TextKind,
)
from service.reads.wire import EntryIntoForceView, LocalizedStringView, LocalizedTextView, PeriodView, View

LanguageTag = Annotated[
    str,
    Meta(
        pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
        max_length=35,
        description="BCP 47 language tag, e.g. zh-Hans, en, pt-MO",
    ),
]
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
Code = Annotated[
    str,
    Meta(
        pattern=CODE_PATTERN,
        description="A short stable code, e.g. A1.1 or ZZJ-HRSS-2025",
    ),
]
ShortText = Annotated[str, Meta(min_length=1, max_length=500)]
LongText = Annotated[str, Meta(min_length=1, max_length=8000)]
Position = Annotated[int, Meta(ge=1, le=2**62)]
Version = Annotated[int, Meta(ge=1, le=2**31 - 1)]
Timestamp = Annotated[datetime, Meta(tz=True)]


class Request(msgspec.Struct, rename="camel", kw_only=True, forbid_unknown_fields=True):
    """Base of request bodies."""


class LocalizedStringIn(Request):
    text: LongText
    kind: TextKind


LocalizedTextIn = Annotated[dict[LanguageTag, LocalizedStringIn], Meta(min_length=1, max_length=10)]


class PeriodIn(Request):
    starts_on: date
    ends_on: date | None = None
    inferred: bool = False
    basis: ShortText | None = None


class CommandAccepted(View):
    """The command's events are stored: the aggregate's new version and the log position of the last."""

    id: UUID
    version: int
    position: int


class ResourceCreated(View):
    """Like CommandAccepted, for a command that created a sub-resource of the aggregate (a report, a claim,
    an amendment ...): `resourceId` names it in later commands. A repeat with the same Idempotency-Key
    returns the same `resourceId`."""

    id: UUID
    version: int
    position: int
    resource_id: UUID


class FieldError(View):
    pointer: str
    detail: str


class Problem(View):
    """An RFC 9457 problem: `type` is stable and names the rule or check that failed."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[FieldError]


__all__ = [
    "AgreementStatus",
    "Code",
    "CommandAccepted",
    "EntryIntoForceView",
    "FieldError",
    "InstrumentType",
    "LanguageTag",
    "LocalizedStringIn",
    "LocalizedStringView",
    "LocalizedTextIn",
    "LocalizedTextView",
    "LongText",
    "Modality",
    "Nature",
    "PartyRole",
    "PeriodIn",
    "PeriodView",
    "Position",
    "Problem",
    "ResourceCreated",
    "Request",
    "ResponsibilityRole",
    "ShortText",
    "Timestamp",
    "Version",
    "View",
]
