"""Request bodies of the commands after signing: progress, milestones, completion, lifecycle."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from msgspec import Meta

from domain.agreement.values import CompletionLevel, DatePrecision, Health, VerificationKind
from service.http.schemas import BACKDATED
from service.http.wire import Code, LocalizedTextIn, OneLine, Request, Sha256, ShortText, Timestamp, Url

DocumentId = Annotated[OneLine, Meta(description="An archive's document number")]
OnBehalfOf = Annotated[
    UUID, Meta(description="The responsible party a coordinator acts for, under its reporting right")
]


class EvidenceIn(Request):
    """Where a fact can be checked: a URL or a document id, or both."""

    title: ShortText
    url: Url | None = None
    document_id: DocumentId | None = None
    sha256: Sha256 | None = None


EvidenceList = Annotated[list[EvidenceIn], Meta(max_length=50)]


class NextStepIn(Request):
    """What comes next, and by when if known."""

    text: LocalizedTextIn
    due: date | None = None


NextSteps = Annotated[list[NextStepIn], Meta(max_length=20)]


class PersonIn(Request):
    """Personal data: a person named in the record. The name is stored sealed with the person's own key;
    erasing the person (POST /persons/{personId}/erasure) makes it unreadable everywhere. Name a person
    again by their `personId` (from an earlier report); without it the name is a new person."""

    name: Annotated[OneLine, Meta(description="The person's name, as it is to be shown (personal data)")]
    person_id: UUID | None = None


# `x-personal`: the API's mark of personal data (see docs/TRANSPARENCY.md, "Personal data").
ContactPerson = Annotated[PersonIn | None, Meta(description="Whom to ask about the report (personal data)",
                                                extra_json_schema={"x-personal": True})]


class DueDateIn(Request):
    """As precise as the text: "by June 2025" is `{"on": "2025-06-01", "precision": "month"}`."""

    on: date
    precision: DatePrecision = DatePrecision.DAY


class VerificationPolicyIn(Request):
    kind: VerificationKind
    quorum: Annotated[int, Meta(ge=1, le=100)] | None = None
    days: Annotated[int, Meta(ge=1, le=3650)] | None = None


class StartCommitmentRequest(Request):
    started_on: date
    on_behalf_of: OnBehalfOf | None = None


class HoldCommitmentRequest(Request):
    reason: ShortText
    on_behalf_of: OnBehalfOf | None = None


class ActForRequest(Request):
    """A command that needs nothing but, for a delegate, whom it acts for."""

    on_behalf_of: OnBehalfOf | None = None


class ReportProgressRequest(Request):
    as_of: date
    level: CompletionLevel
    health: Health
    narrative: LocalizedTextIn
    evidence: EvidenceList = []
    next_steps: NextSteps = []
    own_share: bool = False
    on_behalf_of: OnBehalfOf | None = None
    contact_person: ContactPerson = None
    occurred_at: Annotated[Timestamp | None, Meta(description=BACKDATED)] = None


class RetractReportRequest(Request):
    reason: ShortText
    on_behalf_of: OnBehalfOf | None = None


class CorrectReportRequest(Request):
    reason: ShortText
    as_of: date
    level: CompletionLevel
    health: Health
    narrative: LocalizedTextIn
    evidence: EvidenceList = []
    next_steps: NextSteps = []
    on_behalf_of: OnBehalfOf | None = None
    contact_person: ContactPerson = None


class DefineMilestoneRequest(Request):
    code: Code
    title: LocalizedTextIn
    due: DueDateIn
    deliverable: LocalizedTextIn | None = None
    on_behalf_of: OnBehalfOf | None = None


class AchieveMilestoneRequest(Request):
    achieved_on: date
    evidence: EvidenceList
    on_behalf_of: OnBehalfOf | None = None


class RescheduleMilestoneRequest(Request):
    due: DueDateIn
    reason: ShortText
    on_behalf_of: OnBehalfOf | None = None


class SetDueDateRequest(Request):
    due: DueDateIn
    reason: ShortText | None = None


class ClaimCompletionRequest(Request):
    completed_on: date
    evidence: EvidenceList
    narrative: LocalizedTextIn | None = None
    on_behalf_of: OnBehalfOf | None = None


class DisputeCompletionRequest(Request):
    reason: ShortText


class WithdrawClaimRequest(Request):
    reason: ShortText | None = None
    on_behalf_of: OnBehalfOf | None = None


class ReopenCommitmentRequest(Request):
    reason: ShortText
    on_behalf_of: OnBehalfOf | None = None


class RecordAssessmentRequest(Request):
    assessed_on: date
    level: CompletionLevel
    findings: LocalizedTextIn
    evidence: EvidenceList = []


class SetVerificationPolicyRequest(Request):
    policy: VerificationPolicyIn
    commitment_code: Code | None = None


class SuspendAgreementRequest(Request):
    suspended_on: date
    reason: ShortText


class ResumeAgreementRequest(Request):
    resumed_on: date


class EndPeriodRequest(Request):
    ended_on: date
    final_report_due: date


class CloseOutRequest(Request):
    closed_on: date


class TerminateRequest(Request):
    terminated_on: date
    reason: ShortText


class SupersedeRequest(Request):
    by_agreement_id: UUID
    superseded_on: date


class AddCommentRequest(Request):
    text: LocalizedTextIn
    commitment_code: Code | None = None


class DelegateReportingRequest(Request):
    delegate_id: UUID
    commitment_codes: Annotated[list[Code], Meta(max_length=100)] = []
