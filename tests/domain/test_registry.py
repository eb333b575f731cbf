"""Stable event names in the registry."""

from __future__ import annotations

import re

from eventsourcing.domain import CanMutateAggregate

from domain.registry import AGGREGATES, EVENTS, STREAM_TYPE_OF_EVENT, event_classes

DOTTED_LOWERCASE = re.compile(r"^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$")


def test_event_topics_are_unique():
    topics = [cls.TOPIC for aggregate in AGGREGATES.values() for cls in event_classes(aggregate)]

    assert len(topics) == len(set(topics)) == len(EVENTS)


# Events about one commitment that no command of a party causes are named under the commitment.
UNDER = {"agreement": {"agreement", "commitment"}, "party": {"party"}, "indicator": {"indicator"},
         "person": {"person"}, "theme": {"theme"}, "data_quality": {"data_quality"},
         "initiative": {"initiative"}}


def test_event_topics_are_dotted_lowercase_names_under_their_stream_type():
    for topic, cls in EVENTS.items():
        assert DOTTED_LOWERCASE.match(topic), topic
        assert topic.split(".")[0] in UNDER[STREAM_TYPE_OF_EVENT[cls]], topic


def test_every_event_an_aggregate_defines_has_a_topic():
    for aggregate in AGGREGATES.values():
        nested = [
            v
            for name, v in vars(aggregate).items()
            if name not in ("Event", "Created") and isinstance(v, type) and issubclass(v, CanMutateAggregate)
        ]
        assert set(nested) == set(event_classes(aggregate)), aggregate.__name__
