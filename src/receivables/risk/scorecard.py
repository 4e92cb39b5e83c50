"""Customer credit scorecard: weighted factor scores, grade and the action per grade.

Course topic: 识别客户风险等级 (grading customer risk: 企业性质 nature of the firm,
行业特征 industry, 财务因素 financial factors). The scorecard is an
illustrative convention (course/references.md §5.2); the weights are the user's to set.

    score = sum(weight_f * score_f) / sum(weight_f)       (each factor score 0-100)

Weights are always divided by their sum, so they need not add up to 100: (30, 25, ...)
and (0.30, 0.25, ...) give the same score, and the result stays on the 0-100 scale.
Grades: A >= 85, B 70-84, C 55-69, D < 55 (thresholds inclusive at the lower edge, so
85 -> A, 84.9 -> B, 70 -> B, 55 -> C, 54.9 -> D).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from receivables.i18n import Text, both
from receivables.i18n.choices import resolve_keys
from receivables.risk import factor_tables

#: Default factor weights (sum 100): illustrative (course/references.md §5.2).
DEFAULT_WEIGHTS: dict[str, float] = {
    "payment_history": 30.0,
    "financials": 25.0,
    "enterprise_nature": 15.0,
    "industry": 15.0,
    "relationship": 10.0,
    "security": 5.0,
}

#: Each factor's name (texts/risk/risk.yml: ``risk.factor.<factor>``).
FACTOR_LABELS: dict[str, Text] = {f: Text(f"risk.factor.{f}") for f in DEFAULT_WEIGHTS}

#: Lower edge of each grade, best first: illustrative (course/references.md §5.2).
GRADE_THRESHOLDS: dict[str, float] = {"A": 85.0, "B": 70.0, "C": 55.0, "D": -np.inf}

#: What to do with a customer of each grade (``risk.grade_action.<grade>``): illustrative
#: (course/references.md §5.2).
GRADE_ACTIONS: dict[str, Text] = {g: Text(f"risk.grade_action.{g.lower()}") for g in GRADE_THRESHOLDS}

#: Factor scores (0-100) for the nature of the enterprise, by code, with the names in both
#: languages: the kit's own ILLUSTRATIVE defaults (risk/factor_scores.yml, read on first use;
#: `receivables.risk.factor_tables`). Set your own.
ENTERPRISE_NATURE_SCORES = factor_tables.ENTERPRISE_NATURE_SCORES


def enterprise_nature_score(nature: Any, table: Mapping[str, Mapping[str, Any]] | None = None) -> Any:
    """Factor score for the nature of the enterprise, from its key or Chinese label.

    Accepts "state_owned" / "国企", "private" / "民企", "foreign_invested" / "外企",
    "sole_proprietor" / "个体" (a scalar or a Series). Unknown values give None (NaN in
    a Series). Uses `ENTERPRISE_NATURE_SCORES` unless ``table`` is given (illustrative, §5.2).
    """
    table = ENTERPRISE_NATURE_SCORES if table is None else table
    lookup: dict[str, float] = {}
    for key, entry in table.items():
        for alias in (key, entry.get("zh"), entry.get("en")):
            if alias:
                lookup[str(alias).strip().lower()] = float(entry["score"])
    if isinstance(nature, pd.Series):
        return nature.astype("string").str.strip().str.lower().map(lookup).astype(float)
    if nature is None:
        return None
    return lookup.get(str(nature).strip().lower())


def factor_weights(weights: Mapping[str, float], keep_unknown: bool = False) -> dict[str, float]:
    """Weights keyed by factor code, from keys written as the code or the factor's English or
    Chinese label (付款记录, "Payment history", payment_history). Other keys raise ValueError,
    unless `keep_unknown` (a scorecard of the user's own factors)."""
    return resolve_keys(
        weights, {k: [v["en"], v["zh"]] for k, v in FACTOR_LABELS.items()}, both("choices.weights"), keep_unknown
    )


def _weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    weights = dict(DEFAULT_WEIGHTS) if weights is None else factor_weights(weights, keep_unknown=True)
    if any(w is None or np.isnan(w) or w < 0 for w in weights.values()):
        raise ValueError("weights must be numbers of 0 or more")
    if sum(weights.values()) <= 0:
        raise ValueError("at least one weight must be positive")
    return weights


def score(factor_scores: Mapping[str, float] | pd.DataFrame, weights: Mapping[str, float] | None = None) -> Any:
    """Weighted credit score on a 0-100 scale (illustrative, course/references.md §5.2).

    ``factor_scores`` is a dict {factor: 0-100} for one customer, or a DataFrame with one
    column per factor (one row per customer). Every factor with a positive weight must be
    present, otherwise ValueError names the missing ones; factors with weight 0 and extra
    keys or columns are ignored. Scores outside 0-100 raise ValueError.
    Weights are normalized by their sum (see module docstring). A dict gives a float;
    a DataFrame gives a Series (NaN where a factor score is missing).
    """
    w = _weights(weights)
    used = {k: v for k, v in w.items() if v > 0}
    keys = list(factor_scores.columns) if isinstance(factor_scores, pd.DataFrame) else list(factor_scores)
    missing = [k for k in used if k not in keys]
    if missing:
        raise ValueError(f"missing factor score(s): {', '.join(missing)}; expected {', '.join(used)}")
    total = sum(used.values())
    if isinstance(factor_scores, pd.DataFrame):
        block = factor_scores[list(used)].apply(pd.to_numeric, errors="coerce").astype(float)
        if ((block < 0) | (block > 100)).any().any():
            raise ValueError("factor scores must lie between 0 and 100")
        weighted = block.mul(pd.Series(used)).sum(axis=1, min_count=len(used))
        # min_count: one missing factor makes the customer's score undefined, not lower.
        return (weighted / total).rename("score")
    values = {k: float(factor_scores[k]) for k in used}
    if any(np.isnan(v) for v in values.values()):
        return None
    if any(v < 0 or v > 100 for v in values.values()):
        raise ValueError("factor scores must lie between 0 and 100")
    return sum(used[k] * values[k] for k in used) / total


def grade(value: Any) -> Any:
    """Grade for a score: A >= 85, B >= 70, C >= 55, else D (illustrative, §5.2).

    A scalar gives "A".."D" (None if missing); a Series gives a Series.
    """
    if isinstance(value, pd.Series):
        v = pd.to_numeric(value, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        grades = np.select(
            [np.isnan(v)] + [v >= t for t in GRADE_THRESHOLDS.values()],
            [None, *GRADE_THRESHOLDS],
            default=None,
        )
        return pd.Series(grades, index=value.index, name="grade", dtype=object)
    if value is None or value is pd.NA or np.isnan(value):
        return None
    return next(g for g, t in GRADE_THRESHOLDS.items() if value >= t)


def scorecard(factor_scores: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Score, grade and recommended action for each customer (one row each).

    Returns a copy of ``factor_scores`` with ``score``, ``grade``, ``action_en`` and
    ``action_zh`` appended (illustrative, course/references.md §5.2).
    """
    result = factor_scores.copy()
    result["score"] = score(factor_scores, weights)
    result["grade"] = grade(result["score"])
    result["action_en"] = result["grade"].map({g: a["en"] for g, a in GRADE_ACTIONS.items()})
    result["action_zh"] = result["grade"].map({g: a["zh"] for g, a in GRADE_ACTIONS.items()})
    return result
