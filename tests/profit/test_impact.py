"""Profit impact of overdue accounts: worked examples of course/references.md §3 and hand cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from receivables.profit import (
    CCAA_COLLECTABILITY,
    carrying_cost,
    collectability,
    discount_cost,
    eu_late_rate,
    expected_recovery,
    late_interest,
    lpr_late_rate,
    overdue_profit_impact,
    sales_to_replace_bad_debt,
)

# -- worked examples (course/references.md §3) ------------------------------------------


def test_sales_to_replace_bad_debt_worked_example():
    # 2,500 at 3 % -> 83,333
    assert sales_to_replace_bad_debt(2_500, 0.03) == pytest.approx(83_333.33, abs=0.01)


def test_discount_cost_worked_example_simple():
    # 2/10 net 30 -> 37.2 % a year
    assert round(discount_cost(0.02, 10, 30), 3) == 0.372


def test_discount_cost_worked_example_compounded():
    # compounded: about 44.6 %
    assert round(discount_cost(0.02, 10, 30, compounded=True), 3) == 0.446


def test_default_curve_holds_the_survey_figures():
    # about 73 % at 3 months, 50 % at 6, 25 % at 1 year, 10 % at 2 years
    assert CCAA_COLLECTABILITY == {0: 1.0, 3: 0.73, 6: 0.50, 12: 0.25, 24: 0.10}
    months = np.array([3, 6, 12, 24]) * 365 / 12
    np.testing.assert_allclose(collectability(months), [0.73, 0.50, 0.25, 0.10])


# -- hand-computed cases ---------------------------------------------------------------


def test_sales_to_replace_undefined_without_a_positive_margin():
    assert sales_to_replace_bad_debt(1_000, 0) is None
    assert sales_to_replace_bad_debt(1_000, -0.05) is None
    assert sales_to_replace_bad_debt(1_000, None) is None


def test_carrying_cost_365_and_360():
    assert carrying_cost(100_000, 0.0365, 100) == pytest.approx(1_000.0)
    assert carrying_cost(100_000, 0.036, 100, day_count=360) == pytest.approx(1_000.0)
    assert isinstance(carrying_cost(1.0, 0.1, 1), float)


def test_carrying_cost_vectorized():
    np.testing.assert_allclose(carrying_cost(np.array([36_500, 73_000]), 0.10, [10, 20]), [100, 400])
    with pytest.raises(ValueError):
        carrying_cost(1, 0.1, 1, day_count=0)


def test_collectability_interpolates_between_points():
    # 45 days = 1.479 months: between 1.0 (0) and 0.73 (3 months)
    months = 45 / (365 / 12)
    assert collectability(45) == pytest.approx(1 - 0.27 * months / 3)
    # halfway between 6 and 12 months -> halfway between 0.50 and 0.25
    assert collectability(9 * 365 / 12) == pytest.approx(0.375)


def test_collectability_flat_outside_the_curve_and_missing():
    assert collectability(-30) == 1.0  # not yet due
    assert collectability(5 * 365) == pytest.approx(0.10)  # flat beyond 24 months
    assert collectability(None) is None
    assert np.isnan(collectability(np.array([np.nan]))[0])


def test_collectability_series_keeps_index_and_custom_curve():
    s = pd.Series([0, 30, 60], index=["x", "y", "z"])
    result = collectability(s, curve={0: 1.0, 2: 0.0})
    assert list(result.index) == ["x", "y", "z"]
    np.testing.assert_allclose(result, [1.0, 1 - 30 / (2 * 365 / 12), 1 - 60 / (2 * 365 / 12)])


@pytest.mark.parametrize("curve", [{}, {0: 1.2}, {0: 0.5, 3: 0.8}, {-1: 1.0}])
def test_collectability_rejects_bad_curves(curve):
    with pytest.raises(ValueError):
        collectability(10, curve=curve)


@given(st.lists(st.floats(min_value=-100, max_value=5_000), min_size=2, max_size=30))
def test_collectability_monotone_non_increasing_in_age(ages):
    ages = np.sort(np.array(ages))
    p = collectability(ages)
    assert np.all(np.diff(p) <= 1e-12)
    assert np.all((p >= 0) & (p <= 1))


def test_expected_recovery():
    assert expected_recovery(10_000, 6 * 365 / 12) == pytest.approx(5_000)
    s = expected_recovery(1_000, pd.Series([0, 365]))
    np.testing.assert_allclose(s, [1_000, 250])
    assert expected_recovery(1_000, None) is None


def test_discount_cost_undefined_and_invalid():
    assert discount_cost(0.02, 30, 30) is None
    assert discount_cost(1.0, 10, 30) is None
    assert discount_cost(0.0, 10, 30) == 0.0
    with pytest.raises(ValueError):
        discount_cost(-0.01, 10, 30)


def test_discount_cost_1_10_net_60():
    # 1/10 net 60: 0.01/0.99 * 365/50 = 7.37 %
    assert discount_cost(0.01, 10, 60) == pytest.approx(0.01 / 0.99 * 365 / 50)


def test_late_interest_and_rates():
    assert late_interest(100_000, 0.0365, 30) == pytest.approx(300.0)
    assert late_interest(100_000, 0.10, -5) == 0.0  # not yet late
    assert lpr_late_rate(0.0345, 0.5) == pytest.approx(0.05175)
    assert lpr_late_rate(0.0345) == pytest.approx(0.0345 * 1.3)
    assert eu_late_rate(0.0215) == pytest.approx(0.1015)
    with pytest.raises(ValueError):
        lpr_late_rate(0.03, -0.1)


def test_overdue_profit_impact_hand_computed():
    # 100,000 overdue 6 months (182.5 days) at 6 % funding, 5 % net margin
    r = overdue_profit_impact(100_000, 182.5, margin=0.05, annual_rate=0.06)
    assert r["carrying_cost"] == pytest.approx(3_000)
    assert r["collectability"] == pytest.approx(0.5)
    assert r["expected_loss"] == pytest.approx(50_000)
    assert r["expected_recovery"] == pytest.approx(50_000)
    assert r["total_cost"] == pytest.approx(53_000)
    assert r["sales_to_replace_loss"] == pytest.approx(1_000_000)
    assert r["sales_to_replace_carrying_cost"] == pytest.approx(60_000)
    assert r["sales_to_replace_total"] == pytest.approx(1_060_000)


def test_overdue_profit_impact_not_overdue_and_no_margin():
    r = overdue_profit_impact(10_000, -10, margin=0, annual_rate=0.05)
    assert r["days_overdue"] == 0
    assert r["carrying_cost"] == 0 and r["expected_loss"] == 0
    assert r["sales_to_replace_loss"] is None
