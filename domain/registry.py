"""Stable names of the aggregates and their events, for the event store and its readers."""

from __future__ import annotations

from eventsourcing.domain import Aggregate, CanMutateAggregate

from domain.agreement import Agreement
from domain.indicator import Indicator
from domain.initiative import Initiative
from domain.party import Party
from domain.person import Person
from domain.quality import Defect
from domain.theme import Theme

AGGREGATES: dict[str, type[Aggregate]] = {
    "agreement": Agreement, "party": Party, "indicator": Indicator, "initiative": Initiative,
    "person": Person, "theme": Theme, "data_quality": Defect}


def event_classes(aggregate: type[Aggregate]) -> list[type[CanMutateAggregate]]:
    """The aggregate's own event classes (those with a stable TOPIC)."""
    return [v for v in vars(aggregate).values()
            if isinstance(v, type) and issubclass(v, CanMutateAggregate) and getattr(v, "TOPIC", None)]


EVENTS: dict[str, type[CanMutateAggregate]] = {
    cls.TOPIC: cls for aggregate in AGGREGATES.values() for cls in event_classes(aggregate)
}
STREAM_TYPE_OF_EVENT: dict[type, str] = {
    cls: name for name, aggregate in AGGREGATES.items() for cls in event_classes(aggregate)
}
