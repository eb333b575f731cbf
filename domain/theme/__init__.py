"""Canonical themes across agreements, and the areas, commitments and indicators assigned to each."""

from domain.theme.aggregate import Theme
from domain.theme.values import ThemeCode, ThemeTarget

__all__ = ["Theme", "ThemeCode", "ThemeTarget"]
