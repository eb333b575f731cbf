"""What each dashboard page shows, from the reads the API's own routes use."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from service.http.context import Visibility
from service.http.routes.history import HISTORY
from service.reads.agreement_views import AgreementSummaryView, AgreementView
from service.reads.attention_views import AtRiskItemView, ClaimAwaitingView
from service.reads.progress_views import AgreementProgressView
from service.reads.story_views import AmendmentHistoryView, CommitmentStoryView
from service.usecases.context import Caller

PAGE = 100


def history_viewer(system: Any, caller: Caller) -> UUID | None:
    """Whose audit reads the caller sees, as the API's audit routes decide it (never a public view)."""
    return Visibility(caller, system.settings.public_views).of(HISTORY)


def viewer(caller: Caller) -> UUID | None:
    """Whose agreements the caller sees: its party's (an admin key: every agreement), as in the API."""
    return None if caller.is_admin else caller.party_id


async def party_codes(system: Any) -> dict[UUID, str]:
    """Each party's short code, to name parties the way officers do."""
    codes, after = {}, ""
    while True:
        page = await system.queries.list_parties(after, PAGE)
        codes.update((p.id, p.code) for p in page.items)
        if not page.next_cursor:
            return codes
        after = page.next_cursor


async def claims_awaiting(system: Any, caller: Caller, today: date) -> list[ClaimAwaitingView]:
    if caller.party_id is None:
        return []
    return (await system.progress_queries.obligations(caller.party_id, caller.party_id, today)
            ).claims_awaiting_acknowledgement


@dataclass(frozen=True)
class AgreementRow:
    summary: AgreementSummaryView
    overdue: int
    awaiting_me: int


async def my_agreements(system: Any, caller: Caller, today: date) -> list[AgreementRow]:
    """The agreements the caller's party is in, with what is overdue and what awaits its acknowledgement."""
    summaries, after = [], 0
    while True:
        page = await system.queries.list_agreements(viewer(caller), after, PAGE)
        summaries += page.items
        if not page.next_cursor:
            break
        after = int(page.next_cursor)
    awaiting = Counter(c.agreement_id for c in await claims_awaiting(system, caller, today))
    rows = []
    for s in summaries:
        progress = await system.progress_queries.agreement_progress(s.id, viewer(caller), today)
        rows.append(AgreementRow(s, progress.rollup.overdue_count, awaiting[s.id]))
    return rows


@dataclass(frozen=True)
class AgreementPage:
    agreement: AgreementView
    progress: AgreementProgressView
    awaiting_me: set[UUID]  # claims on this agreement the caller has still to answer
    parties: dict[UUID, str]
    amendments: list[AmendmentHistoryView]


async def agreement_page(system: Any, caller: Caller, agreement_id: UUID, today: date) -> AgreementPage:
    agreement = await system.queries.agreement(agreement_id, viewer(caller))
    progress = await system.progress_queries.agreement_progress(agreement_id, viewer(caller), today)
    awaiting = {c.claim_id for c in await claims_awaiting(system, caller, today)
                if c.agreement_id == agreement_id}
    parties = {p.party_id: p.code or str(p.party_id)[:8] for p in agreement.parties}
    amendments = await system.history.amendments(agreement_id, history_viewer(system, caller))
    return AgreementPage(agreement, progress, awaiting, parties, amendments.items)


@dataclass(frozen=True)
class NeedsMe:
    at_risk: list[AtRiskItemView]
    claims: list[ClaimAwaitingView]
    parties: dict[UUID, str]


async def needs_me(system: Any, caller: Caller, today: date) -> NeedsMe:
    """Overdue and at-risk commitments of the caller's agreements, and the claims it has to answer."""
    page = await system.progress_queries.at_risk(viewer(caller), today, (0, 0), PAGE)
    return NeedsMe(page.items, await claims_awaiting(system, caller, today), await party_codes(system))


@dataclass(frozen=True)
class Timeline:
    story: CommitmentStoryView
    events: list[dict[str, Any]]
    parties: dict[UUID, str]


def _entries(story: CommitmentStoryView) -> list[dict[str, Any]]:
    """Every fact of the story with the event that recorded it, in recording order."""
    out = [{"kind": "defined", "recorded": story.defined, "detail": ""}]
    for r in story.reports:
        out.append({"kind": "report", "recorded": r.recorded, "party": r.party_id, "level": r.level,
                    "health": r.health, "text": r.narrative, "evidence": r.evidence, "status": r.status})
    for m in story.milestones:
        out.append({"kind": "milestone", "recorded": m.recorded, "code": m.code, "text": m.title})
        if m.achieved:
            out.append({"kind": "milestone_achieved", "recorded": m.achieved, "code": m.code,
                        "on": m.achieved_on})
    for c in story.claims:
        out.append({"kind": "claim", "recorded": c.recorded, "party": c.party_id, "on": c.completed_on,
                    "evidence": c.evidence, "status": c.status})
        out += [{"kind": "acknowledgement", "recorded": a.recorded, "party": a.party_id, "on": a.on}
                for a in c.acknowledgements]
        out += [{"kind": "dispute", "recorded": d.recorded, "party": d.party_id, "on": d.on,
                 "reason": d.reason} for d in c.disputes]
    for a in story.assessments:
        out.append({"kind": "assessment", "recorded": a.recorded, "party": a.party_id, "level": a.level,
                    "text": a.findings})
    for d in story.due_date_changes:
        out.append({"kind": "due_date", "recorded": d.recorded, "reason": d.reason, "on": d.set_on})
    for step in story.lifecycle:
        out.append({"kind": "step", "recorded": step.recorded, "on": step.on, "reason": step.reason})
    return sorted(out, key=lambda e: e["recorded"].version)


async def timeline(system: Any, caller: Caller, agreement_id: UUID, code: str) -> Timeline:
    """The commitment's story as GET /agreements/{id}/commitments/{code} reads it, for the same caller."""
    story = await system.history.commitment(agreement_id, code, history_viewer(system, caller))
    return Timeline(story, _entries(story), await party_codes(system))
