"""Verification policies (set while drafting, or by amendment) and independent assessments."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.agreement.checks import (
    checked_evidence,
    checked_policy,
    level_on_scale,
    not_in_future,
    require_text,
)
from domain.agreement.completion import CompletionDisputed, complete
from domain.agreement.rules import commitment, live_commitment, require_new_id, require_reporting_open
from domain.agreement.state import AgreementEvent, AgreementState
from domain.agreement.values import (
    CompletionLevel,
    Evidence,
    Verification,
    VerificationKind,
    VerificationPolicy,
)
from domain.errors import NotAnAssessor, StructureFrozen
from domain.values import AgreementStatus, LocalizedText, PartyRole


class VerificationPolicySet(AgreementEvent):
    TOPIC = "agreement.verification_policy_set"
    commitment_code: str | None
    policy: VerificationPolicy
    amendment_id: UUID | None

    def apply(self, agreement: AgreementState) -> None:
        if self.commitment_code is None:
            agreement.policy = self.policy
        else:
            agreement.policy_overrides[self.commitment_code] = self.policy


class AssessmentRecorded(AgreementEvent):
    TOPIC = "agreement.assessment_recorded"
    assessment_id: UUID
    commitment_code: str
    party_id: UUID
    assessed_on: date
    level: CompletionLevel
    findings: LocalizedText
    evidence: tuple[Evidence, ...]
    claim_id: UUID | None  # the open claim this assessment decides, under an independent_assessor policy

    def apply(self, agreement: AgreementState) -> None:
        agreement.used_ids.add(self.assessment_id)
        progress = agreement.progress[self.commitment_code]
        progress.assessed_level, progress.verification = self.level, Verification.INDEPENDENTLY_ASSESSED


class Assessments(AgreementState):
    def set_verification_policy(self, policy: VerificationPolicy, commitment_code: str | None = None) -> None:
        """While drafting only; later through an amendment."""
        if self.status is not AgreementStatus.DRAFT:
            raise StructureFrozen(f"the agreement is {self.status}; policies change by amendment")
        if commitment_code is not None:
            commitment(self, commitment_code)
        self.trigger_event(VerificationPolicySet, commitment_code=commitment_code,
                           policy=checked_policy(policy), amendment_id=None)

    def record_assessment(self, assessment_id: UUID, code: str, party_id: UUID, assessed_on: date,
                          level: CompletionLevel | str, findings: LocalizedText, today: date,
                          evidence: tuple[Evidence, ...] = ()) -> None:
        require_reporting_open(self, today)
        progress = live_commitment(self, code)
        if self.parties.get(party_id) is not PartyRole.ASSESSOR:
            raise NotAnAssessor(f"party {party_id} is not an assessor of the agreement")
        require_new_id(self, assessment_id)
        level = level_on_scale(level)
        require_text(findings, "findings")
        evidence = checked_evidence(evidence)
        not_in_future(assessed_on, today, "assessed on")
        claim = self.claims[progress.open_claim] if progress.open_claim else None
        decides = claim if claim and claim.policy.kind is VerificationKind.INDEPENDENT_ASSESSOR else None
        self.trigger_event(AssessmentRecorded, assessment_id=assessment_id, commitment_code=code,
                           party_id=party_id, assessed_on=assessed_on, level=level, findings=findings,
                           evidence=evidence, claim_id=decides.claim_id if decides else None)
        if decides and level is CompletionLevel.COMPLETE:
            complete(self, decides, Verification.INDEPENDENTLY_ASSESSED)
        elif decides:
            self.trigger_event(CompletionDisputed, claim_id=decides.claim_id, commitment_code=code,
                               party_id=party_id, reason=f"independently assessed as {level}",
                               disputed_on=today)
