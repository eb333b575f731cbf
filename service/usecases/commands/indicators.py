"""Commands on indicators: define one, record, correct, retract and flag its observations."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.indicator.values import Definition, Flag, FlagKind, Observation
from domain.quantity import Quantity


@dataclass(frozen=True, kw_only=True)
class DefineIndicator:
    code: str
    definition: Definition


@dataclass(frozen=True, kw_only=True)
class IndicatorCommand:
    """A command on an existing indicator."""

    indicator_id: UUID


@dataclass(frozen=True, kw_only=True)
class ReviseIndicatorDefinition(IndicatorCommand):
    definition: Definition
    reason: str


@dataclass(frozen=True, kw_only=True)
class RecordObservation(IndicatorCommand):
    observation_id: UUID
    observation: Observation


@dataclass(frozen=True, kw_only=True)
class CorrectObservation(IndicatorCommand):
    observation_id: UUID
    quantity: Quantity
    reason: str
    resolves: tuple[FlagKind, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RetractObservation(IndicatorCommand):
    observation_id: UUID
    reason: str


@dataclass(frozen=True, kw_only=True)
class FlagObservation(IndicatorCommand):
    observation_id: UUID
    flag: Flag
