"""Theme and defect commands on real PostgreSQL: admin keys only, a broken rule stores nothing, and the
themes and data-quality views rebuild to the rows incremental application gave."""

from __future__ import annotations

from uuid import UUID

import pytest

import projections
from domain.indicator import Indicator
from domain.indicator.values import FlagKind
from domain.party import Party
from domain.quality import Defect
from domain.quantity import Qualifier, stated
from domain.theme import ThemeCode, ThemeTarget
from domain.theme.aggregate import ThemeAlreadyAssigned, UnknownThemeTarget
from service.seed import agreement_id_for
from service.seed_indicators import observation_id_for
from service.usecases.commands import AssignTheme, CorrectObservation, ResolveDefect, UnassignTheme
from service.usecases.context import Caller, Context
from service.usecases.errors import Forbidden, UnknownAgreement
from tests.integration.test_seed import snapshot

ADMIN = Context(Caller(key_id=None, party_id=None, is_admin=True))
PARTY = Context(Caller(key_id=None, party_id=Party.id_for("ZH-HRSS")))
ZZJ = agreement_id_for("ZZJ-HRSS-2025")
EVENTS = "SELECT count(*) FROM events"


def assign(target: ThemeTarget, theme: ThemeCode = ThemeCode.HEALTH) -> AssignTheme:
    return AssignTheme(theme=theme, target=target, basis="reviewed", inferred=False)


async def test_every_refused_assignment_stores_nothing(seeded):
    before = await seeded.pool.fetchval(EVENTS)
    refusals = [
        (assign(ThemeTarget(agreement_id=ZZJ, area="A1")), PARTY, Forbidden),
        (assign(ThemeTarget(agreement_id=ZZJ, area="A9")), ADMIN, UnknownThemeTarget),
        (assign(ThemeTarget(agreement_id=ZZJ, area="A1", commitment="A2.1")), ADMIN, UnknownThemeTarget),
        (assign(ThemeTarget(agreement_id=UUID(int=5), area="A1")), ADMIN, UnknownAgreement),
        (assign(ThemeTarget(indicator_id=UUID(int=5))), ADMIN, UnknownThemeTarget),
        (assign(ThemeTarget(agreement_id=ZZJ, area="A5"), ThemeCode.SOCIAL_SECURITY), ADMIN,
         ThemeAlreadyAssigned),
    ]
    for command, ctx, error in refusals:
        with pytest.raises(error):
            await seeded.commands.execute(command, ctx)

    assert await seeded.pool.fetchval(EVENTS) == before


async def test_a_party_key_never_resolves_a_defect(seeded):
    before = await seeded.pool.fetchval(EVENTS)

    with pytest.raises(Forbidden):
        await seeded.commands.execute(ResolveDefect(
            defect_id=Defect.id_for("S004", "Date: None"), resolution="2025-01-17", reason="URL"), PARTY)

    assert await seeded.pool.fetchval(EVENTS) == before


async def test_the_views_rebuild_to_the_rows_incremental_application_gave(seeded):
    await seeded.commands.execute(assign(ThemeTarget(agreement_id=ZZJ, area="A4", commitment="A4.4")), ADMIN)
    await seeded.commands.execute(UnassignTheme(theme=ThemeCode.SKILLS, target=ThemeTarget(
        agreement_id=ZZJ, area="A6"), reason="reviewed"), ADMIN)
    await seeded.commands.execute(ResolveDefect(
        defect_id=Defect.id_for("S004", "Date: None"), resolution="2025-01-17",
        reason="the article's URL path"), ADMIN)
    await seeded.commands.execute(CorrectObservation(
        indicator_id=Indicator.id_for("IND-RULE-CASES"),
        observation_id=observation_id_for("IND-RULE-CASES", 1),
        quantity=stated(16, Qualifier.EXACT, "areas"), resolves=(FlagKind.AMBIGUOUS_UNIT,),
        reason="re-read"), ADMIN)
    await seeded.runner.catch_up()
    before = await snapshot(seeded.pool)

    for name in ("themes", "data_quality"):
        await seeded.runner.rebuild(projections.BY_NAME[name])

    assert await snapshot(seeded.pool) == before
    resolved = await seeded.pool.fetch("SELECT raw, resolved->>'eventType' AS by FROM data_quality_item "
                                       "WHERE resolved IS NOT NULL ORDER BY raw")
    assert [(r["raw"], r["by"]) for r in resolved] == [
        ("Date: None", "data_quality.defect_resolved"),
        ("covering 16 areas", "indicator.observation_corrected")]
    assert await seeded.pool.fetchval("SELECT count(*) FROM themes_assignment WHERE theme_code = 'skills' "
                                      "AND agreement_id = $1", ZZJ) == 0  # A6 unassigned
