"""Widget: what an overdue account costs in profit (账款逾期对利润的影响).

A view over `receivables.profit`: the sales needed to replace a bad debt, the carrying
(financing) cost of an overdue balance, and the share still collectable as the debt
ages, on a survey curve the user may replace (course/references.md §3).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from receivables.i18n import t, term
from receivables.profit import (
    CCAA_COLLECTABILITY,
    DAYS_PER_MONTH,
    collectability,
    curve_table,
    profit_impact,
)
from receivables.widgets.base import ReactiveWidget, amount_control, number_control, show


class ProfitImpactWidget(ReactiveWidget):
    """Sliders: bad debt and net margin (-> sales needed to replace it); overdue balance,
    cost of funds and days overdue (-> carrying cost, collectability, expected loss).

    ``curve`` ({months overdue: share collectable}) replaces the survey curve
    (`receivables.profit.CCAA_COLLECTABILITY`, attributed to the Commercial Collection
    Agency Association).
    """

    def __init__(
        self,
        lang: str = "en",
        bad_debt: float = 50_000,
        margin: float = 0.05,
        balance: float = 100_000,
        annual_rate: float = 0.045,
        days_overdue: float = 90,
        curve: Mapping[float, float] | None = None,
    ):
        self.curve = dict(CCAA_COLLECTABILITY if curve is None else curve)
        collectability(0, self.curve)  # reject a bad curve before drawing anything

        def top(amount: float) -> float:  # sliders reach well past the case's amounts
            return max(10 * amount, 5_000_000)

        controls = {
            "bad_debt": amount_control("impact.bad_debt", lang, bad_debt, 0, top(bad_debt)),
            "margin": number_control("impact.margin", lang, margin, 0.005, 0.5, 0.005, ".1%"),
            "balance": amount_control("impact.balance", lang, balance, 0, top(balance)),
            "annual_rate": number_control("impact.annual_rate", lang, annual_rate, 0, 0.24, 0.0025, ".2%"),
            "days_overdue": number_control(
                "impact.days_overdue", lang, days_overdue, 0, max(730, days_overdue), 1, ".0f"
            ),
        }
        super().__init__(controls, partial(profit_impact, curve=self.curve), lang)

    def render_summary(self, r: dict[str, Any]) -> str:
        lang = self.lang
        cny = t("unit.cny", lang)

        def money(x: float | None) -> str:
            return "—" if x is None else f"{x:,.0f} {cny}"

        def amount(x: float | None) -> str:  # the sentence puts the currency in its own place
            return "—" if x is None else f"{x:,.0f}"

        rows = [
            (term("impact.sales_needed", lang), money(r["sales_needed"])),
            (term("impact.carrying_cost", lang), money(r["carrying_cost"])),
            (term("impact.collectability", lang), f"{r['collectability']:.1%}"),
            (term("impact.expected_loss", lang), money(r["expected_loss"])),
            (term("impact.total_cost", lang), money(r["total_cost"])),
            (term("impact.sales_to_replace_total", lang), money(r["sales_to_replace_total"])),
        ]
        body = "".join(f"<tr><td>{k}</td><td style='text-align:right'><b>{v}</b></td></tr>" for k, v in rows)
        sentence = t("impact.sentence", lang).format(
            bad_debt=f"{r['bad_debt']:,.0f}",
            margin=f"{r['margin']:.1%}",
            sales=amount(r["sales_needed"]),
            balance=f"{r['balance']:,.0f}",
            days=f"{r['days_overdue']:,.0f}",
            months=f"{r['months_overdue']:.1f}",
            share=f"{r['collectability']:.0%}",
            loss=amount(r["expected_loss"]),
        )
        return f"<table class='receivables-impact'>{body}</table><p>{sentence}</p>"

    def render_chart(self, r: dict[str, Any]) -> None:
        import matplotlib.pyplot as plt
        import numpy as np

        from receivables.i18n import setup_plots
        from receivables.i18n.fonts import MIN_FONT_PT

        setup_plots()
        lang = self.lang
        points = curve_table(self.curve)
        last = max(float(points["months"].max()), r["months_overdue"]) * 1.1 + 1
        xs = np.linspace(0, last, 200)
        ys = np.asarray(collectability(xs * DAYS_PER_MONTH, self.curve)) * 100
        fig, ax = plt.subplots(figsize=(6.5, 3.4))
        ax.plot(xs, ys, color="#57606a", lw=1.5)
        ax.plot(points["months"], points["collectable"], "o", color="#2f6feb", label=t("impact.survey_points", lang))
        here = r["collectability"] * 100
        ax.plot([r["months_overdue"]], [here], "o", ms=11, color="#b42318", label=t("impact.this_debt", lang))
        ax.annotate(
            f"{here:.0f}%",
            (r["months_overdue"], here),
            textcoords="offset points",
            xytext=(8, 8),
            color="#b42318",
            fontweight="bold",
        )
        ax.set_xlim(0, last)
        ax.set_ylim(0, 105)
        ax.set_xlabel(t("impact.months", lang))
        ax.set_ylabel(t("impact.collectable_pct", lang))
        ax.set_title(t("impact.chart", lang))
        ax.legend(loc="upper right")
        ax.spines[["top", "right"]].set_visible(False)
        source = "impact.source" if self.curve == CCAA_COLLECTABILITY else "impact.source_own"
        fig.text(0.01, 0.01, t(source, lang), fontsize=MIN_FONT_PT, color="#57606a", wrap=True)
        fig.tight_layout(rect=(0, 0.04, 1, 1))
        show(fig)
