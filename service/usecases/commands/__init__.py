"""A frozen type per command, in domain values: what the caller asks for, and nothing else."""

from service.usecases.commands.base import (
    AgreementCommand,
    Backdated,
    ClaimCommand,
    CommitmentCommand,
    CreatesRecord,
    Delegable,
    ReportCommand,
)
from service.usecases.commands.completion import (
    AcknowledgeCompletion,
    ClaimCompletion,
    ConfirmDeemedCompletion,
    DisputeCompletion,
    RecordAssessment,
    ReopenCommitment,
    SetVerificationPolicy,
    WithdrawClaim,
)
from service.usecases.commands.drafting import (
    AddParty,
    DefineArea,
    DefineCommitment,
    DraftAgreement,
    EnterIntoForce,
    OpenForSignature,
    RegisterParty,
    SignAgreement,
)
from service.usecases.commands.indicators import (
    CorrectObservation,
    DefineIndicator,
    FlagObservation,
    IndicatorCommand,
    RecordObservation,
    RetractObservation,
    ReviseIndicatorDefinition,
)
from service.usecases.commands.initiatives import InitiativeCommand, LinkInitiative, RecordInitiative
from service.usecases.commands.lifecycle import (
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
from service.usecases.commands.progress import (
    AchieveMilestone,
    CorrectReport,
    DefineMilestone,
    PutCommitmentOnHold,
    ReportProgress,
    RescheduleMilestone,
    ResumeCommitment,
    RetractReport,
    SetDueDate,
    StartCommitment,
)
from service.usecases.commands.quality import DefectCommand, NoteDefect, ResolveDefect
from service.usecases.commands.reminders import SendReminders
from service.usecases.commands.themes import AssignTheme, DefineTheme, ThemeCommand, UnassignTheme

Founding = DraftAgreement | RegisterParty | DefineIndicator | DefineTheme | NoteDefect | RecordInitiative
"""Commands that create an aggregate rather than act on one."""

CatalogueCommand = ThemeCommand | DefectCommand
"""Commands on themes and defects: public records that only an admin key changes."""

Command = AgreementCommand | IndicatorCommand | CatalogueCommand | InitiativeCommand | Founding

__all__ = [
    "AchieveMilestone", "AcknowledgeCompletion", "AddComment", "AddParty", "AgreementCommand", "Backdated",
    "ClaimCommand", "ClaimCompletion", "CloseOutAgreement", "Command", "CommitmentCommand",
    "ConfirmDeemedCompletion", "CorrectObservation", "CorrectReport", "CreatesRecord", "DefineArea",
    "DefineCommitment", "DefineIndicator", "DefineMilestone", "Delegable", "DelegateReportingRight",
    "DisputeCompletion", "DraftAgreement", "EndPeriod", "EnterIntoForce", "FlagObservation", "Founding",
    "IndicatorCommand", "OpenForSignature", "ProposeAmendment", "PutCommitmentOnHold", "RecordAssessment",
    "RecordObservation", "RegisterParty", "ReopenCommitment", "ReportCommand", "ReportProgress",
    "RescheduleMilestone", "ResumeAgreement", "ResumeCommitment", "RetractObservation", "RetractReport",
    "ReviseIndicatorDefinition", "RevokeReportingRight", "SendReminders", "SetDueDate",
    "SetVerificationPolicy",
    "SignAgreement", "SignAmendment", "StartCommitment", "SupersedeAgreement", "SuspendAgreement",
    "TerminateAgreement", "WithdrawAmendment", "WithdrawClaim",
    "AssignTheme", "CatalogueCommand", "DefectCommand", "DefineTheme", "NoteDefect", "ResolveDefect",
    "ThemeCommand", "UnassignTheme",
    "InitiativeCommand", "LinkInitiative", "RecordInitiative",
]
