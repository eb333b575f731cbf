"""Response bodies of the views of what needs attention: a party's obligations, the at-risk list."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated
from uuid import UUID

from msgspec import Meta

from domain.agreement.values import CommitmentLifecycle, CompletionLevel, Health, Timeliness
from domain.values import ResponsibilityRole
from service.reads.progress_views import AcknowledgementView, AsOf, DueView
from service.reads.wire import View


class ResponsibilityObligationView(View):
    """A commitment the party is responsible for, and where it stands."""

    agreement_id: UUID
    agreement_code: str
    commitment_code: str
    area_code: str
    role: ResponsibilityRole
    lifecycle: CommitmentLifecycle
    level: CompletionLevel
    health: Health | None
    due: DueView | None
    timeliness: Timeliness


class DueItemView(View):
    """A commitment, or one of its milestones (`milestoneCode`), due by a date and not done yet."""

    agreement_id: UUID
    agreement_code: str
    commitment_code: str
    milestone_code: str | None
    due: DueView
    days_left: Annotated[int, Meta(description="Days from asOf to the deadline; negative when overdue")]
    lifecycle: CommitmentLifecycle
    level: CompletionLevel


class ClaimAwaitingView(View):
    """An open completion claim that the party has neither acknowledged nor disputed."""

    agreement_id: UUID
    agreement_code: str
    commitment_code: str
    claim_id: UUID
    claimant: UUID
    completed_on: date
    claimed_on: date
    evidence_count: int
    acknowledged: list[AcknowledgementView]
    awaiting: list[UUID]


class DisputeSide(StrEnum):
    RAISED = "raised"  # the party disputed the claim
    RECEIVED = "received"  # the party's claim was disputed


class DisputeView(View):
    """A disputed claim not yet followed by a new claim: the commitment is back in progress."""

    agreement_id: UUID
    agreement_code: str
    commitment_code: str
    claim_id: UUID
    claimant: UUID
    disputed_by: UUID
    reason: str
    disputed_on: date
    side: DisputeSide


class PartyObligationsView(View):
    """What the party answers for in the agreements that are signed and not yet ended."""

    party_id: UUID
    as_of: AsOf
    responsibilities: list[ResponsibilityObligationView]
    overdue: list[DueItemView]
    due_within_30_days: list[DueItemView]
    due_within_90_days: Annotated[list[DueItemView], Meta(description="Includes those due within 30 days")]
    claims_awaiting_acknowledgement: list[ClaimAwaitingView]
    open_disputes: list[DisputeView]


class AtRiskReason(StrEnum):
    OVERDUE = "overdue"
    MILESTONE_OVERDUE = "milestone_overdue"
    DUE_SOON_BELOW_SUBSTANTIAL = "due_soon_below_substantial"
    OFF_TRACK = "off_track"
    NO_RECENT_REPORT = "no_recent_report"
    DISPUTED = "disputed"


class AtRiskReasonView(View):
    reason: AtRiskReason
    detail: str
    on: Annotated[
        date | None,
        Meta(description="The date the reason is about: a deadline, the last report, the dispute"),
    ]
    milestone_code: str | None


class AtRiskItemView(View):
    agreement_id: UUID
    agreement_code: str
    area_code: str
    commitment_code: str
    lifecycle: CommitmentLifecycle
    level: CompletionLevel
    health: Health | None
    due: DueView | None
    timeliness: Timeliness
    last_report_on: date | None
    reasons: list[AtRiskReasonView]


class AtRiskPage(View):
    as_of: AsOf
    items: list[AtRiskItemView]
    next_cursor: str | None

