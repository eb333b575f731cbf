"""Who may follow which stream in the feed: the parties added to an agreement, from the events themselves."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import msgspec

from service.store.mapper import StoredEvent

PARTY_ADDED = "agreement.party_added"  # its payload names the party that joins the agreement
PUBLIC_STREAM_TYPES = frozenset({"party", "indicator"})  # the party registry and indicators: every key


class _Joined(msgspec.Struct):
    party_id: UUID


_joined = msgspec.json.Decoder(_Joined)


def members_added(batch: Sequence[StoredEvent], seq_before: int) -> list[tuple[UUID, UUID, int]]:
    """(party, stream, seq) for each party an event of the batch adds to an agreement."""
    return [(_joined.decode(e.payload).party_id, e.stream_id, seq_before + i)
            for i, e in enumerate(batch, 1) if e.event_type == PARTY_ADDED]
