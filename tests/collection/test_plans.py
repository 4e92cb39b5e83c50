"""Instalment payment plans: schedule arithmetic and cent rounding."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from receivables.collection import payment_plan


def _cents(series: pd.Series) -> list[int]:
    return [round(v * 100) for v in series]


def test_equal_principal_without_interest_last_absorbs_rounding():
    plan = payment_plan(1_000, 3, "2024-01-31")
    assert list(plan.columns) == ["n", "due_date", "payment", "interest", "principal", "remaining"]
    assert list(plan["principal"]) == [333.33, 333.33, 333.34]
    assert list(plan["remaining"]) == [666.67, 333.34, 0.0]
    assert list(plan["interest"]) == [0.0, 0.0, 0.0]
    assert list(plan["payment"]) == list(plan["principal"])
    # month ends are clamped: 31 Jan -> 29 Feb -> 31 Mar
    assert list(plan["due_date"]) == list(pd.to_datetime(["2024-01-31", "2024-02-29", "2024-03-31"]))


def test_equal_principal_with_interest():
    plan = payment_plan(12_000, 12, "2024-01-15", annual_rate=0.12)
    assert set(plan["principal"]) == {1_000.0}
    assert list(plan["interest"][:3]) == [120.0, 110.0, 100.0]
    assert plan["interest"].iloc[-1] == 10.0
    assert plan["payment"].iloc[0] == 1_120.0
    assert plan["interest"].sum() == pytest.approx(780.0)


def test_annuity_hand_computed():
    # 10,000 over 12 months at 12 %: r = 1 %, payment = 10,000 x 0.01 / (1 - 1.01**-12) = 888.49
    plan = payment_plan(10_000, 12, "2024-01-15", annual_rate=0.12, method="annuity")
    assert set(plan["payment"][:-1]) == {888.49}
    first = plan.iloc[0]
    assert (first["interest"], first["principal"], first["remaining"]) == (100.0, 788.49, 9_211.51)
    assert sum(_cents(plan["principal"])) == 1_000_000
    assert plan["remaining"].iloc[-1] == 0.0
    assert plan["payment"].iloc[-1] == pytest.approx(888.49, abs=0.05)


def test_quarterly_interval_and_annuity_without_interest():
    plan = payment_plan(900, 3, "2024-01-01", interval_months=3, annual_rate=0.04)
    assert list(plan["interest"]) == [9.0, 6.0, 3.0]  # 1 % a quarter
    assert list(plan["due_date"]) == list(pd.to_datetime(["2024-01-01", "2024-04-01", "2024-07-01"]))
    flat = payment_plan(100, 3, "2024-01-01", method="annuity")
    assert list(flat["payment"]) == [33.33, 33.33, 33.34]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"instalments": 0},
        {"instalments": 2.5},
        {"interval_months": 0},
        {"principal": -1},
        {"annual_rate": -0.1},
        {"method": "balloon"},
    ],
)
def test_invalid_arguments(kwargs):
    args = {"principal": 100, "instalments": 2, "start": "2024-01-01", **kwargs}
    with pytest.raises(ValueError):
        payment_plan(**args)


@settings(max_examples=150, deadline=None)
@given(
    principal=st.decimals(min_value=0, max_value=10_000_000, places=2),
    instalments=st.integers(min_value=1, max_value=60),
    rate=st.sampled_from([0.0, 0.035, 0.06, 0.12, 0.24]),
    method=st.sampled_from(["equal_principal", "annuity"]),
)
def test_principal_parts_sum_exactly_to_the_principal(principal, instalments, rate, method):
    plan = payment_plan(float(principal), instalments, "2024-01-31", annual_rate=rate, method=method)
    assert len(plan) == instalments
    assert sum(_cents(plan["principal"])) == int(principal * 100)
    assert plan["remaining"].iloc[-1] == 0.0
    assert (plan["principal"] >= 0).all() and (plan["interest"] >= 0).all()
    assert _cents(plan["payment"]) == [
        p + i for p, i in zip(_cents(plan["principal"]), _cents(plan["interest"]), strict=True)
    ]
    assert plan["remaining"].is_monotonic_decreasing
