"""Credit assessment: the five Cs table in both languages and the review of the case's limits."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.risk.assessment import five_cs_table, limit_review


def test_five_cs_in_both_languages():
    en, zh = five_cs_table("en"), five_cs_table("zh")
    assert list(en["c"]) == [
        "Character (品质)",
        "Capacity (能力)",
        "Capital (资本)",
        "Collateral (抵押)",
        "Conditions (条件)",
    ]
    assert list(zh["c"]) == ["品质", "能力", "资本", "抵押", "条件"]
    assert list(en.columns) == ["c", "question", "check", "kit"] and zh.loc[3, "question"] == "万一不付,我们靠什么?"


def test_limit_review_by_hand():
    tables = {
        "customers": pd.DataFrame(
            {
                "customer_id": ["A", "B"],
                "name_en": ["Alpha", "Beta"],
                "name_zh": ["甲", "乙"],
                "terms_days": [60, 30],
                "credit_limit": [1_000.0, 50.0],
            }
        ),
        "financials": pd.DataFrame(
            {
                "customer_id": ["A", "B"],
                "year": [2025, 2025],
                "current_assets": [9_000.0, 100.0],
                "current_liabilities": [4_000.0, 300.0],
                "book_equity": [30_000.0, 1_000.0],
            }
        ),
        "invoices": pd.DataFrame(
            {
                "invoice_id": ["I1", "I2"],
                "customer_id": ["A", "B"],
                "invoice_date": ["2025-06-01", "2025-12-01"],
                "due_date": ["2025-08-01", "2025-12-31"],
                "amount": [2_400.0, 120.0],
            }
        ),
        "payments": pd.DataFrame({"invoice_id": ["I1"], "paid_date": ["2025-08-05"], "paid_amount": [1_200.0]}),
    }
    r = limit_review(tables, "2025-12-31", lang="zh")
    assert r["own_sales"] == 2_520.0
    inputs = r["inputs"].set_index("customer_id")
    # A: 3,000 (net worth), 500 (working capital), 200 x 60 / 30 = 400 (purchases), 252 (10 % of our sales) -> 252
    assert (inputs.loc["A", "recommended"], inputs.loc["A", "basis_label"]) == (
        pytest.approx(252.0),
        "不超过本公司销售额的10%",
    )
    # B: working capital -200 -> 0
    assert inputs.loc["B", "recommended"] == 0.0 and inputs.loc["B", "customer"] == "乙 (B)"
    used = r["utilisation"].set_index("customer_id")
    assert used.loc["B", "utilisation_pct"] == pytest.approx(240.0) and used.loc["B", "over_limit"]
    assert used.loc["A", "balance"] == 1_200.0 and used.loc["A", "utilisation_pct"] == pytest.approx(120.0)
    assert list(r["above"]["customer_id"]) == ["A", "B"] and r["above"].loc[0, "excess"] == pytest.approx(748.0)
