"""The profit impact widget, driven as a learner drives it, against hand computations
(course/references.md §3: bad debt / margin; balance x rate x days / 365; the survey curve
0 -> 100 %, 3 months -> 73 %, 6 -> 50 %, 12 -> 25 %, 24 -> 10 %, straight lines between)."""

from __future__ import annotations

import pytest

from receivables.profit import cost_by_age
from receivables.widgets import ProfitImpactWidget


def test_defaults_then_margin_and_bad_debt_sliders(shown):
    w = ProfitImpactWidget(bad_debt=50_000, margin=0.05)
    assert w.result["sales_needed"] == pytest.approx(1_000_000)
    w.set(margin=0.04)
    assert w.result["sales_needed"] == pytest.approx(1_250_000)
    r = w.set(bad_debt=2_500, margin=0.03)  # the example of course/references.md §3.1
    assert r["sales_needed"] == pytest.approx(83_333.33, abs=0.01)
    assert "83,333" in w.summary.value


def test_carrying_cost_follows_balance_rate_and_days(shown):
    w = ProfitImpactWidget(balance=100_000, annual_rate=0.045, days_overdue=90)
    assert w.result["carrying_cost"] == pytest.approx(100_000 * 0.045 * 90 / 365)
    r = w.set(balance=800_000, annual_rate=0.06, days_overdue=90)
    assert r["carrying_cost"] == pytest.approx(11_835.62, abs=0.01)  # 800,000 x 6 % x 90 / 365
    r = w.set(days_overdue=180)
    assert r["carrying_cost"] == pytest.approx(23_671.23, abs=0.01)


def test_collectability_and_expected_loss_on_the_survey_curve(shown):
    w = ProfitImpactWidget(balance=800_000, days_overdue=0)
    assert w.result["collectability"] == pytest.approx(1.0)
    assert w.result["expected_loss"] == pytest.approx(0.0)
    # 365 days = exactly 12 months: the survey's 25 %
    r = w.set(days_overdue=365)
    assert r["collectability"] == pytest.approx(0.25)
    assert r["expected_loss"] == pytest.approx(600_000)
    # 90 days = 2.959 months, on the line from (0, 100 %) to (3, 73 %)
    r = w.set(days_overdue=90)
    months = 90 / (365 / 12)
    p = 1 - 0.27 * months / 3
    assert r["collectability"] == pytest.approx(p)
    assert r["expected_loss"] == pytest.approx(800_000 * (1 - p))
    assert r["total_cost"] == pytest.approx(800_000 * (1 - p) + 800_000 * 0.045 * 90 / 365)
    # Beyond the last point (24 months) the curve stays flat at 10 %
    assert w.set(days_overdue=730)["collectability"] == pytest.approx(0.10)


def test_the_curve_is_a_parameter(shown):
    w = ProfitImpactWidget(balance=10_000, days_overdue=365, curve={0: 1.0, 12: 0.5, 24: 0.2})
    assert w.result["collectability"] == pytest.approx(0.5)
    assert w.set(days_overdue=730)["collectability"] == pytest.approx(0.2)
    with pytest.raises(ValueError, match="must not rise"):
        ProfitImpactWidget(curve={0: 0.5, 12: 0.9})


def test_chart_marks_the_current_point(shown):
    w = ProfitImpactWidget(days_overdue=365)
    w.set(days_overdue=182.5)  # 6 months: 50 %
    ax = shown[-1].axes[0]
    here = ax.lines[-1]
    assert here.get_xdata()[0] == pytest.approx(6.0)
    assert here.get_ydata()[0] == pytest.approx(50.0)


def test_labels_switch_to_chinese(shown):
    en = ProfitImpactWidget(lang="en")
    zh = ProfitImpactWidget(lang="zh")
    assert en.controls["days_overdue"].description == "Days overdue"
    assert zh.controls["days_overdue"].description == "逾期天数"
    assert zh.controls["margin"].description == "净利润率"
    assert "Expected loss (预计损失)" in en.summary.value
    assert "预计损失" in zh.summary.value and "Expected loss" not in zh.summary.value
    assert "元" in zh.summary.value
    ax = shown[-1].axes[0]
    assert ax.get_title() == "账龄越长,越难收回"
    assert ax.get_xlabel() == "逾期月数"


def test_cost_by_age_table():
    table = cost_by_age(100_000, 0.05, 0.04, ages=(0, 365))
    assert list(table["days"]) == [0, 365]
    assert table["collectability"].tolist() == pytest.approx([100.0, 25.0])
    assert table["expected_loss"].tolist() == pytest.approx([0.0, 75_000])
    assert table["carrying_cost"].tolist() == pytest.approx([0.0, 5_000])
    assert table["sales_to_replace_total"].tolist() == pytest.approx([0.0, 80_000 / 0.04])


def test_set_refuses_a_value_the_slider_would_clamp():
    widget = ProfitImpactWidget()
    before = widget.result
    with pytest.raises(ValueError, match="outside its control's range"):
        widget.set(margin=5.0)
    assert widget.result == before


def test_sentence_names_the_currency_once_per_amount(shown):
    import re

    for lang, unit in (("en", "CNY"), ("zh", "元")):
        text = ProfitImpactWidget(lang=lang).summary.value.split("<p>")[-1]
        amounts = re.findall(r"\d[\d,]{3,}", text)  # 1,000 and up: money, not days or percentages
        assert amounts, text
        # every amount carries the unit next to it, in the language's own place and never twice
        for a in amounts:
            assert (f"CNY {a}" in text) if lang == "en" else (f"{a} 元" in text), (a, text)
        assert f"{unit} {unit}" not in text and "元 元" not in text and "CNY CNY" not in text
