"""Accept-Language parsed by RFC 9110's grammar and turned into each range's fallback chain."""

from __future__ import annotations

import pytest

from service.reads.language_chain import (
    Anything,
    Convert,
    Exact,
    MalformedAcceptLanguage,
    Prefix,
    canonical,
    parse,
    preferences,
)


@pytest.mark.parametrize("field, steps", [
    ("zh-Hant-MO", [Exact("zh-Hant-MO"), Exact("zh-Hant-HK"), Exact("zh-Hant"), Convert("zh-Hant-MO", "s2hk"),
                    Exact("en")]),
    ("zh-MO", [Exact("zh-Hant-MO"), Exact("zh-Hant-HK"), Exact("zh-Hant"), Convert("zh-Hant-MO", "s2hk"),
               Exact("en")]),
    ("zh-hant-hk", [Exact("zh-Hant-HK"), Exact("zh-Hant"), Convert("zh-Hant-HK", "s2hk"), Exact("en")]),
    ("zh-TW", [Exact("zh-Hant-TW"), Exact("zh-Hant"), Convert("zh-Hant-TW", "s2twp"), Exact("en")]),
    ("zh-Hant", [Exact("zh-Hant"), Convert("zh-Hant", "s2t"), Exact("en")]),
    ("pt-MO", [Exact("pt-MO"), Exact("pt"), Prefix("pt"), Exact("en")]),
    ("zh-Hans", [Exact("zh-Hans"), Exact("en")]),
    ("zh-CN", [Exact("zh-Hans-CN"), Exact("zh-Hans"), Exact("en")]),
    ("zh", [Exact("zh"), Exact("zh-Hans"), Exact("zh-Hant"), Prefix("zh"), Exact("en")]),
    ("en", [Exact("en"), Prefix("en")]),
    ("*", [Anything(), Exact("en")]),
    ("fr-CA", [Exact("fr-CA"), Exact("fr"), Prefix("fr"), Exact("en")]),
])
def test_each_range_has_its_fallback_chain_ending_in_english(field: str, steps: list):
    assert list(preferences(field).steps) == steps


def test_ranges_are_taken_in_q_order_and_english_comes_after_every_range_named():
    prefs = preferences("en;q=0.1, pt-MO;q=0.5, zh-HK")
    assert list(prefs.steps) == [Exact("zh-Hant-HK"), Exact("zh-Hant"), Convert("zh-Hant-HK", "s2hk"),
                                 Exact("pt-MO"), Exact("pt"), Prefix("pt"), Exact("en"), Prefix("en")]
    assert prefs.refused == ()


def test_a_range_with_q_0_is_refused_with_every_tag_under_it():
    prefs = preferences("pt, en;q=0")
    assert list(prefs.steps) == [Exact("pt"), Prefix("pt"), Exact("en")]
    assert prefs.refused == ("en",)
    assert [prefs.refuses(tag) for tag in ("en", "en-GB", "eng", "pt")] == [True, True, False, False]


def test_equal_weights_keep_the_order_they_were_sent_in():
    assert parse("pt-MO;q=0.8, en , zh-Hant;q=0.8,,") == [("en", 1.0), ("pt-MO", 0.8), ("zh-Hant", 0.8)]


@pytest.mark.parametrize("field", ["en;q=2", "en;q=0.1234", "en-", "-en", "toolongtag", "en_GB", "en;lang=x",
                                   "zh-Hant-HK-abcdefghi", "", " , ", "en; q=1.5", "中文"])
def test_a_field_that_does_not_follow_the_grammar_is_malformed(field: str):
    with pytest.raises(MalformedAcceptLanguage):
        preferences(field)


@pytest.mark.parametrize("tag, expected", [("ZH-hant-hk", "zh-Hant-HK"), ("zh-hk", "zh-Hant-HK"),
                                           ("zh-sg", "zh-Hans-SG"), ("PT-mo", "pt-MO"), ("en", "en"),
                                           ("es-419", "es-419")])
def test_tags_are_compared_in_their_canonical_form(tag: str, expected: str):
    assert canonical(tag) == expected
