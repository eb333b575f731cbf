"""Commands on defects of the sources: note one, resolve it."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.indicator.values import SourceRef
from domain.quality.values import DefectKind, Subject


@dataclass(frozen=True, kw_only=True)
class NoteDefect:
    source: SourceRef
    subject: Subject
    kind: DefectKind
    raw: str
    resolve_by: str
    probable: str | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class DefectCommand:
    """A command on a noted defect."""

    defect_id: UUID


@dataclass(frozen=True, kw_only=True)
class ResolveDefect(DefectCommand):
    resolution: str
    reason: str
