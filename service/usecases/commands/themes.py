"""Commands on themes: define one, assign it to an area, commitment or indicator, withdraw it."""

from __future__ import annotations

from dataclasses import dataclass

from domain.theme import ThemeCode, ThemeTarget
from domain.values import LocalizedText


@dataclass(frozen=True, kw_only=True)
class DefineTheme:
    code: ThemeCode
    name: LocalizedText


@dataclass(frozen=True, kw_only=True)
class ThemeCommand:
    """A command on an existing theme."""

    theme: ThemeCode


@dataclass(frozen=True, kw_only=True)
class AssignTheme(ThemeCommand):
    target: ThemeTarget
    basis: str
    inferred: bool


@dataclass(frozen=True, kw_only=True)
class UnassignTheme(ThemeCommand):
    target: ThemeTarget
    reason: str
