"""The Agreement aggregate: commands from one module per responsibility, and every event of its stream."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.agreement import (
    amendments,
    assessments,
    completion,
    delegation,
    drafting,
    lifecycle,
    milestones,
    progress,
    reminders,
    rules,
    signing,
)
from domain.agreement.state import AgreementEvent, Amendment
from domain.agreement.values import VerificationPolicy
from domain.values import ResponsibilityRole


class Agreement(drafting.Drafting, signing.Signing, progress.Progress, milestones.Milestones,
                completion.Completion, assessments.Assessments, lifecycle.Lifecycle, amendments.Amendments,
                delegation.Delegation, reminders.Reminders, Aggregate):
    """One cooperation agreement and everything that happens to it, as one event stream."""

    # Every event of the stream, by the name projections and the registry know it by.
    Event = AgreementEvent
    Drafted = drafting.Drafted
    PartyAdded = drafting.PartyAdded
    AreaDefined = drafting.AreaDefined
    CommitmentDefined = drafting.CommitmentDefined
    OpenedForSignature = signing.OpenedForSignature
    SignedByParty = signing.SignedByParty
    FullySigned = signing.FullySigned
    EnteredIntoForce = signing.EnteredIntoForce
    CommitmentStarted = progress.CommitmentStarted
    CommitmentPutOnHold = progress.CommitmentPutOnHold
    CommitmentResumed = progress.CommitmentResumed
    ProgressReported = progress.ProgressReported
    ReportRetracted = progress.ReportRetracted
    ReportCorrected = progress.ReportCorrected
    DueDateSet = milestones.DueDateSet
    MilestoneDefined = milestones.MilestoneDefined
    MilestoneAchieved = milestones.MilestoneAchieved
    MilestoneRescheduled = milestones.MilestoneRescheduled
    CompletionClaimed = completion.CompletionClaimed
    CompletionAcknowledged = completion.CompletionAcknowledged
    CompletionDisputed = completion.CompletionDisputed
    ClaimWithdrawn = completion.ClaimWithdrawn
    CommitmentCompleted = completion.CommitmentCompleted
    CommitmentReopened = completion.CommitmentReopened
    VerificationPolicySet = assessments.VerificationPolicySet
    AssessmentRecorded = assessments.AssessmentRecorded
    Suspended = lifecycle.Suspended
    Resumed = lifecycle.Resumed
    PeriodEnded = lifecycle.PeriodEnded
    CommitmentClosedIncomplete = lifecycle.CommitmentClosedIncomplete
    Closed = lifecycle.Closed
    Terminated = lifecycle.Terminated
    Superseded = lifecycle.Superseded
    CommentAdded = lifecycle.CommentAdded
    AmendmentProposed = amendments.AmendmentProposed
    AmendmentSigned = amendments.AmendmentSigned
    AmendmentWithdrawn = amendments.AmendmentWithdrawn
    CommitmentAdded = amendments.CommitmentAdded
    CommitmentRevised = amendments.CommitmentRevised
    CommitmentCancelled = amendments.CommitmentCancelled
    AmendmentApplied = amendments.AmendmentApplied
    ReportingRightDelegated = delegation.ReportingRightDelegated
    ReportingRightRevoked = delegation.ReportingRightRevoked
    DeadlineApproaching = reminders.DeadlineApproaching
    DeadlinePassed = reminders.DeadlinePassed

    @property
    def signatories(self) -> set[UUID]:
        return rules.signatories(self)

    def responsible_parties(self, code: str, roles: Iterable[ResponsibilityRole] | None = None) -> set[UUID]:
        return rules.responsible_parties(self, code, roles)

    def holds_delegation(self, delegate: UUID, principal: UUID, commitment: str | None = None) -> bool:
        """Whether `delegate` may report for `principal` (on `commitment`, or on anything if None)."""
        return rules.holds_delegation(self, delegate, principal, commitment)

    def policy_for(self, code: str) -> VerificationPolicy:
        return rules.policy_for(self, code)

    def starts_on(self) -> date | None:
        """When the agreement starts: its entry into force, else the start of its period, if known."""
        return rules.starts_on(self)

    def digest_of_text(self) -> str:
        """SHA-256 of the agreement's text and structure: what the signatories sign."""
        return signing.text_digest(self)

    def pending_amendment(self) -> Amendment | None:
        return amendments.pending_amendment(self)
