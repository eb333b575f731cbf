"""Handlers of indicator commands: each one asks the indicator to decide."""

from __future__ import annotations

from domain.indicator import Indicator
from service.usecases.commands.indicators import (
    CorrectObservation,
    DefineIndicator,
    FlagObservation,
    RecordObservation,
    RetractObservation,
    ReviseIndicatorDefinition,
)
from service.usecases.context import Decision
from service.usecases.errors import Forbidden


def define_indicator(c: DefineIndicator, d: Decision) -> Indicator:
    if not d.caller.is_admin:
        raise Forbidden("only an admin key defines indicators")
    return Indicator.define(c.code, c.definition)


def revise_definition(i: Indicator, c: ReviseIndicatorDefinition, d: Decision) -> None:
    i.revise_definition(c.definition, c.reason)


def record_observation(i: Indicator, c: RecordObservation, d: Decision) -> None:
    i.record_observation(c.observation_id, c.observation)


def correct_observation(i: Indicator, c: CorrectObservation, d: Decision) -> None:
    i.correct_observation(c.observation_id, c.quantity, c.reason, c.resolves)


def retract_observation(i: Indicator, c: RetractObservation, d: Decision) -> None:
    i.retract_observation(c.observation_id, c.reason)


def flag_observation(i: Indicator, c: FlagObservation, d: Decision) -> None:
    i.flag_observation(c.observation_id, c.flag)
