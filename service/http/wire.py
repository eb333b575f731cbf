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

# Patterns mean the same in ECMA-262 (the spec's dialect) and Python's re (msgspec's): character classes
# are spelled out (no \s, \w, \d), and "(?!\n)$" ends the string in both, where Python's bare "$" would
# also match before a final newline.
END = r"(?!\n)$"
# Free text refuses Unicode's control characters (category Cc: C0, DEL, C1) except tab, LF and CR.
FREE_TEXT_PATTERN = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$"
# One line (labels, document numbers) refuses every control character.
ONE_LINE_PATTERN = r"^[^\x00-\x1F\x7F-\x9F]*" + END
LANGUAGE_TAG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*" + END
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}" + END
URL_PATTERN = r"^https?://[\x21-\x7E]+" + END
SHA256_PATTERN = r"^[0-9a-f]{64}" + END

LanguageTag = Annotated[
    str,
    Meta(
        pattern=LANGUAGE_TAG_PATTERN,
        max_length=35,
        description="BCP 47 language tag, e.g. zh-Hans, en, pt-MO",
    ),
]
Code = Annotated[
    str,
    Meta(pattern=CODE_PATTERN, description="A short stable code, e.g. A1.1 or ZZJ-HRSS-2025"),
]
ShortText = Annotated[
    str,
    Meta(
        min_length=1,
        max_length=500,
        pattern=FREE_TEXT_PATTERN,
        description="Free text: no control characters but tab, line feed and carriage return",
    ),
]
LongText = Annotated[
    str,
    Meta(
        min_length=1,
        max_length=8000,
        pattern=FREE_TEXT_PATTERN,
        description="Free text: no control characters but tab, line feed and carriage return",
    ),
]
OneLine = Annotated[
    str,
    Meta(
        min_length=1, max_length=200, pattern=ONE_LINE_PATTERN, description="One line, no control characters"
    ),
]
Url = Annotated[
    str,
    Meta(
        pattern=URL_PATTERN,
        max_length=2048,
        description="An http(s) URI in ASCII (RFC 3986): percent-encode anything else",
    ),
]
Sha256 = Annotated[str, Meta(pattern=SHA256_PATTERN, description="The document's SHA-256, lower-case hex")]
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
    "OneLine",
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
    "Sha256",
    "ShortText",
    "Timestamp",
    "Url",
    "Version",
    "View",
]
