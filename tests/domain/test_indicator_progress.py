"""Progress against a target uses the bound the observation's qualifier implies, and says so."""

from __future__ import annotations

from decimal import Decimal

from domain.indicator.progress import BoundUsed, Relation, progress
from domain.quantity import Qualifier, QuantityFlag, stated, unreadable
from domain.quantity_text import parse_quantity

Q = Qualifier


def test_more_than_300000_is_a_lower_bound_and_meets_a_target_of_more_than_300000():
    got = progress(stated(300000, Q.GT, "persons"), parse_quantity("more than 300,000 people", "persons"))

    assert (got.bound_used, got.relation, got.percent, got.reached) == (
        BoundUsed.LOWER, Relation.AT_LEAST, Decimal("100.0"), True)
    assert got.basis == ("'more than 300000' is a lower bound: at least 100.0% of the target (more than "
                         "300000); reached")


def test_nearly_4000_is_an_upper_bound_below_a_target_of_5000():
    got = progress(stated(5000, Q.GTE, "projects"), parse_quantity("nearly 4,000 projects", "projects"))

    assert (got.bound_used, got.relation, got.percent, got.reached) == (
        BoundUsed.UPPER, Relation.AT_MOST, Decimal("80.0"), False)
    assert got.basis.startswith("'nearly 4000' is an upper bound: at most 80.0% of the target")


def test_nearly_the_target_is_not_the_target():
    got = progress(stated(4000, Q.EXACT, "projects"), stated(4000, Q.NEARLY, "projects"))

    assert (got.percent, got.reached) == (Decimal("100.0"), False)


def test_a_lower_bound_under_the_target_cannot_tell_and_shares_round_so_the_relation_holds():
    at_least = progress(stated(3000, Q.GT, "persons"), stated(1000, Q.GT, "persons"))
    at_most = progress(stated(3000, Q.EXACT, "persons"), stated(1000, Q.NEARLY, "persons"))

    assert (at_least.percent, at_least.reached) == (Decimal("33.3"), None)
    assert (at_most.percent, at_most.reached) == (Decimal("33.4"), False)


def test_about_uses_no_bound_and_exact_uses_both():
    about = progress(stated(10000, Q.GT, "persons"), stated(5500, Q.APPROX, "persons"))
    exact = progress(stated(3000, Q.GTE, "persons"), stated(3169, Q.EXACT, "persons"))

    assert (about.bound_used, about.relation, about.percent, about.reached) == (
        BoundUsed.NONE, Relation.ABOUT, Decimal("55.0"), None)
    assert (exact.bound_used, exact.relation, exact.percent, exact.reached) == (
        BoundUsed.BOTH, Relation.EXACTLY, Decimal("105.6"), True)


def test_a_ceiling_target_is_reached_only_below_it_and_a_garbled_figure_gives_no_progress():
    ceiling = progress(stated(100, Q.LT, "days"), stated(90, Q.LTE, "days"))
    garbled = progress(stated(100, Q.GT, "persons"),
                       unreadable("7400,1270 Macao residents", QuantityFlag.GARBLED_NUMBER, Q.GT, "persons"))

    assert (ceiling.reached, ceiling.bound_used) == (True, BoundUsed.UPPER)
    assert garbled is None
