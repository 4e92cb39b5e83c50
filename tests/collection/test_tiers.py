"""Tiered management (分级管理): ABC tiers on cumulative shares of the open balance and the
watch flag on the overdue share, checked by hand on six customers."""

from __future__ import annotations

import math

import pytest

from receivables.collection.tiers import tier_customers, tier_summary, tiers_result

from .tiers_case import tiny_customers, tiny_items


def test_tiers_by_hand():
    table = tier_customers(tiny_items(), tiny_customers(), a_share=50, b_share=80, watch_pct=50).set_index(
        "customer_id"
    )
    # Cumulative: X 50 %, Y 80 %, Z 95 %, W 100 %. X starts at 0 (< 50): A. Y starts at 50: B.
    # Z starts at 80, not below 80: C. W, U (net credit) and V (nothing owed): C.
    assert list(table.index) == ["X", "Y", "Z", "W", "V", "U"]
    assert dict(table["tier"]) == {"X": "A", "Y": "B", "Z": "C", "W": "C", "V": "C", "U": "C"}
    assert list(table["cumulative"].round(6))[:4] == [50, 80, 95, 100]
    assert table.at["Z", "balance"] == 150 and table.at["Z", "invoiced_open"] == 200
    # Overdue shares: X 500/500, Z 100/200 = 50 % (the credit note left out), U owes nothing on invoices.
    assert table.at["X", "overdue_share"] == 100 and table.at["Z", "overdue_share"] == 50
    assert math.isnan(table.at["U", "overdue_share"])
    assert dict(table["watch"]) == {"X": True, "Y": False, "Z": True, "W": False, "V": False, "U": False}
    assert table.at["X", "name_zh"] == "X公司"


def test_summary_per_tier():
    summary = tier_summary(tier_customers(tiny_items(), tiny_customers()), "en").set_index("tier")
    assert dict(summary["customers"]) == {"A": 1, "B": 1, "C": 4}
    # C holds Z 150 + W 50 - U 20 = 180 of the 1,000 owed.
    assert dict(summary["balance"]) == {"A": 500, "B": 300, "C": 180}
    assert summary.at["C", "share"] == pytest.approx(18.0)
    assert summary.at["C", "overdue"] == 100 and summary.at["C", "overdue_share"] == pytest.approx(100 / 250 * 100)
    assert dict(summary["watched"]) == {"A": 1, "B": 0, "C": 1}
    assert summary.at["A", "approach"].startswith("Key-account care")
    assert tier_summary(tier_customers(tiny_items()), "zh").at[0, "approach"].startswith("大客户专人管理")


def test_thresholds_move_customers():
    r = tiers_result(tiny_items(), tiny_customers(), a_share=60, b_share=96, watch_pct=100)
    # A: X (from 0) and Y (from 50 < 60); B: Z (from 80) and W (from 95 < 96).
    assert r["members"] == {"A": ["X", "Y"], "B": ["Z", "W"], "C": ["V", "U"]}
    assert r["counts"] == {"A": 2, "B": 2, "C": 2}
    assert r["shares"]["A"] == pytest.approx(80.0) and r["shares"]["B"] == pytest.approx(20.0)
    assert r["watched"] == {"A": 1, "B": 0, "C": 0}  # only X is 100 % overdue


def test_without_customers_table_only_debtors_appear():
    table = tier_customers(tiny_items())
    assert set(table["customer_id"]) == {"X", "Y", "Z", "W", "U"}
    assert "name_en" not in table.columns


@pytest.mark.parametrize(
    ("a", "b", "watch", "message"),
    [(0, 80, 50, "a_share"), (80, 80, 50, "b_share"), (50, 101, 50, "b_share"), (50, 80, 120, "watch_pct")],
)
def test_bad_thresholds_are_refused(a, b, watch, message):
    with pytest.raises(ValueError, match=message):
        tier_customers(tiny_items(), a_share=a, b_share=b, watch_pct=watch)


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="days_past_due"):
        tier_customers(tiny_items().drop(columns="days_past_due"))
