"""Reads a figure out of source text ("more than 300,000", "6.27万人", "13.47 million"), never guessing."""

from __future__ import annotations

import re
from decimal import Decimal

from domain.quantity import Qualifier, Quantity, QuantityFlag, bounds_for, integral, unreadable

Q = Qualifier
# Words before the number, as the sources use them (English ones only as whole words).
ENGLISH_PREFIXES = {
    "more than": Q.GT, "over": Q.GT, "above": Q.GT, "at least": Q.GTE, "no less than": Q.GTE,
    "nearly": Q.NEARLY, "almost": Q.NEARLY, "about": Q.APPROX, "around": Q.APPROX,
    "approximately": Q.APPROX, "roughly": Q.APPROX, "less than": Q.LT, "fewer than": Q.LT, "under": Q.LT,
    "up to": Q.LTE, "no more than": Q.LTE, "at most": Q.LTE,
}
CHINESE_PREFIXES = {"超过": Q.GT, "逾": Q.GT, "将近": Q.NEARLY, "近": Q.NEARLY, "约": Q.APPROX,
                    "不到": Q.LT, "不足": Q.LT}
# Words after the number: 30万多 / 300余 (more than), 以上 (at least), 左右 (about).
SUFFIXES = {"多": Q.GT, "余": Q.GT, "以上": Q.GTE, "左右": Q.APPROX}
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "千": 10**3, "万": 10**4, "亿": 10**8}
# Persons (人) and person-times (人次) are different units; the longer word is tried first.
UNITS = {"人次": "person_times", "人": "persons"}


def _alternatives(words: list[str], english: bool) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join((r"\b" + re.escape(w) if english else re.escape(w)) for w in ordered)


FIGURE = re.compile(
    r"(?:(?P<prefix>" + _alternatives(list(ENGLISH_PREFIXES), True) + "|"
    + _alternatives(list(CHINESE_PREFIXES), False) + r")[ \t]*)?"
    r"(?P<number>[0-9<][0-9<>,.]*)[ \t]*"
    r"(?P<scale>(?:thousand|million|billion)\b|[千万亿])?"
    r"(?P<suffix>" + _alternatives(list(SUFFIXES), False) + ")?"
    r"(?P<unit>人次|人)?",
    re.IGNORECASE,
)
WELL_FORMED = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")


def has_figure(text: str) -> bool:
    """Whether the text holds anything where a number stands (a number, or a `<>` placeholder)."""
    return FIGURE.search(text) is not None


def parse_quantity(text: str, unit: str | None = None) -> Quantity:
    """The first figure of `text` as a Quantity; a malformed or missing number gives no value and a flag.

    `unit` is the unit of the figure unless the text names its own (人, 人次)."""
    match = FIGURE.search(text)
    if match is None:
        return unreadable(text, QuantityFlag.MISSING_NUMBER, None, unit)
    qualifier = _qualifier(match)
    unit = UNITS.get(match["unit"] or "", unit)
    number = match["number"].rstrip(".,")
    if not any(ch.isdigit() for ch in number):
        return unreadable(text, QuantityFlag.MISSING_NUMBER, qualifier, unit)
    if WELL_FORMED.fullmatch(number) is None:
        return unreadable(text, QuantityFlag.GARBLED_NUMBER, qualifier, unit)
    scale = Decimal(SCALES[match["scale"].lower()]) if match["scale"] else Decimal(1)
    decimals = len(number.partition(".")[2])
    value = integral(Decimal(number.replace(",", "")) * scale)
    resolution = integral(scale.scaleb(-decimals))
    lower, upper = bounds_for(qualifier, value)
    return Quantity(value, qualifier, lower, upper, unit, text, resolution)


def _qualifier(match: re.Match[str]) -> Qualifier:
    if match["prefix"]:
        prefix = match["prefix"]
        return CHINESE_PREFIXES.get(prefix) or ENGLISH_PREFIXES[prefix.lower()]
    if match["suffix"]:
        return SUFFIXES[match["suffix"]]
    return Q.EXACT
