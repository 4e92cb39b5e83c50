"""The debtor type widget: two toggles -> the quadrant of the ability x willingness
matrix, its names and approach, and the highlighted box of the chart."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.widgets import DebtorTypeWidget

# The matrix by hand: (able, willing) -> quadrant code and its Chinese name.
MATRIX = {
    (True, True): ("able_willing", "有能力、有意愿"),
    (True, False): ("able_unwilling", "有能力、无意愿"),
    (False, True): ("unable_willing", "有意愿、无能力"),
    (False, False): ("unable_unwilling", "无能力、无意愿"),
}


def _highlighted(fig):
    """(x, y) of the box drawn with the thick border: x 1 = willing, y 1 = able."""
    boxes = [p for p in fig.axes[0].patches if p.get_linewidth() == 3]
    assert len(boxes) == 1
    return boxes[0].get_x(), boxes[0].get_y()


def test_toggles_move_through_the_four_quadrants(shown):
    w = DebtorTypeWidget(able=True, willing=True)
    assert w.result["code"] == "able_willing"
    for able, willing in [(True, False), (False, False), (False, True), (True, True)]:
        r = w.set(able=able, willing=willing)
        code, name_zh = MATRIX[(able, willing)]
        assert r["code"] == code and r["name_zh"] == name_zh
        assert (r["able"], r["willing"]) == (able, willing)
        assert len(r["approach"]) >= 3
        assert _highlighted(shown[-1]) == (int(willing), int(able))


def test_one_toggle_at_a_time(shown):
    w = DebtorTypeWidget(able=True, willing=True)
    assert w.set(willing=False)["code"] == "able_unwilling"
    assert w.set(able=False)["code"] == "unable_unwilling"
    assert "Unable and unwilling" in w.summary.value


def test_labels_switch_to_chinese(shown):
    w = DebtorTypeWidget(lang="zh", able=True, willing=False)
    assert w.controls["able"].description == "还款能力"
    assert w.controls["willing"].description == "还款意愿"
    assert [label for label, _ in w.controls["able"].options] == ["有能力", "无能力"]
    assert w.result["name"] == MATRIX[(True, False)][1]
    assert "建议的催收策略" in w.summary.value and "Recommended" not in w.summary.value
    ax = shown[-1].axes[0]
    assert ax.get_title() == "应收账款客户的4大类型"
    assert ax.get_xlabel() == "还款意愿"
    en = DebtorTypeWidget(lang="en", able=True, willing=False)
    assert en.result["name"] == "Able but unwilling (有能力、无意愿)"
    assert en.controls["able"].description == "Ability to pay"


def test_customers_give_counts_and_examples(shown):
    customers = pd.DataFrame(
        {
            "customer_id": ["C0037", "C0001", "C0002"],
            "name_en": ["Brantec", "A", "B"],
            "name_zh": ["博朗特", "甲", "乙"],
            "debtor_type": ["able_unwilling", "able_willing", "able_willing"],
        }
    )
    w = DebtorTypeWidget(lang="zh", able=True, willing=False, customers=customers)
    assert w.counts == {"able_willing": 2, "able_unwilling": 1}
    assert "博朗特 (C0037)" in w.summary.value
    texts = [t.get_text() for t in shown[-1].axes[0].texts]
    assert any("案例中有 2 家客户" in x for x in texts)
    assert any("案例中有 0 家客户" in x for x in texts)


def test_unknown_control_is_refused(shown):
    with pytest.raises(KeyError):
        DebtorTypeWidget().set(able_to_pay=True)
