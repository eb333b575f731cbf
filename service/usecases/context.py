"""Who sends a command, what it carries besides its content, and the region's clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from uuid import UUID

BUSINESS_TIME = timezone(timedelta(hours=8), "CST")


def business_today(now: datetime | None = None) -> date:
    """The calendar date of the agreements' region: Guangdong, Hong Kong and Macao share UTC+8."""
    return (now or datetime.now(UTC)).astimezone(BUSINESS_TIME).date()


@dataclass(frozen=True)
class Caller:
    """Who sends a command: an API key bound to a party, or an admin key."""

    key_id: UUID | None
    party_id: UUID | None
    is_admin: bool = False
    user: str | None = None

    @property
    def scope(self) -> str:
        """Idempotency keys are unique per party (per key for admins)."""
        return f"party:{self.party_id}" if self.party_id else f"key:{self.key_id}"


@dataclass(frozen=True)
class Context:
    """What a command carries besides its content."""

    caller: Caller
    expected_version: int | None = None
    idempotency_key: str | None = None
    fingerprint: str = ""
    occurred_at: datetime | None = None
    correlation_id: UUID | None = None
    on_behalf_of: UUID | None = None  # the party a delegate acts for
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def today(self) -> date:
        return business_today(self.now)


