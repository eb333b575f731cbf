"""Commands of work on a commitment: start, hold, resume, reports, due dates and milestones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.agreement.values import CompletionLevel, DueDate, Evidence, Health, NextStep
from domain.person import PersonalText
from domain.values import LocalizedText
from service.usecases.commands.base import (
    Backdated,
    CommitmentCommand,
    CreatesRecord,
    Delegable,
    ReportCommand,
)


@dataclass(frozen=True, kw_only=True)
class StartCommitment(CommitmentCommand, Delegable):
    started_on: date


@dataclass(frozen=True, kw_only=True)
class PutCommitmentOnHold(CommitmentCommand, Delegable):
    reason: str


@dataclass(frozen=True, kw_only=True)
class ResumeCommitment(CommitmentCommand, Delegable):
    pass


@dataclass(frozen=True, kw_only=True)
class ReportProgress(CommitmentCommand, Delegable, CreatesRecord, Backdated):
    as_of: date
    level: CompletionLevel
    health: Health
    narrative: LocalizedText
    evidence: tuple[Evidence, ...] = ()
    next_steps: tuple[NextStep, ...] = ()
    own_share: bool = False
    contact_person: PersonalText | None = None


@dataclass(frozen=True, kw_only=True)
class RetractReport(ReportCommand, Delegable):
    reason: str


@dataclass(frozen=True, kw_only=True)
class CorrectReport(ReportCommand, Delegable, CreatesRecord):
    reason: str
    as_of: date
    level: CompletionLevel
    health: Health
    narrative: LocalizedText
    evidence: tuple[Evidence, ...] = ()
    next_steps: tuple[NextStep, ...] = ()
    contact_person: PersonalText | None = None


@dataclass(frozen=True, kw_only=True)
class SetDueDate(CommitmentCommand):
    due: DueDate
    reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class DefineMilestone(CommitmentCommand, Delegable):
    milestone_code: str
    title: LocalizedText
    due: DueDate
    deliverable: LocalizedText | None = None


@dataclass(frozen=True, kw_only=True)
class AchieveMilestone(CommitmentCommand, Delegable):
    milestone_code: str
    achieved_on: date
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, kw_only=True)
class RescheduleMilestone(CommitmentCommand, Delegable):
    milestone_code: str
    due: DueDate
    reason: str
