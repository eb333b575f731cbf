"""Value objects of implementation: completion levels, due dates, evidence, verification, amendments."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from uuid import UUID

from domain.values import LocalizedText, Modality, Nature, Responsibility


class CompletionLevel(StrEnum):
    """The OGP scale, in order."""

    NO_EVIDENCE = "no_evidence"
    NOT_STARTED = "not_started"
    LIMITED = "limited"
    SUBSTANTIAL = "substantial"
    COMPLETE = "complete"

    @property
    def rank(self) -> int:
        return list(CompletionLevel).index(self)


class Health(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


class CommitmentLifecycle(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    COMPLETION_CLAIMED = "completion_claimed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    SUPERSEDED = "superseded"
    CLOSED_INCOMPLETE = "closed_incomplete"


OPEN_LIFECYCLES = frozenset(
    {
        CommitmentLifecycle.PLANNED,
        CommitmentLifecycle.IN_PROGRESS,
        CommitmentLifecycle.ON_HOLD,
        CommitmentLifecycle.COMPLETION_CLAIMED,
    }
)
CLOSED_LIFECYCLES = frozenset(
    {
        CommitmentLifecycle.CANCELLED,
        CommitmentLifecycle.SUPERSEDED,
        CommitmentLifecycle.CLOSED_INCOMPLETE,
    }
)


class Verification(StrEnum):
    SELF_REPORTED = "self_reported"
    ACKNOWLEDGED = "acknowledged"
    DISPUTED = "disputed"
    INDEPENDENTLY_ASSESSED = "independently_assessed"


class ClaimStatus(StrEnum):
    OPEN = "open"
    COMPLETED = "completed"
    DISPUTED = "disputed"
    WITHDRAWN = "withdrawn"
    LAPSED = "lapsed"  # the commitment was cancelled or the agreement ended while the claim was open


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class DueDate:
    """A due date as precise as the text: "by June 2025" is month precision."""

    on: date
    precision: DatePrecision = DatePrecision.DAY

    @property
    def deadline(self) -> date:
        """The last day that is still on time."""
        if self.precision is DatePrecision.YEAR:
            return date(self.on.year, 12, 31)
        if self.precision is DatePrecision.MONTH:
            return date(self.on.year, self.on.month, calendar.monthrange(self.on.year, self.on.month)[1])
        return self.on


class Timeliness(StrEnum):
    NOT_DUE = "not_due"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    ON_TIME = "on_time"
    LATE = "late"


DUE_SOON = timedelta(days=30)


def timeliness(due: DueDate | None, completed_on: date | None, today: date) -> Timeliness:
    """Derived, never stored: it changes with the clock."""
    if completed_on is not None:
        return Timeliness.LATE if due and completed_on > due.deadline else Timeliness.ON_TIME
    if due is None:
        return Timeliness.NOT_DUE
    if today > due.deadline:
        return Timeliness.OVERDUE
    return Timeliness.DUE_SOON if due.deadline - today <= DUE_SOON else Timeliness.NOT_DUE


@dataclass(frozen=True)
class NextStep:
    """What a report says comes next, and by when if it says so."""

    text: LocalizedText
    due: date | None = None


@dataclass(frozen=True)
class Evidence:
    """Where a fact can be checked: a URL or a document id (or both), optionally its SHA-256."""

    title: str
    url: str | None = None
    document_id: str | None = None
    sha256: str | None = None


class VerificationKind(StrEnum):
    # When a claim completes its commitment (no docstring: it would become the API's description).
    # Counterparties are the signatories other than the claimant, fixed when the claim is made.
    ALL_COUNTERPARTIES = "all_counterparties"  # every counterparty acknowledged (the default)
    QUORUM = "quorum"  # that many acknowledgements (at most all counterparties)
    LEAD_ONLY = "lead_only"  # the claim of a lead or co-lead suffices: it completes at once
    INDEPENDENT_ASSESSOR = "independent_assessor"  # an assessment at `complete` completes it, else disputes
    DEEMED_AFTER_DAYS = "deemed_after_days"  # confirmed once the days pass undisputed (or all acknowledged)


@dataclass(frozen=True)
class VerificationPolicy:
    """When a completion claim makes a commitment `completed`."""

    kind: VerificationKind = VerificationKind.ALL_COUNTERPARTIES
    quorum: int | None = None
    days: int | None = None


DEFAULT_POLICY = VerificationPolicy()


class ChangeKind(StrEnum):
    ADD_COMMITMENT = "add_commitment"
    REVISE_COMMITMENT = "revise_commitment"
    CANCEL_COMMITMENT = "cancel_commitment"
    CHANGE_DUE_DATE = "change_due_date"
    SET_VERIFICATION_POLICY = "set_verification_policy"


@dataclass(frozen=True)
class AmendmentChange:
    """One change an amendment makes; `kind` says which fields it uses.

    One class with a kind rather than a union of classes: stored payloads decode a union of dataclasses
    only as one tagged type.
    """

    kind: ChangeKind
    commitment_code: str | None = None
    area_code: str | None = None
    text: LocalizedText | None = None
    modality: Modality | None = None
    nature: Nature | None = None
    responsibilities: tuple[Responsibility, ...] | None = None
    due: DueDate | None = None
    policy: VerificationPolicy | None = None
    reason: str | None = None


def add_commitment(
    code: str,
    area_code: str,
    text: LocalizedText,
    modality: Modality,
    nature: Nature,
    responsibilities: tuple[Responsibility, ...],
    due: DueDate | None = None,
) -> AmendmentChange:
    return AmendmentChange(
        ChangeKind.ADD_COMMITMENT, code, area_code, text, modality, nature, tuple(responsibilities), due
    )


def revise_commitment(
    code: str,
    text: LocalizedText | None = None,
    modality: Modality | None = None,
    nature: Nature | None = None,
    responsibilities: tuple[Responsibility, ...] | None = None,
) -> AmendmentChange:
    return AmendmentChange(
        ChangeKind.REVISE_COMMITMENT,
        code,
        text=text,
        modality=modality,
        nature=nature,
        responsibilities=None if responsibilities is None else tuple(responsibilities),
    )


def cancel_commitment(code: str, reason: str) -> AmendmentChange:
    return AmendmentChange(ChangeKind.CANCEL_COMMITMENT, code, reason=reason)


def change_due_date(code: str, due: DueDate) -> AmendmentChange:
    return AmendmentChange(ChangeKind.CHANGE_DUE_DATE, code, due=due)


def set_policy(policy: VerificationPolicy, code: str | None = None) -> AmendmentChange:
    return AmendmentChange(ChangeKind.SET_VERIFICATION_POLICY, code, policy=policy)


DelegationKey = tuple[UUID, UUID]
"""(principal, delegate): the responsible party and the coordinator reporting for it."""
