"""The canonical themes, and what a theme can be assigned to."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID


class ThemeCode(StrEnum):
    """The canonical themes across the Greater Bay Area's agreements (URL-safe codes)."""

    EMPLOYMENT = "employment"
    SOCIAL_SECURITY = "social-security"
    TALENT_AND_QUALIFICATIONS = "talent-and-qualifications"
    SKILLS = "skills"
    LABOUR_INSPECTION = "labour-inspection"
    ENTREPRENEURSHIP = "entrepreneurship"
    GOVERNMENT_SERVICES = "government-services"
    HEALTH = "health"
    TRANSPORT = "transport"
    RULE_CONNECTION = "rule-connection"


@dataclass(frozen=True)
class ThemeTarget:
    """An agreement's area (all its commitments), one commitment of it, or an indicator."""

    agreement_id: UUID | None = None
    area: str | None = None
    commitment: str | None = None
    indicator_id: UUID | None = None

    def describe(self) -> str:
        if self.indicator_id is not None:
            return f"indicator {self.indicator_id}"
        where = f"area {self.area}" + (f", commitment {self.commitment}" if self.commitment else "")
        return f"{where} of agreement {self.agreement_id}"
