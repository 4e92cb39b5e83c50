"""Case part 4, what the overdue costs: expected loss by aging bucket, carrying cost and
the sales needed to earn the losses back.

Per open invoice with a positive open amount (credit notes carry no credit risk):

- collectability = the survey curve read at its days past due
  (`receivables.profit.collectability`; the curve is a parameter);
- expected loss = open amount x (1 - collectability);
- carrying cost so far = open amount x cost of funds x days past due / 365, overdue items
  only (standard definition, course/references.md §3.2);
- sales to replace = loss / net margin (`receivables.profit.sales_to_replace_bad_debt`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

import numpy as np
import pandas as pd

from receivables.i18n import check_lang, t
from receivables.metrics.buckets import DEFAULT_BUCKETS, Buckets
from receivables.profit import carrying_cost, collectability, sales_to_replace_bad_debt

from .tables import name_of


def bucket_label(label: str, lang: str = "en") -> str:
    """An aging bucket label in ``lang``: "current" -> 未到期, "1-30" -> 1-30天, "over 365" -> 365天以上."""
    check_lang(lang)
    if lang != "zh":
        return label
    if label == "current":
        return "未到期"
    if label.startswith("over "):
        return f"{label[5:]}天以上"
    if label.startswith("up to "):
        return f"{label[6:]}天以内"
    return f"{label}天"


def loss_by_bucket(
    open_items: pd.DataFrame,
    curve: Mapping[float, float] | None = None,
    annual_rate: float = 0.045,
    buckets: Buckets = DEFAULT_BUCKETS,
) -> pd.DataFrame:
    """Open balance, expected loss and carrying cost per aging bucket (every bucket, in order).

    Columns: ``bucket``, ``count`` and ``balance`` (every open item, credit notes and
    overpayments netted: the aging table's figures), ``collectability`` (of the amounts
    owed, balance-weighted; NaN for a bucket that owes nothing), ``expected_recovery``
    (balance - expected loss), ``expected_loss``, ``carrying_cost``. Only items with a
    positive open amount carry a loss or a carrying cost.
    """
    dpd_all = open_items["days_past_due"].to_numpy(dtype=float)
    amount_all = open_items["open_amount"].to_numpy(dtype=float)
    owed = amount_all > 0
    dpd, amount = dpd_all[owed], amount_all[owed]
    p = np.asarray(collectability(dpd, curve), dtype=float).reshape(-1)
    carry = np.asarray(carrying_cost(amount, annual_rate, np.clip(dpd, 0, None)), dtype=float).reshape(-1)
    where_all = buckets.index(dpd_all.astype(np.int64))
    where = where_all[owed]
    size = len(buckets)

    def total(values: np.ndarray, at: np.ndarray = where) -> np.ndarray:
        return np.bincount(at, weights=values, minlength=size)[:size]

    owed_balance = total(amount)
    recovery = total(amount * p)
    loss = owed_balance - recovery
    balance = total(amount_all, where_all)
    with np.errstate(divide="ignore", invalid="ignore"):
        weighted = np.where(owed_balance > 0, recovery / np.where(owed_balance > 0, owed_balance, 1), np.nan)
    return pd.DataFrame(
        {
            "bucket": list(buckets.labels),
            "count": np.bincount(where_all, minlength=size)[:size].astype(int),
            "balance": balance,
            "collectability": weighted,
            "expected_recovery": balance - loss,
            "expected_loss": loss,
            "carrying_cost": total(carry),
        }
    )


class CaseProfitImpact(TypedDict):
    """What `profit_impact` returns (a plain dict); sales figures are None when the margin
    is not positive."""

    open_balance: float
    overdue_balance: float
    credits: float
    expected_loss: float
    carrying_cost: float
    total_cost: float
    sales_to_replace_loss: float | None
    sales_to_replace_total: float | None
    lines: pd.DataFrame


def profit_impact(
    open_items: pd.DataFrame,
    net_margin: float,
    annual_rate: float,
    curve: Mapping[float, float] | None = None,
    figures: Any = None,
) -> CaseProfitImpact:
    """The headline figures: open and overdue balance (credit notes netted, as in the
    aging table and summary.json), expected loss, carrying cost so far, their sum, and the
    sales needed to replace the loss and the total (None if margin <= 0); ``lines``:
    `loss_by_bucket` with ``sales_to_replace`` per bucket (NaN if margin <= 0).

    ``figures``: the run's `receivables.cases.figures.CaseFigures`; its open and overdue
    balance and its aging buckets' balances and counts are used as they are, so part 4
    shows the figures of parts 1-2, summary.json and aging.xlsx. Without it they are
    computed from ``open_items`` the same way.
    """
    lines = loss_by_bucket(open_items, curve, annual_rate)
    if figures is not None:
        aging = figures.aging
        if list(aging["bucket"]) != list(lines["bucket"]):
            raise ValueError(
                f"the figures' buckets {list(aging['bucket'])} are not the loss table's {list(lines['bucket'])}"
            )
        loss_only = lines["expected_loss"].to_numpy()
        lines["balance"] = aging["amount"].to_numpy(dtype=float)
        lines["count"] = aging["count"].to_numpy(dtype=int)
        lines["expected_recovery"] = lines["balance"] - loss_only
        open_balance, overdue = float(figures.open_balance), float(figures.overdue_balance)
        credits = float(figures.credits)
    else:
        amounts = open_items["open_amount"].to_numpy(dtype=float)
        open_balance = float(amounts.sum())
        overdue = float(amounts[open_items["days_past_due"].to_numpy() > 0].sum())
        credits = float(amounts[amounts < 0].sum())
    lines["sales_to_replace"] = lines["expected_loss"] / net_margin if net_margin > 0 else np.nan
    loss = float(lines["expected_loss"].sum())
    carry = float(lines["carrying_cost"].sum())
    return CaseProfitImpact(
        open_balance=open_balance,
        overdue_balance=overdue,
        credits=credits,
        expected_loss=loss,
        carrying_cost=carry,
        total_cost=loss + carry,
        sales_to_replace_loss=sales_to_replace_bad_debt(loss, net_margin),
        sales_to_replace_total=sales_to_replace_bad_debt(loss + carry, net_margin),
        lines=lines,
    )


def draw_loss_by_bucket(
    lines: pd.DataFrame, curve: Mapping[float, float] | None, lang: str = "en", currency: str | None = "CNY"
):
    """Left: balance per bucket split into expected recovery and loss, in the ledger's
    currency (`receivables.cases.figures.money_unit`); right: the curve."""
    import matplotlib.pyplot as plt

    from receivables.i18n import setup_plots
    from receivables.i18n.fonts import MAX_WIDTH_IN, readable
    from receivables.profit import CCAA_COLLECTABILITY

    from .figures import money_unit

    check_lang(lang)
    setup_plots()
    scale, unit = money_unit(currency, lang)
    fig, (left, right) = plt.subplots(1, 2, figsize=(MAX_WIDTH_IN, 4.2), gridspec_kw={"width_ratios": [3, 2]})
    labels = [bucket_label(b, lang) for b in lines["bucket"]]
    recovery = lines["expected_recovery"].to_numpy(dtype=float) / scale
    left.bar(labels, recovery, color="#2f6feb", label=t("cases.expected_recovery", lang))
    left.bar(
        labels,
        lines["expected_loss"] / scale,
        bottom=np.clip(recovery, 0, None),
        color="#b42318",
        label=t("cases.expected_loss", lang),
    )
    left.set_ylabel(unit)
    left.set_xlabel(t("cases.bucket", lang))
    left.set_title(t("cases.loss_chart", lang))
    left.tick_params(axis="x", rotation=30)
    left.legend()
    points = dict(CCAA_COLLECTABILITY if curve is None else curve)
    months = np.linspace(0, max(max(points), 24), 100)
    right.plot(months, np.asarray(collectability(months * 365 / 12, points)) * 100, color="#1a7f37")
    right.scatter(list(points), [v * 100 for v in points.values()], color="#1a7f37")
    right.set_xlabel(t("cases.months_past_due", lang))
    right.set_ylabel("%")
    right.set_ylim(0, 105)
    right.set_title(t("cases.curve_chart", lang))
    for ax in (left, right):
        ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return readable(fig)


def profit_sentence(impact: dict[str, Any], net_margin: float, annual_rate: float, lang: str = "en") -> str:
    """The headline of `profit_impact` in one paragraph, every figure computed; the open and
    overdue balance marked as the report's figures (`receivables.cases.figures.mark`)."""
    from .figures import mark
    from .tables import money, pct

    if impact["sales_to_replace_loss"] is None:
        sales = money(None)
    else:
        sales = money(impact["sales_to_replace_loss"])
    sentence = t("cases.s.profit", lang).format(
        open=mark("open_balance", impact["open_balance"]),
        overdue=mark("overdue_balance", impact["overdue_balance"]),
        loss=money(impact["expected_loss"]),
        carry=money(impact["carrying_cost"]),
        rate=pct(annual_rate * 100, 2),
        margin=pct(net_margin * 100, 2),
        sales=sales,
    )
    if impact["sales_to_replace_loss"] is None:
        sentence += " " + t("cases.s.profit_no_margin", lang)
    if impact.get("credits"):
        sentence += " " + t("cases.f.loss_credits", lang).format(credits=money(impact["credits"]))
    return sentence


