"""Handlers of theme and defect commands: found one, or ask it to decide (the caller is an admin)."""

from __future__ import annotations

from domain.quality import Defect
from domain.theme import Theme
from service.usecases.commands.quality import NoteDefect, ResolveDefect
from service.usecases.commands.themes import AssignTheme, DefineTheme, UnassignTheme
from service.usecases.context import Decision
from service.usecases.errors import Forbidden


def define_theme(c: DefineTheme, d: Decision) -> Theme:
    if not d.caller.is_admin:
        raise Forbidden("only an admin key defines themes")
    return Theme.define(c.code, c.name)


def note_defect(c: NoteDefect, d: Decision) -> Defect:
    if not d.caller.is_admin:
        raise Forbidden("only an admin key notes defects of the sources")
    return Defect.note(c.source, c.subject, c.kind, c.raw, c.resolve_by, c.probable, c.note)


def assign_theme(t: Theme, c: AssignTheme, d: Decision) -> None:
    t.assign(c.target, c.basis, c.inferred)


def unassign_theme(t: Theme, c: UnassignTheme, d: Decision) -> None:
    t.unassign(c.target, c.reason)


def resolve_defect(x: Defect, c: ResolveDefect, d: Decision) -> None:
    x.resolve(c.resolution, c.reason)
