"""Widget: the credit-limit calculator (信用评估的技术与方法: 信用额度).

A view over `receivables.risk.limits.credit_limit_options`: the customer's net worth,
working capital and expected purchases, the terms, and our own sales give a limit by each
rule of thumb; the smallest is recommended (convention, course/references.md §4.4), and the customer's
current balance is measured against it (utilisation, 额度使用率).
"""

from __future__ import annotations

from html import escape
from typing import Any

from receivables.i18n import t
from receivables.risk.limits import METHOD_LABELS, LimitOptions, credit_limit_options
from receivables.widgets.base import ReactiveWidget, number_control, show
from receivables.widgets.fields import money_control


class LimitResult(LimitOptions):
    """What `limit_result` returns (a plain dict)."""

    balance: float
    utilisation_pct: float | None
    available: float | None
    over_limit: bool


def limit_result(
    tangible_net_worth: float,
    working_capital: float,
    monthly_purchases: float,
    terms_days: float,
    grace_days: float,
    own_annual_sales: float,
    balance: float,
) -> LimitResult:
    """`credit_limit_options` plus the balance against the recommended limit:
    utilisation_pct (balance / limit x 100, None for a zero limit), available, over_limit."""
    options = credit_limit_options(
        tangible_net_worth, working_capital, monthly_purchases, terms_days, grace_days, own_annual_sales
    )
    limit = options["recommended"]
    return LimitResult(
        **options,
        balance=float(balance),
        utilisation_pct=None if not limit else float(balance) / limit * 100,
        available=None if limit is None else limit - float(balance),
        over_limit=limit is not None and float(balance) > limit,
    )


class CreditLimitWidget(ReactiveWidget):
    """Customer figures, terms and our sales -> a limit by each rule, the recommended
    limit and the utilisation of the customer's current balance."""

    def __init__(
        self,
        lang: str = "en",
        tangible_net_worth: float = 10_000_000.0,
        working_capital: float = 3_000_000.0,
        monthly_purchases: float = 200_000.0,
        terms_days: float = 60,
        grace_days: float = 0,
        own_annual_sales: float = 100_000_000.0,
        balance: float = 0.0,
    ):
        controls = {
            "tangible_net_worth": money_control("risk.limit.net_worth", lang, tangible_net_worth),
            "working_capital": money_control("risk.limit.working_capital", lang, working_capital),
            "monthly_purchases": money_control("risk.limit.monthly_purchases", lang, monthly_purchases, negative=False),
            "terms_days": number_control("risk.limit.terms_days", lang, terms_days, 0, 180, 5, ".0f"),
            "grace_days": number_control("risk.limit.grace_days", lang, grace_days, 0, 60, 1, ".0f"),
            "own_annual_sales": money_control("risk.limit.own_sales", lang, own_annual_sales, negative=False),
            "balance": money_control("risk.limit.balance", lang, balance, negative=False),
        }
        super().__init__(controls, limit_result, lang)

    def render_summary(self, r: dict[str, Any]) -> str:
        lang = self.lang
        cny = t("unit.cny", lang)
        rows = [(METHOD_LABELS[m][lang], "—" if r[m] is None else f"{r[m]:,.0f} {cny}") for m in METHOD_LABELS]
        if r["recommended"] is None:
            return f"<p class='receivables-limit'>{escape(t('risk.limit.none', lang))}</p>"
        basis = METHOD_LABELS[r["basis"]][lang]
        rows += [
            (t("risk.limit.recommended", lang), f"{r['recommended']:,.0f} {cny}"),
            (t("risk.limit.basis", lang), escape(basis)),
            (
                t("risk.limit.utilisation", lang),
                "—" if r["utilisation_pct"] is None else f"{r['utilisation_pct']:,.1f}%",
            ),
            (t("risk.limit.available", lang), f"{r['available']:,.0f} {cny}"),
        ]
        body = "".join(f"<tr><td>{escape(k)}</td><td style='text-align:right'><b>{v}</b></td></tr>" for k, v in rows)
        verdict, color = ("risk.limit.over", "#b42318") if r["over_limit"] else ("risk.limit.within", "#1a7f37")
        return f"<table class='receivables-limit'>{body}</table><p style='color:{color}'><b>{escape(t(verdict, lang))}</b></p>"

    def render_chart(self, r: dict[str, Any]) -> None:
        import matplotlib.pyplot as plt

        from receivables.i18n import setup_plots

        available = [m for m in METHOD_LABELS if r[m] is not None]
        if not available:
            return
        setup_plots()
        lang = self.lang
        fig, ax = plt.subplots(figsize=(6, 2.4))
        values = [r[m] / 1e4 for m in available]
        colors = ["#b42318" if m == r["basis"] else "#8c959f" for m in available]
        ax.barh([METHOD_LABELS[m][lang] for m in available], values, color=colors)
        ax.axvline(r["balance"] / 1e4, color="#2f6feb", lw=2, label=t("risk.limit.balance", lang))
        ax.invert_yaxis()
        ax.set_xlabel(t("risk.unit.10k_cny", lang))
        ax.set_title(t("risk.limit.chart", lang))
        ax.legend(loc="lower right")
        fig.tight_layout()
        show(fig)
