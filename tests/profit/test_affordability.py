"""How much receivables can we afford: course/references.md §4."""

from __future__ import annotations

import pytest

from receivables.profit import (
    cash_conversion_cycle,
    cash_conversion_cycle_from_balances,
    days_inventory_outstanding,
    days_payables_outstanding,
    days_sales_outstanding,
    receivables_ceiling,
    receivables_investment,
)


def test_receivables_investment():
    # 36.5 million a year = 100,000 a day; 60 days -> 6 million
    assert receivables_investment(36_500_000, 60) == pytest.approx(6_000_000)
    assert receivables_investment(36_000_000, 30, days_in_year=360) == pytest.approx(3_000_000)


def test_cash_conversion_cycle():
    assert cash_conversion_cycle(45, 60, 30) == 75.0


def test_days_from_balances():
    assert days_inventory_outstanding(1_000_000, 7_300_000) == pytest.approx(50)
    assert days_payables_outstanding(600_000, 7_300_000) == pytest.approx(30)
    assert days_sales_outstanding(2_000_000, 12_166_666.67) == pytest.approx(60, abs=1e-6)
    assert days_inventory_outstanding(1, 0) is None
    assert days_payables_outstanding(1, -1) is None
    assert days_sales_outstanding(1, 0) is None


def test_cash_conversion_cycle_from_balances():
    r = cash_conversion_cycle_from_balances(
        inventory=1_000_000,
        receivables=1_500_000,
        payables=600_000,
        cogs=7_300_000,
        credit_sales=9_125_000,
    )
    assert r["dio"] == pytest.approx(50)
    assert r["dso"] == pytest.approx(60)
    assert r["dpo"] == pytest.approx(30)
    assert r["ccc"] == pytest.approx(80)
    assert cash_conversion_cycle_from_balances(1, 1, 1, 0, 1)["ccc"] is None


def test_receivables_ceiling_hand_computed():
    r = receivables_ceiling(
        equity=30_000_000,
        credit_line=20_000_000,
        payables=15_000_000,
        inventory=25_000_000,
        minimum_cash=5_000_000,
        annual_sales=365_000_000,
        target_dso=60,
    )
    assert r["funds_available"] == 65_000_000
    assert r["ceiling"] == 35_000_000
    assert r["daily_sales"] == pytest.approx(1_000_000)
    assert r["required"] == pytest.approx(60_000_000)
    assert r["headroom"] == pytest.approx(-25_000_000)
    assert r["max_dso"] == pytest.approx(35)


def test_receivables_ceiling_edges():
    # funds do not even cover inventory: no room for receivables
    r = receivables_ceiling(1, 0, 0, 10, 0, 365, 30)
    assert r["ceiling"] == -9 and r["max_dso"] == 0.0
    # no sales: max DSO undefined, nothing required
    r = receivables_ceiling(10, 0, 0, 0, 0, 0, 30)
    assert r["max_dso"] is None and r["required"] == 0 and r["headroom"] == 10


def test_receivables_ceiling_matches_widget_keywords():
    # The affordability widget calls the function with exactly these names.
    keys = dict(
        equity=1,
        credit_line=1,
        payables=1,
        inventory=1,
        minimum_cash=1,
        annual_sales=365,
        target_dso=1,
    )
    assert set(receivables_ceiling(**keys)) >= {
        "funds_available",
        "ceiling",
        "required",
        "headroom",
        "max_dso",
    }
