"""Who sends a command, what it carries besides its content, and the region's clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from functools import partial
from uuid import UUID

from service.usecases.errors import Forbidden

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
    now: datetime = field(default_factory=partial(datetime.now, UTC))

    @property
    def today(self) -> date:
        return business_today(self.now)


@dataclass(frozen=True)
class Decision:
    """What a handler decides with besides the command: who speaks, on which day, a new record's id."""

    caller: Caller
    today: date
    record_id: UUID | None = None  # for commands that add a record
    occurred_on: date | None = None  # the business day the fact happened (None: `today`)

    @property
    def happened_on(self) -> date:
        return self.occurred_on or self.today

    @property
    def party(self) -> UUID:
        """The caller's party: the command speaks for it, so a key bound to none may not send it."""
        if self.caller.party_id is None:
            raise Forbidden("this command is taken only from a party's own key")
        return self.caller.party_id

    @property
    def new_record(self) -> UUID:
        assert self.record_id is not None, "the command type is a CreatesRecord"
        return self.record_id
