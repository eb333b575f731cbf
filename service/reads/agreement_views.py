"""What reads of agreements return."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from msgspec import Meta

from domain.values import AgreementStatus, InstrumentType, Modality, Nature, PartyRole, ResponsibilityRole
from service.reads.summary_views import LevelCounts, LifecycleCounts, StatusChangeView
from service.reads.wire import EntryIntoForceView, LocalizedTextView, PeriodView, View


class ResponsibilityView(View):
    party_id: UUID
    role: ResponsibilityRole


class AgreementPartyView(View):
    party_id: UUID
    code: str | None
    names: LocalizedTextView
    role: PartyRole
    signed_on: date | None


class AreaView(View):
    code: str
    title: LocalizedTextView
    aliases: list[str]
    aim: LocalizedTextView | None


class CommitmentView(View):
    code: str
    area_code: str
    text: LocalizedTextView
    modality: Modality
    nature: Nature
    responsibilities: list[ResponsibilityView]
    responsibility_basis: str | None
    nature_inferred: Annotated[bool | None, Meta(description=(
        "True: the nature is inferred (from the verb), see natureBasis; null: recorded before it was kept"))]
    nature_basis: str | None
    responsibility_inferred: Annotated[bool | None, Meta(description=(
        "True: the text names no lead; the responsibilities are inferred, see responsibilityBasis"))]


class SignatureView(View):
    party_id: UUID
    signed_on: date
    place: str | None
    recorded_at: datetime
    signed_on_inferred: bool | None
    signed_on_basis: str | None


class AgreementSummaryView(View):
    id: UUID
    code: str
    title: LocalizedTextView
    authentic_language: str
    instrument_type: InstrumentType
    status: AgreementStatus
    version: int
    period: PeriodView | None
    drafted_at: datetime
    signed_on: date | None
    signed_on_inferred: Annotated[bool | None, Meta(description=(
        "True: the source does not state the signing date; signedOnBasis says how it was inferred"))]
    signed_on_basis: str | None
    text_not_held: Annotated[str | None, Meta(description=(
        "Why no commitments are recorded: the source reports the agreement, not its text"))]
    entry_into_force: EntryIntoForceView | None
    party_count: int
    area_count: int
    commitment_count: int
    updated_at: datetime
    text_version: Annotated[int, Meta(description="1 for the signed text, one more per applied amendment")]
    status_history: list[StatusChangeView]
    lifecycle_counts: LifecycleCounts
    level_counts: LevelCounts
    substantial_or_complete_percent: Annotated[
        float, Meta(description="Share of commitments (cancelled and superseded ones aside) at substantial "
                    "or complete, in percent")
    ]


class AgreementView(AgreementSummaryView):
    text_digest: str | None
    parties: list[AgreementPartyView]
    areas: list[AreaView]
    commitments: list[CommitmentView]
    signatures: list[SignatureView]


class AgreementPage(View):
    items: list[AgreementSummaryView]
    next_cursor: str | None

