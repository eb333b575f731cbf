"""The Agreement's state and the records in it, changed only by events as they apply (and replay)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.agreement.values import (
    AmendmentChange,
    ClaimStatus,
    CommitmentLifecycle,
    CompletionLevel,
    DelegationKey,
    DueDate,
    Health,
    Verification,
    VerificationPolicy,
)
from domain.values import (
    AgreementStatus,
    Area,
    Commitment,
    EntryIntoForce,
    InstrumentType,
    LocalizedText,
    PartyRole,
    Period,
)


@dataclass(frozen=True, slots=True)
class Report:
    """A report as progress counts it. Never changed in place: a retraction or correction puts a changed
    copy in its place, so a snapshot can list the reports in a command's turn and encode them after it."""

    report_id: UUID
    commitment_code: str
    party_id: UUID  # the responsible party the report speaks for
    as_of: date
    level: CompletionLevel
    health: Health
    own_share: bool
    evidence_count: int
    retracted: bool = False
    corrected_by: UUID | None = None

    @property
    def active(self) -> bool:
        return not self.retracted and self.corrected_by is None


@dataclass
class Milestone:
    code: str
    title: LocalizedText
    due: DueDate
    deliverable: LocalizedText | None
    achieved_on: date | None = None


@dataclass
class Claim:
    claim_id: UUID
    commitment_code: str
    claimant: UUID
    completed_on: date
    claimed_on: date
    policy: VerificationPolicy
    counterparties: tuple[UUID, ...]
    acknowledged: dict[UUID, date] = field(default_factory=dict)
    status: ClaimStatus = ClaimStatus.OPEN


@dataclass
class CommitmentProgress:
    """Where one commitment stands. Level, health and last report follow from its active reports."""

    lifecycle: CommitmentLifecycle = CommitmentLifecycle.PLANNED
    level: CompletionLevel = CompletionLevel.NO_EVIDENCE
    shares: dict[UUID, CompletionLevel] = field(default_factory=dict)
    health: Health | None = None
    verification: Verification | None = None
    due: DueDate | None = None
    text_due: DueDate | None = None  # as the (amended) text says; `due` may have been moved since
    milestones: dict[str, Milestone] = field(default_factory=dict)
    reports: list[Report] = field(default_factory=list)
    open_claim: UUID | None = None
    started_on: date | None = None
    completed_on: date | None = None
    last_report_on: date | None = None
    assessed_level: CompletionLevel | None = None

    # The latest (by as-of, ties by order) whole report's level and as-of, and each co-lead's latest share's.
    whole_level: CompletionLevel | None = None
    whole_as_of: date | None = None
    share_as_of: dict[UUID, date] = field(default_factory=dict)

    def refresh(self, co_leads: frozenset[UUID]) -> None:
        """Derive level, shares, health and last report from the active reports (latest as-of wins)."""
        self.health = self.last_report_on = self.whole_level = self.whole_as_of = None
        self.shares, self.share_as_of = {}, {}
        for report in sorted((r for r in self.reports if r.active), key=lambda r: r.as_of):  # stable
            self._take_in(report)
        self._derive_level(co_leads)

    def take_in(self, report: Report, co_leads: frozenset[UUID]) -> None:
        """A new active report, after every other: as `refresh` would derive, without going over them all."""
        self._take_in(report)
        self._derive_level(co_leads)

    def _take_in(self, report: Report) -> None:
        if self.last_report_on is None or report.as_of >= self.last_report_on:
            self.health, self.last_report_on = report.health, report.as_of
        if report.own_share:
            if report.party_id not in self.share_as_of or report.as_of >= self.share_as_of[report.party_id]:
                self.shares[report.party_id], self.share_as_of[report.party_id] = report.level, report.as_of
        elif self.whole_as_of is None or report.as_of >= self.whole_as_of:
            self.whole_level, self.whole_as_of = report.level, report.as_of

    def _derive_level(self, co_leads: frozenset[UUID]) -> None:
        if self.whole_level is not None:
            self.level = self.whole_level
        elif self.shares and co_leads:
            # A joint commitment reported in shares is as far as its least advanced co-lead.
            levels = [self.shares.get(p, CompletionLevel.NO_EVIDENCE) for p in co_leads]
            self.level = min(levels, key=lambda level: level.rank)
        else:
            self.level = CompletionLevel.NO_EVIDENCE


