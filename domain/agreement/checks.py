"""Checks of what a command says, whatever the agreement's state: texts, dates, scales, evidence, policies."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from domain.agreement.values import CompletionLevel, Evidence, Health, VerificationKind, VerificationPolicy
from domain.errors import (
    DateInFuture,
    EvidenceNotLocatable,
    HealthOutsideScale,
    InvalidChecksum,
    InvalidVerificationPolicy,
    LevelOutsideScale,
    MissingAuthenticText,
    ReasonRequired,
    TextRequired,
)
from domain.values import LocalizedText

SHA256 = re.compile(r"^[0-9a-f]{64}$")


def require_authentic_text(text: LocalizedText, language: str) -> None:
    if not text.get(language) or not text[language].text.strip():
        raise MissingAuthenticText(f"no {language} text given")


def require_text(text: LocalizedText | None, what: str) -> None:
    if not text or not any(s.text.strip() for s in text.values()):
        raise TextRequired(f"no {what} given")


def require_reason(reason: str | None, what: str, error: type[ReasonRequired] = ReasonRequired) -> str:
    if reason is None or not reason.strip():
        raise error(f"{what} needs a reason")
    return reason


def not_in_future(day: date, today: date, what: str) -> None:
    if day > today:
        raise DateInFuture(f"{what} {day}, recorded on {today}")


def level_on_scale(level: CompletionLevel | str) -> CompletionLevel:
    try:
        return CompletionLevel(level)
    except ValueError:
        raise LevelOutsideScale(f"{level!r} is not on the completion scale") from None


def health_on_scale(health: Health | str) -> Health:
    try:
        return Health(health)
    except ValueError:
        raise HealthOutsideScale(f"{health!r} is not a health") from None


def checked_evidence(evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
    evidence = tuple(evidence)
    for item in evidence:
        if not item.title.strip():
            raise TextRequired("evidence without a title")
        if not item.url and not item.document_id:
            raise EvidenceNotLocatable(f"evidence {item.title!r} has neither a URL nor a document id")
        if item.sha256 is not None and not SHA256.match(item.sha256):
            raise InvalidChecksum(f"evidence {item.title!r}: {item.sha256!r} is not a SHA-256")
    return evidence


def checked_policy(policy: VerificationPolicy) -> VerificationPolicy:
    kind = policy.kind
    valid = {
        VerificationKind.QUORUM: policy.quorum is not None and policy.quorum > 0 and policy.days is None,
        VerificationKind.DEEMED_AFTER_DAYS: policy.days is not None
        and policy.days > 0
        and policy.quorum is None,
    }.get(kind, policy.quorum is None and policy.days is None)
    if not valid:
        raise InvalidVerificationPolicy(f"{kind} with quorum {policy.quorum} and days {policy.days}")
    return policy
