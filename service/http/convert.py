"""Wire values -> domain values."""

from __future__ import annotations

from domain.values import LocalizedString, LocalizedText, Period, Responsibility
from service.http.schemas import ResponsibilityIn
from service.http.wire import LocalizedStringIn, PeriodIn


def localized(text: dict[str, LocalizedStringIn] | None) -> LocalizedText | None:
    if text is None:
        return None
    return {lang: LocalizedString(value.text, value.kind) for lang, value in text.items()}


def period(value: PeriodIn | None) -> Period | None:
    if value is None:
        return None
    return Period(value.starts_on, value.ends_on, value.inferred, value.basis)


def responsibilities(values: list[ResponsibilityIn]) -> tuple[Responsibility, ...]:
    return tuple(Responsibility(r.party_id, r.role) for r in values)