class AmendmentStatus(StrEnum):
    PENDING = "pending"
    APPLIED = "applied"
    WITHDRAWN = "withdrawn"


@dataclass
class Amendment:
    amendment_id: UUID
    proposed_by: UUID
    changes: tuple[AmendmentChange, ...]
    proposed_on: date
    signatures: dict[UUID, date] = field(default_factory=dict)
    status: AmendmentStatus = AmendmentStatus.PENDING


class AgreementState:
    """What the Agreement's events build: set up by `Drafted`, then changed only by events' `apply`."""

    id: UUID
    code: str
    title: LocalizedText
    authentic_language: str
    instrument_type: InstrumentType
    period: Period | None
    drafted_by: UUID | None
    drafted_on: date | None  # None: stored before drafting was dated, or of unknown date
    opened_on: date | None  # the day the text was frozen and opened for signature, when known
    text_not_held: str | None  # why no commitments are recorded, when the source gives only the act
    status: AgreementStatus
    parties: dict[UUID, PartyRole]
    areas: dict[str, Area]
    commitments: dict[str, Commitment]
    text_digest: str | None
    signatures: dict[UUID, date]
    signed_on: date | None
    entry_into_force: EntryIntoForce | None
    text_version: int
    policy: VerificationPolicy
    policy_overrides: dict[str, VerificationPolicy]
    progress: dict[str, CommitmentProgress]
    reports: dict[UUID, Report]
    claims: dict[UUID, Claim]
    amendments: dict[UUID, Amendment]
    delegations: dict[DelegationKey, tuple[str, ...]]
    used_ids: set[UUID]  # ids given to reports, claims, assessments, comments, amendments
    suspended_on: date | None
    ended_on: date | None
    final_report_due: date | None
    closed_on: date | None
    superseded_by: UUID | None

    if TYPE_CHECKING:  # provided by eventsourcing's Aggregate, which comes last among Agreement's bases

        def trigger_event(self, event_class: type[AgreementEvent], **kwargs: Any) -> None: ...


class AgreementEvent(Aggregate.Event):
    """An event of the Agreement: a stored fact; `apply` is the state change it makes, on replay too."""

    def apply(self, agreement: AgreementState) -> None:  # type: ignore[override]
        """Events that only record a fact keep this: they change no state."""


def close_claim(
    agreement: AgreementState, claim: Claim, status: ClaimStatus, lifecycle: CommitmentLifecycle
) -> CommitmentProgress:
    """The claim is decided, withdrawn or lapses; its commitment moves on to `lifecycle`."""
    claim.status = status
    progress = agreement.progress[claim.commitment_code]
    progress.lifecycle, progress.open_claim = lifecycle, None
    return progress


def end_commitment(agreement: AgreementState, code: str, lifecycle: CommitmentLifecycle) -> None:
    """The commitment leaves the open lifecycles; a claim still open on it lapses."""
    progress = agreement.progress[code]
    if progress.open_claim:
        close_claim(agreement, agreement.claims[progress.open_claim], ClaimStatus.LAPSED, lifecycle)
    progress.lifecycle = lifecycle


def lapse_open_claims(agreement: AgreementState) -> None:
    """The agreement ended: every open claim lapses and its commitment is back in progress."""
    for claim in agreement.claims.values():
        if claim.status is ClaimStatus.OPEN:
            close_claim(agreement, claim, ClaimStatus.LAPSED, CommitmentLifecycle.IN_PROGRESS)
