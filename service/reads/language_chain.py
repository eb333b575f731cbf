"""Accept-Language as the steps to try on a multilingual text: parsed (RFC 9110), then each range's chain.

A step names a language to take as stored (`Exact`), any stored tag of a language (`Prefix`, RFC 4647
basic filtering), Simplified Chinese converted to a Traditional variant (`Convert`), or anything (`Anything`).
The chains: zh-Hant-MO -> zh-Hant-HK -> zh-Hant -> zh-Hans converted; pt-MO -> pt; zh-CN -> zh-Hans;
every range's chain in q order, and en after all of them (unless refused with q=0).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RANGE = re.compile(r"^(\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)(?:[ \t]*;[ \t]*[qQ]=(0(?:\.[0-9]{0,3})?|"
                   r"1(?:\.0{0,3})?))?$")
TRADITIONAL_REGIONS = {"HK", "MO", "TW"}
# OpenCC's tables: Hong Kong forms for HK and MO, Taiwan forms and phrases for TW, plain Traditional else.
CONVERSIONS = {"HK": "s2hk", "MO": "s2hk", "TW": "s2twp", None: "s2t"}
FALLBACK = "en"


class MalformedAcceptLanguage(ValueError):
    """The field does not follow RFC 9110's grammar: it is disregarded, as if absent."""


@dataclass(frozen=True)
class Exact:
    tag: str


@dataclass(frozen=True)
class Prefix:
    language: str


@dataclass(frozen=True)
class Convert:
    tag: str
    config: str


@dataclass(frozen=True)
class Anything:
    pass


Step = Exact | Prefix | Convert | Anything


@dataclass(frozen=True)
class Preferences:
    """What to try on each text, in order, and the ranges the client refused (q=0)."""

    steps: tuple[Step, ...]
    refused: tuple[str, ...]

    def refuses(self, tag: str) -> bool:
        """RFC 4647 basic filtering: a refused range covers the tag itself and every longer tag under it."""
        tag = canonical(tag)
        return any(r == "*" or tag == r or tag.startswith(r + "-") for r in self.refused)


def canonical(tag: str) -> str:
    """BCP 47 casing; a Chinese tag gets its script (zh-HK is zh-Hant-HK, zh-CN is zh-Hans-CN)."""
    if tag == "*":
        return tag
    first, *rest = tag.split("-")
    subtags = [first.lower()] + [s.title() if len(s) == 4 else s.upper() if len(s) == 2 else s.lower()
                                 for s in rest]
    if subtags[0] == "zh" and len(subtags) > 1 and len(subtags[1]) == 2:
        script = "Hant" if subtags[1] in TRADITIONAL_REGIONS else "Hans"
        subtags.insert(1, script)
    return "-".join(subtags)


def parse(field: str) -> list[tuple[str, float]]:
    """The ranges with their weights, most wanted first (a stable sort: equal weights keep their order)."""
    ranges = []
    for element in field.split(","):
        element = element.strip(" \t")
        if not element:
            continue  # RFC 9110 5.6.1: empty list elements are allowed and ignored
        if (match := RANGE.match(element)) is None:
            raise MalformedAcceptLanguage(element)
        ranges.append((canonical(match[1]), float(match[2]) if match[2] is not None else 1.0))
    if not ranges:
        raise MalformedAcceptLanguage(field)
    return sorted(ranges, key=lambda r: -r[1])


def chain(range_: str) -> list[Step]:
    """The steps for one range, most specific first."""
    if range_ == "*":
        return [Anything()]
    subtags = range_.split("-")
    if subtags[0] == "zh" and len(subtags) > 1 and subtags[1] == "Hant":
        region = subtags[2] if len(subtags) > 2 else None
        steps: list[Step] = [Exact(range_)]
        if region == "MO":
            steps.append(Exact("zh-Hant-HK"))
        if region is not None:
            steps.append(Exact("zh-Hant"))
        return [*steps, Convert(range_, CONVERSIONS.get(region, "s2t"))]
    if subtags[0] == "zh" and len(subtags) > 1 and subtags[1] == "Hans":
        return [Exact(range_)] + ([Exact("zh-Hans")] if range_ != "zh-Hans" else [])
    if subtags == ["zh"]:  # any Chinese: Simplified first
        return [Exact("zh"), Exact("zh-Hans"), Exact("zh-Hant"), Prefix("zh")]
    truncated = [Exact("-".join(subtags[:n])) for n in range(len(subtags), 0, -1)]
    return [*truncated, Prefix(subtags[0])]


def preferences(field: str) -> Preferences:
    """Every wanted range's chain in order, then en; raises MalformedAcceptLanguage."""
    ranges = parse(field)
    steps: list[Step] = []
    for range_, q in ranges:
        if q > 0:
            steps += [s for s in chain(range_) if s not in steps]
    if Exact(FALLBACK) not in steps:
        steps.append(Exact(FALLBACK))
    return Preferences(tuple(steps), tuple(r for r, q in ranges if q == 0))
