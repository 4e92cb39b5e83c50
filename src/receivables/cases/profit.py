"""Case part 4, what the overdue costs: expected loss by aging bucket, carrying cost and
the sales needed to earn the losses back.

Per open invoice with a positive open amount (credit notes carry no credit risk):

- collectability = the survey curve read at its days past due
  (`receivables.profit.collectability`; the curve is a parameter);
- expected loss = open amount x (1 - collectability);
- carrying cost so far = open amount x cost of funds x days past due / 365, overdue items
  only (domain reference 3);
- sales to replace = loss / net margin (`receivables.profit.sales_to_replace_bad_debt`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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

    Columns: ``bucket``, ``count``, ``balance``, ``collectability`` (balance-weighted, NaN
    for an empty bucket), ``expected_recovery``, ``expected_loss``, ``carrying_cost``.
    Only items with a positive open amount count.
    """
    items = open_items[open_items["open_amount"] > 0]
    dpd = items["days_past_due"].to_numpy(dtype=float)
    amount = items["open_amount"].to_numpy(dtype=float)
    p = np.asarray(collectability(dpd, curve), dtype=float).reshape(-1)
    carry = np.asarray(carrying_cost(amount, annual_rate, np.clip(dpd, 0, None)), dtype=float).reshape(-1)
    where = buckets.index(dpd.astype(np.int64))
    size = len(buckets)

    def total(values: np.ndarray) -> np.ndarray:
        return np.bincount(where, weights=values, minlength=size)[:size]

    balance = total(amount)
    recovery = total(amount * p)
    with np.errstate(divide="ignore", invalid="ignore"):
        weighted = np.where(balance > 0, recovery / np.where(balance > 0, balance, 1), np.nan)
    return pd.DataFrame(
        {
            "bucket": list(buckets.labels),
            "count": np.bincount(where, minlength=size)[:size].astype(int),
            "balance": balance,
            "collectability": weighted,
            "expected_recovery": recovery,
            "expected_loss": balance - recovery,
            "carrying_cost": total(carry),
        }
    )


def profit_impact(
    open_items: pd.DataFrame,
    net_margin: float,
    annual_rate: float,
    curve: Mapping[float, float] | None = None,
) -> dict[str, Any]:
    """The headline figures: overdue balance, expected loss, carrying cost so far, their
    sum, and the sales needed to replace the loss and the total (None if margin <= 0);
    ``lines``: `loss_by_bucket` with ``sales_to_replace`` per bucket (NaN if margin <= 0)."""
    lines = loss_by_bucket(open_items, curve, annual_rate)
    lines["sales_to_replace"] = lines["expected_loss"] / net_margin if net_margin > 0 else np.nan
    loss = float(lines["expected_loss"].sum())
    carry = float(lines["carrying_cost"].sum())
    overdue = float(lines.loc[lines["bucket"] != "current", "balance"].sum())
    return {
        "open_balance": float(open_items["open_amount"].sum()),  # credit notes netted, as in parts 1-2
        "overdue_balance": overdue,
        "expected_loss": loss,
        "carrying_cost": carry,
        "total_cost": loss + carry,
        "sales_to_replace_loss": sales_to_replace_bad_debt(loss, net_margin),
        "sales_to_replace_total": sales_to_replace_bad_debt(loss + carry, net_margin),
        "lines": lines,
    }


def draw_loss_by_bucket(lines: pd.DataFrame, curve: Mapping[float, float] | None, lang: str = "en"):
    """Left: balance per bucket split into expected recovery and loss; right: the curve."""
    import matplotlib.pyplot as plt

    from receivables.i18n import setup_plots
    from receivables.i18n.fonts import MAX_WIDTH_IN, readable
    from receivables.profit import CCAA_COLLECTABILITY

    check_lang(lang)
    setup_plots()
    fig, (left, right) = plt.subplots(1, 2, figsize=(MAX_WIDTH_IN, 4.2), gridspec_kw={"width_ratios": [3, 2]})
    labels = [bucket_label(b, lang) for b in lines["bucket"]]
    left.bar(labels, lines["expected_recovery"] / 1e4, color="#2f6feb", label=t("cases.expected_recovery", lang))
    left.bar(labels, lines["expected_loss"] / 1e4, bottom=lines["expected_recovery"] / 1e4, color="#b42318",
             label=t("cases.expected_loss", lang))
    left.set_ylabel(t("unit.10k_cny", lang))
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
    """The headline of `profit_impact` in one paragraph, every figure computed."""
    from .tables import money, pct

    if impact["sales_to_replace_loss"] is None:
        sales = money(None)
    else:
        sales = money(impact["sales_to_replace_loss"])
    sentence = t("cases.s.profit", lang).format(
        open=money(impact["open_balance"]), overdue=money(impact["overdue_balance"]),
        loss=money(impact["expected_loss"]), carry=money(impact["carrying_cost"]),
        rate=pct(annual_rate * 100, 2), margin=pct(net_margin * 100, 2), sales=sales)
    if impact["sales_to_replace_loss"] is None:
        sentence += " " + t("cases.s.profit_no_margin", lang)
    return sentence


def largest_losses(open_items: pd.DataFrame, names: pd.Series, curve: Mapping[float, float] | None = None,
                   n: int = 10) -> pd.DataFrame:
    """The open invoices with the largest expected loss: invoice, customer name, days past
    due, open amount, collectability, expected loss (ties by invoice id)."""
    items = open_items[open_items["open_amount"] > 0]
    p = np.asarray(collectability(items["days_past_due"].to_numpy(dtype=float), curve), dtype=float).reshape(-1)
    table = pd.DataFrame({
        "invoice_id": items["invoice_id"].astype(str).to_numpy(),
        "name": name_of(items["customer_id"], names).to_numpy(),
        "days_past_due": items["days_past_due"].to_numpy(),
        "open_amount": items["open_amount"].to_numpy(dtype=float),
        "collectability": p,
    })
    table["expected_loss"] = table["open_amount"] * (1 - table["collectability"])
    table = table.sort_values(["expected_loss", "invoice_id"], ascending=[False, True], kind="mergesort")
    return table[table["expected_loss"] > 0].head(n).reset_index(drop=True)
