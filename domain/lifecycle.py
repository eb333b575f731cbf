"""The agreement after signing: suspended and resumed, period ended and closed out, terminated, superseded.

Closed, terminated and superseded agreements accept nothing but comments.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.errors import DateOutOfOrder, InvalidAgreementTransition, SupersededBySelf
from domain.progress_values import OPEN_LIFECYCLES, ClaimStatus, CommitmentLifecycle, CompletionLevel
from domain.rules import Rules, end_commitment, not_in_future, require_reason, require_text
from domain.values import AgreementStatus, LocalizedText

S = AgreementStatus
AFTER_SIGNING = frozenset({S.SIGNED, S.IN_FORCE, S.SUSPENDED, S.FINALISING})


def _lapse_open_claims(agreement: Any) -> None:
    for claim in agreement.claims.values():
        if claim.status is ClaimStatus.OPEN:
            claim.status = ClaimStatus.LAPSED
            progress = agreement.progress[claim.commitment_code]
            progress.lifecycle, progress.open_claim = CommitmentLifecycle.IN_PROGRESS, None


class Lifecycle(Rules):
    class Suspended(Aggregate.Event):
        TOPIC = "agreement.suspended"
        suspended_on: date
        reason: str

        def apply(self, agreement: Any) -> None:
            agreement.status, agreement.suspended_on = S.SUSPENDED, self.suspended_on

    class Resumed(Aggregate.Event):
        TOPIC = "agreement.resumed"
        resumed_on: date

        def apply(self, agreement: Any) -> None:
            agreement.status, agreement.suspended_on = S.IN_FORCE, None

    class PeriodEnded(Aggregate.Event):
        TOPIC = "agreement.period_ended"
        ended_on: date
        final_report_due: date

        def apply(self, agreement: Any) -> None:
            agreement.status, agreement.final_report_due = S.FINALISING, self.final_report_due
            agreement.ended_on = self.ended_on

    class CommitmentClosedIncomplete(Aggregate.Event):
        TOPIC = "agreement.commitment_closed_incomplete"
        commitment_code: str
        final_level: CompletionLevel
        closed_on: date

        def apply(self, agreement: Any) -> None:
            end_commitment(agreement, self.commitment_code, CommitmentLifecycle.CLOSED_INCOMPLETE)

    class Closed(Aggregate.Event):
        TOPIC = "agreement.closed"
        closed_on: date

        def apply(self, agreement: Any) -> None:
            agreement.status, agreement.closed_on = S.CLOSED, self.closed_on

    class Terminated(Aggregate.Event):
        TOPIC = "agreement.terminated"
        terminated_on: date
        reason: str

        def apply(self, agreement: Any) -> None:
            agreement.status, agreement.closed_on = S.TERMINATED, self.terminated_on
            _lapse_open_claims(agreement)

    class Superseded(Aggregate.Event):
        TOPIC = "agreement.superseded"
        by_agreement_id: UUID
        superseded_on: date

        def apply(self, agreement: Any) -> None:
            agreement.status, agreement.closed_on = S.SUPERSEDED, self.superseded_on
            agreement.superseded_by = self.by_agreement_id
            _lapse_open_claims(agreement)
            for progress in agreement.progress.values():
                if progress.lifecycle in OPEN_LIFECYCLES:
                    progress.lifecycle = CommitmentLifecycle.SUPERSEDED

    class CommentAdded(Aggregate.Event):
        TOPIC = "agreement.comment_added"
        comment_id: UUID
        party_id: UUID
        commitment_code: str | None
        text: LocalizedText
        commented_on: date

        def apply(self, agreement: Any) -> None:
            agreement.used_ids.add(self.comment_id)

    # -- commands ---------------------------------------------------------------------------

    def suspend(self, suspended_on: date, reason: str, today: date) -> None:
        self._require_status(S.IN_FORCE, "suspended")
        require_reason(reason, "a suspension")
        not_in_future(suspended_on, today, "suspended on")
        self.trigger_event(self.Suspended, suspended_on=suspended_on, reason=reason)

    def resume(self, resumed_on: date, today: date) -> None:
        self._require_status(S.SUSPENDED, "resumed")
        not_in_future(resumed_on, today, "resumed on")
        if self.suspended_on and resumed_on < self.suspended_on:
            raise DateOutOfOrder(f"resumed on {resumed_on}, suspended on {self.suspended_on}")
        self.trigger_event(self.Resumed, resumed_on=resumed_on)

    def end_period(self, ended_on: date, final_report_due: date, today: date) -> None:
        """The period is over; final reports are taken until `final_report_due`, then it is closed out."""
        self._require_status(S.IN_FORCE, "ended")
        not_in_future(ended_on, today, "period ended on")
        starts = self.starts_on()
        if starts and ended_on < starts:
            raise DateOutOfOrder(f"period ended on {ended_on}, before the agreement started on {starts}")
        if final_report_due < ended_on:
            raise DateOutOfOrder(
                f"final reports due {final_report_due}, before the period ended on {ended_on}"
            )
        self.trigger_event(self.PeriodEnded, ended_on=ended_on, final_report_due=final_report_due)

    def close_out(self, closed_on: date, today: date) -> None:
        """Open commitments are closed incomplete, at the level they last reached."""
        self._require_status(S.FINALISING, "closed out")
        not_in_future(closed_on, today, "closed on")
        if self.ended_on and closed_on < self.ended_on:
            raise DateOutOfOrder(f"closed on {closed_on}, before the period ended on {self.ended_on}")
        for code, progress in self.progress.items():
            if progress.lifecycle in OPEN_LIFECYCLES:
                self.trigger_event(
                    self.CommitmentClosedIncomplete,
                    commitment_code=code,
                    final_level=progress.level,
                    closed_on=closed_on,
                )
        self.trigger_event(self.Closed, closed_on=closed_on)

    def terminate(self, terminated_on: date, reason: str, today: date) -> None:
        self._require_after_signing("terminated")
        require_reason(reason, "a termination")
        not_in_future(terminated_on, today, "terminated on")
        self.trigger_event(self.Terminated, terminated_on=terminated_on, reason=reason)

    def supersede(self, by_agreement_id: UUID, superseded_on: date, today: date) -> None:
        self._require_after_signing("superseded")
        if by_agreement_id == self.id:
            raise SupersededBySelf("an agreement does not supersede itself")
        not_in_future(superseded_on, today, "superseded on")
        self.trigger_event(self.Superseded, by_agreement_id=by_agreement_id, superseded_on=superseded_on)

    def add_comment(
        self,
        comment_id: UUID,
        party_id: UUID,
        text: LocalizedText,
        today: date,
        commitment_code: str | None = None,
    ) -> None:
        """Taken in every state, ended agreements included."""
        self._require_party(party_id)
        if commitment_code is not None:
            self._commitment(commitment_code)
        self._require_new_id(comment_id)
        require_text(text, "comment")
        self.trigger_event(
            self.CommentAdded,
            comment_id=comment_id,
            party_id=party_id,
            commitment_code=commitment_code,
            text=text,
            commented_on=today,
        )

    # -- rules ------------------------------------------------------------------------------

    def _require_status(self, expected: AgreementStatus, becoming: str) -> None:
        self._require_not_ended()
        if self.status is not expected:
            raise InvalidAgreementTransition(
                f"the agreement is {self.status}; only {expected} can be {becoming}"
            )

    def _require_after_signing(self, becoming: str) -> None:
        self._require_not_ended()
        if self.status not in AFTER_SIGNING:
            raise InvalidAgreementTransition(f"the agreement is {self.status}; it cannot be {becoming}")
