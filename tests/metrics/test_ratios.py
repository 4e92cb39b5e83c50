"""DSO family, CEI and turnover: the worked examples of course/references.md §2 and edge cases."""

from __future__ import annotations

import math

import pytest

from receivables.metrics import (
    average_days_delinquent,
    best_possible_dso,
    cei,
    dso_countback,
    dso_simple,
    open_items,
    turnover,
    weighted_days_past_due,
)

from .builders import invoices


def test_countback_worked_example():
    # AR 212,000; sales 100,000 / 80,000 / 70,000 in 30-day months -> 73.7 days.
    value = dso_countback(212_000, [100_000, 80_000, 70_000], [30, 30, 30])
    assert value == pytest.approx(30 + 30 + 32_000 / 70_000 * 30)
    assert round(value, 1) == 73.7
    assert dso_countback(212_000, [100_000, 80_000, 70_000], 30) == value  # one days figure


def test_countback_within_the_latest_month():
    assert dso_countback(50_000, [100_000, 80_000], [31, 30]) == pytest.approx(15.5)


def test_countback_exactly_absorbed_by_a_month():
    assert dso_countback(180_000, [100_000, 80_000], [30, 31]) == pytest.approx(61.0)


def test_countback_ar_beyond_all_sales_is_none():
    # Decision: the months given cannot absorb the AR, any number would understate it.
    assert dso_countback(300_000, [100_000, 80_000, 70_000], 30) is None
    assert dso_countback(1.0, [], []) is None


def test_countback_zero_and_negative_ar_and_months_without_sales():
    assert dso_countback(0, [100_000], 30) == 0.0
    assert dso_countback(-5, [100_000], 30) is None
    # A month without sales adds its days and absorbs nothing.
    assert dso_countback(50_000, [0, 100_000], [28, 30]) == pytest.approx(28 + 15)


def test_countback_days_must_match_months():
    with pytest.raises(ValueError):
        dso_countback(10, [100, 100], [30])


def test_add_worked_example():
    # AR 15,000, current 4,000, 30-day sales 10,000 -> 45 - 12 = 33 days.
    dso = dso_simple(15_000, 10_000, 30)
    bpdso = best_possible_dso(4_000, 10_000, 30)
    assert dso == pytest.approx(45.0)
    assert bpdso == pytest.approx(12.0)
    assert average_days_delinquent(dso, bpdso) == pytest.approx(33.0)


def test_undefined_ratios_are_none_not_nan():
    assert dso_simple(15_000, 0, 30) is None
    assert dso_simple(15_000, -10, 30) is None
    assert best_possible_dso(4_000, 0, 30) is None
    assert average_days_delinquent(None, 12.0) is None
    assert average_days_delinquent(45.0, None) is None
    assert dso_simple(float("nan"), 10, 30) is None
    assert turnover(100.0, 0.0) is None
    assert cei(0, 0, 0, 0) is None


def test_cei_worked_example():
    # 10,750 / 13,500 = 79.6 %: opening 10,000 + sales 5,000, closing 4,250 of which
    # 1,500 current.
    value = cei(10_000, 5_000, 4_250, 1_500)
    assert value == pytest.approx(10_750 / 13_500 * 100)
    assert round(value, 1) == 79.6


def test_cei_perfect_collection_is_100():
    assert cei(10_000, 5_000, 1_500, 1_500) == pytest.approx(100.0)


def test_turnover_and_its_link_to_dso():
    rate = turnover(120_000, 20_000)
    assert rate == pytest.approx(6.0)
    assert 360 / rate == pytest.approx(dso_simple(20_000, 120_000, 360))


def test_weighted_days_past_due_is_amount_weighted_over_overdue_items():
    inv = invoices(
        [
            ("A", "c", "2024-04-01", "2024-05-01", 1_000.0),  # 60 dpd on 2024-06-30
            ("B", "c", "2024-05-01", "2024-06-20", 3_000.0),  # 10 dpd
            ("C", "c", "2024-06-10", "2024-07-10", 9_999.0),  # not due: left out
        ]
    )
    items = open_items(inv, None, "2024-06-30")
    assert weighted_days_past_due(items) == pytest.approx((1_000 * 60 + 3_000 * 10) / 4_000)


def test_weighted_days_past_due_none_when_nothing_is_overdue():
    inv = invoices([("C", "c", "2024-06-10", "2024-07-10", 100.0)])
    assert weighted_days_past_due(open_items(inv, None, "2024-06-30")) is None
    assert weighted_days_past_due(open_items(inv, None, "2024-01-01")) is None


def test_ratios_return_plain_floats():
    for value in (dso_simple(1, 2, 3), cei(10, 5, 4, 1), turnover(6, 2)):
        assert type(value) is float
        assert not math.isnan(value)
