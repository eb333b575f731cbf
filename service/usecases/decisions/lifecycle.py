"""Handlers of the agreement after signing: its lifecycle, comments, reporting rights, amendments."""

from __future__ import annotations

from domain.agreement import Agreement
from domain.errors import NotAParty
from service.store.repository import Repository
from service.usecases.commands import (
    AddComment,
    CloseOutAgreement,
    DelegateReportingRight,
    EndPeriod,
    ProposeAmendment,
    ResumeAgreement,
    RevokeReportingRight,
    SignAmendment,
    SupersedeAgreement,
    SuspendAgreement,
    TerminateAgreement,
    WithdrawAmendment,
)
from service.usecases.context import Decision
from service.usecases.errors import UnknownAgreement


def suspend(a: Agreement, c: SuspendAgreement, d: Decision) -> None:
    a.suspend(c.suspended_on, c.reason, d.today)


def resume(a: Agreement, c: ResumeAgreement, d: Decision) -> None:
    a.resume(c.resumed_on, d.today)


def end_period(a: Agreement, c: EndPeriod, d: Decision) -> None:
    a.end_period(c.ended_on, c.final_report_due, d.today)


def close_out(a: Agreement, c: CloseOutAgreement, d: Decision) -> None:
    a.close_out(c.closed_on, d.today)


def terminate(a: Agreement, c: TerminateAgreement, d: Decision) -> None:
    a.terminate(c.terminated_on, c.reason, d.today)


async def successor_exists(repo: Repository, c: SupersedeAgreement) -> None:
    if not await repo.exists(Agreement, c.by_agreement_id):
        raise UnknownAgreement(c.by_agreement_id)


def supersede(a: Agreement, c: SupersedeAgreement, d: Decision) -> None:
    a.supersede(c.by_agreement_id, c.superseded_on, d.today)


def add_comment(a: Agreement, c: AddComment, d: Decision) -> None:
    if d.caller.party_id is None:  # the event names the party speaking; an admin key without one has none
        raise NotAParty("a comment speaks for a party of the agreement; this key is bound to none")
    a.add_comment(d.new_record, d.caller.party_id, c.text, d.today, c.commitment_code)


def delegate_reporting_right(a: Agreement, c: DelegateReportingRight, d: Decision) -> None:
    a.delegate_reporting_right(d.party, c.delegate_id, d.today, c.commitment_codes)


def revoke_reporting_right(a: Agreement, c: RevokeReportingRight, d: Decision) -> None:
    a.revoke_reporting_right(d.party, c.delegate_id, d.today)


def propose_amendment(a: Agreement, c: ProposeAmendment, d: Decision) -> None:
    a.propose_amendment(d.new_record, d.party, c.changes, d.today, c.summary)


def sign_amendment(a: Agreement, c: SignAmendment, d: Decision) -> None:
    a.sign_amendment(c.amendment_id, d.party, c.signed_on, d.today)


def withdraw_amendment(a: Agreement, c: WithdrawAmendment, d: Decision) -> None:
    a.withdraw_amendment(c.amendment_id, d.party, c.reason, d.today)
