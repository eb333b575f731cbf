"""Assigns the canonical themes to the seed's areas, commitments and indicators: a reviewable table.

The sources name no themes: every assignment below is inferred, and says from what."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import UUID

from domain.agreement import Agreement
from domain.indicator import Indicator
from domain.theme import ThemeCode, ThemeTarget
from domain.values import LocalizedString, TextKind
from service.store.repository import Repository
from service.usecases.commands import AssignTheme, Command, DefineTheme

T = ThemeCode
Do = Callable[[str, Command], Awaitable[None]]
NAMES = {T.EMPLOYMENT: "Employment", T.SOCIAL_SECURITY: "Social security",
         T.TALENT_AND_QUALIFICATIONS: "Talent and qualifications", T.SKILLS: "Skills",
         T.LABOUR_INSPECTION: "Labour inspection", T.ENTREPRENEURSHIP: "Entrepreneurship",
         T.GOVERNMENT_SERVICES: "Government services", T.HEALTH: "Health", T.TRANSPORT: "Transport",
         T.RULE_CONNECTION: "Rule connection"}
TITLE = "inferred from the area's title: "
TEXT = "inferred from the commitment's text: "
# (agreement code, area code, commitment code or None for the whole area) -> theme, basis.
AREA_THEMES: dict[tuple[str, str, str | None], tuple[ThemeCode, str]] = {
    ("ZZJ-HRSS-2025", "A1", None): (T.EMPLOYMENT, TITLE + "human-resources service market"),
    ("ZZJ-HRSS-2025", "A2", None): (T.EMPLOYMENT, TITLE + "employment linkage and exchange"),
    ("ZZJ-HRSS-2025", "A3", None): (T.ENTREPRENEURSHIP, TITLE + "entrepreneurship resources"),
    ("ZZJ-HRSS-2025", "A4", None): (T.TALENT_AND_QUALIFICATIONS, TITLE + "sharing of talent services"),
    ("ZZJ-HRSS-2025", "A5", None): (T.SOCIAL_SECURITY, TITLE + "coordinated development in social security"),
    ("ZZJ-HRSS-2025", "A5", "A5.1"): (T.LABOUR_INSPECTION, TEXT + "cooperation on labour inspection"),
    ("ZZJ-HRSS-2025", "A5", "A5.2"): (T.LABOUR_INSPECTION, TEXT + "case sources, leads, case handling"),
    ("ZZJ-HRSS-2025", "A5", "A5.3"): (T.LABOUR_INSPECTION, TEXT + "joint law-enforcement inspections"),
    ("ZZJ-HRSS-2025", "A6", None): (T.SKILLS, TITLE + "skilled talent"),
    ("GDMO-2021-PROGRAMME", "EMP", None): (T.EMPLOYMENT, TITLE + "Employment"),
    ("GDMO-2021-PROGRAMME", "EMP", "EMP.1"): (T.ENTREPRENEURSHIP, TEXT + "incubation base system"),
    ("GDMO-2021-PROGRAMME", "EMP", "EMP.2"): (T.ENTREPRENEURSHIP, TEXT + "incubation - investment service"),
    ("GDMO-2021-PROGRAMME", "SS", None): (T.SOCIAL_SECURITY, TITLE + "Social security"),
    ("GDMO-2021-PROGRAMME", "TAL", None): (T.TALENT_AND_QUALIFICATIONS, TITLE + "Talent"),
    ("GDMO-2021-PROGRAMME", "TAL", "TAL.2"): (T.SKILLS, TEXT + "vocational skill standards"),
    ("GDMO-2021-PROGRAMME", "GOV", None): (
        T.LABOUR_INSPECTION, "inferred from the area's commitments (the title says only 'Governance'): "
        "labour relations, wage arrears, labour security supervision"),
}
FIGURES = "inferred from what the indicator counts: "
INDICATOR_THEMES: dict[str, tuple[ThemeCode, str]] = {
    "IND-INCUB-PROJECTS": (T.ENTREPRENEURSHIP, FIGURES + "projects of the incubation system"),
    "IND-INCUB-JOBS": (T.ENTREPRENEURSHIP, FIGURES + "people employed via the incubation system"),
    "IND-INCUB-BASES": (T.ENTREPRENEURSHIP, FIGURES + "incubation bases"),
    "IND-PUBINST-APPLICANTS": (T.EMPLOYMENT, FIGURES + "applicants to public-institution recruitment"),
    "IND-SS-INSURED": (T.SOCIAL_SECURITY, FIGURES + "people covered by social insurance"),
    "IND-SSCARD-HOLDERS": (T.SOCIAL_SECURITY, FIGURES + "social security cardholders"),
    "IND-SSCARD-OUTLETS": (T.SOCIAL_SECURITY, FIGURES + "social security card outlets"),
    "IND-PRO-QUALIFIED": (T.TALENT_AND_QUALIFICATIONS, FIGURES + "professionals' practice qualifications"),
    "IND-VQ-EXAMS-MO": (T.SKILLS, FIGURES + "vocational qualification examinations"),
    "IND-ARB-STATIONS": (T.LABOUR_INSPECTION, FIGURES + "labour-dispute arbitration stations"),
    "IND-HKMO-WORKING-GD": (T.EMPLOYMENT, FIGURES + "residents working in Guangdong"),
    "IND-LNT-CARDS": (T.TRANSPORT, FIGURES + "cross-boundary transport cards"),
    "IND-LNT-TXNS": (T.TRANSPORT, FIGURES + "transport card transactions"),
    "IND-TRANSPORT-CARD-CITIES": (T.TRANSPORT, FIGURES + "cities accepting the transport cards"),
    "IND-HETAO-RESEARCH": (T.RULE_CONNECTION, FIGURES + "research-management reform, a typical case of "
                                              "the rule connection mechanism (S002)"),
    "IND-RULE-CASES": (T.RULE_CONNECTION, FIGURES + "rule-connection typical cases"),
    "IND-MMDC-INSTITUTIONS": (T.HEALTH, FIGURES + "institutions using HK and Macao medicines and devices"),
    "IND-HENGQIN-OPINIONS": (T.RULE_CONNECTION, FIGURES + "opinions on Hengqin-Macao rule convergence"),
}


class ThemeSeed:
    def __init__(self, agreement_id_for: Callable[[str], UUID], repo: Repository) -> None:
        self.agreement_id_for, self.repo = agreement_id_for, repo

    async def load(self, do: Do) -> str:
        for code, name in NAMES.items():
            await do(f"theme:{code}", DefineTheme(code=code, name={"en": LocalizedString(
                name, TextKind.UNOFFICIAL)}))
        assigned = 0
        for (agreement, area, commitment), (theme, basis) in AREA_THEMES.items():
            aid = self.agreement_id_for(agreement)
            if not await self.repo.exists(Agreement, aid):
                continue  # that agreement is not loaded (yet): its areas get their themes when it is
            target = ThemeTarget(agreement_id=aid, area=area, commitment=commitment)
            await do(f"theme:{theme}:{agreement}:{area}:{commitment or ''}",
                     AssignTheme(theme=theme, target=target, basis=basis, inferred=True))
            assigned += 1
        for code, (theme, basis) in INDICATOR_THEMES.items():
            target = ThemeTarget(indicator_id=Indicator.id_for(code))
            await do(f"theme:{theme}:{code}", AssignTheme(theme=theme, target=target, basis=basis,
                                                          inferred=True))
        return f"{len(NAMES)} themes, {assigned + len(INDICATOR_THEMES)} assignments"
