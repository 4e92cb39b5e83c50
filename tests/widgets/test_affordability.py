"""The affordability widget: funds and plan sliders -> ceiling, headroom and verdict."""

from __future__ import annotations

import pytest

from receivables.widgets import AffordabilityWidget


def test_defaults_by_hand():
    r = AffordabilityWidget().result
    # 30 + 20 + 15 = 65 million available; less 25 of stock and 5 of cash = 35 million.
    assert r["ceiling"] == pytest.approx(35e6)
    assert r["required"] == pytest.approx(200e6 / 365 * 60)
    assert r["headroom"] == pytest.approx(35e6 - 200e6 / 365 * 60)


def test_a_longer_dso_eats_the_headroom():
    widget = AffordabilityWidget()
    r = widget.set(target_dso=75)
    # 75 days of 200 million a year = 41.10 million, above the 35 million ceiling.
    assert r["required"] == pytest.approx(200e6 / 365 * 75)
    assert r["headroom"] == pytest.approx(35e6 - 200e6 / 365 * 75)
    assert r["headroom"] < 0
    assert "#b42318" in widget.summary.value  # the verdict turns red
    assert "-6,095,890" in widget.summary.value


def test_more_credit_line_raises_the_ceiling_one_for_one():
    widget = AffordabilityWidget()
    before = widget.result["ceiling"]
    assert widget.set(credit_line=25_000_000)["ceiling"] == pytest.approx(before + 5_000_000)
    assert widget.result["max_dso"] == pytest.approx(40e6 / (200e6 / 365))


def test_labels_in_chinese():
    widget = AffordabilityWidget(lang="zh")
    labels = [c.description for c in widget.controls.values()]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in labels)
