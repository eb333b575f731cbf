"""After signing: suspended and resumed, period ended and closed out, terminated, superseded; comments."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.agreement.checks import not_in_future, require_reason, require_text
from domain.agreement.rules import commitment, require_new_id, require_not_ended, require_party, starts_on
from domain.agreement.state import AgreementEvent, AgreementState, end_commitment, lapse_open_claims
from domain.agreement.values import OPEN_LIFECYCLES, CommitmentLifecycle, CompletionLevel
from domain.errors import DateOutOfOrder, InvalidAgreementTransition, SupersededBySelf
from domain.values import AgreementStatus, LocalizedText

S = AgreementStatus
AFTER_SIGNING = frozenset({S.SIGNED, S.IN_FORCE, S.SUSPENDED, S.FINALISING})


class Suspended(AgreementEvent):
    TOPIC = "agreement.suspended"
    suspended_on: date
    reason: str

    def apply(self, agreement: AgreementState) -> None:
        agreement.status, agreement.suspended_on = S.SUSPENDED, self.suspended_on


class Resumed(AgreementEvent):
    TOPIC = "agreement.resumed"
    resumed_on: date

    def apply(self, agreement: AgreementState) -> None:
        agreement.status, agreement.suspended_on = S.IN_FORCE, None


class PeriodEnded(AgreementEvent):
    TOPIC = "agreement.period_ended"
    ended_on: date
    final_report_due: date

    def apply(self, agreement: AgreementState) -> None:
        agreement.status, agreement.final_report_due = S.FINALISING, self.final_report_due
        agreement.ended_on = self.ended_on


class CommitmentClosedIncomplete(AgreementEvent):
    TOPIC = "agreement.commitment_closed_incomplete"
    commitment_code: str
    final_level: CompletionLevel
    closed_on: date

    def apply(self, agreement: AgreementState) -> None:
        end_commitment(agreement, self.commitment_code, CommitmentLifecycle.CLOSED_INCOMPLETE)


class Closed(AgreementEvent):
    TOPIC = "agreement.closed"
    closed_on: date

    def apply(self, agreement: AgreementState) -> None:
        agreement.status, agreement.closed_on = S.CLOSED, self.closed_on


class Terminated(AgreementEvent):
    TOPIC = "agreement.terminated"
    terminated_on: date
    reason: str

    def apply(self, agreement: AgreementState) -> None:
        agreement.status, agreement.closed_on = S.TERMINATED, self.terminated_on
        lapse_open_claims(agreement)


class Superseded(AgreementEvent):
    TOPIC = "agreement.superseded"
    by_agreement_id: UUID
    superseded_on: date

    def apply(self, agreement: AgreementState) -> None:
        agreement.status, agreement.closed_on = S.SUPERSEDED, self.superseded_on
        agreement.superseded_by = self.by_agreement_id
        lapse_open_claims(agreement)
        for progress in agreement.progress.values():
            if progress.lifecycle in OPEN_LIFECYCLES:
                progress.lifecycle = CommitmentLifecycle.SUPERSEDED


class CommentAdded(AgreementEvent):
    TOPIC = "agreement.comment_added"
    comment_id: UUID
    party_id: UUID
    commitment_code: str | None
    text: LocalizedText
    commented_on: date

    def apply(self, agreement: AgreementState) -> None:
        agreement.used_ids.add(self.comment_id)


class Lifecycle(AgreementState):
    """Closed, terminated and superseded agreements accept nothing but comments."""

    def suspend(self, suspended_on: date, reason: str, today: date) -> None:
        _require_status(self, S.IN_FORCE, "suspended")
        require_reason(reason, "a suspension")
        not_in_future(suspended_on, today, "suspended on")
        self.trigger_event(Suspended, suspended_on=suspended_on, reason=reason)

    def resume(self, resumed_on: date, today: date) -> None:
        _require_status(self, S.SUSPENDED, "resumed")
        not_in_future(resumed_on, today, "resumed on")
        if self.suspended_on and resumed_on < self.suspended_on:
            raise DateOutOfOrder(f"resumed on {resumed_on}, suspended on {self.suspended_on}")
        self.trigger_event(Resumed, resumed_on=resumed_on)

    def end_period(self, ended_on: date, final_report_due: date, today: date) -> None:
        """The period is over; final reports are taken until `final_report_due`, then it is closed out."""
        _require_status(self, S.IN_FORCE, "ended")
        not_in_future(ended_on, today, "period ended on")
        starts = starts_on(self)
        if starts and ended_on < starts:
            raise DateOutOfOrder(f"period ended on {ended_on}, before the agreement started on {starts}")
        if final_report_due < ended_on:
            raise DateOutOfOrder(
                f"final reports due {final_report_due}, before the period ended on {ended_on}")
        self.trigger_event(PeriodEnded, ended_on=ended_on, final_report_due=final_report_due)

    def close_out(self, closed_on: date, today: date) -> None:
        """Open commitments are closed incomplete, at the level they last reached."""
        _require_status(self, S.FINALISING, "closed out")
        not_in_future(closed_on, today, "closed on")
        if self.ended_on and closed_on < self.ended_on:
            raise DateOutOfOrder(f"closed on {closed_on}, before the period ended on {self.ended_on}")
        for code, progress in self.progress.items():
            if progress.lifecycle in OPEN_LIFECYCLES:
                self.trigger_event(CommitmentClosedIncomplete, commitment_code=code,
                                   final_level=progress.level, closed_on=closed_on)
        self.trigger_event(Closed, closed_on=closed_on)

    def terminate(self, terminated_on: date, reason: str, today: date) -> None:
        _require_after_signing(self, "terminated")
        require_reason(reason, "a termination")
        not_in_future(terminated_on, today, "terminated on")
        self.trigger_event(Terminated, terminated_on=terminated_on, reason=reason)

    def supersede(self, by_agreement_id: UUID, superseded_on: date, today: date) -> None:
        _require_after_signing(self, "superseded")
        if by_agreement_id == self.id:
            raise SupersededBySelf("an agreement does not supersede itself")
        not_in_future(superseded_on, today, "superseded on")
        self.trigger_event(Superseded, by_agreement_id=by_agreement_id, superseded_on=superseded_on)

    def add_comment(self, comment_id: UUID, party_id: UUID, text: LocalizedText, today: date,
                    commitment_code: str | None = None) -> None:
        """Taken in every state, ended agreements included."""
        require_party(self, party_id)
        if commitment_code is not None:
            commitment(self, commitment_code)
        require_new_id(self, comment_id)
        require_text(text, "comment")
        self.trigger_event(CommentAdded, comment_id=comment_id, party_id=party_id,
                           commitment_code=commitment_code, text=text, commented_on=today)


def _require_status(agreement: AgreementState, expected: AgreementStatus, becoming: str) -> None:
    require_not_ended(agreement)
    if agreement.status is not expected:
        raise InvalidAgreementTransition(
            f"the agreement is {agreement.status}; only {expected} can be {becoming}")


def _require_after_signing(agreement: AgreementState, becoming: str) -> None:
    require_not_ended(agreement)
    if agreement.status not in AFTER_SIGNING:
        raise InvalidAgreementTransition(f"the agreement is {agreement.status}; it cannot be {becoming}")
