"""Given/when/then helpers: domain events folded into an aggregate, and the events a command adds."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

from domain.agreement import Agreement
from domain.values import (
    EntryIntoForce,
    InstrumentType,
    LocalizedString,
    LocalizedText,
    Modality,
    Nature,
    PartyRole,
    Responsibility,
    ResponsibilityRole,
    TextKind,
)

AGREEMENT = UUID("00000000-0000-4000-8000-00000000a001")
ZHUHAI = UUID("00000000-0000-4000-8000-000000000001")
ZHONGSHAN = UUID("00000000-0000-4000-8000-000000000002")
JIANGMEN = UUID("00000000-0000-4000-8000-000000000003")
COORDINATOR = UUID("00000000-0000-4000-8000-000000000004")
ASSESSOR = UUID("00000000-0000-4000-8000-000000000005")
AUTHENTIC = "zh-Hans"
EPOCH = datetime(2025, 1, 1, tzinfo=UTC)
META = {"originator_id", "originator_version", "timestamp", "originator_topic"}


def zh(text: str) -> LocalizedText:
    return {AUTHENTIC: LocalizedString(text, TextKind.AUTHENTIC)}


def en(text: str) -> LocalizedText:
    return {"en": LocalizedString(text, TextKind.UNOFFICIAL)}


def lead(party: UUID) -> Responsibility:
    return Responsibility(party, ResponsibilityRole.LEAD)


def co_lead(party: UUID) -> Responsibility:
    return Responsibility(party, ResponsibilityRole.CO_LEAD)


def supporting(party: UUID) -> Responsibility:
    return Responsibility(party, ResponsibilityRole.SUPPORTING)


def given(*events: Any) -> Any:
    """The aggregate these events build, numbered in order; its own new events start empty."""
    aggregate = None
    for version, event in enumerate(events, start=1):
        aggregate = _as_recorded(event, version, aggregate).mutate(aggregate)
    return aggregate


def _as_recorded(event: Any, version: int, aggregate: Aggregate | None) -> Any:
    changes: dict[str, Any] = {"originator_version": version, "timestamp": EPOCH + timedelta(hours=version)}
    if aggregate is not None:
        changes["originator_id"] = aggregate.id
    if isinstance(event, Agreement.OpenedForSignature) and event.text_digest is None:
        changes["text_digest"] = aggregate.digest_of_text()
    if isinstance(event, Agreement.SignedByParty) and event.text_digest is None:
        changes["text_digest"] = aggregate.text_digest
    return replace(event, **changes)


def new_events(aggregate: Aggregate) -> list[tuple[str, dict[str, Any]]]:
    return [(type(e).TOPIC, payload(e)) for e in aggregate.collect_events()]


def payload(event: Any) -> dict[str, Any]:
    return {f.name: getattr(event, f.name) for f in fields(event) if f.name not in META}


def event(cls: type, **kwargs: Any) -> Any:
    """A recorded event of the agreement, numbered when it is given."""
    return _event(cls, **kwargs)


def _event(cls: type, **kwargs: Any) -> Any:
    return cls(originator_id=AGREEMENT, originator_version=0, timestamp=EPOCH, **kwargs)


def drafted(code: str = "ZZJ-2025", title: LocalizedText | None = None,
            on: date | None = None) -> Agreement.Drafted:
    return _event(
        Agreement.Drafted,
        originator_topic=get_topic(Agreement),
        code=code,
        title=title or zh("珠中江紧密合作框架协议"),
        authentic_language=AUTHENTIC,
        instrument_type=InstrumentType.COOPERATION_AGREEMENT,
        period=None,
        drafted_by=None,
        drafted_on=on,
    )


def party_added(party: UUID, role: PartyRole = PartyRole.SIGNATORY) -> Agreement.PartyAdded:
    return _event(Agreement.PartyAdded, party_id=party, role=role)


def area_defined(code: str, title: LocalizedText | None = None) -> Agreement.AreaDefined:
    return _event(
        Agreement.AreaDefined, code=code, title=title or zh(f"合作领域{code}"), aliases=(), aim=None
    )


def commitment_defined(
    code: str,
    area: str,
    responsibilities: tuple[Responsibility, ...],
    text: LocalizedText | None = None,
    modality: Modality = Modality.PROMOTE,
    nature: Nature = Nature.CONTINUOUS,
) -> Agreement.CommitmentDefined:
    return _event(
        Agreement.CommitmentDefined,
        code=code,
        area_code=area,
        text=text or zh(f"共同推进{code}"),
        modality=modality,
        nature=nature,
        responsibilities=tuple(responsibilities),
        responsibility_basis=None,
    )


def opened_for_signature(text_digest: str | None = None,
                         on: date | None = None) -> Agreement.OpenedForSignature:
    """Without a digest, the digest of the text as it stands when the event is given."""
    return _event(Agreement.OpenedForSignature, text_digest=text_digest, opened_on=on)


def signed_by(party: UUID, on: date, text_digest: str | None = None) -> Agreement.SignedByParty:
    """Without a digest, the digest the agreement was opened with."""
    return _event(Agreement.SignedByParty, party_id=party, signed_on=on, place=None, text_digest=text_digest)


def fully_signed(on: date) -> Agreement.FullySigned:
    return _event(Agreement.FullySigned, signed_on=on)


def entered_into_force(on: date) -> Agreement.EnteredIntoForce:
    return _event(Agreement.EnteredIntoForce, entry=EntryIntoForce(on, inferred=False, basis=None))


def drafted_pact() -> tuple[Any, ...]:
    """A draft with two signatories, one area and one commitment led by Zhuhai."""
    return (
        drafted(),
        party_added(ZHUHAI),
        party_added(ZHONGSHAN),
        area_defined("A1"),
        commitment_defined("C1", "A1", (lead(ZHUHAI), supporting(ZHONGSHAN))),
    )


def open_pact() -> tuple[Any, ...]:
    return (*drafted_pact(), opened_for_signature())


def signed_pact(on: date = date(2025, 1, 16)) -> tuple[Any, ...]:
    return (*open_pact(), signed_by(ZHUHAI, on), signed_by(ZHONGSHAN, on), fully_signed(on))


def in_force_pact(on: date = date(2025, 2, 1)) -> tuple[Any, ...]:
    """Three signatories, a coordinator and an assessor; C1 led by Zhuhai, C2 joint, C3 continuous."""
    return (
        drafted(),
        party_added(ZHUHAI),
        party_added(ZHONGSHAN),
        party_added(JIANGMEN),
        party_added(COORDINATOR, PartyRole.COORDINATOR),
        party_added(ASSESSOR, PartyRole.ASSESSOR),
        area_defined("A1"),
        commitment_defined(
            "C1", "A1", (lead(ZHUHAI), supporting(ZHONGSHAN)), None, Modality.BUILD, Nature.DELIVERABLE
        ),
        commitment_defined(
            "C2",
            "A1",
            (co_lead(ZHUHAI), co_lead(ZHONGSHAN), co_lead(JIANGMEN)),
            None,
            Modality.ESTABLISH,
            Nature.DELIVERABLE,
        ),
        commitment_defined("C3", "A1", (lead(ZHONGSHAN),), None, Modality.STRENGTHEN, Nature.CONTINUOUS),
        opened_for_signature(),
        signed_by(ZHUHAI, date(2025, 1, 16)),
        signed_by(ZHONGSHAN, date(2025, 1, 16)),
        signed_by(JIANGMEN, date(2025, 1, 16)),
        fully_signed(date(2025, 1, 16)),
        entered_into_force(on),
    )
