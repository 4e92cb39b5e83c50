"""Widget: the customer risk scorecard (识别客户风险等级: 客户风险评分卡).

A view over `receivables.risk.scorecard`: the weights are the learner's to set, the factor
scores start from a case customer (or any numbers), and the widget shows the credit score,
the grade, the action for that grade, and, with the case's factor table, how many customers
fall in each grade under these weights. The scorecard is illustrative (course/references.md §5.2).
"""

from __future__ import annotations

from functools import partial
from html import escape
from typing import Any, TypedDict

import ipywidgets as w
import numpy as np
import pandas as pd

from receivables.frames import name_column
from receivables.i18n import t
from receivables.risk.scorecard import (
    DEFAULT_WEIGHTS,
    FACTOR_LABELS,
    GRADE_ACTIONS,
    GRADE_THRESHOLDS,
    grade,
    score,
    scorecard,
)
from receivables.widgets.base import ReactiveWidget, show

FACTORS = tuple(DEFAULT_WEIGHTS)
GRADE_COLORS = {"A": "#1a7f37", "B": "#2f6feb", "C": "#9a6700", "D": "#b42318"}


class _Score(TypedDict):
    customer: str | None
    weights: dict[str, float]
    factor_scores: dict[str, float]
    shares: dict[str, float]
    points: dict[str, float]
    score: float
    grade: str
    action: str


class ScorecardResult(_Score, total=False):
    """What `scorecard_result` returns (a plain dict); ``grade_counts`` only with factors."""

    grade_counts: dict[str, int]


def scorecard_result(
    lang: str = "en", factors: pd.DataFrame | None = None, customer: str | None = None, **values: float
) -> ScorecardResult:
    """The widget's figures from ``weight_<factor>`` and ``score_<factor>`` values.

    ``score`` and ``grade`` of the one set of factor scores; ``shares`` (each weight / the
    sum), ``points`` (share x factor score, adding up to the score); with ``factors`` (one
    row per customer, the factor columns), ``grade_counts`` of all of them under these weights.
    """
    weights = {f: float(values[f"weight_{f}"]) for f in FACTORS}
    scores = {f: float(values[f"score_{f}"]) for f in FACTORS}
    total = score(scores, weights)
    g = grade(total)
    weight_sum = sum(weights.values())
    result = ScorecardResult(
        customer=customer,
        weights=weights,
        factor_scores=scores,
        shares={f: weights[f] / weight_sum for f in FACTORS},
        points={f: weights[f] / weight_sum * scores[f] for f in FACTORS},
        score=total,
        grade=g,
        action=GRADE_ACTIONS[g][lang],
    )
    if factors is not None:
        grades = scorecard(factors[list(FACTORS)], weights)["grade"]
        result["grade_counts"] = {k: int((grades == k).sum()) for k in GRADE_THRESHOLDS}
    return result


