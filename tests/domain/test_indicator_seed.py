"""The seed's figures are read from their raw text; a seed that disagrees with its own text loads nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.quantity import Qualifier
from service.seed import load_seeds
from service.seed_indicators import IndicatorSeed, SeedMismatch

SEED = IndicatorSeed(load_seeds())


def test_a_raw_text_is_read_and_must_agree_with_the_seeds_value():
    q = SEED.quantity({"value": 13470000, "qualifier": "exact", "raw": "13.47 million"}, "transactions")

    assert (q.value, q.qualifier, q.resolution, q.raw) == (Decimal(13470000), Qualifier.EXACT, Decimal(10000),
                                                           "13.47 million")
    with pytest.raises(SeedMismatch, match="'more than 300,000' reads gt 300000, the seed says exact 300000"):
        SEED.quantity({"value": 300000, "qualifier": "exact", "raw": "more than 300,000"}, "persons")


def test_dates_of_news_reports_are_marked_inferred_with_their_basis():
    s001 = SEED.as_of({"as_of": "2023-02", "src": "S001"})
    s002 = SEED.as_of({"as_of": "2024-12", "src": "S002"})

    assert (s001.value, s001.precision, s001.inferred) == ("2023-02", "month", True)
    assert s001.basis.startswith("the date of the event S001 reports, inferred: seed: conference")
    assert (s002.value, s002.inferred, s002.basis) == ("2024-12", False, None)
