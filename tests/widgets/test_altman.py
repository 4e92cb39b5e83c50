"""The Z″ calculator: six figures -> X1..X4, Z″ = 6.56 X1 + 3.26 X2 + 6.72 X3 + 1.05 X4 and
the zone (safe > 2.60, grey 1.10-2.60, distress < 1.10), by hand."""

from __future__ import annotations

import pytest

from receivables.widgets import AltmanWidget

START = {
    "working_capital": 2_000_000,
    "retained_earnings": 3_000_000,
    "ebit": 1_000_000,
    "total_assets": 10_000_000,
    "book_equity": 4_000_000,
    "total_liabilities": 6_000_000,
}


def test_inputs_move_the_zone(shown):
    w = AltmanWidget(**START)
    r = w.result
    # X = 0.2, 0.3, 0.1, 0.6667: 1.312 + 0.978 + 0.672 + 0.7 = 3.662 -> safe
    assert (r["X1"], r["X2"], r["X3"]) == pytest.approx((0.2, 0.3, 0.1))
    assert r["z"] == pytest.approx(3.662) and r["zone"] == "safe"
    # a loss: X3 = -0.1, Z″ = 3.662 - 1.344 = 2.318 -> grey
    r = w.set(ebit=-1_000_000)
    assert r["z"] == pytest.approx(2.318) and r["zone"] == "grey"
    assert "2.32" in w.summary.value and "Grey zone" in w.summary.value
    # accumulated losses: X2 = -0.3, Z″ = 2.318 - 1.956 = 0.362 -> distress
    r = w.set(retained_earnings=-3_000_000)
    assert r["z"] == pytest.approx(0.362) and r["zone"] == "distress"
    assert shown[-1].axes[0].get_title().endswith("Distress")


def test_undefined_without_liabilities_and_no_negative_assets(shown):
    w = AltmanWidget(**START)
    r = w.set(total_liabilities=0)
    assert r["z"] is None and r["zone"] is None
    assert "undefined" in w.summary.value
    with pytest.raises(ValueError, match="outside"):
        w.set(total_assets=-1)
    # figures of any size fit: a group with CNY 50 billion of assets
    r = w.set(
        total_assets=50e9, total_liabilities=30e9, book_equity=20e9, working_capital=0, retained_earnings=0, ebit=0
    )
    assert r["z"] == pytest.approx(1.05 * 20 / 30) and r["zone"] == "distress"


def test_chinese_labels(shown):
    w = AltmanWidget(lang="zh", **START)
    assert w.controls["ebit"].description == "息税前利润"
    assert w.controls["total_assets"].min == 0 and w.controls["ebit"].min is None  # a loss may be typed
    assert "安全区" in w.summary.value and "X1 营运资金÷资产总额" in w.summary.value
    assert shown[-1].axes[0].get_title().startswith("Altman Z″ 与风险区间")
