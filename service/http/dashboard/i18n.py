"""The dashboard's languages: its own words in each, and stored texts in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from service.http.dashboard.words import WORDS as OWN_WORDS
from service.http.dashboard.words_indicators import INDICATOR_WORDS

WORDS = {**OWN_WORDS, **INDICATOR_WORDS}
LANGUAGES = {"zh-Hans": "简体中文", "zh-Hant": "繁體中文", "en": "English"}
DEFAULT = "zh-Hans"
LANG_COOKIE = "pactum_lang"
MARK = {"zh-Hans": "转换", "zh-Hant": "轉換", "en": "converted"}

try:  # the opencc wheel ships its own dictionaries; without it nothing is converted, and nothing is marked
    import opencc

    CONVERTERS = {("zh-Hans", "zh-Hant"): opencc.OpenCC("s2t"), ("zh-Hant", "zh-Hans"): opencc.OpenCC("t2s")}
except ImportError:  # pragma: no cover - opencc is a dependency
    CONVERTERS = {}


def language(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT


@dataclass(frozen=True)
class Shown:
    """A stored text as shown: its words, the language they are in, and whether they were converted."""

    text: str
    lang: str
    converted: bool
    kind: str = ""  # the stored kind (authentic, official, unofficial, machine, converted)


def pick(localized: dict[str, Any] | None, lang: str) -> Shown:
    """`localized` (a LocalizedTextView) in `lang`: as stored, else converted between the Chinese scripts,
    else in the first language it has. Stored texts of kind "converted" are marked as such too."""
    if not localized:
        return Shown("", lang, False)
    if lang in localized:
        entry = localized[lang]
        return Shown(entry.text, lang, str(entry.kind) == "converted", str(entry.kind))
    other = {"zh-Hant": "zh-Hans", "zh-Hans": "zh-Hant"}.get(lang)
    if other in localized and (other, lang) in CONVERTERS:
        return Shown(CONVERTERS[(other, lang)].convert(localized[other].text), lang, True)
    for fallback in ("zh-Hans", "zh-Hant", "en", *localized):
        if fallback in localized:
            entry = localized[fallback]
            return Shown(entry.text, fallback, str(entry.kind) == "converted", str(entry.kind))
    return Shown("", lang, False)  # pragma: no cover


class Words:
    """The dashboard's own words in one language: `t("key")`, `t.value("level", "complete")`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: Any) -> str:
        entry = WORDS.get(key)
        text = entry[self.lang] if entry else key
        return text.format(**values) if values else text

    def value(self, family: str, value: Any) -> str:
        """An enum value's label (level, health, status ...), or the value itself when it has none."""
        raw = str(getattr(value, "value", value))
        entry = WORDS.get(f"{family}.{raw}")
        return entry[self.lang] if entry else raw.replace("_", " ")

    @property
    def converted(self) -> str:
        return MARK[self.lang]
