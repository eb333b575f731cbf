"""The seed reads a programme commitment's modality from the English verb that opens it."""

from __future__ import annotations

import pytest

from domain.values import Modality
from service.seed_agreements import modality_of


def test_the_longest_opening_verb_names_the_modality():
    assert modality_of("Further improve the '1+12+N' incubation base system") is Modality.IMPROVE
    assert modality_of("Jointly build an 'incubation - investment' service system") is Modality.BUILD
    assert modality_of("Build a harmonious labour relations demonstration area") is Modality.BUILD
    assert modality_of("Use Hengqin's advantages") is Modality.LEVERAGE


def test_a_verb_inside_a_word_does_not_count():
    with pytest.raises(ValueError, match="no known verb"):
        modality_of("Useful services for residents")
