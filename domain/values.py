"""Value objects and enumerations of the agreement domain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID


class TextKind(StrEnum):
    AUTHENTIC = "authentic"
    OFFICIAL = "official"
    UNOFFICIAL = "unofficial"
    MACHINE = "machine"
    CONVERTED = "converted"


@dataclass(frozen=True)
class LocalizedString:
    text: str
    kind: TextKind


LocalizedText = dict[str, LocalizedString]
"""Text per language tag (``zh-Hans``, ``en``, ``pt-MO`` …), each marked with its kind."""


class InstrumentType(StrEnum):
    COOPERATION_AGREEMENT = "cooperation_agreement"
    MEMORANDUM_OF_UNDERSTANDING = "memorandum_of_understanding"
    FRAMEWORK_AGREEMENT = "framework_agreement"
    JOINT_STATEMENT_OF_INTENT = "joint_statement_of_intent"


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    OPEN_FOR_SIGNATURE = "open_for_signature"
    SIGNED = "signed"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    FINALISING = "finalising"
    CLOSED = "closed"
    TERMINATED = "terminated"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


class PartyRole(StrEnum):
    SIGNATORY = "signatory"
    COORDINATOR = "coordinator"
    ASSESSOR = "assessor"
    OBSERVER = "observer"


class ResponsibilityRole(StrEnum):
    LEAD = "lead"
    CO_LEAD = "co_lead"
    SUPPORTING = "supporting"


class Modality(StrEnum):
    """What the commitment's verb promises."""

    ESTABLISH = "establish"
    BUILD = "build"
    EXPLORE = "explore"
    STRENGTHEN = "strengthen"
    JOINTLY_HOLD = "jointly_hold"
    CARRY_OUT = "carry_out"
    PROMOTE = "promote"
    SHARE = "share"
    LEVERAGE = "leverage"
    BROADEN = "broaden"
    ADVISE = "advise"
    ACCELERATE = "accelerate"
    INTEGRATE = "integrate"
    IMPROVE = "improve"
    SUPPORT = "support"
    PROVIDE = "provide"
    DEEPEN = "deepen"
    PILOT = "pilot"
    INTRODUCE = "introduce"
    DEVELOP = "develop"


class Nature(StrEnum):
    DELIVERABLE = "deliverable"
    CONTINUOUS = "continuous"
    EXPLORATORY = "exploratory"
    RECURRING = "recurring"


_NATURE_OF_MODALITY = {
    Modality.ESTABLISH: Nature.DELIVERABLE,
    Modality.BUILD: Nature.DELIVERABLE,
    Modality.INTEGRATE: Nature.DELIVERABLE,
    Modality.INTRODUCE: Nature.DELIVERABLE,
    Modality.DEVELOP: Nature.DELIVERABLE,
    Modality.PILOT: Nature.EXPLORATORY,
    Modality.EXPLORE: Nature.EXPLORATORY,
    Modality.JOINTLY_HOLD: Nature.RECURRING,
    Modality.CARRY_OUT: Nature.RECURRING,
}


def default_nature(modality: Modality) -> Nature:
    """The nature a commitment's verb implies when its text says nothing more."""
    return _NATURE_OF_MODALITY.get(modality, Nature.CONTINUOUS)


@dataclass(frozen=True)
class Responsibility:
    party_id: UUID
    role: ResponsibilityRole


@dataclass(frozen=True)
class Period:
    starts_on: date
    ends_on: date | None
    inferred: bool
    basis: str | None


@dataclass(frozen=True)
class EntryIntoForce:
    effective_on: date
    inferred: bool
    basis: str | None
    retroactive: bool = False  # in force from before the last signature; needs a basis


@dataclass(frozen=True)
class Area:
    code: str
    title: LocalizedText
    aliases: tuple[str, ...]
    aim: LocalizedText | None


@dataclass(frozen=True)
class Commitment:
    code: str
    area_code: str
    text: LocalizedText
    modality: Modality
    nature: Nature
    responsibilities: tuple[Responsibility, ...]
    responsibility_basis: str | None
    # How the recorder knows, not part of the signed text; None: recorded before these were kept.
    nature_inferred: bool | None = None
    nature_basis: str | None = None
    responsibility_inferred: bool | None = None


def inferred_nature(modality: Modality) -> tuple[Nature, str]:
    """The nature the verb implies, with the basis that says so (for a commitment whose text is silent)."""
    nature = default_nature(modality)
    return nature, f"inferred from the verb: '{modality}' implies the nature '{nature}'"
