"""The base of every View struct (camelCase, no defaults) and the view values shared by several views."""

from __future__ import annotations

from datetime import date

import msgspec

from domain.values import TextKind


class View(msgspec.Struct, rename="camel", kw_only=True):
    """Base of response bodies."""


class LocalizedStringView(View):
    text: str
    kind: TextKind


LocalizedTextView = dict[str, LocalizedStringView]


class PeriodView(View):
    starts_on: date
    ends_on: date | None
    inferred: bool
    basis: str | None


class EntryIntoForceView(View):
    effective_on: date
    inferred: bool
    basis: str | None
    retroactive: bool = False
