"""Figures read from the sources' own strings: expected results written out by hand, then properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.quantity import Qualifier, Quantity, QuantityFlag, contradiction, stated
from domain.quantity_text import parse_quantity

Q, F, D = Qualifier, QuantityFlag, Decimal

# text -> (value, qualifier, lower, upper, unit, resolution, flag); unit "u" is the one passed in.
FIXTURE_STRINGS = {
    "more than 300,000 people have benefited": (D(300000), Q.GT, D(300000), None, "u", D(1), None),
    "nearly 4,000 Hong Kong and Macao-invested projects": (D(4000), Q.NEARLY, None, D(4000), "u", D(1), None),
    "about 5,500": (D(5500), Q.APPROX, None, None, "u", D(1), None),
    "13.47 million": (D(13470000), Q.EXACT, D(13470000), D(13470000), "u", D(10000), None),
    "6.27万人": (D(62700), Q.EXACT, D(62700), D(62700), "persons", D(100), None),
    "6.27万": (D(62700), Q.EXACT, D(62700), D(62700), "u", D(100), None),
    "1.2亿": (D(120000000), Q.EXACT, D(120000000), D(120000000), "u", D(10000000), None),
    "62,700": (D(62700), Q.EXACT, D(62700), D(62700), "u", D(1), None),
    "released 12 rankings": (D(12), Q.EXACT, D(12), D(12), "u", D(1), None),
    "more than 1,000 applicants": (D(1000), Q.GT, D(1000), None, "u", D(1), None),
    "covering 16 areas": (D(16), Q.EXACT, D(16), D(16), "u", D(1), None),
    "first batch of 9 high-frequency government service items": (D(9), Q.EXACT, D(9), D(9), "u", D(1), None),
    "超过1000人次": (D(1000), Q.GT, D(1000), None, "person_times", D(1), None),
    "近4000个": (D(4000), Q.NEARLY, None, D(4000), "u", D(1), None),
    "约5500人": (D(5500), Q.APPROX, None, None, "persons", D(1), None),
    "逾30万人": (D(300000), Q.GT, D(300000), None, "persons", D(10000), None),
    "300多人": (D(300), Q.GT, D(300), None, "persons", D(1), None),
    "about 53,27 Hong Kong people are living in the mainland cities of the Greater Bay Area":
        (None, Q.APPROX, None, None, "u", None, F.GARBLED_NUMBER),
    "more than 7400,1270 Macao residents are currently working, living and residing in the Hengqin ...":
        (None, Q.GT, None, None, "u", None, F.GARBLED_NUMBER),
    "a livable community for more than 2024,<> Macao residents": (None, Q.GT, None, None, "u", None,
                                                                   F.GARBLED_NUMBER),
    "recently introduced <> measures": (None, Q.EXACT, None, None, "u", None, F.MISSING_NUMBER),
    "<>,<> Macao professionals in the fields of medicine, construction and tourism":
        (None, Q.EXACT, None, None, "u", None, F.MISSING_NUMBER),
    "collected during ... held this year": (None, None, None, None, "u", None, F.MISSING_NUMBER),
}


@pytest.mark.parametrize("text", list(FIXTURE_STRINGS))
def test_the_fixtures_strings_read_as_written_out(text):
    value, qualifier, lower, upper, unit, resolution, flag = FIXTURE_STRINGS[text]

    q = parse_quantity(text, "u")

    assert (q.value, q.qualifier, q.lower, q.upper, q.unit, q.resolution, q.flag) == (
        value, qualifier, lower, upper, unit, resolution, flag)
    assert q.raw == text
    assert contradiction(q) is None


def test_persons_and_person_times_are_different_units():
    assert parse_quantity("1000人").unit == "persons"
    assert parse_quantity("1000人次").unit == "person_times"


@pytest.mark.parametrize(("quantity", "why"), [
    (Quantity(D(5), Q.GT, D(5), D(4), "u"), "lower bound 5 is above upper bound 4"),
    (Quantity(D(5), Q.EXACT, D(5), D(6), "u"), "an exact figure is its own bounds: 5"),
    (Quantity(D(5), Q.GT, None, None, "u"),
     "'gt' 5 is a lower bound of 5 with no upper bound at or below it"),
    (Quantity(D(5), Q.NEARLY, D(1), None, "u"),
     "'nearly' 5 is an upper bound of 5 with no lower bound at or above it"),
    (Quantity(D(5), Q.APPROX, D(6), None, "u"), "bounds of an approximate 5 must contain it"),
    (Quantity(None, None, None, None, "u", "x"),
     "a figure without a value must say why (garbled or missing number)"),
    (Quantity(None, None, D(1), None, "u", "x", None, F.GARBLED_NUMBER),
     "a figure without a value has no bounds"),
])
def test_bounds_that_contradict_the_qualifier_are_named(quantity, why):
    assert contradiction(quantity) == why


def test_a_stated_figure_has_the_bounds_its_qualifier_implies():
    assert stated(300000, Q.GT, "persons") == Quantity(D(300000), Q.GT, D(300000), None, "persons")
    assert stated(4000, Q.NEARLY, "projects") == Quantity(D(4000), Q.NEARLY, None, D(4000), "projects")


# --- properties: any number, written in any of the sources' notations, reads back as itself
PREFIX = {Q.EXACT: "", Q.GT: "more than ", Q.NEARLY: "nearly ", Q.APPROX: "about ", Q.GTE: "at least ",
          Q.LT: "less than ", Q.LTE: "up to "}
CHINESE = {Q.EXACT: "", Q.GT: "超过", Q.NEARLY: "近", Q.APPROX: "约"}


def grouped(n: int) -> str:
    return f"{n:,}"


@given(st.integers(0, 10**12), st.sampled_from(list(PREFIX)))
def test_plain_and_grouped_integers_round_trip(n, qualifier):
    for text in (f"{PREFIX[qualifier]}{n}", f"{PREFIX[qualifier]}{grouped(n)} people"):
        q = parse_quantity(text)
        assert (q.value, q.qualifier, q.resolution, q.flag) == (D(n), qualifier, D(1), None)


@given(st.integers(1, 99999), st.integers(0, 3), st.sampled_from(["million", "万", "亿", "thousand"]),
       st.sampled_from(list(CHINESE)))
def test_scaled_decimals_round_trip_with_their_resolution(digits, places, scale, qualifier):
    factor = {"million": 10**6, "万": 10**4, "亿": 10**8, "thousand": 10**3}[scale]
    mantissa = D(digits).scaleb(-places)
    written = f"{mantissa:f}"
    prefix = CHINESE[qualifier] if scale in "万亿" else PREFIX[qualifier]
    q = parse_quantity(f"{prefix}{written} {scale}" if scale.isascii() else f"{prefix}{written}{scale}")
    assert q.value == mantissa * factor
    assert q.resolution == D(factor).scaleb(-places)
    assert (q.qualifier, q.flag) == (qualifier, None)
    assert q.value % q.resolution == 0  # never more precise than the text


@st.composite
def malformed_groupings(draw) -> str:
    """Comma groupings no locale writes: a first group over three digits, or a later one not of three."""
    head = draw(st.integers(1, 99999))
    groups = draw(st.lists(st.integers(0, 99999), min_size=1, max_size=3))
    widths = [len(str(g)) for g in groups]
    if len(str(head)) <= 3 and all(w == 3 for w in widths):
        groups[-1] = groups[-1] % 100  # two digits at most: never a group of three
    return ",".join([str(head), *(str(g) for g in groups)])


@given(malformed_groupings(), st.sampled_from(list(PREFIX)))
def test_a_malformed_grouping_never_gets_a_value(number, qualifier):
    q = parse_quantity(f"{PREFIX[qualifier]}{number} Macao residents")
    assert q.value is None
    assert q.flag is F.GARBLED_NUMBER
    assert (q.lower, q.upper, q.resolution) == (None, None, None)
    assert q.raw == f"{PREFIX[qualifier]}{number} Macao residents"


@given(st.integers(0, 10**6), st.sampled_from(["<>", ",<>", "<>,"]))
def test_a_placeholder_in_the_number_never_gets_a_value(n, placeholder):
    q = parse_quantity(f"more than {n}{placeholder} Macao residents")
    assert q.value is None and q.flag in (F.GARBLED_NUMBER, F.MISSING_NUMBER)
