"""Multilingual texts in a decoded JSON answer narrowed to the client's languages; authentic text stays.

A multilingual text is an object whose every member is a language tag holding exactly `text` and `kind`
(the views' `LocalizedTextView`). Each keeps the entry the preferences pick, under its own tag and with its
own kind, plus every authentic entry: a translation is served beside the authentic text, never instead.
Simplified Chinese converted to Traditional is served under the asked tag and marked `converted`.
"""

from __future__ import annotations

from functools import cache
from typing import Any as Json

import opencc

from domain.values import TextKind
from service.reads.language_chain import Anything, Convert, Exact, Preferences, Prefix, Step, canonical

KINDS = frozenset(kind.value for kind in TextKind)
AUTHENTIC = TextKind.AUTHENTIC.value
# When no language the client named is there: the most authoritative text.
AUTHORITY = [TextKind.AUTHENTIC, TextKind.OFFICIAL, TextKind.UNOFFICIAL, TextKind.MACHINE, TextKind.CONVERTED]


@cache
def converter(config: str) -> opencc.OpenCC:
    """OpenCC reads its tables once per configuration (a tenth of a second), then converts in C."""
    return opencc.OpenCC(config)


def is_multilingual(value: Json) -> bool:
    return isinstance(value, dict) and bool(value) and all(
        isinstance(entry, dict) and entry.keys() == {"text", "kind"} and entry["kind"] in KINDS
        and isinstance(entry["text"], str) and isinstance(tag, str) and tag[:1].isalpha()
        for tag, entry in value.items())


def _simplified(text: dict[str, dict]) -> str | None:
    return next((tag for tag in sorted(text) if canonical(tag).startswith("zh-Hans")), None)


def _pick(text: dict[str, dict], step: Step, prefs: Preferences) -> tuple[str, dict] | None:
    """The entry one step finds, if the client does not refuse its language."""
    tags = {canonical(tag): tag for tag in sorted(text) if not prefs.refuses(tag)}
    if isinstance(step, Exact) and step.tag in tags:
        return tags[step.tag], text[tags[step.tag]]
    if isinstance(step, Prefix):
        found = sorted(t for t in tags if t == step.language or t.startswith(step.language + "-"))
        return (tags[found[0]], text[tags[found[0]]]) if found else None
    if isinstance(step, Convert) and not prefs.refuses(step.tag) and (source := _simplified(text)):
        return step.tag, {"text": converter(step.config).convert(text[source]["text"]),
                          "kind": TextKind.CONVERTED.value}
    if isinstance(step, Anything) and tags:
        chosen = min(tags.values(), key=lambda t: AUTHORITY.index(text[t]["kind"]))  # sorted: ties by tag
        return chosen, text[chosen]
    return None


def select(text: dict[str, dict], prefs: Preferences) -> tuple[str, dict[str, dict]]:
    """The language served and the narrowed text: the first step that finds an entry, else the most
    authoritative entry not refused, else the most authoritative: a text is never served empty."""
    for step in prefs.steps:
        if found := _pick(text, step, prefs):
            break
    else:
        found = _pick(text, Anything(), prefs) or _pick(text, Anything(), Preferences((), ()))
    tag, entry = found
    kept = {tag: entry}
    kept.update({t: e for t, e in text.items() if e["kind"] == AUTHENTIC and t != tag})
    return tag, kept


def negotiate(document: Json, prefs: Preferences, served: list[str]) -> Json:
    """The document with every multilingual text narrowed; the languages served are appended to `served`."""
    if is_multilingual(document):
        tag, kept = select(document, prefs)
        if tag not in served:
            served.append(tag)
        return kept
    if isinstance(document, dict):
        return {key: negotiate(value, prefs, served) for key, value in document.items()}
    if isinstance(document, list):
        return [negotiate(item, prefs, served) for item in document]
    return document
