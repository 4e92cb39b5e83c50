"""Widget: a payment plan agreed with the customer (达成协议处理方案: 分期还款计划).

A view over `receivables.collection.payment_plan`: amount, number of instalments, interest
and the first due date give the schedule, the total to be paid and the interest in all.
"""

from __future__ import annotations

from html import escape
from typing import Any, TypedDict

import ipywidgets as w
import pandas as pd

from receivables.collection.plans import payment_plan
from receivables.i18n import t
from receivables.widgets.base import LABEL_WIDTH, ReactiveWidget, number_control, show
from receivables.widgets.fields import DateWidgetMixin, date_control, money_control

#: Catalogue keys of the schedule's columns.
SCHEDULE_HEADERS = {
    "n": "risk.plan.n",
    "due_date": "risk.plan.due_date",
    "payment": "risk.plan.payment",
    "interest": "risk.plan.interest",
    "principal": "risk.plan.principal",
    "remaining": "risk.plan.remaining",
}


class PlanResult(TypedDict):
    """What `plan_result` returns (a plain dict; dates as YYYY-MM-DD)."""

    schedule: pd.DataFrame
    amount: float
    instalments: int
    annual_rate: float
    total: float
    total_interest: float
    first_payment: float
    last_payment: float
    first_due: str
    last_due: str


def plan_result(
    amount: float,
    instalments: int,
    annual_rate: float,
    first_due: Any,
    interval_months: int = 1,
    method: str = "equal_principal",
) -> PlanResult:
    """The widget's figures: the schedule of `payment_plan` and its totals."""
    if first_due is None:
        raise ValueError("choose the date of the first instalment")
    schedule = payment_plan(amount, int(instalments), first_due, int(interval_months), annual_rate, method)
    return PlanResult(
        schedule=schedule,
        amount=float(amount),
        instalments=int(instalments),
        annual_rate=float(annual_rate),
        total=round(float(schedule["payment"].sum()), 2),
        total_interest=round(float(schedule["interest"].sum()), 2),
        first_payment=float(schedule["payment"].iloc[0]),
        last_payment=float(schedule["payment"].iloc[-1]),
        first_due=str(schedule["due_date"].iloc[0].date()),
        last_due=str(schedule["due_date"].iloc[-1].date()),
    )


class PaymentPlanWidget(DateWidgetMixin, ReactiveWidget):
    """Amount, instalments, yearly interest, first due date, interval and method -> schedule."""

    def __init__(
        self,
        lang: str = "en",
        amount: float = 48_590.0,
        instalments: int = 6,
        annual_rate: float = 0.0,
        first_due: Any = "2026-01-31",
        interval_months: int = 1,
        method: str = "equal_principal",
    ):
        style = {"description_width": LABEL_WIDTH}
        controls = {
            "amount": money_control("risk.plan.amount", lang, amount, negative=False),
            "instalments": w.IntSlider(
                value=instalments,
                min=1,
                max=36,
                description=t("risk.plan.instalments", lang),
                continuous_update=False,
                style=style,
                layout=w.Layout(width="40em"),
            ),
            "annual_rate": number_control("risk.plan.rate", lang, annual_rate, 0, 0.24, 0.0025, ".2%"),
            "first_due": date_control("risk.plan.first_due", lang, first_due),
            "interval_months": w.ToggleButtons(
                options=[(t("risk.plan.month", lang), 1), (t("risk.plan.quarter", lang), 3)],
                value=interval_months,
                description=t("risk.plan.interval", lang),
                style=style,
            ),
            "method": w.ToggleButtons(
                options=[
                    (t("risk.plan.equal_principal", lang), "equal_principal"),
                    (t("risk.plan.annuity", lang), "annuity"),
                ],
                value=method,
                description=t("risk.plan.method", lang),
                style=style,
            ),
        }
        super().__init__(controls, plan_result, lang)

    def render_summary(self, r: dict[str, Any]) -> str:
        lang = self.lang
        head = "".join(f"<th>{escape(t(k, lang))}</th>" for k in SCHEDULE_HEADERS.values())
        rows = []
        for row in r["schedule"].itertuples(index=False):  # a plan has a few dozen rows at most
            cells = [str(row.n), str(row.due_date.date())] + [
                f"{v:,.2f}" for v in (row.payment, row.interest, row.principal, row.remaining)
            ]
            rows.append("<tr>" + "".join(f"<td style='text-align:right'>{c}</td>" for c in cells) + "</tr>")
        cny = t("risk.plan.cny", lang)
        totals = [
            (t("risk.plan.total", lang), f"{r['total']:,.2f} {cny}"),
            (t("risk.plan.total_interest", lang), f"{r['total_interest']:,.2f} {cny}"),
            (t("risk.plan.last_due", lang), r["last_due"]),
        ]
        summary = "".join(
            f"<tr><td>{escape(k)}</td><td style='text-align:right'><b>{v}</b></td></tr>" for k, v in totals
        )
        return (
            f"<table class='receivables-plan-totals'>{summary}</table>"
            f"<table class='receivables-plan'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def render_chart(self, r: dict[str, Any]) -> None:
        import matplotlib.pyplot as plt

        from receivables.i18n import setup_plots

        setup_plots()
        lang = self.lang
        s: pd.DataFrame = r["schedule"]
        fig, ax = plt.subplots(figsize=(6, 2.4))
        labels = [str(d.date()) for d in s["due_date"]]
        ax.bar(labels, s["principal"], color="#2f6feb", label=t("risk.plan.principal", lang))
        ax.bar(labels, s["interest"], bottom=s["principal"], color="#f0883e", label=t("risk.plan.interest", lang))
        ax.set_ylabel(t("risk.plan.cny", lang))
        ax.set_title(t("risk.plan.chart", lang))
        ax.tick_params(axis="x", labelrotation=60)
        ax.legend()
        fig.tight_layout()
        show(fig)
