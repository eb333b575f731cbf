"""The Indicator aggregate: one stream per indicator: its definition, and its observations as stated."""

from domain.indicator.aggregate import Indicator

__all__ = ["Indicator"]
