"""Errors of the application layer (the domain's own are in domain.errors)."""

from __future__ import annotations

from uuid import UUID

from service.store.eventstore import ConcurrencyConflict, IdempotencyKeyTaken
from service.store.repository import AggregateNotFound

__all__ = [
    "AggregateNotFound",
    "AlreadyExists",
    "ConcurrencyConflict",
    "Forbidden",
    "IdempotencyKeyReused",
    "IdempotencyKeyTaken",
    "Unauthenticated",
    "UnknownAgreement",
    "UnknownParty",
    "VersionMismatch",
]


class VersionMismatch(Exception):
    """The client's If-Match names another version than the current one."""

    def __init__(self, current: int) -> None:
        super().__init__(f"the current version is {current}")
        self.current = current


class AlreadyExists(Exception):
    def __init__(self, kind: str, aggregate_id: UUID) -> None:
        super().__init__(f"{kind} {aggregate_id} already exists")


class UnknownParty(Exception):
    def __init__(self, party_id: UUID) -> None:
        super().__init__(f"no registered party {party_id}")


class UnknownAgreement(Exception):
    def __init__(self, agreement_id: UUID) -> None:
        super().__init__(f"no agreement {agreement_id}")


class IdempotencyKeyReused(Exception):
    """The idempotency key was used before for a different request."""


class Forbidden(Exception):
    """The caller is known but may not do this."""


class Unauthenticated(Exception):
    """No valid API key was presented."""
