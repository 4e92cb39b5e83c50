"""Credit scorecard, an illustrative convention (course/references.md §5.2)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from receivables.risk import (
    DEFAULT_WEIGHTS,
    ENTERPRISE_NATURE_SCORES,
    GRADE_ACTIONS,
    enterprise_nature_score,
    grade,
    score,
    scorecard,
)

FACTORS = {
    "payment_history": 90,
    "financials": 80,
    "enterprise_nature": 60,
    "industry": 70,
    "relationship": 50,
    "security": 0,
}


def test_default_weights_follow_the_reference():
    assert DEFAULT_WEIGHTS == {
        "payment_history": 30,
        "financials": 25,
        "enterprise_nature": 15,
        "industry": 15,
        "relationship": 10,
        "security": 5,
    }
    assert sum(DEFAULT_WEIGHTS.values()) == 100


def test_score_hand_computed():
    # (30*90 + 25*80 + 15*60 + 15*70 + 10*50 + 5*0) / 100 = 71.5
    assert score(FACTORS) == pytest.approx(71.5)
    assert grade(score(FACTORS)) == "B"


def test_weights_are_normalized():
    fractions = {k: v / 100 for k, v in DEFAULT_WEIGHTS.items()}
    assert score(FACTORS, fractions) == pytest.approx(71.5)
    assert score({"a": 80, "b": 40}, {"a": 1, "b": 3}) == pytest.approx(50)


def test_missing_factor_is_a_clear_error():
    partial = dict(FACTORS)
    del partial["industry"]
    with pytest.raises(ValueError, match="missing factor score.*industry"):
        score(partial)


def test_zero_weight_factor_may_be_missing_and_extras_are_ignored():
    weights = dict(DEFAULT_WEIGHTS, security=0)
    partial = {k: v for k, v in FACTORS.items() if k != "security"}
    assert score({**partial, "other": 5}, weights) == pytest.approx((71.5 * 100) / 95)


@pytest.mark.parametrize("bad", [{"security": -1}, {"security": 101}])
def test_out_of_range_scores(bad):
    with pytest.raises(ValueError, match="between 0 and 100"):
        score({**FACTORS, **bad})


def test_bad_weights():
    with pytest.raises(ValueError):
        score(FACTORS, {k: 0 for k in DEFAULT_WEIGHTS})
    with pytest.raises(ValueError):
        score(FACTORS, dict(DEFAULT_WEIGHTS, security=-5))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (100, "A"),
        (85, "A"),
        (84.99, "B"),
        (70, "B"),
        (69.99, "C"),
        (55, "C"),
        (54.99, "D"),
        (0, "D"),
    ],
)
def test_grade_edges(value, expected):
    assert grade(value) == expected


def test_grade_series_and_missing():
    out = grade(pd.Series([85, 84, 70, 69, 55, 54, np.nan]))
    assert list(out[:6]) == ["A", "B", "B", "C", "C", "D"]
    assert out.iloc[6] is None
    assert grade(None) is None


def test_grade_actions_in_english_and_chinese():
    assert set(GRADE_ACTIONS) == {"A", "B", "C", "D"}
    assert GRADE_ACTIONS["A"]["en"] == "Normal terms"
    assert GRADE_ACTIONS["D"]["en"] == "Cash in advance"
    assert all(a["zh"] for a in GRADE_ACTIONS.values())


def test_scorecard_frame():
    df = pd.DataFrame(
        [
            dict(FACTORS, customer_id="C1"),
            dict({k: 100 for k in FACTORS}, customer_id="C2"),
            dict(FACTORS, customer_id="C3", financials=np.nan),
        ]
    )
    out = scorecard(df)
    assert out["score"].iloc[0] == pytest.approx(71.5)
    assert out["score"].iloc[1] == pytest.approx(100)
    assert np.isnan(out["score"].iloc[2])  # one missing factor -> undefined, not lower
    assert list(out["grade"][:2]) == ["B", "A"]
    assert out["action_en"].iloc[1] == "Normal terms"
    assert out["action_zh"].iloc[0] == GRADE_ACTIONS["B"]["zh"]
    with pytest.raises(ValueError, match="relationship"):
        score(df.drop(columns="relationship"))


def test_enterprise_nature_defaults():
    assert set(ENTERPRISE_NATURE_SCORES) == {
        "state_owned",
        "private",
        "foreign_invested",
        "sole_proprietor",
    }
    assert enterprise_nature_score("国企") == ENTERPRISE_NATURE_SCORES["state_owned"]["score"]
    assert enterprise_nature_score("private") == ENTERPRISE_NATURE_SCORES["private"]["score"]
    assert enterprise_nature_score("unknown") is None
    s = enterprise_nature_score(pd.Series(["民企", "外企", "个体", "?"]))
    assert list(s[:3]) == [60.0, 75.0, 40.0] and np.isnan(s.iloc[3])
