"""Themes and defects of the sources: assignments with a basis, each one once; a defect resolved once."""

from __future__ import annotations

from uuid import UUID

import pytest

from domain.errors import ReasonRequired
from domain.indicator.values import SourceRef
from domain.quality import Defect
from domain.quality.aggregate import DefectAlreadyResolved, RawTextRequired
from domain.quality.values import DefectKind, Subject
from domain.theme import Theme, ThemeCode, ThemeTarget
from domain.theme.aggregate import InvalidThemeTarget, ThemeAlreadyAssigned, ThemeNotAssigned
from domain.values import LocalizedString, TextKind

ZZJ = UUID("41150f90-5a89-56a7-849c-ab736eb84472")
AREA = ThemeTarget(agreement_id=ZZJ, area="A5")
S003 = SourceRef("S003", "003_0ff110037dad8882.txt")


def health() -> Theme:
    return Theme.define(ThemeCode.HEALTH, {"en": LocalizedString("Health", TextKind.UNOFFICIAL)})


def test_a_theme_is_named_by_its_code_and_assigned_with_its_basis():
    theme = health()

    theme.assign(AREA, "inferred from the area's title", inferred=True)

    assert theme.id == Theme.id_for(ThemeCode.HEALTH) == Theme.id_for(ThemeCode("health"))
    [defined, assigned] = theme.collect_events()
    assert (defined.code, assigned.target, assigned.basis, assigned.inferred) == (
        "health", AREA, "inferred from the area's title", True)


def test_a_theme_is_assigned_once_and_withdrawn_only_where_it_is_assigned():
    theme = health()
    theme.assign(AREA, "inferred", inferred=True)

    with pytest.raises(ThemeAlreadyAssigned):
        theme.assign(AREA, "again", inferred=True)
    with pytest.raises(ThemeNotAssigned):
        theme.unassign(ThemeTarget(agreement_id=ZZJ, area="A6"), "not there")
    theme.unassign(AREA, "review: the area is about social security")
    theme.assign(AREA, "reviewed again", inferred=False)
    assert [type(e).__name__ for e in theme.collect_events()] == [
        "Defined", "Assigned", "Unassigned", "Assigned"]


@pytest.mark.parametrize("target", [
    ThemeTarget(),
    ThemeTarget(agreement_id=ZZJ),
    ThemeTarget(agreement_id=ZZJ, commitment="A5.1"),
    ThemeTarget(agreement_id=ZZJ, area="A5", indicator_id=ZZJ),
    ThemeTarget(indicator_id=ZZJ, commitment="A5.1"),
])
def test_a_theme_is_assigned_to_an_area_a_commitment_of_it_or_an_indicator(target):
    with pytest.raises(InvalidThemeTarget):
        health().assign(target, "a basis", inferred=True)


def test_an_assignment_states_its_basis():
    with pytest.raises(ReasonRequired):
        health().assign(AREA, "  ", inferred=True)


def test_a_defect_keeps_its_raw_text_and_is_resolved_once():
    defect = Defect.note(S003, Subject("S003"), DefectKind.GARBLED_NUMBER, "about 53,27 Hong Kong people",
                         "the figure as the original states it", probable="532,700 (53.27万)")

    defect.resolve("532,700", "the Chinese original reads 53.27万")

    assert defect.id == Defect.id_for("S003", "about 53,27 Hong Kong people")
    with pytest.raises(DefectAlreadyResolved):
        defect.resolve("532,701", "again")
    [noted, resolved] = defect.collect_events()
    assert (noted.raw, noted.kind, noted.probable, resolved.resolution) == (
        "about 53,27 Hong Kong people", "garbled_number", "532,700 (53.27万)", "532,700")


def test_a_defect_without_raw_text_or_a_resolution_without_reason_is_refused():
    with pytest.raises(RawTextRequired):
        Defect.note(S003, Subject("S003"), DefectKind.MISSING_NUMBER, " ", "the number")
    defect = Defect.note(S003, Subject("S003"), DefectKind.MISSING_NUMBER, "<> measures", "the number")
    with pytest.raises(ReasonRequired):
        defect.resolve("12 measures", "")
