"""Completion: claimed with evidence, acknowledged or disputed by counterparties, completed per policy."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from domain.agreement.checks import checked_evidence, not_in_future, require_reason, require_text
from domain.agreement.rules import (
    LEADING,
    acting_for,
    live_commitment,
    open_commitment,
    policy_for,
    reporter,
    require_new_id,
    require_reporting_open,
    responsible_parties,
    signatories,
)
from domain.agreement.state import AgreementEvent, AgreementState, Claim, close_claim
from domain.agreement.values import (
    ClaimStatus,
    CommitmentLifecycle,
    Evidence,
    Verification,
    VerificationKind,
    VerificationPolicy,
)
from domain.errors import (
    AlreadyAcknowledged,
    ClaimAlreadyOpen,
    ClaimNotOpen,
    CommitmentOnHold,
    ContinuousCommitment,
    DisputeWithoutReason,
    EvidenceRequired,
    InvalidCommitmentTransition,
    NotACounterparty,
    NotClaimant,
    NotLeading,
    NotYetDeemed,
    OwnClaim,
    UnknownClaim,
    VerificationPolicyMismatch,
)
from domain.values import LocalizedText, Nature

L = CommitmentLifecycle
K = VerificationKind


class CompletionClaimed(AgreementEvent):
    TOPIC = "agreement.completion_claimed"
    claim_id: UUID
    commitment_code: str
    party_id: UUID
    on_behalf_of: UUID | None
    completed_on: date
    claimed_on: date
    evidence: tuple[Evidence, ...]
    narrative: LocalizedText | None
    counterparties: tuple[UUID, ...]
    policy: VerificationPolicy

    def apply(self, agreement: AgreementState) -> None:
        agreement.claims[self.claim_id] = Claim(self.claim_id, self.commitment_code,
                                                self.on_behalf_of or self.party_id, self.completed_on,
                                                self.claimed_on, self.policy, self.counterparties)
        agreement.used_ids.add(self.claim_id)
        progress = agreement.progress[self.commitment_code]
        progress.lifecycle, progress.open_claim = L.COMPLETION_CLAIMED, self.claim_id
        progress.verification = Verification.SELF_REPORTED


class CompletionAcknowledged(AgreementEvent):
    TOPIC = "agreement.completion_acknowledged"
    claim_id: UUID
    commitment_code: str
    party_id: UUID
    acknowledged_on: date

    def apply(self, agreement: AgreementState) -> None:
        agreement.claims[self.claim_id].acknowledged[self.party_id] = self.acknowledged_on


class CompletionDisputed(AgreementEvent):
    TOPIC = "agreement.completion_disputed"
    claim_id: UUID
    commitment_code: str
    party_id: UUID
    reason: str
    disputed_on: date

    def apply(self, agreement: AgreementState) -> None:
        claim = agreement.claims[self.claim_id]
        progress = close_claim(agreement, claim, ClaimStatus.DISPUTED, L.IN_PROGRESS)
        progress.verification = Verification.DISPUTED


class ClaimWithdrawn(AgreementEvent):
    TOPIC = "agreement.claim_withdrawn"
    claim_id: UUID
    commitment_code: str
    party_id: UUID
    on_behalf_of: UUID | None
    reason: str | None
    withdrawn_on: date

    def apply(self, agreement: AgreementState) -> None:
        close_claim(agreement, agreement.claims[self.claim_id], ClaimStatus.WITHDRAWN, L.IN_PROGRESS)


class CommitmentCompleted(AgreementEvent):
    TOPIC = "agreement.commitment_completed"
    claim_id: UUID
    commitment_code: str
    completed_on: date
    verification: Verification
    policy: VerificationPolicy

    def apply(self, agreement: AgreementState) -> None:
        progress = close_claim(agreement, agreement.claims[self.claim_id], ClaimStatus.COMPLETED, L.COMPLETED)
        progress.completed_on, progress.verification = self.completed_on, self.verification


class CommitmentReopened(AgreementEvent):
    TOPIC = "agreement.commitment_reopened"
    commitment_code: str
    party_id: UUID
    on_behalf_of: UUID | None
    reason: str
    reopened_on: date

    def apply(self, agreement: AgreementState) -> None:
        progress = agreement.progress[self.commitment_code]
        progress.lifecycle, progress.completed_on = L.IN_PROGRESS, None
        progress.verification = Verification.SELF_REPORTED


class Completion(AgreementState):
    def claim_completion(self, claim_id: UUID, code: str, party_id: UUID, completed_on: date,
                         evidence: tuple[Evidence, ...], today: date, narrative: LocalizedText | None = None,
                         on_behalf_of: UUID | None = None) -> None:
        require_reporting_open(self, today)
        progress = open_commitment(self, code)
        if self.commitments[code].nature is Nature.CONTINUOUS:
            raise ContinuousCommitment(f"commitment {code} is continuous")
        if progress.lifecycle is L.COMPLETION_CLAIMED:
            raise ClaimAlreadyOpen(f"claim {progress.open_claim} is open on commitment {code}")
        if progress.lifecycle is L.ON_HOLD:
            raise CommitmentOnHold(f"commitment {code} is on hold")
        claimant = reporter(self, code, party_id, on_behalf_of)
        if claimant not in responsible_parties(self, code, LEADING):
            raise NotLeading(f"party {claimant} does not lead commitment {code}")
        require_new_id(self, claim_id)
        evidence = checked_evidence(evidence)
        if not evidence:
            raise EvidenceRequired("a completion claim needs evidence")
        if narrative is not None:
            require_text(narrative, "narrative")
        not_in_future(completed_on, today, "completed on")
        policy = policy_for(self, code)
        counterparties = tuple(sorted(signatories(self) - {claimant}, key=str))
        self.trigger_event(CompletionClaimed, claim_id=claim_id, commitment_code=code, party_id=party_id,
                           on_behalf_of=on_behalf_of, completed_on=completed_on, claimed_on=today,
                           evidence=evidence, narrative=narrative, counterparties=counterparties,
                           policy=policy)
        if policy.kind is K.LEAD_ONLY:
            complete(self, self.claims[claim_id], Verification.SELF_REPORTED)

    def acknowledge_completion(self, claim_id: UUID, party_id: UUID, today: date) -> None:
        claim = _answerable_claim(self, claim_id, party_id, today)
        self.trigger_event(CompletionAcknowledged, claim_id=claim_id, commitment_code=claim.commitment_code,
                           party_id=party_id, acknowledged_on=today)
        acks, everyone = len(claim.acknowledged), len(claim.counterparties)
        kind = claim.policy.kind
        if (kind is K.QUORUM and acks >= min(claim.policy.quorum or everyone, everyone)) or (
            kind in (K.ALL_COUNTERPARTIES, K.DEEMED_AFTER_DAYS) and acks == everyone
        ):
            complete(self, claim, Verification.ACKNOWLEDGED)

    def dispute_completion(self, claim_id: UUID, party_id: UUID, reason: str, today: date) -> None:
        claim = _answerable_claim(self, claim_id, party_id, today)
        require_reason(reason, "a dispute", DisputeWithoutReason)
        self.trigger_event(CompletionDisputed, claim_id=claim_id, commitment_code=claim.commitment_code,
                           party_id=party_id, reason=reason, disputed_on=today)

    def withdraw_claim(self, claim_id: UUID, party_id: UUID, today: date, reason: str | None = None,
                       on_behalf_of: UUID | None = None) -> None:
        claim = _open_claim(self, claim_id, today)
        if acting_for(self, claim.commitment_code, party_id, on_behalf_of) != claim.claimant:
            raise NotClaimant(f"claim {claim_id} was made by party {claim.claimant}")
        self.trigger_event(ClaimWithdrawn, claim_id=claim_id, commitment_code=claim.commitment_code,
                           party_id=party_id, on_behalf_of=on_behalf_of, reason=reason, withdrawn_on=today)

    def confirm_deemed_completion(self, claim_id: UUID, today: date) -> None:
        claim = _open_claim(self, claim_id, today)
        if claim.policy.kind is not K.DEEMED_AFTER_DAYS:
            raise VerificationPolicyMismatch(f"claim {claim_id} is verified by {claim.policy.kind}")
        deemed_on = claim.claimed_on + timedelta(days=claim.policy.days or 0)
        if today < deemed_on:
            raise NotYetDeemed(f"claim {claim_id} is deemed accepted on {deemed_on}")
        complete(self, claim, Verification.ACKNOWLEDGED)

    def reopen_commitment(self, code: str, party_id: UUID, reason: str, today: date,
                          on_behalf_of: UUID | None = None) -> None:
        require_reporting_open(self, today)
        progress = live_commitment(self, code)
        if progress.lifecycle is not L.COMPLETED:
            raise InvalidCommitmentTransition(f"commitment {code} is {progress.lifecycle}, not completed")
        acting_for(self, code, party_id, on_behalf_of)
        require_reason(reason, "reopening a commitment")
        self.trigger_event(CommitmentReopened, commitment_code=code, party_id=party_id,
                           on_behalf_of=on_behalf_of, reason=reason, reopened_on=today)


def complete(agreement: AgreementState, claim: Claim, verification: Verification) -> None:
    """The claim's commitment is completed, verified this way (by acknowledgement, assessment …)."""
    agreement.trigger_event(CommitmentCompleted, claim_id=claim.claim_id,
                            commitment_code=claim.commitment_code, completed_on=claim.completed_on,
                            verification=verification, policy=claim.policy)


def _open_claim(agreement: AgreementState, claim_id: UUID, today: date) -> Claim:
    claim = agreement.claims.get(claim_id)
    if claim is None:
        raise UnknownClaim(f"no claim {claim_id}")
    require_reporting_open(agreement, today)
    if claim.status is not ClaimStatus.OPEN:
        raise ClaimNotOpen(f"claim {claim_id} is {claim.status}")
    return claim


def _answerable_claim(agreement: AgreementState, claim_id: UUID, party_id: UUID, today: date) -> Claim:
    """Rule 5: never your own claim; counterparties only; each once."""
    claim = _open_claim(agreement, claim_id, today)
    if party_id == claim.claimant:
        raise OwnClaim(f"party {party_id} made claim {claim_id}")
    if party_id not in claim.counterparties:
        raise NotACounterparty(f"party {party_id} is not a counterparty of claim {claim_id}")
    if party_id in claim.acknowledged:
        on = claim.acknowledged[party_id]
        raise AlreadyAcknowledged(f"party {party_id} acknowledged claim {claim_id} on {on}")
    return claim
