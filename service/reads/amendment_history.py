"""An agreement's amendments from its events: the changes, the signatures, and how each one ended."""

from __future__ import annotations

from uuid import UUID

from service.reads.commitment_story import Told, make, recorded
from service.reads.story_views import AmendmentHistoryView, AmendmentList, AmendmentSignatureView


def amendment_history(told: list[Told]) -> AmendmentList:
    """Every amendment proposed, in the order proposed."""
    amendments: dict[UUID, AmendmentHistoryView] = {}
    for stored, e in told:
        kind, when = stored.event_type, recorded(stored, e)
        if kind == "agreement.amendment_proposed":
            amendments[e.amendment_id] = make(
                AmendmentHistoryView, amendment_id=e.amendment_id, proposed_by=e.party_id,
                proposed_on=e.proposed_on, summary=e.summary, changes=e.changes, state="pending",
                signatures=[], applied_on=None, text_version=None, withdrawal_reason=None, recorded=when,
                ended=None)
        elif kind == "agreement.amendment_signed" and e.amendment_id in amendments:
            amendments[e.amendment_id].signatures.append(
                AmendmentSignatureView(party_id=e.party_id, signed_on=e.signed_on, recorded=when))
        elif kind == "agreement.amendment_applied" and e.amendment_id in amendments:
            amendment = amendments[e.amendment_id]
            amendment.state, amendment.applied_on, amendment.ended = "applied", e.applied_on, when
            amendment.text_version = e.text_version
        elif kind == "agreement.amendment_withdrawn" and e.amendment_id in amendments:
            amendment = amendments[e.amendment_id]
            amendment.state, amendment.withdrawal_reason, amendment.ended = "withdrawn", e.reason, when
    return AmendmentList(items=list(amendments.values()))
