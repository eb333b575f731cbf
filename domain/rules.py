"""Rules shared by the Agreement's implementation commands: when reports are taken, who may report."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import UUID

from domain.errors import (
    AgreementEnded,
    AgreementSuspended,
    CommitmentAlreadyCompleted,
    CommitmentClosed,
    DateInFuture,
    DueBeforeStart,
    EvidenceNotLocatable,
    FinalReportWindowClosed,
    HealthOutsideScale,
    IdAlreadyUsed,
    InvalidChecksum,
    InvalidVerificationPolicy,
    LevelOutsideScale,
    MissingAuthenticText,
    NoDelegation,
    NotAParty,
    NotInForce,
    NotResponsible,
    NotSigned,
    ReasonRequired,
    TextRequired,
    UnknownCommitment,
)
from domain.progress_state import Amendment, Claim, CommitmentProgress, Report
from domain.progress_values import (
    CLOSED_LIFECYCLES,
    ClaimStatus,
    CommitmentLifecycle,
    CompletionLevel,
    DueDate,
    Evidence,
    Health,
    VerificationKind,
    VerificationPolicy,
)
from domain.values import AgreementStatus, Commitment, LocalizedText, ResponsibilityRole

S = AgreementStatus
ENDED = frozenset({S.CLOSED, S.TERMINATED, S.SUPERSEDED, S.WITHDRAWN})
SHA256 = re.compile(r"^[0-9a-f]{64}$")
LEADING = frozenset({ResponsibilityRole.LEAD, ResponsibilityRole.CO_LEAD})


class Rules:
    """Guards the command mixins share. They read state and raise; they never change anything."""

    # Set by Agreement.__init__; declared here for readers of the mixins.
    status: AgreementStatus
    parties: dict[UUID, Any]
    commitments: dict[str, Commitment]
    progress: dict[str, CommitmentProgress]
    delegations: dict[tuple[UUID, UUID], tuple[str, ...]]
    used_ids: set[UUID]
    reports: dict[UUID, Report]
    claims: dict[UUID, Claim]
    final_report_due: date | None
    policy: VerificationPolicy
    policy_overrides: dict[str, VerificationPolicy]
    signatories: set[UUID]
    amendments: dict[UUID, Amendment]
    text_version: int
    suspended_on: date | None
    ended_on: date | None

    def _require_not_ended(self) -> None:
        if self.status in ENDED:
            raise AgreementEnded(f"the agreement is {self.status}")

    def _require_signed(self) -> None:
        """Changes after signing (amendments, moved due dates): signed, in force, suspended, finalising."""
        self._require_not_ended()
        if self.status in (S.DRAFT, S.OPEN_FOR_SIGNATURE):
            raise NotSigned(f"the agreement is {self.status}")

    def _require_reporting_open(self, today: date) -> None:
        """Rule 3: reports, claims and assessments only in force, or finalising before the deadline."""
        self._require_not_ended()
        if self.status is S.SUSPENDED:
            raise AgreementSuspended("no reporting while the agreement is suspended")
        if self.status is S.FINALISING:
            if self.final_report_due is not None and today > self.final_report_due:
                raise FinalReportWindowClosed(f"final reports were due by {self.final_report_due}")
        elif self.status is not S.IN_FORCE:
            raise NotInForce(f"the agreement is {self.status}")

    def _require_party(self, party_id: UUID) -> None:
        if party_id not in self.parties:
            raise NotAParty(f"party {party_id} is not a party of the agreement")

    def _require_new_id(self, record_id: UUID) -> None:
        if record_id in self.used_ids:
            raise IdAlreadyUsed(f"{record_id} is already used in this agreement")

    def _commitment(self, code: str) -> Commitment:
        try:
            return self.commitments[code]
        except KeyError:
            raise UnknownCommitment(f"no commitment {code}") from None

    def _live_commitment(self, code: str) -> CommitmentProgress:
        """A commitment that is not cancelled, superseded or closed incomplete."""
        self._commitment(code)
        progress = self.progress[code]
        if progress.lifecycle in CLOSED_LIFECYCLES:
            raise CommitmentClosed(f"commitment {code} is {progress.lifecycle}")
        return progress

    def _open_commitment(self, code: str) -> CommitmentProgress:
        """A commitment that still takes reports: neither completed nor closed."""
        progress = self._live_commitment(code)
        if progress.lifecycle is CommitmentLifecycle.COMPLETED:
            raise CommitmentAlreadyCompleted(f"commitment {code} was completed on {progress.completed_on}")
        return progress

    def responsible_parties(self, code: str, roles: Iterable[ResponsibilityRole] | None = None) -> set[UUID]:
        wanted = set(roles) if roles is not None else set(ResponsibilityRole)
        return {r.party_id for r in self._commitment(code).responsibilities if r.role in wanted}

    def _acting_for(self, code: str, party_id: UUID, on_behalf_of: UUID | None) -> UUID:
        """The party a command speaks for: the acting party, or the principal whose right it holds."""
        self._require_party(party_id)
        if on_behalf_of is None:
            return party_id
        if not self.holds_delegation(party_id, on_behalf_of, code):
            raise NoDelegation(f"party {party_id} holds no reporting right of {on_behalf_of} for {code}")
        return on_behalf_of

    def _reporter(self, code: str, party_id: UUID, on_behalf_of: UUID | None) -> UUID:
        """Rule 4: the responsible party a report speaks for (the acting party, or its principal)."""
        principal = self._acting_for(code, party_id, on_behalf_of)
        if principal not in self.responsible_parties(code):
            raise NotResponsible(f"party {principal} is not responsible for commitment {code}")
        return principal

    def holds_delegation(self, delegate: UUID, principal: UUID, commitment: str | None = None) -> bool:
        """Whether `delegate` may report for `principal` (on `commitment`, or on anything if None)."""
        codes = self.delegations.get((principal, delegate))
        if codes is None:
            return False
        return not codes or commitment is None or commitment in codes

    def policy_for(self, code: str) -> VerificationPolicy:
        return self.policy_overrides.get(code, self.policy)

    def starts_on(self) -> date | None:
        """When the agreement starts: its entry into force, else the start of its period, if known."""
        entry = getattr(self, "entry_into_force", None)
        period = getattr(self, "period", None)
        return entry.effective_on if entry else period.starts_on if period else None

    def _require_due_after_start(self, due: DueDate) -> None:
        starts = self.starts_on()
        if starts is not None and due.deadline < starts:
            raise DueBeforeStart(f"due {due.on} ({due.precision}); the agreement starts on {starts}")


def end_commitment(agreement: Any, code: str, lifecycle: CommitmentLifecycle) -> None:
    """The commitment leaves the open lifecycles; a claim still open on it lapses."""
    progress = agreement.progress[code]
    if progress.open_claim:
        agreement.claims[progress.open_claim].status = ClaimStatus.LAPSED
    progress.lifecycle, progress.open_claim = lifecycle, None


def require_authentic_text(text: LocalizedText, language: str) -> None:
    if not text.get(language) or not text[language].text.strip():
        raise MissingAuthenticText(f"no {language} text given")


def not_in_future(day: date, today: date, what: str) -> None:
    if day > today:
        raise DateInFuture(f"{what} {day}, recorded on {today}")


def level_on_scale(level: CompletionLevel | str) -> CompletionLevel:
    try:
        return CompletionLevel(level)
    except ValueError:
        raise LevelOutsideScale(f"{level!r} is not on the completion scale") from None


def health_on_scale(health: Health | str) -> Health:
    try:
        return Health(health)
    except ValueError:
        raise HealthOutsideScale(f"{health!r} is not a health") from None


def require_text(text: LocalizedText | None, what: str) -> None:
    if not text or not any(s.text.strip() for s in text.values()):
        raise TextRequired(f"no {what} given")


def require_reason(reason: str | None, what: str, error: type[ReasonRequired] = ReasonRequired) -> str:
    if reason is None or not reason.strip():
        raise error(f"{what} needs a reason")
    return reason


def checked_evidence(evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
    evidence = tuple(evidence)
    for item in evidence:
        if not item.title.strip():
            raise TextRequired("evidence without a title")
        if not item.url and not item.document_id:
            raise EvidenceNotLocatable(f"evidence {item.title!r} has neither a URL nor a document id")
        if item.sha256 is not None and not SHA256.match(item.sha256):
            raise InvalidChecksum(f"evidence {item.title!r}: {item.sha256!r} is not a SHA-256")
    return evidence


def checked_policy(policy: VerificationPolicy) -> VerificationPolicy:
    kind = policy.kind
    valid = {
        VerificationKind.QUORUM: policy.quorum is not None and policy.quorum > 0 and policy.days is None,
        VerificationKind.DEEMED_AFTER_DAYS: policy.days is not None
        and policy.days > 0
        and policy.quorum is None,
    }.get(kind, policy.quorum is None and policy.days is None)
    if not valid:
        raise InvalidVerificationPolicy(f"{kind} with quorum {policy.quorum} and days {policy.days}")
    return policy
