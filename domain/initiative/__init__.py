"""The Initiative aggregate: stated intentions, policies, projects and programme reports, one stream each."""

from domain.initiative.aggregate import Initiative

__all__ = ["Initiative"]
