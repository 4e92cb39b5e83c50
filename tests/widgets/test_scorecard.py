"""The scorecard widget: weights and factor scores -> score, grade and action, by hand;
with a factor table, a customer list that loads scores and the grade counts of all customers."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.widgets import ScorecardWidget

SCORES = {
    "payment_history": 80,
    "financials": 60,
    "enterprise_nature": 80,
    "industry": 70,
    "relationship": 50,
    "security": 0,
}
FACTORS = pd.DataFrame(
    {
        "customer_id": ["C1", "C2", "C3"],
        "name_en": ["Alpha", "Beta", "Gamma"],
        "name_zh": ["甲", "乙", "丙"],
        "payment_history": [100.0, 80.0, 0.0],
        "financials": [100.0, 60.0, 0.0],
        "enterprise_nature": [80.0, 80.0, 40.0],
        "industry": [70.0, 70.0, 45.0],
        "relationship": [90.0, 50.0, 30.0],
        "security": [0.0, 0.0, 0.0],
    }
)


def test_weights_move_the_grade(shown):
    w = ScorecardWidget(factor_scores=SCORES)
    # default weights 30/25/15/15/10/5 of 100: 24 + 15 + 12 + 10.5 + 5 + 0 = 66.5 -> C
    assert w.result["score"] == pytest.approx(66.5) and w.result["grade"] == "C"
    assert w.result["action"] == "Shorter terms or a guarantee"
    # security weighs nothing now: 6,650 / 95 = 70.0, the lower edge of B
    r = w.set(weight_security=0)
    assert r["score"] == pytest.approx(70.0) and r["grade"] == "B"
    assert r["shares"]["payment_history"] == pytest.approx(30 / 95)
    assert sum(r["points"].values()) == pytest.approx(70.0)
    assert "Review the credit limit" in w.summary.value
    # a perfect payment history: (3,000 + 1,500 + 1,200 + 1,050 + 500) / 95 = 76.3
    assert w.set(score_payment_history=100)["score"] == pytest.approx(7_250 / 95)
    assert shown[-1].axes[0].get_title().endswith("→ B")


def test_customer_list_loads_scores_and_counts_grades(shown):
    w = ScorecardWidget(factors=FACTORS, customer="C2")
    r = w.result
    assert r["customer"] == "C2" and r["score"] == pytest.approx(66.5)
    # C1: 30 + 25 + 12 + 10.5 + 9 = 86.5 (A); C2 66.5 (C); C3: 6 + 6.75 + 3 = 15.75 (D)
    assert r["grade_counts"] == {"A": 1, "B": 0, "C": 1, "D": 1}
    r = w.set(customer="C1")
    assert r["factor_scores"]["relationship"] == 90.0 and r["grade"] == "A"
    # payment history weighs 0: C2 = (15 + 12 + 10.5 + 5) / 70 x 100 = 60.7 stays C; C1 = 56.5 / 70 = 80.7 -> B
    r = w.set(weight_payment_history=0)
    assert r["grade_counts"] == {"A": 0, "B": 1, "C": 1, "D": 1}
    assert r["score"] == pytest.approx(5_650 / 70)
    assert "B: 1" in w.summary.value


def test_chinese_labels(shown):
    w = ScorecardWidget(lang="zh", factors=FACTORS, customer="C3")
    assert w.controls["weight_payment_history"].description == "付款记录"
    assert w.controls["score_enterprise_nature"].description == "企业性质"
    assert w.controls["customer"].options[2] == ("C3 丙", "C3")
    assert w.result["grade"] == "D" and "款到发货" in w.summary.value and "风险等级" in w.summary.value
    assert shown[-1].axes[0].get_title().startswith("评分构成")


def test_bad_input_is_refused(shown):
    with pytest.raises(ValueError, match="no customer"):
        ScorecardWidget(factors=FACTORS, customer="C9")
    w = ScorecardWidget(factor_scores=SCORES)
    with pytest.raises(ValueError, match="outside"):
        w.set(score_financials=120)
