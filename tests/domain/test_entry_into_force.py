"""Entry into force of a signed agreement."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import AlreadyInForce, DateInFuture, NotSigned
from domain.values import AgreementStatus, EntryIntoForce
from tests.domain.scenario import entered_into_force, given, new_events, open_pact, signed_pact

TODAY = date(2025, 3, 1)


def test_a_signed_agreement_enters_into_force():
    agreement = given(*signed_pact(date(2025, 1, 16)))
    entry = EntryIntoForce(date(2025, 2, 1), inferred=False, basis=None)

    agreement.enter_into_force(entry, today=TODAY)

    assert new_events(agreement) == [("agreement.entered_into_force", {"entry": entry})]
    assert agreement.status is AgreementStatus.IN_FORCE


def test_an_entry_into_force_marked_retroactive_with_its_basis_may_predate_the_last_signature():
    agreement = given(*signed_pact(date(2025, 1, 16)))
    entry = EntryIntoForce(date(2025, 1, 1), inferred=True, basis="work plan covers 2025 from January",
                           retroactive=True)

    agreement.enter_into_force(entry, today=TODAY)

    assert new_events(agreement) == [("agreement.entered_into_force", {"entry": entry})]
    assert agreement.entry_into_force == entry


def test_an_agreement_not_yet_signed_by_all_cannot_enter_into_force():
    agreement = given(*open_pact())

    with pytest.raises(NotSigned):
        agreement.enter_into_force(EntryIntoForce(date(2025, 2, 1), False, None), today=TODAY)

    assert new_events(agreement) == []


def test_an_agreement_enters_into_force_once():
    agreement = given(*signed_pact(), entered_into_force(date(2025, 2, 1)))

    with pytest.raises(AlreadyInForce):
        agreement.enter_into_force(EntryIntoForce(date(2025, 2, 2), False, None), today=TODAY)

    assert new_events(agreement) == []


def test_entry_into_force_cannot_be_dated_after_it_is_recorded():
    agreement = given(*signed_pact())

    with pytest.raises(DateInFuture):
        agreement.enter_into_force(EntryIntoForce(date(2025, 3, 2), False, None), today=TODAY)

    assert new_events(agreement) == []
