"""Reads of themes: commitments across agreements (only those the caller may see) and indicators."""

from __future__ import annotations

from uuid import UUID

import asyncpg

from domain.errors import NotFound
from service.reads.rows import decoder
from service.reads.theme_views import (
    ThemeCommitmentView,
    ThemeIndicatorView,
    ThemeList,
    ThemeSummaryView,
    ThemeView,
)
from service.reads.wire import LocalizedTextView


class UnknownTheme(NotFound):
    """There is no such theme (the canonical themes are listed by GET /themes)."""


# The commitments of theme `d` the viewer $1 may see (NULL: every one): assigned to their area or to them;
# one row per commitment, the commitment's own assignment first.
COMMITMENTS = """
SELECT DISTINCT ON (c.agreement_id, c.code) c.agreement_id, s.code AS agreement_code, c.area_code,
       ar.title AS area_title, c.code, c.text, a.commitment_code IS NOT NULL AS own, a.basis, a.inferred,
       s.listed_position, c.ordinal
  FROM themes_assignment a
  JOIN agreement_commitment c ON c.agreement_id = a.agreement_id AND c.area_code = a.area_code
       AND (a.commitment_code IS NULL OR a.commitment_code = c.code)
  JOIN agreement_summary s ON s.agreement_id = c.agreement_id
  JOIN agreement_area ar ON ar.agreement_id = c.agreement_id AND ar.code = c.area_code
 WHERE a.theme_code = d.code AND ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM agreement_party p
       WHERE p.agreement_id = c.agreement_id AND p.party_id = $1))
 ORDER BY c.agreement_id, c.code, a.commitment_code NULLS LAST"""
INDICATORS = """
SELECT i.indicator_id, i.code, i.definition->'name' AS name, a.basis, a.inferred,
       (SELECT count(*) FROM indicator_series_observation o
         WHERE o.indicator_id = i.indicator_id AND o.active) AS observation_count
  FROM themes_assignment a JOIN indicator_series_definition i ON i.indicator_id = a.indicator_id
 WHERE a.theme_code = d.code"""
LIST = f"""
SELECT d.code, d.name::text AS name, (SELECT count(*) FROM ({COMMITMENTS}) c) AS commitment_count,
       (SELECT count(*) FROM ({INDICATORS}) i) AS indicator_count
  FROM themes_definition d ORDER BY d.defined_position"""
ONE = f"""
SELECT d.code, d.name::text AS name, d.version,
       (SELECT coalesce(json_agg(json_build_object('agreementId', c.agreement_id,
               'agreementCode', c.agreement_code, 'areaCode', c.area_code, 'areaTitle', c.area_title,
               'code', c.code, 'text', c.text,
               'assignedTo', CASE WHEN c.own THEN 'commitment' ELSE 'area' END,
               'basis', c.basis, 'inferred', c.inferred) ORDER BY c.listed_position, c.ordinal), '[]')
          FROM ({COMMITMENTS}) c) AS commitments,
       (SELECT coalesce(json_agg(json_build_object('id', i.indicator_id, 'code', i.code, 'name', i.name,
               'observationCount', i.observation_count, 'basis', i.basis, 'inferred', i.inferred)
               ORDER BY i.code), '[]')
          FROM ({INDICATORS}) i) AS indicators
  FROM themes_definition d WHERE d.code = $2"""

name = decoder(LocalizedTextView)
commitments = decoder(list[ThemeCommitmentView])
indicators = decoder(list[ThemeIndicatorView])


class ThemeReads:
    """The reads of themes over one pool; `viewer` is the party whose agreements show (None: all)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def list(self, viewer: UUID | None) -> ThemeList:
        rows = await self.pool.fetch(LIST, viewer)
        return ThemeList(items=[ThemeSummaryView(
            code=r["code"], name=name(r["name"]), commitment_count=r["commitment_count"],
            indicator_count=r["indicator_count"]) for r in rows])

    async def one(self, code: str, viewer: UUID | None) -> ThemeView:
        row = await self.pool.fetchrow(ONE, viewer, code)
        if row is None:
            raise UnknownTheme(f"no theme {code!r}")
        return ThemeView(code=row["code"], name=name(row["name"]), version=row["version"],
                         commitments=commitments(row["commitments"]),
                         indicators=indicators(row["indicators"]))