def loss_table(impact: dict[str, Any], lang: str = "en"):
    """Part 4's table by bucket: the aging table's balance and count per bucket (marked as
    the report's figures), collectability, expected loss, carrying cost, sales to replace."""
    from receivables.reports.tables import styled

    from .figures import mark

    lines = impact["lines"]
    shown = lines.assign(
        bucket=[bucket_label(b, lang) for b in lines["bucket"]],
        collectability=lines["collectability"] * 100,
        count=[mark(f"aging.{b}.count", c) for b, c in zip(lines["bucket"], lines["count"], strict=True)],
        balance=[mark(f"aging.{b}.amount", v) for b, v in zip(lines["bucket"], lines["balance"], strict=True)],
    )
    headers = {
        "bucket": "cases.bucket",
        "count": "cases.count",
        "balance": "cases.balance",
        "collectability": "cases.collectability",
        "expected_loss": "cases.expected_loss",
        "carrying_cost": "cases.carrying_cost",
        "sales_to_replace": "impact.sales_needed",
    }
    return styled(
        shown, headers, lang, money=["expected_loss", "carrying_cost", "sales_to_replace"], pct=["collectability"]
    )


def largest_losses(
    open_items: pd.DataFrame, names: pd.Series, curve: Mapping[float, float] | None = None, n: int = 10
) -> pd.DataFrame:
    """The open invoices with the largest expected loss: invoice, customer name, days past
    due, open amount, collectability, expected loss (ties by invoice id)."""
    items = open_items[open_items["open_amount"] > 0]
    p = np.asarray(collectability(items["days_past_due"].to_numpy(dtype=float), curve), dtype=float).reshape(-1)
    table = pd.DataFrame(
        {
            "invoice_id": items["invoice_id"].astype(str).to_numpy(),
            "name": name_of(items["customer_id"], names).to_numpy(),
            "days_past_due": items["days_past_due"].to_numpy(),
            "open_amount": items["open_amount"].to_numpy(dtype=float),
            "collectability": p,
        }
    )
    table["expected_loss"] = table["open_amount"] * (1 - table["collectability"])
    table = table.sort_values(["expected_loss", "invoice_id"], ascending=[False, True], kind="mergesort")
    return table[table["expected_loss"] > 0].head(n).reset_index(drop=True)
