"""Widget: how much receivables can we afford? (我们能承受多大规模的应收账款?)

A view over `receivables.profit.receivables_ceiling`, the kit's teaching model.
"""

from __future__ import annotations

from typing import Any

from receivables.i18n import t, term
from receivables.profit import receivables_ceiling
from receivables.widgets.base import ReactiveWidget, amount_control, number_control, show


class AffordabilityWidget(ReactiveWidget):
    def __init__(
        self,
        lang: str = "en",
        equity: float = 30_000_000,
        credit_line: float = 20_000_000,
        payables: float = 15_000_000,
        inventory: float = 25_000_000,
        minimum_cash: float = 5_000_000,
        annual_sales: float = 200_000_000,
        target_dso: float = 60,
    ):
        top = 4 * max(equity, credit_line, payables, inventory, minimum_cash, 1)
        controls = {
            "equity": amount_control("afford.equity", lang, equity, 0, top),
            "credit_line": amount_control("afford.credit_line", lang, credit_line, 0, top),
            "payables": amount_control("afford.payables", lang, payables, 0, top),
            "inventory": amount_control("afford.inventory", lang, inventory, 0, top),
            "minimum_cash": amount_control("afford.minimum_cash", lang, minimum_cash, 0, top),
            "annual_sales": amount_control("afford.annual_sales", lang, annual_sales, 0, 4 * max(annual_sales, 1)),
            "target_dso": number_control("afford.target_dso", lang, target_dso, 0, 365, 1, ".0f"),
        }
        super().__init__(controls, receivables_ceiling, lang)

    def render_summary(self, r: dict[str, Any]) -> str:
        lang = self.lang
        cny = t("unit.cny", lang)
        max_dso = "—" if r["max_dso"] is None else f"{r['max_dso']:,.0f} {t('unit.days', lang)}"
        verdict = t("afford.ok", lang) if r["headroom"] >= 0 else t("afford.over", lang)
        color = "#1a7f37" if r["headroom"] >= 0 else "#b42318"
        rows = [
            (term("afford.funds_available", lang), f"{r['funds_available']:,.0f} {cny}"),
            (term("afford.ceiling", lang), f"{r['ceiling']:,.0f} {cny}"),
            (term("afford.required", lang), f"{r['required']:,.0f} {cny}"),
            (term("afford.headroom", lang), f"{r['headroom']:,.0f} {cny}"),
            (term("afford.max_dso", lang), max_dso),
        ]
        body = "".join(f"<tr><td>{k}</td><td style='text-align:right'><b>{v}</b></td></tr>" for k, v in rows)
        return f"<table class='receivables-afford'>{body}</table><p style='color:{color}'><b>{verdict}</b></p>"

    def render_chart(self, r: dict[str, Any]) -> None:
        import matplotlib.pyplot as plt

        from receivables.i18n import setup_plots

        setup_plots()
        fig, ax = plt.subplots(figsize=(6, 1.8))
        lang = self.lang
        labels = [t("afford.required", lang), t("afford.ceiling", lang)]
        values = [r["required"] / 1e4, r["ceiling"] / 1e4]
        colors = ["#b42318" if r["headroom"] < 0 else "#2f6feb", "#8c959f"]
        ax.barh(labels, values, color=colors)
        ax.set_xlabel(t("unit.10k_cny", lang))
        ax.set_title(t("afford.chart", lang))
        fig.tight_layout()
        show(fig)
