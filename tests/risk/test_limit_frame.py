"""Credit limits for many customers at once, the case inputs, and our own sales, by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from receivables.risk.limits import (
    case_limit_inputs,
    credit_limit_frame,
    credit_limit_options,
    own_sales,
)


def test_frame_matches_the_rules_row_by_row():
    inputs = pd.DataFrame(
        {
            "tangible_net_worth": [10e6, 1e6, None],
            "working_capital": [3e6, -5e5, None],
            "monthly_purchases": [2e5, 1e5, None],
            "terms_days": [60, 30, None],
        }
    )
    out = credit_limit_frame(inputs, own_annual_sales=1e8, grace_days=15)
    # row 0: 1 M, 300 k, 200 k x 75 / 30 = 500 k, 10 M -> 300 k by working capital
    assert list(out.loc[0, ["net_worth", "working_capital_limit", "purchases", "concentration"]]) == pytest.approx(
        [1e6, 3e5, 5e5, 1e7]
    )
    assert (out.loc[0, "recommended"], out.loc[0, "basis"]) == (pytest.approx(3e5), "working_capital")
    # row 1: negative working capital -> 0
    assert (out.loc[1, "recommended"], out.loc[1, "basis"]) == (0.0, "working_capital")
    # row 2: only the concentration rule has its input
    assert (out.loc[2, "recommended"], out.loc[2, "basis"]) == (pytest.approx(1e7), "concentration")
    for i, row in inputs.iterrows():
        one = credit_limit_options(
            row["tangible_net_worth"], row["working_capital"], row["monthly_purchases"], row["terms_days"], 15, 1e8
        )
        assert out.loc[i, "basis"] == one["basis"] and out.loc[i, "recommended"] == pytest.approx(one["recommended"])
    none = credit_limit_frame(pd.DataFrame({"working_capital": [None]}))
    assert math.isnan(none.loc[0, "recommended"]) and pd.isna(none.loc[0, "basis"])


def test_case_inputs_and_own_sales():
    invoices = pd.DataFrame(
        {
            "invoice_id": ["I1", "I2", "I3", "I4"],
            "customer_id": ["A", "A", "B", "A"],
            "invoice_date": ["2024-12-15", "2025-06-01", "2025-11-30", "2026-01-05"],
            "amount": [1_200.0, 2_400.0, 600.0, 999.0],
        }
    )
    payments = pd.DataFrame(
        {"invoice_id": ["I1", "I2"], "paid_date": ["2025-01-10", "2025-07-01"], "paid_amount": [1_200.0, 400.0]}
    )
    customers = pd.DataFrame(
        {
            "customer_id": ["A", "B"],
            "name_en": ["Alpha", "Beta"],
            "name_zh": ["甲", "乙"],
            "terms_days": [60, 30],
            "credit_limit": [5_000.0, 1_000.0],
        }
    )
    financials = pd.DataFrame(
        {
            "customer_id": ["A", "A"],
            "year": [2025, 2026],
            "current_assets": [900.0, 1.0],
            "current_liabilities": [400.0, 1.0],
            "book_equity": [3_000.0, 1.0],
        }
    )
    tables = {"customers": customers, "financials": financials, "invoices": invoices, "payments": payments}
    got = case_limit_inputs(tables, "2025-12-31").set_index("customer_id")
    # A: 2025 accounts; invoiced 2,400 in the last 12 months -> 200 a month; owes 2,400 - 400
    assert list(got.loc["A", ["tangible_net_worth", "working_capital", "monthly_purchases", "balance"]]) == [
        3_000.0,
        500.0,
        200.0,
        2_000.0,
    ]
    assert got.loc["B", "monthly_purchases"] == 50.0 and got.loc["B", "balance"] == 600.0
    assert math.isnan(got.loc["B", "tangible_net_worth"])
    assert own_sales(invoices, "2025-12-31") == 3_000.0
    assert own_sales(invoices, "2025-12-31", months=6) == 1_200.0  # 600 in the last 6 months x 2
