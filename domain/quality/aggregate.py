"""A defect of a source document, as one stream: noted with its raw text, resolved by a correction."""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.errors import Conflict, Invalid, ReasonRequired
from domain.indicator.values import SourceRef
from domain.quality.values import DefectKind, Subject

DEFECT_NAMESPACE = UUID("6f2a9c41-0b7d-4e35-a1c8-3d9e5b7f2c60")


class RawTextRequired(Invalid):
    """A defect keeps the source's text it concerns, exactly as written."""


class DefectAlreadyResolved(Conflict):
    """The defect has already been resolved."""


class Defect(Aggregate):
    """One defect of a source's text and, once known, its resolution."""

    class Noted(Aggregate.Created):
        TOPIC = "data_quality.defect_noted"
        source: SourceRef
        subject: Subject
        kind: DefectKind
        raw: str
        probable: str | None
        note: str | None
        resolve_by: str

        def apply(self, defect: Defect) -> None:
            defect.kind, defect.raw, defect.resolution = self.kind, self.raw, None

    class Resolved(Aggregate.Event):
        TOPIC = "data_quality.defect_resolved"
        resolution: str
        reason: str

        def apply(self, defect: Defect) -> None:
            defect.resolution = self.resolution

    @staticmethod
    def id_for(source_id: str, raw: str) -> UUID:
        """A defect is named by its source and raw text, so the same defect is noted once."""
        return uuid5(DEFECT_NAMESPACE, f"{source_id}\n{raw}")

    @classmethod
    def note(cls, source: SourceRef, subject: Subject, kind: DefectKind, raw: str, resolve_by: str,
             probable: str | None = None, note: str | None = None) -> Defect:
        if not raw.strip():
            raise RawTextRequired("a defect keeps the source's text it concerns")
        if not resolve_by.strip():
            raise ReasonRequired("a defect says what would resolve it")
        return cls._create(cls.Noted, id=cls.id_for(source.id, raw), source=source, subject=subject,
                           kind=kind, raw=raw, probable=probable, note=note, resolve_by=resolve_by)

    def resolve(self, resolution: str, reason: str) -> None:
        if self.resolution is not None:
            raise DefectAlreadyResolved(f"already resolved: {self.resolution}")
        if not resolution.strip() or not reason.strip():
            raise ReasonRequired("a resolution states the corrected fact and why it holds")
        self.trigger_event(self.Resolved, resolution=resolution, reason=reason)
