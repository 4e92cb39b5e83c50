"""The credit-limit calculator: a limit by each rule of thumb, the smallest recommended, and
the customer's balance against it, by hand (course/references.md §4.4)."""

from __future__ import annotations

import pytest

from receivables.widgets import CreditLimitWidget

START = {
    "tangible_net_worth": 10_000_000,
    "working_capital": 3_000_000,
    "monthly_purchases": 200_000,
    "terms_days": 60,
    "grace_days": 0,
    "own_annual_sales": 100_000_000,
    "balance": 500_000,
}


def test_rules_and_utilisation_follow_the_inputs(shown):
    w = CreditLimitWidget(**START)
    r = w.result
    # 10 % of 10 M = 1 M; 10 % of 3 M = 300 k; 200 k x 60 / 30 = 400 k; 10 % of 100 M = 10 M
    assert (r["net_worth"], r["working_capital"], r["purchases"], r["concentration"]) == pytest.approx(
        (1e6, 3e5, 4e5, 1e7)
    )
    assert (r["recommended"], r["basis"]) == (pytest.approx(3e5), "working_capital")
    assert r["utilisation_pct"] == pytest.approx(500 / 3) and r["over_limit"] and r["available"] == pytest.approx(-2e5)
    assert "Over the limit" in w.summary.value
    # more working capital: 500 k, so purchases (400 k) set the limit; 500 / 400 = 125 %
    r = w.set(working_capital=5_000_000)
    assert (r["recommended"], r["basis"]) == (pytest.approx(4e5), "purchases")
    assert r["utilisation_pct"] == pytest.approx(125.0)
    # 15 grace days: 200 k x 75 / 30 = 500 k, equal to the working-capital rule; balance = limit
    r = w.set(grace_days=15)
    assert r["purchases"] == pytest.approx(5e5) and r["recommended"] == pytest.approx(5e5)
    assert r["utilisation_pct"] == pytest.approx(100.0) and not r["over_limit"]
    assert "Within the limit." in w.summary.value


def test_negative_working_capital_earns_no_credit(shown):
    w = CreditLimitWidget(**START)
    r = w.set(working_capital=-2_000_000)
    assert r["working_capital"] == 0.0 and r["recommended"] == 0.0
    assert r["utilisation_pct"] is None and r["over_limit"]
    with pytest.raises(ValueError, match="outside"):
        w.set(balance=-1)


def test_chinese_labels(shown):
    w = CreditLimitWidget(lang="zh", **START)
    assert w.controls["monthly_purchases"].description == "预计月采购额"
    assert "建议额度(取最小值)" in w.summary.value and "营运资金的10%" in w.summary.value
    assert "已超额度" in w.summary.value
    assert shown[-1].axes[0].get_title() == "各方法测算的信用额度"


def test_money_boxes_start_at_whole_fen(shown):
    """Figures computed from a ledger carry float digits; a box shows them to the fen (分)."""
    w = CreditLimitWidget(**{**START, "monthly_purchases": 155_858.075, "balance": 1 / 3})
    assert w.controls["monthly_purchases"].value == pytest.approx(155_858.08)
    assert w.controls["balance"].value == 0.33
    assert w.result["balance"] == 0.33  # what the box shows is what is computed with
