"""An agreement's progress: every area and commitment with timeliness as of today, and roll-ups.

One statement returns the agreement, its areas, and its commitments with their open claim and
milestones as json; timeliness and the roll-ups are derived here, by the domain's rules.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from uuid import UUID

import asyncpg

from domain.agreement.values import (
    OPEN_LIFECYCLES,
    CommitmentLifecycle,
    CompletionLevel,
    DueDate,
    Health,
    Timeliness,
    Verification,
    timeliness,
)
from domain.values import AgreementStatus, Modality, Nature
from service.reads.agreement_views import ResponsibilityView
from service.reads.counts import tally
from service.reads.documents import GENERATION, Built
from service.reads.due_dates import due_view
from service.reads.errors import AggregateNotFound
from service.reads.progress_views import (
    AgreementProgressView,
    AreaProgressView,
    CommitmentProgressView,
    LastReportView,
    MilestoneProgressView,
    OpenClaimView,
    ProgressRollupView,
    ShareView,
)
from service.reads.rows import Row, array, decoder, open_claim, renamed, renamed_each, responsibilities
from service.reads.wire import LocalizedTextView

SHARE = {"party_id": "partyId", "level": "level"}
LAST_REPORT = {"report_id": "reportId", "party_id": "partyId", "as_of": "asOf", "reported_on": "reportedOn",
               "level": "level", "health": "health"}
AREAS = array("json_build_object('code', r.code, 'title', r.title)",
              "progress_area r WHERE r.agreement_id = a.agreement_id", "r.ordinal")
MILESTONES = array(
    "json_build_object('code', m.milestone_code, 'title', m.title, 'due', m.due, "
    "'achievedOn', m.achieved_on)",
    "commitment_milestone m WHERE m.agreement_id = c.agreement_id AND m.code = c.code", "m.ordinal")
OPEN_CLAIM = (f"(SELECT json_build_object({open_claim('k')}) FROM commitment_claim k "
              "WHERE k.agreement_id = c.agreement_id AND k.claim_id = c.open_claim_id)")
COMMITMENTS = array(
    "json_build_object('code', c.code, 'areaCode', c.area_code, 'modality', c.modality, 'nature', c.nature, "
    f"'responsibilities', {responsibilities('c.responsibilities')}, 'lifecycle', c.lifecycle, "
    f"'level', c.level, 'assessedLevel', c.assessed_level, 'shares', {renamed_each('c.shares', SHARE)}, "
    "'health', c.health, 'verification', c.verification, 'due', c.due, 'startedOn', c.started_on, "
    f"'completedOn', c.completed_on, 'lastReport', {renamed('c.last_report', LAST_REPORT)}, "
    f"'openClaim', {OPEN_CLAIM}, 'evidenceCount', c.report_evidence + c.other_evidence, "
    f"'milestones', {MILESTONES})",
    "commitment_progress c WHERE c.agreement_id = a.agreement_id", "c.ordinal")
PROGRESS = f"""
SELECT a.agreement_id, a.code, a.status, a.version, {AREAS} AS areas, {COMMITMENTS} AS commitments
  FROM progress_agreement a
 WHERE a.agreement_id = $1 AND ($2::uuid IS NULL OR $2 = ANY(a.parties))"""
PROGRESS_DOCUMENT = PROGRESS.replace(  # with what storing it as a document needs, in the same snapshot
    " AS commitments\n", f" AS commitments, {GENERATION.format(id='a.agreement_id')} AS gen, "
    "a.parties AS readers\n", 1)


class AreaRow(Row):
    code: str
    title: LocalizedTextView


class MilestoneRow(Row):
    code: str
    title: LocalizedTextView
    due: DueDate
    achieved_on: date | None


class CommitmentRow(Row):
    """A commitment as stored; what is missing from its view (due's deadline, timeliness) is derived."""

    code: str
    area_code: str
    modality: Modality
    nature: Nature
    responsibilities: list[ResponsibilityView]
    lifecycle: CommitmentLifecycle
    level: CompletionLevel
    assessed_level: CompletionLevel | None
    shares: list[ShareView]
    health: Health | None
    verification: Verification | None
    due: DueDate | None
    started_on: date | None
    completed_on: date | None
    last_report: LastReportView | None
    open_claim: OpenClaimView | None
    evidence_count: int
    milestones: list[MilestoneRow]


areas_of = decoder(list[AreaRow])
commitments_of = decoder(list[CommitmentRow])


def milestone(m: MilestoneRow, today: date) -> MilestoneProgressView:
    return MilestoneProgressView(code=m.code, title=m.title, due=due_view(m.due), achieved_on=m.achieved_on,
                                 timeliness=timeliness(m.due, m.achieved_on, today))


def commitment(c: CommitmentRow, today: date) -> CommitmentProgressView:
    return CommitmentProgressView(
        code=c.code, area_code=c.area_code, modality=c.modality, nature=c.nature,
        responsibilities=c.responsibilities, lifecycle=c.lifecycle, level=c.level,
        assessed_level=c.assessed_level, shares=c.shares, health=c.health, verification=c.verification,
        due=due_view(c.due), timeliness=timeliness(c.due, c.completed_on, today), started_on=c.started_on,
        completed_on=c.completed_on, last_report=c.last_report, open_claim=c.open_claim,
        evidence_count=c.evidence_count, milestones=[milestone(m, today) for m in c.milestones],
    )


def rollup(commitments: list[CommitmentProgressView]) -> ProgressRollupView:
    """Counts over commitments of the progress view (an area's, or the whole agreement's)."""
    lifecycle_counts, level_counts, percent = tally((c.lifecycle, c.level, 1) for c in commitments)
    live = [c for c in commitments if c.lifecycle in OPEN_LIFECYCLES]
    return ProgressRollupView(
        commitment_count=len(commitments), lifecycle_counts=lifecycle_counts, level_counts=level_counts,
        substantial_or_complete_percent=percent,
        overdue_count=sum(c.timeliness is Timeliness.OVERDUE for c in live),
        due_soon_count=sum(c.timeliness is Timeliness.DUE_SOON for c in live),
        awaiting_acknowledgement_count=sum(c.open_claim is not None for c in commitments),
    )


async def agreement_progress(pool: asyncpg.Pool, agreement_id: UUID, viewer: UUID | None,
                             today: date) -> AgreementProgressView:
    """Every area and commitment of one agreement, with roll-ups; 404 unless `viewer` is a party."""
    return _view(agreement_id, await pool.fetchrow(PROGRESS, agreement_id, viewer), today)


async def progress_built(pool: asyncpg.Pool, agreement_id: UUID, viewer: UUID | None, today: date) -> Built:
    """The progress as `agreement_progress` reads it, with its generation and readers."""
    row = await pool.fetchrow(PROGRESS_DOCUMENT, agreement_id, viewer)
    return Built(_view(agreement_id, row, today), row["gen"], row["readers"], None)


def _view(agreement_id: UUID, row: asyncpg.Record | None, today: date) -> AgreementProgressView:
    if row is None:
        raise AggregateNotFound("agreement", agreement_id)
    commitments = [commitment(c, today) for c in commitments_of(row["commitments"])]
    by_area: dict[str, list[CommitmentProgressView]] = defaultdict(list)
    for c in commitments:
        by_area[c.area_code].append(c)
    areas = [AreaProgressView(code=a.code, title=a.title, rollup=rollup(by_area[a.code]),
                              commitments=by_area[a.code]) for a in areas_of(row["areas"])]
    return AgreementProgressView(
        agreement_id=row["agreement_id"], code=row["code"], status=AgreementStatus(row["status"]),
        version=row["version"], as_of=today, rollup=rollup(commitments), areas=areas,
    )
