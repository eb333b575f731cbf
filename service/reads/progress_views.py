"""Response bodies of an agreement's progress view, and the parts the other progress views share."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from msgspec import Meta

from domain.agreement.values import (
    CommitmentLifecycle,
    CompletionLevel,
    DatePrecision,
    Health,
    Timeliness,
    Verification,
)
from domain.values import AgreementStatus, Modality, Nature
from service.reads.agreement_views import ResponsibilityView
from service.reads.summary_views import LevelCounts, LifecycleCounts
from service.reads.wire import LocalizedTextView, View

AsOf = Annotated[date, Meta(description="The date timeliness and due windows were computed for (today)")]


class DueView(View):
    """A due date as precise as the text says; `deadline` is the last day still on time."""

    on: date
    precision: DatePrecision
    deadline: date


class ShareView(View):
    """A co-lead's own share of a joint commitment, as it last reported it."""

    party_id: UUID
    level: CompletionLevel


class LastReportView(View):
    report_id: UUID
    party_id: UUID
    as_of: date
    reported_on: date
    level: CompletionLevel
    health: Health


class AcknowledgementView(View):
    party_id: UUID
    acknowledged_on: date


class OpenClaimView(View):
    """A completion claim still open: who acknowledged it, and who still has to."""

    claim_id: UUID
    claimant: UUID
    completed_on: date
    claimed_on: date
    evidence_count: int
    acknowledged: list[AcknowledgementView]
    awaiting: list[UUID]


class MilestoneProgressView(View):
    code: str
    title: LocalizedTextView
    due: DueView
    achieved_on: date | None
    timeliness: Timeliness


class CommitmentProgressView(View):
    code: str
    area_code: str
    modality: Modality
    nature: Nature
    responsibilities: list[ResponsibilityView]
    lifecycle: CommitmentLifecycle
    level: CompletionLevel
    assessed_level: CompletionLevel | None
    shares: list[ShareView]
    health: Health | None
    verification: Verification | None
    due: DueView | None
    timeliness: Timeliness
    started_on: date | None
    completed_on: date | None
    last_report: LastReportView | None
    open_claim: OpenClaimView | None
    evidence_count: int
    milestones: list[MilestoneProgressView]


class ProgressRollupView(View):
    """Counts over a set of commitments (an area, or the whole agreement)."""

    commitment_count: int
    lifecycle_counts: LifecycleCounts
    level_counts: LevelCounts
    substantial_or_complete_percent: float
    overdue_count: int
    due_soon_count: int
    awaiting_acknowledgement_count: int


class AreaProgressView(View):
    code: str
    title: LocalizedTextView
    rollup: ProgressRollupView
    commitments: list[CommitmentProgressView]


class AgreementProgressView(View):
    agreement_id: UUID
    code: str
    status: AgreementStatus
    version: int
    as_of: AsOf
    rollup: ProgressRollupView
    areas: list[AreaProgressView]
