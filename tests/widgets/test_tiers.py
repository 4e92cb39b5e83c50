"""The tiered-management widget: move a threshold, and the tiers, their counts, shares and
the chart follow (hand-computed on six customers); labels in Chinese."""

from __future__ import annotations

import pytest

from receivables.widgets import TiersWidget
from tests.collection.tiers_case import tiny_customers, tiny_items


def test_defaults_then_a_threshold_moves(shown):
    w = TiersWidget(tiny_items(), tiny_customers())
    assert w.result["counts"] == {"A": 1, "B": 1, "C": 4}
    r = w.set(a_share=60)
    # Y now starts below 60 %: A holds X and Y, 800 of 1,000.
    assert r["counts"] == {"A": 2, "B": 0, "C": 4}
    assert r["shares"]["A"] == pytest.approx(80.0)
    row = w.summary.value.split("data-tier='A'")[1].split("</tr>")[0]
    assert "<td class='tiers-customers'>2</td>" in row and "80.0 %" in row
    assert "X Ltd (X), Y Ltd (Y)" in w.summary.value


def test_b_threshold_and_watch(shown):
    w = TiersWidget(tiny_items(), tiny_customers())
    r = w.set(b_share=96)
    assert r["members"]["B"] == ["Y", "Z", "W"] and r["shares"]["B"] == pytest.approx(50.0)
    assert w.set(watch_pct=100)["watched"] == {"A": 1, "B": 0, "C": 0}
    assert "1 customer(s) watched" in w.summary.value
    # The chart: one bar per customer owing something, plus one hatched overlay per watched one.
    ax = shown[-1].axes[0]
    assert len(ax.patches) == 4 + 1
    levels = sorted(line.get_ydata()[0] for line in shown[-1].axes[1].lines if line.get_linestyle() == "--")
    assert levels == [50, 96]


def test_crossing_thresholds_are_refused_or_reported(shown):
    w = TiersWidget(tiny_items(), tiny_customers())
    with pytest.raises(ValueError, match="b_share"):
        w.set(a_share=90)
    # A learner dragging the slider past B gets a message instead of a crash.
    w.controls["a_share"].value = 90
    assert "error" in w.result and "above the A threshold" in w.summary.value
    w.controls["b_share"].value = 95
    # A: X (from 0), Y (from 50), Z (from 80 < 90); W starts at 95, not below 95: C.
    assert w.result["members"] == {"A": ["X", "Y", "Z"], "B": [], "C": ["W", "V", "U"]}


def test_labels_switch_to_chinese(shown):
    w = TiersWidget(tiny_items(), tiny_customers(), lang="zh")
    assert w.controls["a_share"].description == "A类:余额累计前 %"
    assert "级别" in w.summary.value and "大客户专人管理" in w.summary.value and "X公司 (X)" in w.summary.value
    assert "Tier" not in w.summary.value
    assert shown[-1].axes[0].get_title() == "各客户未收余额(由大到小)与分级"
