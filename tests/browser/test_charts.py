"""The chart's arithmetic and words, without a browser: scales, numbers as stated, qualifiers in words."""

from __future__ import annotations

from decimal import Decimal

from domain.quantity import Qualifier, QuantityFlag
from service.http.dashboard.charts import kind_of, nice_ceiling, number, worded
from service.http.dashboard.i18n import Words
from service.reads.indicator_views import FigureView


def figure(value: str | None, qualifier: Qualifier | None, raw: str | None = None,
           flag: QuantityFlag | None = None) -> FigureView:
    v = Decimal(value) if value is not None else None
    return FigureView(value=v, qualifier=qualifier, lower=None, upper=None, unit="persons", raw=raw,
                      resolution=None, flag=flag)


def test_a_scale_ends_at_one_two_two_and_a_half_or_five_times_a_power_of_ten():
    assert [nice_ceiling(Decimal(v)) for v in ("78375", "375000", "15", "3.75", "5", "0.4", "1")] == [
        Decimal(100000), Decimal(500000), Decimal(20), Decimal(5), Decimal(5), Decimal(1), Decimal(1)]


def test_numbers_are_written_as_stated_with_separators_and_no_trailing_zero_of_a_whole_one():
    assert [number(Decimal(v)) for v in ("13470000", "1.347E+7", "50000.0", "2.5", "0.50")] == [
        "13,470,000", "13,470,000", "50,000", "2.5", "0.50"]


def test_each_qualifier_is_said_in_words_in_each_language():
    gt, nearly = figure("300000", Qualifier.GT), figure("4000", Qualifier.NEARLY)
    assert [worded(q, Words("en")) for q in (gt, nearly, figure("5500", Qualifier.APPROX))] == [
        "more than 300,000 persons", "nearly 4,000 persons", "about 5,500 persons"]
    assert [worded(gt, Words(lang)) for lang in ("zh-Hans", "zh-Hant")] == [
        "超过 300,000 persons", "超過 300,000 persons"]


def test_a_figure_without_a_value_is_its_raw_text_and_is_drawn_as_no_bar():
    garbled = figure(None, Qualifier.APPROX, "about 53,27 Hong Kong people", QuantityFlag.GARBLED_NUMBER)

    assert worded(garbled, Words("en")) == "“about 53,27 Hong Kong people”"
    assert [kind_of(q) for q in (garbled, figure("1", Qualifier.GTE), figure("1", Qualifier.LTE),
                                 figure("1", Qualifier.EXACT), figure("1", Qualifier.APPROX))] == [
        "unreadable", "open", "upper", "exact", "approx"]
