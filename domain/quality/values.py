"""What a noted defect of a source says: its kind, the text it concerns, and what would resolve it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID


class DefectKind(StrEnum):
    """A known defect of a source's text (those of observations are `FlagKind`s, with the same names)."""

    GARBLED_NUMBER = "garbled_number"
    MISSING_NUMBER = "missing_number"
    MISSING_DATE = "missing_date"
    UNIT_LOSS = "unit_loss"
    MISTRANSLATION = "mistranslation"
    AMBIGUOUS_UNIT = "ambiguous_unit"
    LIKELY_WRONG = "likely_wrong"
    PROBABLY_INVERTED = "probably_inverted"
    LABEL_MISMATCH = "label_mismatch"
    MISSING_PUBLICATION_DATE = "missing_publication_date"


@dataclass(frozen=True)
class Subject:
    """The fact a defect concerns: a source document, or what of an agreement it states (visible to its
    parties only)."""

    source_id: str
    agreement_id: UUID | None = None
    label: str | None = None


INFERRED_DATE = "inferred_date"  # a flag of the queue: a date the source does not state
INFERRED_AGREEMENT_DATE = "inferred_agreement_date"  # what resolves it differs from an observation's
# What would resolve each kind of flag: the fact to find, and where.
RESOLVED_BY: dict[str, str] = {
    "garbled_number": "The figure as the original-language source states it (the publisher's own text); "
                      "then correct the fact.",
    "missing_number": "The number from the original-language source; then correct the fact.",
    "missing_date": "The date from the original-language source.",
    "unit_loss": "The unit the original-language source counts in (人 persons or 人次 person-times).",
    "mistranslation": "The original-language wording, translated again.",
    "ambiguous_unit": "The original-language wording of what is counted.",
    "likely_wrong": "An official count from the publisher or the responsible party.",
    "probably_inverted": "The original-language wording: which number counts what.",
    "label_mismatch": "The agreement's own text, mapping the headline labels to its area headings.",
    "missing_publication_date": "The publication date from the publisher's page.",
    INFERRED_DATE: "A source that states the date: record the observation from it and retract this one.",
    INFERRED_AGREEMENT_DATE: "The agreement's own text, or a source that states the date.",
}
