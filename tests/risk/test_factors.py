"""Factor scores of the scorecard (the kit's conventions), checked by hand on small ledgers."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from receivables.risk.factors import (
    case_factor_scores,
    days_late_12m,
    financial_inputs,
    financial_score,
    group_profile,
    industry_score,
    size_score,
)

AS_OF = "2025-12-31"
INVOICES = pd.DataFrame(
    {
        "invoice_id": ["A1", "A2", "A3", "B1", "B2", "CN"],
        "customer_id": ["A", "A", "A", "B", "B", "A"],
        "invoice_date": pd.to_datetime(
            ["2024-06-01", "2025-05-01", "2025-11-01", "2025-01-01", "2025-12-20", "2025-06-01"]
        ),
        "due_date": pd.to_datetime(
            ["2024-07-01", "2025-06-01", "2025-12-01", "2025-02-01", "2026-01-20", "2025-06-01"]
        ),
        "amount": [1_000.0, 2_000.0, 1_000.0, 4_000.0, 500.0, -100.0],
    }
)
PAYMENTS = pd.DataFrame(
    {
        "invoice_id": ["A1", "A2", "A2", "B1"],
        "paid_date": pd.to_datetime(["2024-08-01", "2025-06-11", "2025-07-01", "2025-01-25"]),
        "paid_amount": [1_000.0, 1_000.0, 1_000.0, 4_000.0],
    }
)
CUSTOMERS = pd.DataFrame(
    {
        "customer_id": ["A", "B"],
        "name_en": ["Alpha", "Beta"],
        "name_zh": ["甲", "乙"],
        "nature": ["国企", "个体"],
        "nature_en": ["state-owned", "sole proprietor"],
        "industry": ["建筑工程", "新行业"],
        "industry_en": ["construction", "new trade"],
    }
)
FINANCIALS = pd.DataFrame(
    {
        "customer_id": ["A", "A", "B"],
        "year": [2024, 2025, 2025],
        "total_assets": [1_000.0, 1_000.0, 1_000.0],
        "total_liabilities": [600.0, 600.0, 600.0],
        "current_assets": [500.0, 500.0, 300.0],
        "current_liabilities": [300.0, 300.0, 400.0],
        "retained_earnings": [300.0, 300.0, -300.0],
        "ebit": [100.0, 100.0, -100.0],
        "sales": [1e6, 1e7, 1e9],
        "book_equity": [400.0, 400.0, 400.0],
    }
)


def test_days_late_weights_recent_payments_and_what_is_still_overdue():
    late = days_late_12m(INVOICES, PAYMENTS, AS_OF)
    # A: A1 paid in 2024 (outside the 12 months); A2 paid 10 and 30 days late, 1,000 each;
    # A3 unpaid, 30 days past due on 31 Dec: (1,000 x 10 + 1,000 x 30 + 1,000 x 30) / 3,000
    assert late["A"] == pytest.approx(70_000 / 3_000)
    # B: B1 paid early (counts as 0); B2 not yet due (left out)
    assert late["B"] == 0.0


def test_financial_and_size_scores_by_the_points():
    z = pd.Series([-1.0, 0.0, 1.10, 1.85, 2.60, 5.0, 7.0, float("nan")])
    assert list(financial_score(z)[:7]) == pytest.approx([0, 0, 40, 55, 70, 100, 100])
    assert math.isnan(financial_score(z).iloc[7])
    sizes = size_score(pd.Series([1e5, 1e6, 10**7.5, 1e9, 1e11, 0.0]))
    assert list(sizes[:5]) == pytest.approx([30, 30, 60, 90, 90]) and math.isnan(sizes.iloc[5])


def test_industry_score_by_chinese_or_english_name():
    scores = industry_score(pd.Series(["建筑工程", "Construction ", "自动化", "新行业"]))
    assert list(scores) == [40.0, 40.0, 70.0, 55.0]
    assert list(industry_score(pd.Series(["x"]), {"x": {"score": 10}})) == [10.0]


def test_the_score_tables_are_data_with_both_names_read_on_first_use(repo_root):
    import subprocess
    import sys

    from receivables.risk.factor_tables import ENTERPRISE_NATURE_SCORES, INDUSTRY_SCORES, factor_tables

    assert set(factor_tables()) == {"enterprise_nature", "industry"}
    assert dict(INDUSTRY_SCORES["建筑工程"]) == {"score": 40.0, "en": "construction"}
    assert [(e["zh"], e["en"]) for e in ENTERPRISE_NATURE_SCORES.values()][0] == ("国企", "State-owned enterprise")
    # every industry of the case data is in the table, under the English name the data gives it
    customers = pd.read_csv(repo_root / "datasets" / "electromech" / "customers.csv")
    named = {(zh, entry["en"]) for zh, entry in INDUSTRY_SCORES.items()}
    assert set(zip(customers["industry"], customers["industry_en"], strict=True)) <= named
    code = "import receivables.risk.factors as f, receivables.risk.factor_tables as t; print(t.factor_tables.cache_info().currsize)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "0"  # importing the package does not read the file


def test_financial_inputs_take_the_latest_year_or_the_one_asked():
    latest = financial_inputs(FINANCIALS, "A")
    assert latest == {
        "working_capital": 200.0,
        "retained_earnings": 300.0,
        "ebit": 100.0,
        "total_assets": 1_000.0,
        "book_equity": 400.0,
        "total_liabilities": 600.0,
    }
    with pytest.raises(ValueError, match="no financials for customer B in 2023"):
        financial_inputs(FINANCIALS, "B", 2023)


def test_case_factor_scores_and_group_profile():
    tables = {"customers": CUSTOMERS, "financials": FINANCIALS, "invoices": INVOICES, "payments": PAYMENTS}
    f = case_factor_scores(tables, AS_OF, security=20).set_index("customer_id")
    # A: Z'' = 6.56 x 0.2 + 3.26 x 0.3 + 6.72 x 0.1 + 1.05 x 400/600 = 3.662 -> 70 + 30 x 1.062 / 2.4
    assert f.loc["A", "z"] == pytest.approx(3.662) and f.loc["A", "financials"] == pytest.approx(70 + 30 * 1.062 / 2.4)
    assert f.loc["A", "payment_history"] == pytest.approx(100 - 70_000 / 3_000)
    assert (f.loc["A", "enterprise_nature"], f.loc["A", "industry"], f.loc["A", "relationship"]) == (
        80.0,
        40.0,
        pytest.approx(50.0),
    )
    # B: Z'' = 6.56 x -0.1 + 3.26 x -0.3 + 6.72 x -0.1 + 0.7 = -1.606 -> 0; unknown industry 55; sales 1e9 -> 90
    assert f.loc["B", "financials"] == 0.0 and f.loc["B", "zone"] == "distress"
    assert (
        f.loc["B", "enterprise_nature"],
        f.loc["B", "industry"],
        f.loc["B", "relationship"],
        f.loc["B", "security"],
    ) == (40.0, 55.0, 90.0, 20.0)
    with pytest.raises(ValueError, match="security"):
        case_factor_scores(tables, AS_OF, security=120)
    items = pd.DataFrame(
        {"customer_id": ["A", "A", "B"], "open_amount": [1_000.0, 300.0, 500.0], "days_past_due": [30, -5, -20]}
    )
    profile = group_profile(f.reset_index(), items, "nature", lang="zh")
    assert list(profile["group"]) == ["国企", "个体"]
    assert list(profile["open_balance"]) == [1_300.0, 500.0]
    assert (
        profile.loc[0, "overdue_share"] == pytest.approx(1_000 / 1_300 * 100) and profile.loc[1, "overdue_share"] == 0.0
    )
    assert list(group_profile(f.reset_index(), items, "industry_name")["group"]) == ["new trade", "construction"]
