"""Errors of the application layer (the domain's own are in domain.errors)."""

from __future__ import annotations

from uuid import UUID

from service.eventstore import ConcurrencyConflict, IdempotencyKeyTaken
from service.repository import AggregateNotFound

__all__ = [
    "AggregateNotFound",
    "AlreadyExists",
    "ConcurrencyConflict",
    "Forbidden",
    "IdempotencyKeyReused",
    "IdempotencyKeyTaken",
    "NotCaughtUp",
    "RateLimited",
    "Unauthenticated",
    "UnknownAgreement",
    "UnknownParty",
    "UnknownPosition",
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


class UnknownPosition(Exception):
    """No event is stored at the position a read asked to wait for."""


class NotCaughtUp(Exception):
    """The read models have not reached the requested position within the allowed wait."""


class RateLimited(Exception):
    """The key has used its requests for this window."""

    def __init__(self, quota) -> None:
        super().__init__(f"at most {quota.limit} requests a minute per key; retry in {quota.reset_s} s")
        self.quota = quota
