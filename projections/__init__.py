"""Read models built from the global event log; each projection owns its tables and its position."""

from projections.agreement_detail import AgreementDetail
from projections.agreement_summary import AgreementSummary
from projections.base import Envelope, Projection
from projections.commitment_progress import CommitmentProgress
from projections.data_quality import DataQuality
from projections.indicator_series import IndicatorSeries
from projections.initiative_directory import InitiativeDirectory
from projections.party_directory import PartyDirectory
from projections.themes import Themes

ALL: tuple[Projection, ...] = (
    AgreementSummary(), AgreementDetail(), PartyDirectory(), CommitmentProgress(), IndicatorSeries(),
    Themes(), DataQuality(),
    InitiativeDirectory())
BY_NAME: dict[str, Projection] = {p.name: p for p in ALL}

__all__ = ["ALL", "BY_NAME", "Envelope", "Projection"]
