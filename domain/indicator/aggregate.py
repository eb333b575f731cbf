"""The Indicator aggregate: a definition, and observations recorded, corrected, retracted and flagged."""

from __future__ import annotations

from dataclasses import dataclass, replace
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.errors import ReasonRequired
from domain.indicator.errors import ObservationIdUsed, ObservationNotActive, UnknownObservation
from domain.indicator.rules import check_dimensions, check_not_duplicate, check_quantity
from domain.indicator.values import Definition, Flag, FlagKind, Observation
from domain.quantity import Quantity

INDICATOR_NAMESPACE = UUID("1d5f3c9a-7e0b-4c61-8f3a-5b2e9d4c7a11")


@dataclass
class Recorded:
    """An observation as it stands: its latest figure, flags still open, and the definition it was read in."""

    observation: Observation
    definition_version: int
    active: bool = True
    corrections: int = 0


class Indicator(Aggregate):
    """One indicator and every observation of it, as one event stream."""

    class Defined(Aggregate.Created):
        TOPIC = "indicator.defined"
        code: str
        definition: Definition

        def apply(self, indicator: Indicator) -> None:
            indicator.code, indicator.definition = self.code, self.definition
            indicator.definition_version, indicator.observations = 1, {}

    class DefinitionRevised(Aggregate.Event):
        TOPIC = "indicator.definition_revised"
        definition: Definition
        reason: str

        def apply(self, indicator: Indicator) -> None:
            indicator.definition = self.definition
            indicator.definition_version += 1

    class ObservationRecorded(Aggregate.Event):
        TOPIC = "indicator.observation_recorded"
        observation_id: UUID
        observation: Observation
        definition_version: int

        def apply(self, indicator: Indicator) -> None:
            indicator.observations[self.observation_id] = Recorded(self.observation, self.definition_version)

    class ObservationCorrected(Aggregate.Event):
        TOPIC = "indicator.observation_corrected"
        observation_id: UUID
        quantity: Quantity
        resolves: tuple[FlagKind, ...]
        reason: str

        def apply(self, indicator: Indicator) -> None:
            held = indicator.observations[self.observation_id]
            flags = tuple(f for f in held.observation.flags if f.kind not in self.resolves)
            held.observation = replace(held.observation, quantity=self.quantity, flags=flags)
            held.corrections += 1

    class ObservationRetracted(Aggregate.Event):
        TOPIC = "indicator.observation_retracted"
        observation_id: UUID
        reason: str

        def apply(self, indicator: Indicator) -> None:
            indicator.observations[self.observation_id].active = False

    class ObservationFlagged(Aggregate.Event):
        TOPIC = "indicator.observation_flagged"
        observation_id: UUID
        flag: Flag

        def apply(self, indicator: Indicator) -> None:
            held = indicator.observations[self.observation_id]
            held.observation = replace(held.observation, flags=(*held.observation.flags, self.flag))

    @staticmethod
    def id_for(code: str) -> UUID:
        """An indicator's id follows from its code, so a code is defined once."""
        return uuid5(INDICATOR_NAMESPACE, code)

    @classmethod
    def define(cls, code: str, definition: Definition) -> Indicator:
        for target in definition.targets:
            check_quantity(definition, target.quantity)
        return cls._create(cls.Defined, id=cls.id_for(code), code=code, definition=definition)

    def revise_definition(self, definition: Definition, reason: str) -> None:
        if not reason.strip():
            raise ReasonRequired("a revised definition says why it changed")
        self.trigger_event(self.DefinitionRevised, definition=definition, reason=reason)

    def record_observation(self, observation_id: UUID, observation: Observation) -> None:
        if observation_id in self.observations:
            raise ObservationIdUsed(f"observation {observation_id} is already recorded")
        check_quantity(self.definition, observation.quantity)
        check_dimensions(self.definition, observation.dimensions)
        check_not_duplicate(observation, (r.observation for r in self.observations.values() if r.active))
        self.trigger_event(self.ObservationRecorded, observation_id=observation_id, observation=observation,
                           definition_version=self.definition_version)

    def correct_observation(self, observation_id: UUID, quantity: Quantity, reason: str,
                            resolves: tuple[FlagKind, ...] = ()) -> None:
        self._active(observation_id)
        if not reason.strip():
            raise ReasonRequired("a correction says why")
        check_quantity(self.definition, quantity)
        self.trigger_event(self.ObservationCorrected, observation_id=observation_id, quantity=quantity,
                           resolves=resolves, reason=reason)

    def retract_observation(self, observation_id: UUID, reason: str) -> None:
        self._active(observation_id)
        if not reason.strip():
            raise ReasonRequired("a retraction says why")
        self.trigger_event(self.ObservationRetracted, observation_id=observation_id, reason=reason)

    def flag_observation(self, observation_id: UUID, flag: Flag) -> None:
        self._active(observation_id)
        self.trigger_event(self.ObservationFlagged, observation_id=observation_id, flag=flag)

    def _active(self, observation_id: UUID) -> Recorded:
        held = self.observations.get(observation_id)
        if held is None:
            raise UnknownObservation(f"no observation {observation_id}")
        if not held.active:
            raise ObservationNotActive(f"observation {observation_id} has been retracted")
        return held
