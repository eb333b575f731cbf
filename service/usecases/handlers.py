"""The one table of use cases: each command type, the roles that may send it, the handler that decides it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from domain.agreement import Agreement
from service.store.repository import Repository
from service.usecases import commands as c
from service.usecases.authz import (
    CLAIMING,
    DRAFTING,
    GOVERNING,
    LEADING,
    RESPONSIBLE,
    SIGNATORIES,
    SPEAKING,
    SYSTEM,
    WORKING,
    Role,
)
from service.usecases.context import Decision
from service.usecases.decisions import (
    catalogue,
    completion,
    drafting,
    indicators,
    initiatives,
    lifecycle,
    progress,
    reminders,
)

R = Role
Handler = Callable[[Agreement, Any, Decision], None]
Precondition = Callable[[Repository, Any], Awaitable[None]]


@dataclass(frozen=True)
class Rule:
    """Who may send a command on an agreement, and what it decides; `requires` checks the store first."""

    allowed: frozenset[Role]
    handle: Handler
    requires: Precondition | None = None

    @property
    def name(self) -> str:
        return self.handle.__name__


HANDLERS: dict[type[c.AgreementCommand], Rule] = {
    # drafting
    c.AddParty: Rule(DRAFTING, drafting.add_party, drafting.party_registered),
    c.DefineArea: Rule(DRAFTING, drafting.define_area),
    c.DefineCommitment: Rule(DRAFTING, drafting.define_commitment),
    c.OpenForSignature: Rule(DRAFTING, drafting.open_for_signature),
    c.SignAgreement: Rule(SIGNATORIES, drafting.sign),
    c.EnterIntoForce: Rule(GOVERNING, drafting.enter_into_force),
    # implementation
    c.StartCommitment: Rule(WORKING, progress.start_commitment),
    c.PutCommitmentOnHold: Rule(WORKING, progress.put_commitment_on_hold),
    c.ResumeCommitment: Rule(WORKING, progress.resume_commitment),
    c.ReportProgress: Rule(WORKING, progress.report_progress),
    c.RetractReport: Rule(WORKING, progress.retract_report),
    c.CorrectReport: Rule(WORKING, progress.correct_report),
    c.DefineMilestone: Rule(WORKING, progress.define_milestone),
    c.AchieveMilestone: Rule(WORKING, progress.achieve_milestone),
    c.RescheduleMilestone: Rule(WORKING, progress.reschedule_milestone),
    c.SetDueDate: Rule(LEADING | {R.ADMIN}, progress.set_due_date),
    # completion: claimed by the leads; answered by the signatories (the domain names who may not)
    c.ClaimCompletion: Rule(CLAIMING, completion.claim_completion),
    c.WithdrawClaim: Rule(CLAIMING, completion.withdraw_claim),
    c.ReopenCommitment: Rule(CLAIMING, completion.reopen_commitment),
    c.AcknowledgeCompletion: Rule(SIGNATORIES, completion.acknowledge_completion),
    c.DisputeCompletion: Rule(SIGNATORIES, completion.dispute_completion),
    c.ConfirmDeemedCompletion: Rule(GOVERNING, completion.confirm_deemed_completion),
    c.RecordAssessment: Rule(frozenset({R.ASSESSOR}), completion.record_assessment),
    c.SetVerificationPolicy: Rule(GOVERNING, completion.set_verification_policy),
    # the agreement as a whole
    c.SuspendAgreement: Rule(GOVERNING, lifecycle.suspend),
    c.ResumeAgreement: Rule(GOVERNING, lifecycle.resume),
    c.EndPeriod: Rule(GOVERNING, lifecycle.end_period),
    c.CloseOutAgreement: Rule(GOVERNING, lifecycle.close_out),
    c.TerminateAgreement: Rule(GOVERNING, lifecycle.terminate),
    c.SupersedeAgreement: Rule(GOVERNING, lifecycle.supersede, lifecycle.successor_exists),
    c.ProposeAmendment: Rule(SIGNATORIES, lifecycle.propose_amendment),
    c.SignAmendment: Rule(SIGNATORIES, lifecycle.sign_amendment),
    c.WithdrawAmendment: Rule(SIGNATORIES, lifecycle.withdraw_amendment),
    c.DelegateReportingRight: Rule(RESPONSIBLE, lifecycle.delegate_reporting_right),  # the caller: principal
    c.RevokeReportingRight: Rule(RESPONSIBLE, lifecycle.revoke_reporting_right),
    c.AddComment: Rule(SPEAKING, lifecycle.add_comment),
    # the system: the reminder scheduler's admin caller, never a party
    c.SendReminders: Rule(SYSTEM, reminders.send_reminders),
}

# Indicators hold published figures: every key reads them, only an admin key changes them.
INDICATOR_HANDLERS: dict[type[c.IndicatorCommand], Callable[[Any, Any, Decision], None]] = {
    c.ReviseIndicatorDefinition: indicators.revise_definition,
    c.RecordObservation: indicators.record_observation,
    c.CorrectObservation: indicators.correct_observation,
    c.RetractObservation: indicators.retract_observation,
    c.FlagObservation: indicators.flag_observation,
}

# Initiatives are published statements: an admin key records and links them (reads: service/reads).
INITIATIVE_HANDLERS: dict[type[c.InitiativeCommand], Callable[[Any, Any, Decision], None]] = {
    c.LinkInitiative: initiatives.link_initiative,
}

FOUNDERS: dict[type, Callable] = {
    c.DraftAgreement: drafting.draft_agreement,
    c.RegisterParty: drafting.register_party,
    c.DefineIndicator: indicators.define_indicator,
    c.RecordInitiative: initiatives.record_initiative,
    c.DefineTheme: catalogue.define_theme,
    c.NoteDefect: catalogue.note_defect,
}

# Themes and defects of the sources are public records too: only an admin key changes them.
CATALOGUE_HANDLERS: dict[type, Callable[[Any, Any, Decision], None]] = {
    c.AssignTheme: catalogue.assign_theme,
    c.UnassignTheme: catalogue.unassign_theme,
    c.ResolveDefect: catalogue.resolve_defect,
}
"""Commands that create an aggregate: `(command, decision) -> aggregate`, checking the caller themselves."""