class ScorecardWidget(ReactiveWidget):
    """Six weight sliders and six factor-score sliders -> score, grade and action.

    ``factors``: the case's factor table (`receivables.risk.factors.case_factor_scores`);
    with it a customer list loads that customer's factor scores (a missing score loads as 0).
    """

    def __init__(
        self,
        lang: str = "en",
        weights: dict[str, float] | None = None,
        factor_scores: dict[str, float] | None = None,
        factors: pd.DataFrame | None = None,
        customer: str | None = None,
    ):
        weights = {**DEFAULT_WEIGHTS, **(weights or {})}
        self.factors = None
        if factors is not None:
            self.factors = factors.assign(customer_id=factors["customer_id"].astype(str)).set_index(
                "customer_id", drop=False
            )
        if customer is not None and self.factors is None:
            raise ValueError("pass the factor table (factors=...) to start from a customer")
        if customer is not None and customer not in self.factors.index:
            raise ValueError(f"no customer {customer!r} in the factor table")
        start = self._customer_scores(customer) if customer is not None else {f: 50.0 for f in FACTORS}
        start.update(factor_scores or {})
        controls: dict[str, w.ValueWidget] = {}
        if self.factors is not None:
            name = name_column(lang)
            names = self.factors[name] if name in self.factors.columns else self.factors["customer_id"]
            options = [(f"{cid} {n}", cid) for cid, n in zip(self.factors.index, names, strict=True)]
            controls["customer"] = w.Dropdown(
                options=options,
                value=customer or options[0][1],
                description=t("risk.score.customer", lang),
                layout=w.Layout(width="40em"),
            )
        for f in FACTORS:
            controls[f"weight_{f}"] = w.IntSlider(
                value=int(weights[f]),
                min=0,
                max=60,
                description=FACTOR_LABELS[f][lang],
                continuous_update=False,
                style={"description_width": "17em"},
                layout=w.Layout(width="38em"),
            )
        for f in FACTORS:
            controls[f"score_{f}"] = w.FloatSlider(
                value=round(float(start[f]), 1),
                min=0,
                max=100,
                step=0.1,
                readout_format=".1f",
                description=FACTOR_LABELS[f][lang],
                continuous_update=False,
                style={"description_width": "17em"},
                layout=w.Layout(width="38em"),
            )
        self._loading = False
        super().__init__(controls, partial(scorecard_result, lang, self.factors), lang)

    def _customer_scores(self, customer: str) -> dict[str, float]:
        row = self.factors.loc[customer]
        return {f: 0.0 if pd.isna(row[f]) else float(np.clip(row[f], 0, 100)) for f in FACTORS}

    def _on_change(self, change: dict) -> None:
        if self._loading:
            return
        if change["owner"] is self.controls.get("customer"):
            # Load the customer's factor scores as one change, not six.
            self._loading = True
            try:
                for f, v in self._customer_scores(change["new"]).items():
                    self.controls[f"score_{f}"].value = round(v, 1)
            finally:
                self._loading = False
        self.update()

    def view(self) -> w.Widget:
        lang = self.lang
        weights = w.VBox(
            [
                w.HTML(f"<b>{escape(t('risk.score.weights', lang))}</b>"),
                *(self.controls[f"weight_{f}"] for f in FACTORS),
            ]
        )
        scores = w.VBox(
            [w.HTML(f"<b>{escape(t('risk.score.scores', lang))}</b>"), *(self.controls[f"score_{f}"] for f in FACTORS)]
        )
        top = [self.controls["customer"]] if "customer" in self.controls else []
        return w.VBox([*top, w.HBox([weights, scores]), self.summary, self.output])

    def render_summary(self, r: dict[str, Any]) -> str:
        lang = self.lang
        color = GRADE_COLORS[r["grade"]]
        html = (
            f"<table class='receivables-scorecard'>"
            f"<tr><td>{escape(t('risk.score.total', lang))}</td><td style='text-align:right'><b>{r['score']:.1f}</b></td></tr>"
            f"<tr><td>{escape(t('risk.score.grade', lang))}</td><td style='text-align:right;color:{color}'><b>{r['grade']}</b></td></tr>"
            f"<tr><td>{escape(t('risk.score.action', lang))}</td><td style='text-align:right'><b>{escape(r['action'])}</b></td></tr>"
            "</table>"
        )
        if "grade_counts" in r:
            counts = " · ".join(f"{g}: {n}" for g, n in r["grade_counts"].items())
            html += (
                f"<p class='receivables-scorecard-counts'>{escape(t('risk.score.case_grades', lang))}: "
                f"<b>{counts}</b> ({escape(t('risk.score.customers_n', lang))})</p>"
            )
        return html

    def render_chart(self, r: dict[str, Any]) -> None:
        import matplotlib.pyplot as plt

        from receivables.i18n import setup_plots

        setup_plots()
        lang = self.lang
        fig, ax = plt.subplots(figsize=(6, 2.6))
        labels = [FACTOR_LABELS[f][lang] for f in FACTORS]
        full = [r["shares"][f] * 100 for f in FACTORS]
        got = [r["points"][f] for f in FACTORS]
        ax.barh(labels, full, color="#eaeef2", label=t("risk.score.weight", lang))
        ax.barh(labels, got, color=GRADE_COLORS[r["grade"]], label=t("risk.score.points", lang))
        ax.invert_yaxis()
        ax.set_xlabel(t("risk.score.points", lang))
        ax.set_title(f"{t('risk.score.chart', lang)}: {r['score']:.1f} → {r['grade']}")
        ax.legend(loc="lower right")
        fig.tight_layout()
        show(fig)
