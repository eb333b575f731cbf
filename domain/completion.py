"""Completion: claimed with evidence, acknowledged or disputed by counterparties, completed per policy.

Policies (agreement-wide, overridable per commitment, set while drafting or by amendment):
- all_counterparties (default): every counterparty acknowledged;
- quorum: that many acknowledgements (at most all counterparties);
- lead_only: the claim of a lead or co-lead suffices, so the claim completes at once;
- independent_assessor: an assessment at `complete` completes it; a lower one disputes the claim;
- deemed_after_days: `confirm_deemed_completion` once the days have passed without dispute
  (or every counterparty acknowledged earlier).
Counterparties are the signatories other than the claimant, fixed when the claim is made.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

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
from domain.progress_state import Claim
from domain.progress_values import (
    ClaimStatus,
    CommitmentLifecycle,
    Evidence,
    Verification,
    VerificationKind,
    VerificationPolicy,
)
from domain.rules import (
    LEADING,
    Rules,
    checked_evidence,
    not_in_future,
    require_reason,
    require_text,
)
from domain.values import LocalizedText, Nature

L = CommitmentLifecycle
K = VerificationKind


def _close_claim(agreement: Any, claim_id: UUID, status: ClaimStatus, lifecycle: CommitmentLifecycle) -> Any:
    claim = agreement.claims[claim_id]
    claim.status = status
    progress = agreement.progress[claim.commitment_code]
    progress.lifecycle, progress.open_claim = lifecycle, None
    return progress


class Completion(Rules):
    class CompletionClaimed(Aggregate.Event):
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

        def apply(self, agreement: Any) -> None:
            agreement.claims[self.claim_id] = Claim(
                self.claim_id,
                self.commitment_code,
                self.on_behalf_of or self.party_id,
                self.completed_on,
                self.claimed_on,
                self.policy,
                self.counterparties,
            )
            agreement.used_ids.add(self.claim_id)
            progress = agreement.progress[self.commitment_code]
            progress.lifecycle, progress.open_claim = L.COMPLETION_CLAIMED, self.claim_id
            progress.verification = Verification.SELF_REPORTED

    class CompletionAcknowledged(Aggregate.Event):
        TOPIC = "agreement.completion_acknowledged"
        claim_id: UUID
        commitment_code: str
        party_id: UUID
        acknowledged_on: date

        def apply(self, agreement: Any) -> None:
            agreement.claims[self.claim_id].acknowledged[self.party_id] = self.acknowledged_on

    class CompletionDisputed(Aggregate.Event):
        TOPIC = "agreement.completion_disputed"
        claim_id: UUID
        commitment_code: str
        party_id: UUID
        reason: str
        disputed_on: date

        def apply(self, agreement: Any) -> None:
            progress = _close_claim(agreement, self.claim_id, ClaimStatus.DISPUTED, L.IN_PROGRESS)
            progress.verification = Verification.DISPUTED

    class ClaimWithdrawn(Aggregate.Event):
        TOPIC = "agreement.claim_withdrawn"
        claim_id: UUID
        commitment_code: str
        party_id: UUID
        on_behalf_of: UUID | None
        reason: str | None
        withdrawn_on: date

        def apply(self, agreement: Any) -> None:
            _close_claim(agreement, self.claim_id, ClaimStatus.WITHDRAWN, L.IN_PROGRESS)

    class CommitmentCompleted(Aggregate.Event):
        TOPIC = "agreement.commitment_completed"
        claim_id: UUID
        commitment_code: str
        completed_on: date
        verification: Verification
        policy: VerificationPolicy

        def apply(self, agreement: Any) -> None:
            progress = _close_claim(agreement, self.claim_id, ClaimStatus.COMPLETED, L.COMPLETED)
            progress.completed_on, progress.verification = self.completed_on, self.verification

    class CommitmentReopened(Aggregate.Event):
        TOPIC = "agreement.commitment_reopened"
        commitment_code: str
        party_id: UUID
        on_behalf_of: UUID | None
        reason: str
        reopened_on: date

        def apply(self, agreement: Any) -> None:
            progress = agreement.progress[self.commitment_code]
            progress.lifecycle, progress.completed_on = L.IN_PROGRESS, None
            progress.verification = Verification.SELF_REPORTED

    # -- commands ---------------------------------------------------------------------------

    def claim_completion(
        self,
        claim_id: UUID,
        code: str,
        party_id: UUID,
        completed_on: date,
        evidence: tuple[Evidence, ...],
        today: date,
        narrative: LocalizedText | None = None,
        on_behalf_of: UUID | None = None,
    ) -> None:
        self._require_reporting_open(today)
        progress = self._open_commitment(code)
        if self.commitments[code].nature is Nature.CONTINUOUS:
            raise ContinuousCommitment(f"commitment {code} is continuous")
        if progress.lifecycle is L.COMPLETION_CLAIMED:
            raise ClaimAlreadyOpen(f"claim {progress.open_claim} is open on commitment {code}")
        if progress.lifecycle is L.ON_HOLD:
            raise CommitmentOnHold(f"commitment {code} is on hold")
        claimant = self._reporter(code, party_id, on_behalf_of)
        if claimant not in self.responsible_parties(code, LEADING):
            raise NotLeading(f"party {claimant} does not lead commitment {code}")
        self._require_new_id(claim_id)
        evidence = checked_evidence(evidence)
        if not evidence:
            raise EvidenceRequired("a completion claim needs evidence")
        if narrative is not None:
            require_text(narrative, "narrative")
        not_in_future(completed_on, today, "completed on")
        policy = self.policy_for(code)
        counterparties = tuple(sorted(self.signatories - {claimant}, key=str))
        self.trigger_event(
            self.CompletionClaimed,
            claim_id=claim_id,
            commitment_code=code,
            party_id=party_id,
            on_behalf_of=on_behalf_of,
            completed_on=completed_on,
            claimed_on=today,
            evidence=evidence,
            narrative=narrative,
            counterparties=counterparties,
            policy=policy,
        )
        if policy.kind is K.LEAD_ONLY:
            self._completed(self.claims[claim_id], Verification.SELF_REPORTED)

    def acknowledge_completion(self, claim_id: UUID, party_id: UUID, today: date) -> None:
        claim = self._answerable_claim(claim_id, party_id, today)
        self.trigger_event(
            self.CompletionAcknowledged,
            claim_id=claim_id,
            commitment_code=claim.commitment_code,
            party_id=party_id,
            acknowledged_on=today,
        )
        acks, everyone = len(claim.acknowledged), len(claim.counterparties)
        kind = claim.policy.kind
        if (kind is K.QUORUM and acks >= min(claim.policy.quorum or everyone, everyone)) or (
            kind in (K.ALL_COUNTERPARTIES, K.DEEMED_AFTER_DAYS) and acks == everyone
        ):
            self._completed(claim, Verification.ACKNOWLEDGED)

    def dispute_completion(self, claim_id: UUID, party_id: UUID, reason: str, today: date) -> None:
        claim = self._answerable_claim(claim_id, party_id, today)
        require_reason(reason, "a dispute", DisputeWithoutReason)
        self.trigger_event(
            self.CompletionDisputed,
            claim_id=claim_id,
            commitment_code=claim.commitment_code,
            party_id=party_id,
            reason=reason,
            disputed_on=today,
        )

    def withdraw_claim(
        self,
        claim_id: UUID,
        party_id: UUID,
        today: date,
        reason: str | None = None,
        on_behalf_of: UUID | None = None,
    ) -> None:
        claim = self._open_claim(claim_id, today)
        if self._acting_for(claim.commitment_code, party_id, on_behalf_of) != claim.claimant:
            raise NotClaimant(f"claim {claim_id} was made by party {claim.claimant}")
        self.trigger_event(
            self.ClaimWithdrawn,
            claim_id=claim_id,
            commitment_code=claim.commitment_code,
            party_id=party_id,
            on_behalf_of=on_behalf_of,
            reason=reason,
            withdrawn_on=today,
        )

    def confirm_deemed_completion(self, claim_id: UUID, today: date) -> None:
        claim = self._open_claim(claim_id, today)
        if claim.policy.kind is not K.DEEMED_AFTER_DAYS:
            raise VerificationPolicyMismatch(f"claim {claim_id} is verified by {claim.policy.kind}")
        deemed_on = claim.claimed_on + timedelta(days=claim.policy.days or 0)
        if today < deemed_on:
            raise NotYetDeemed(f"claim {claim_id} is deemed accepted on {deemed_on}")
        self._completed(claim, Verification.ACKNOWLEDGED)

    def reopen_commitment(
        self, code: str, party_id: UUID, reason: str, today: date, on_behalf_of: UUID | None = None
    ) -> None:
        self._require_reporting_open(today)
        progress = self._live_commitment(code)
        if progress.lifecycle is not L.COMPLETED:
            raise InvalidCommitmentTransition(f"commitment {code} is {progress.lifecycle}, not completed")
        self._acting_for(code, party_id, on_behalf_of)
        require_reason(reason, "reopening a commitment")
        self.trigger_event(
            self.CommitmentReopened,
            commitment_code=code,
            party_id=party_id,
            on_behalf_of=on_behalf_of,
            reason=reason,
            reopened_on=today,
        )

    # -- rules ------------------------------------------------------------------------------

    def _completed(self, claim: Claim, verification: Verification) -> None:
        self.trigger_event(
            self.CommitmentCompleted,
            claim_id=claim.claim_id,
            commitment_code=claim.commitment_code,
            completed_on=claim.completed_on,
            verification=verification,
            policy=claim.policy,
        )

    def _open_claim(self, claim_id: UUID, today: date) -> Claim:
        claim = self.claims.get(claim_id)
        if claim is None:
            raise UnknownClaim(f"no claim {claim_id}")
        self._require_reporting_open(today)
        if claim.status is not ClaimStatus.OPEN:
            raise ClaimNotOpen(f"claim {claim_id} is {claim.status}")
        return claim

    def _answerable_claim(self, claim_id: UUID, party_id: UUID, today: date) -> Claim:
        """Rule 5: never your own claim; counterparties only; each once."""
        claim = self._open_claim(claim_id, today)
        if party_id == claim.claimant:
            raise OwnClaim(f"party {party_id} made claim {claim_id}")
        if party_id not in claim.counterparties:
            raise NotACounterparty(f"party {party_id} is not a counterparty of claim {claim_id}")
        if party_id in claim.acknowledged:
            raise AlreadyAcknowledged(
                f"party {party_id} acknowledged claim {claim_id} on {claim.acknowledged[party_id]}"
            )
        return claim
