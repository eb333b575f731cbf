"""How the seed's texts, names and sources are read: each string marked with the kind of text it is."""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID, uuid5

from domain.indicator.values import SourceRef
from domain.party import PARTY_NAMESPACE
from domain.values import LocalizedString, LocalizedText, TextKind

# Kinds of the fixture's plain strings by language; the authentic language is marked separately.
PLAIN_KIND = {"zh-Hans": TextKind.OFFICIAL, "zh-Hant": TextKind.CONVERTED,
              "en": TextKind.UNOFFICIAL, "pt": TextKind.UNOFFICIAL}
# Hong Kong and Macao write Traditional Chinese: a body of theirs is named officially in it, not converted.
OWN_TRADITIONAL_SCRIPT = frozenset({"HK", "MO"})
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")  # "note" and other fixture keys are not


def agreement_id_for(code: str) -> UUID:
    return uuid5(PARTY_NAMESPACE, f"agreement:{code}")


def localized(values: dict[str, Any], authentic: str | None = None,
              plain: dict[str, TextKind] | None = None) -> LocalizedText:
    """Fixture text ({lang: str | {text, translation | src}}) as domain text, marked with its kind.

    A text found outside the seed (`src: ext`) is unofficial: the fixture's authors found it."""
    kinds = PLAIN_KIND | (plain or {})
    out: LocalizedText = {}
    for lang, value in values.items():
        if not LANGUAGE_TAG.fullmatch(lang):
            continue
        if isinstance(value, dict):
            if "text" not in value:
                continue
            outside = value.get("translation") or value.get("src") == "ext"
            kind = TextKind.UNOFFICIAL if outside else kinds.get(lang, TextKind.UNOFFICIAL)
            value = value["text"]
        elif isinstance(value, str):
            kind = TextKind.AUTHENTIC if lang == authentic else kinds.get(lang, TextKind.UNOFFICIAL)
        else:
            continue
        out[lang] = LocalizedString(str(value), kind)
    return out


def english(text: str) -> LocalizedText:
    """The fixture's own English wording of what a source says."""
    return {"en": LocalizedString(text, TextKind.UNOFFICIAL)}


def party_names(party: dict[str, Any], parties: dict[str, dict[str, Any]]) -> LocalizedText:
    """The party's names marked with their kind: zh-Hant is official for Hong Kong and Macao bodies."""
    names = localized({k: v for k, v in party["names"].items() if v})
    home = party
    while home.get("parent") and not home.get("jurisdiction"):
        home = parties[home["parent"]]
    if home.get("jurisdiction") in OWN_TRADITIONAL_SCRIPT and "zh-Hant" in names:
        names["zh-Hant"] = LocalizedString(names["zh-Hant"].text, TextKind.OFFICIAL)
    return names


def source_ref(sources: dict[str, dict[str, Any]], src: str) -> SourceRef:
    """The seed document `src` (S000 ...) as a source: file, title, publisher, published date, URL."""
    s = sources[src]
    published = s.get("published_at")
    published = published.get("value") if isinstance(published, dict) else published
    return SourceRef(src, s["src"], s.get("title"), s.get("publisher"), published, s.get("url"))
