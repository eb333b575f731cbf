"""History recorded late keeps the business order: drafted <= frozen <= signed; retroactive force marked."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import (
    DateInFuture,
    NotRetroactive,
    RetroactiveEntryNotMarked,
    SignedBeforeTextFrozen,
    TextFrozenBeforeDrafted,
)
from domain.values import EntryIntoForce
from tests.domain.scenario import (
    ZHONGSHAN,
    ZHUHAI,
    drafted,
    drafted_pact,
    fully_signed,
    given,
    new_events,
    opened_for_signature,
    signed_by,
)

TODAY = date(2025, 3, 1)


def dated_draft(on: date) -> tuple:
    return (drafted(on=on), *drafted_pact()[1:])


def frozen_on(day: date) -> tuple:
    return (*dated_draft(date(2025, 1, 2)), opened_for_signature(on=day))


def signed_on(day: date) -> tuple:
    signatures = (signed_by(ZHUHAI, day), signed_by(ZHONGSHAN, day), fully_signed(day))
    return (*frozen_on(date(2025, 1, 10)), *signatures)


def test_a_text_freeze_records_the_day_it_happened():
    agreement = given(*dated_draft(date(2025, 1, 2)))
    digest = agreement.digest_of_text()

    agreement.open_for_signature(date(2025, 1, 10), today=TODAY)

    assert new_events(agreement) == [
        ("agreement.opened_for_signature", {"text_digest": digest, "opened_on": date(2025, 1, 10)})]
    assert agreement.opened_on == date(2025, 1, 10)


def test_the_text_cannot_be_frozen_before_the_agreement_was_drafted():
    agreement = given(*dated_draft(date(2025, 1, 2)))

    with pytest.raises(TextFrozenBeforeDrafted):
        agreement.open_for_signature(date(2025, 1, 1), today=TODAY)

    assert new_events(agreement) == []


def test_a_text_freeze_cannot_be_dated_after_it_is_recorded():
    agreement = given(*dated_draft(date(2025, 1, 2)))

    with pytest.raises(DateInFuture):
        agreement.open_for_signature(date(2025, 3, 2), today=TODAY)

    assert new_events(agreement) == []


def test_a_signature_cannot_be_dated_before_the_text_was_frozen():
    agreement = given(*frozen_on(date(2025, 1, 10)))

    with pytest.raises(SignedBeforeTextFrozen):
        agreement.sign(ZHUHAI, signed_on=date(2025, 1, 9), today=TODAY)

    assert new_events(agreement) == []


def test_a_signature_on_the_day_of_the_freeze_is_in_order():
    agreement = given(*frozen_on(date(2025, 1, 10)))

    agreement.sign(ZHUHAI, signed_on=date(2025, 1, 10), today=TODAY)

    assert [topic for topic, _ in new_events(agreement)] == ["agreement.signed_by_party"]


def test_a_freeze_of_unknown_date_orders_no_signature():
    agreement = given(*drafted_pact(), opened_for_signature())

    agreement.sign(ZHUHAI, signed_on=date(2024, 6, 1), today=TODAY)

    assert agreement.signatures == {ZHUHAI: date(2024, 6, 1)}


def test_a_draft_cannot_be_dated_after_it_is_recorded():
    with pytest.raises(DateInFuture):
        given(drafted()).draft(drafted().originator_id, "X", drafted().title, "zh-Hans",
                               drafted().instrument_type, drafted_on=date(2025, 3, 2), today=TODAY)


def test_entry_into_force_before_the_last_signature_must_be_marked_retroactive():
    agreement = given(*signed_on(date(2025, 1, 16)))

    with pytest.raises(RetroactiveEntryNotMarked):
        agreement.enter_into_force(EntryIntoForce(date(2025, 1, 1), True, "the year in the title"), TODAY)

    assert new_events(agreement) == []


def test_a_retroactive_entry_into_force_needs_its_basis():
    agreement = given(*signed_on(date(2025, 1, 16)))

    with pytest.raises(RetroactiveEntryNotMarked):
        agreement.enter_into_force(EntryIntoForce(date(2025, 1, 1), True, None, retroactive=True), TODAY)

    assert new_events(agreement) == []


def test_an_entry_into_force_after_the_last_signature_is_not_retroactive():
    agreement = given(*signed_on(date(2025, 1, 16)))

    with pytest.raises(NotRetroactive):
        agreement.enter_into_force(EntryIntoForce(date(2025, 1, 16), False, "signed", True), TODAY)

    assert new_events(agreement) == []


def test_an_entry_into_force_on_the_day_of_the_last_signature_needs_no_mark():
    agreement = given(*signed_on(date(2025, 1, 16)))
    entry = EntryIntoForce(date(2025, 1, 16), False, None)

    agreement.enter_into_force(entry, TODAY)

    assert new_events(agreement) == [("agreement.entered_into_force", {"entry": entry})]
