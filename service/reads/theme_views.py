"""What reads of themes return: each canonical theme with its counts, and its commitments and indicators."""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID

from domain.theme import ThemeCode
from service.reads.wire import LocalizedTextView, View


class ThemeSummaryView(View):
    """A canonical theme; the counts are of what the caller may see (commitments of its agreements)."""

    code: ThemeCode
    name: LocalizedTextView
    commitment_count: int
    indicator_count: int


class ThemeList(View):
    items: list[ThemeSummaryView]


class AssignedTo(StrEnum):
    """Whether the theme was assigned to the commitment's whole area or to the commitment itself."""

    AREA = "area"
    COMMITMENT = "commitment"


class ThemeCommitmentView(View):
    agreement_id: UUID
    agreement_code: str
    area_code: str
    area_title: LocalizedTextView
    code: str
    text: LocalizedTextView
    assigned_to: AssignedTo
    basis: str
    inferred: bool


class ThemeIndicatorView(View):
    id: UUID
    code: str
    name: LocalizedTextView
    observation_count: int
    basis: str
    inferred: bool


class ThemeView(View):
    """A theme's commitments across every agreement the caller may see, and its indicators (public).
    Every assignment says its basis and whether it is inferred (the sources name no themes)."""

    code: ThemeCode
    name: LocalizedTextView
    version: int
    commitments: list[ThemeCommitmentView]
    indicators: list[ThemeIndicatorView]
