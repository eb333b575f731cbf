"""Reads of the agreement summary and detail views: a page of summaries, one agreement in full.

Each read is one statement: the lists come as json aggregates in the views' camelCase shape.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg

from domain.values import AgreementStatus, InstrumentType
from service.reads.agreement_views import (
    AgreementPage,
    AgreementPartyView,
    AgreementSummaryView,
    AgreementView,
    AreaView,
    CommitmentView,
    SignatureView,
)
from service.reads.counts import tally
from service.reads.documents import GENERATION, Built
from service.reads.errors import AggregateNotFound
from service.reads.rows import array, decoder, nullable, renamed, responsibilities
from service.reads.summary_views import StatusChangeView
from service.reads.wire import EntryIntoForceView, LocalizedTextView, PeriodView

PERIOD = {"starts_on": "startsOn", "ends_on": "endsOn", "inferred": "inferred", "basis": "basis"}
ENTRY = {"effective_on": "effectiveOn", "inferred": "inferred", "basis": "basis",
         "retroactive": "retroactive"}
# Entries stored before `retroactive` was recorded were not retroactive: nothing checked it then.
ENTRY_SQL = renamed("s.entry_into_force", ENTRY).replace(
    "s.entry_into_force->'retroactive'", "COALESCE(s.entry_into_force->'retroactive', 'false')")
HISTORY = array(
    "json_build_object('status', h.status, 'effectiveOn', h.effective_on, 'position', h.position, "
    "'recordedAt', h.recorded_at)",
    "agreement_status_history h WHERE h.agreement_id = s.agreement_id", "h.position")
COUNTS = """(SELECT coalesce(json_agg(json_build_array(n.lifecycle, n.level, n.count)), '[]')
          FROM (SELECT lifecycle, level, count(*) FROM commitment_progress
                 WHERE agreement_id = s.agreement_id GROUP BY lifecycle, level) n)"""
PARTIES = array(
    "json_build_object('partyId', p.party_id, 'code', d.code, 'names', coalesce(d.names, '{}'::jsonb), "
    "'role', p.role, 'signedOn', g.signed_on)",
    "agreement_party p LEFT JOIN party_directory d USING (party_id) "
    "LEFT JOIN agreement_signature g USING (agreement_id, party_id) WHERE p.agreement_id = s.agreement_id",
    "p.ordinal")
AREAS = array("json_build_object('code', r.code, 'title', r.title, 'aliases', r.aliases, 'aim', r.aim)",
              "agreement_area r WHERE r.agreement_id = s.agreement_id", "r.ordinal")
COMMITMENTS = array(
    "json_build_object('code', c.code, 'areaCode', c.area_code, 'text', c.text, 'modality', c.modality, "
    f"'nature', c.nature, 'responsibilities', {responsibilities('c.responsibilities')}, "
    "'responsibilityBasis', c.responsibility_basis, 'natureInferred', c.nature_inferred, "
    "'natureBasis', c.nature_basis, 'responsibilityInferred', c.responsibility_inferred)",
    "agreement_commitment c WHERE c.agreement_id = s.agreement_id", "c.ordinal")
SIGNATURES = array(
    "json_build_object('partyId', g.party_id, 'signedOn', g.signed_on, 'place', g.place, "
    "'recordedAt', g.recorded_at, 'signedOnInferred', g.signed_on_inferred, "
    "'signedOnBasis', g.signed_on_basis)",
    "agreement_signature g WHERE g.agreement_id = s.agreement_id", "g.recorded_at")
SUMMARY = f"""
SELECT s.agreement_id, s.listed_position, s.code, s.title::text AS title, s.authentic_language,
       s.instrument_type, s.status, s.version, {renamed("s.period", PERIOD)} AS period, s.drafted_at,
       s.signed_on, s.signed_on_inferred, s.signed_on_basis, s.text_not_held,
       {ENTRY_SQL} AS entry_into_force, s.party_count,
       s.area_count, s.commitment_count, s.updated_at, s.text_version,
       {HISTORY} AS status_history, {COUNTS} AS counts"""
DETAIL = f"""{SUMMARY}, s.text_digest, {PARTIES} AS parties, {AREAS} AS areas,
       {COMMITMENTS} AS commitments, {SIGNATURES} AS signatures"""
VISIBLE = "($2::uuid IS NULL OR EXISTS (SELECT 1 FROM agreement_party p " \
          "WHERE p.agreement_id = s.agreement_id AND p.party_id = $2))"
PAGE = f"{SUMMARY}\n  FROM agreement_summary s\n WHERE s.listed_position > $1 AND {VISIBLE}\n" \
       " ORDER BY s.listed_position LIMIT $3"
ONE = f"{DETAIL}\n  FROM agreement_summary s\n WHERE s.agreement_id = $1 AND {VISIBLE}"
# The same, with what storing it as a document needs, read in the same snapshot.
ONE_DOCUMENT = (f"{DETAIL}, {GENERATION.format(id='s.agreement_id')} AS gen, "
                "ARRAY(SELECT p.party_id FROM agreement_party p WHERE p.agreement_id = s.agreement_id) "
                f"AS readers\n  FROM agreement_summary s\n WHERE s.agreement_id = $1 AND {VISIBLE}")

text = decoder(LocalizedTextView)
period = nullable(decoder(PeriodView))
entry_into_force = nullable(decoder(EntryIntoForceView))
status_history = decoder(list[StatusChangeView])
counts = decoder(list[tuple[str, str, int]])
parties = decoder(list[AgreementPartyView])
areas = decoder(list[AreaView])
commitments = decoder(list[CommitmentView])
signatures = decoder(list[SignatureView])


def summary_fields(row: asyncpg.Record) -> dict[str, Any]:
    """The keyword arguments of an AgreementSummaryView, from a row of SUMMARY."""
    lifecycle_counts, level_counts, percent = tally(counts(row["counts"]))
    return dict(
        id=row["agreement_id"], code=row["code"], title=text(row["title"]),
        authentic_language=row["authentic_language"],
        instrument_type=InstrumentType(row["instrument_type"]), status=AgreementStatus(row["status"]),
        version=row["version"], period=period(row["period"]), drafted_at=row["drafted_at"],
        signed_on=row["signed_on"], signed_on_inferred=row["signed_on_inferred"],
        signed_on_basis=row["signed_on_basis"], text_not_held=row["text_not_held"],
        entry_into_force=entry_into_force(row["entry_into_force"]),
        party_count=row["party_count"], area_count=row["area_count"],
        commitment_count=row["commitment_count"], updated_at=row["updated_at"],
        text_version=row["text_version"], status_history=status_history(row["status_history"]),
        lifecycle_counts=lifecycle_counts, level_counts=level_counts,
        substantial_or_complete_percent=percent,
    )


async def list_agreements(pool: asyncpg.Pool, viewer: UUID | None, after: int, limit: int) -> AgreementPage:
    """The agreements `viewer` is party to (None: all) listed after `after`, a page at a time."""
    rows = await pool.fetch(PAGE, after, viewer, limit + 1)
    more = len(rows) > limit
    return AgreementPage(items=[AgreementSummaryView(**summary_fields(r)) for r in rows[:limit]],
                         next_cursor=str(rows[limit - 1]["listed_position"]) if more else None)


async def agreement(pool: asyncpg.Pool, agreement_id: UUID, viewer: UUID | None) -> AgreementView:
    """One agreement with its parties, areas, commitments and signatures; 404 unless `viewer` is a party."""
    return _view(agreement_id, await pool.fetchrow(ONE, agreement_id, viewer))


async def agreement_built(pool: asyncpg.Pool, agreement_id: UUID, viewer: UUID | None) -> Built:
    """The agreement as `agreement` reads it, with its generation, readers and entity tag."""
    row = await pool.fetchrow(ONE_DOCUMENT, agreement_id, viewer)
    view = _view(agreement_id, row)
    return Built(view, row["gen"], row["readers"], f'"{view.version}"')


def _view(agreement_id: UUID, row: asyncpg.Record | None) -> AgreementView:
    if row is None:
        raise AggregateNotFound("agreement", agreement_id)
    return AgreementView(
        **summary_fields(row), text_digest=row["text_digest"], parties=parties(row["parties"]),
        areas=areas(row["areas"]), commitments=commitments(row["commitments"]),
        signatures=signatures(row["signatures"]),
    )
