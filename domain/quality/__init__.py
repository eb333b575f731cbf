"""Defects of the source documents that fall on no observation: noted, and resolved, as events."""

from domain.quality.aggregate import Defect

__all__ = ["Defect"]
