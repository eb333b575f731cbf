"""Stored texts in the reader's language: as stored, converted between the Chinese scripts (and marked),
or in the language they have; the dashboard's own words in each language."""

from __future__ import annotations

from domain.values import TextKind
from service.http.dashboard.i18n import Shown, Words, language, pick
from service.reads.wire import LocalizedStringView


def text(**entries: tuple[str, TextKind]) -> dict[str, LocalizedStringView]:
    return {lang.replace("_", "-"): LocalizedStringView(text=t, kind=k) for lang, (t, k) in entries.items()}


AREA = text(zh_Hans=("促进人力资源服务市场协调发展", TextKind.AUTHENTIC))


def test_a_simplified_text_is_converted_for_traditional_readers_and_marked():
    assert pick(AREA, "zh-Hant") == Shown("促進人力資源服務市場協調發展", "zh-Hant", True, "")


def test_a_text_in_the_readers_language_is_shown_as_stored():
    assert pick(AREA, "zh-Hans") == Shown("促进人力资源服务市场协调发展", "zh-Hans", False, "authentic")


def test_a_stored_conversion_is_marked_as_one():
    stored = text(zh_Hant=("珠海市人力資源和社會保障局", TextKind.CONVERTED))
    assert pick(stored, "zh-Hant").converted is True


def test_a_text_with_no_english_is_shown_in_its_own_language_unconverted():
    assert pick(AREA, "en") == Shown("促进人力资源服务市场协调发展", "zh-Hans", False, "authentic")


def test_the_dashboards_words_are_written_in_each_language():
    assert [Words(lang)("needs_me") for lang in ("zh-Hans", "zh-Hant", "en")] == \
        ["待我处理", "待我處理", "What needs me"]
    assert Words("zh-Hant").value("level", "substantial") == "基本完成"
    assert Words("en").value("level", "unheard_of") == "unheard of"


def test_an_unknown_language_falls_back_to_simplified_chinese():
    assert [language(v) for v in ("en", "fr", None, "zh-Hant")] == ["en", "zh-Hans", "zh-Hans", "zh-Hant"]
