"""Mutable state of implementation, changed only by events as they are applied (and replayed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from domain.progress_values import (
    AmendmentChange,
    ClaimStatus,
    CommitmentLifecycle,
    CompletionLevel,
    DueDate,
    Health,
    Verification,
    VerificationPolicy,
)
from domain.values import LocalizedText


@dataclass
class Report:
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

    def refresh(self, co_leads: frozenset[UUID]) -> None:
        """Derive level, shares, health and last report from the active reports (latest as-of wins)."""
        active = sorted((r for r in self.reports if r.active), key=lambda r: r.as_of)  # stable: ties by order
        self.health = active[-1].health if active else None
        self.last_report_on = active[-1].as_of if active else None
        self.shares = {r.party_id: r.level for r in active if r.own_share}
        whole = [r for r in active if not r.own_share]
        if whole:
            self.level = whole[-1].level
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
