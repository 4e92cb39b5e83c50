"""Payment behaviour over time: how late each payment came, month by month (危险信号).

Course topic: 讨论:可能发生逾期应收的危险信号有哪些? (warning signals). `warning_signals`
(risk.signals) turns behaviour into flags on one date; this module shows the behaviour
itself, so a learner sees a customer drifting before any flag is raised:

* `payment_days`: one row per payment with its days late (paid date - due date) and
  whether it left its invoice still open (a partial payment);
* `days_to_pay_by_month`: the amount-weighted days late of each customer's payments per
  calendar month of payment;
* `behaviour_summary`: one customer's first months of payments against its last ones;
* `draw_days_to_pay`: those months as lines, one per customer;
* `signal_checklist`: the discussion list of warning signals (course/references.md §5.4), with
  the ones the ledger can show marked by their `SIGNALS` code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

import numpy as np
import pandas as pd

from receivables.frames import clean_columns, timestamp
from receivables.i18n import Text, check_lang, named, pick, t
from receivables.risk.signals import SIGNALS

#: The discussion list (course/references.md §5.4): each signal's name (texts/risk/payment_behaviour.yml:
#: ``signals.checklist.<signal>``) and the `SIGNALS` code that flags it from the ledger, or ""
#: when only people see it.
CHECKLIST: tuple[tuple[Text, str], ...] = tuple(
    (Text(f"signals.checklist.{signal}"), code)
    for signal, code in (
        ("paying_later", "PAYING_LATER"),
        ("late_trend", "LATE_TREND"),
        ("partial_payments", "PARTIAL_PAYMENTS"),
        ("many_promises", "MANY_PROMISES"),
        ("broken_promises", "BROKEN_PROMISES"),
        ("cheques", ""),
        ("longer_terms", ""),
        ("no_discounts", ""),
        ("staff_leave", ""),
        ("changes", ""),
        ("unreachable", ""),
        ("lawsuits", ""),
    )
)


def payment_days(invoices: pd.DataFrame, payments: pd.DataFrame, as_of: Any = None) -> pd.DataFrame:
    """One row per payment (dated by ``as_of`` when given) on a known invoice.

    Columns: customer_id, invoice_id, due_date, paid_date, paid_amount, days_late
    (paid_date - due_date, negative when early), partial (True when the invoice was still
    open, by more than half a cent, after this payment: payments on one invoice are taken
    in date order). Sorted by paid date, then invoice. Credit notes have no payments.
    """
    inv = clean_columns(invoices, ["invoice_id", "customer_id", "due_date", "amount"], "invoices")
    pay = clean_columns(payments, ["invoice_id", "paid_date", "paid_amount"], "payments")
    as_of = timestamp(as_of)
    if as_of is not None:
        pay = pay[pay["paid_date"] <= as_of]
    pay = pay.merge(inv, on="invoice_id", how="inner")
    pay = pay.sort_values(["invoice_id", "paid_date", "paid_amount"], kind="mergesort")
    paid_so_far = pay.groupby("invoice_id")["paid_amount"].cumsum()
    pay["partial"] = paid_so_far < pay["amount"] - 0.005
    pay["days_late"] = (pay["paid_date"] - pay["due_date"]).dt.days
    pay = pay.sort_values(["paid_date", "invoice_id"], kind="mergesort").reset_index(drop=True)
    return pay[["customer_id", "invoice_id", "due_date", "paid_date", "paid_amount", "days_late", "partial"]]


def days_to_pay_by_month(
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    customers: Sequence[str] | None = None,
    as_of: Any = None,
) -> pd.DataFrame:
    """Days late per customer and calendar month of payment, amount-weighted.

    Columns: customer_id, month (first day of the month, Timestamp), payments, amount,
    days_late (sum of amount x days late / amount), partial_payments. Only months with
    payments appear, by customer then month. ``customers`` limits the rows to those ids, in
    that order (so a chart gives the first one the first colour).
    """
    pays = payment_days(invoices, payments, as_of)
    if customers is not None:
        wanted = [str(c) for c in customers]
        pays = pays[pays["customer_id"].isin(wanted)]
    pays = pays.assign(
        month=pays["paid_date"].dt.to_period("M").dt.to_timestamp(),
        weighted=pays["paid_amount"] * pays["days_late"],
    )
    table = (
        pays.groupby(["customer_id", "month"], sort=True)
        .agg(
            payments=("paid_amount", "size"),
            amount=("paid_amount", "sum"),
            weighted=("weighted", "sum"),
            partial_payments=("partial", "sum"),
        )
        .reset_index()
    )
    if customers is not None:
        rank = {c: i for i, c in enumerate(wanted)}
        table = table.sort_values(
            ["customer_id", "month"],
            key=lambda col: col.map(rank) if col.name == "customer_id" else col,
            kind="mergesort",
        ).reset_index(drop=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        table["days_late"] = table["weighted"] / table["amount"].where(table["amount"] != 0)
    table["partial_payments"] = table["partial_payments"].astype(int)
    return table[["customer_id", "month", "payments", "amount", "days_late", "partial_payments"]]


class BehaviourSummary(TypedDict):
    """What `behaviour_summary` returns (a plain dict)."""

    payments: int
    partial_payments: int
    first_payment: str | None
    last_payment: str | None
    days_late_first: float | None
    days_late_last: float | None
    drift: float | None


def behaviour_summary(
    invoices: pd.DataFrame, payments: pd.DataFrame, customer_id: str, months: int = 6, as_of: Any = None
) -> BehaviourSummary:
    """How one customer's paying changed: its first ``months`` calendar months with payments
    against its last ``months``.

    Keys: payments, partial_payments, first_payment, last_payment ("YYYY-MM-DD" or None),
    days_late_first / days_late_last (amount-weighted days late of the payments in those
    months; None without payments), drift (last - first).
    """
    if months < 1:
        raise ValueError("months must be at least 1")
    pays = payment_days(invoices, payments, as_of)
    pays = pays[pays["customer_id"] == str(customer_id)]
    if pays.empty:
        return BehaviourSummary(
            payments=0,
            partial_payments=0,
            first_payment=None,
            last_payment=None,
            days_late_first=None,
            days_late_last=None,
            drift=None,
        )
    month = pays["paid_date"].dt.to_period("M")
    seen = month.drop_duplicates().sort_values()

    def weighted(mask: pd.Series) -> float:
        part = pays[mask]
        return float((part["paid_amount"] * part["days_late"]).sum() / part["paid_amount"].sum())

    first = weighted(month.isin(seen.iloc[:months]))
    last = weighted(month.isin(seen.iloc[-months:]))
    return BehaviourSummary(
        payments=int(len(pays)),
        partial_payments=int(pays["partial"].sum()),
        first_payment=str(pays["paid_date"].min().date()),
        last_payment=str(pays["paid_date"].max().date()),
        days_late_first=first,
        days_late_last=last,
        drift=last - first,
    )


def draw_days_to_pay(
    monthly: pd.DataFrame,
    lang: str = "en",
    names: Mapping[str, str] | None = None,
    as_of: Any = None,
):
    """Lines of days late per month, one per customer; months with a partial payment get a
    hollow marker; ``as_of`` draws a vertical line. Returns the figure."""
    import matplotlib.pyplot as plt

    from receivables.i18n import setup_plots
    from receivables.i18n.fonts import MAX_WIDTH_IN, readable

    check_lang(lang)
    setup_plots()
    fig, ax = plt.subplots(figsize=(MAX_WIDTH_IN, 4))
    colors = ("#b42318", "#2f6feb", "#1a7f37", "#8250df", "#bc4c00")
    for i, (customer, rows) in enumerate(monthly.groupby("customer_id", sort=False)):
        color = colors[i % len(colors)]
        label = f"{customer} {names[customer]}" if names and customer in names else str(customer)
        middle = rows["month"] + pd.Timedelta(days=14)  # a month's payments sit mid-month
        ax.plot(middle, rows["days_late"], marker="o", ms=4, color=color, label=label)
        partial = rows["partial_payments"] > 0
        ax.plot(middle[partial], rows.loc[partial, "days_late"], "o", ms=10, mfc="none", mec=color)
    if len(monthly) and (monthly["partial_payments"] > 0).any():
        ax.plot([], [], "o", ms=10, mfc="none", mec="#57606a", label=t("signals.partial_point", lang))
    if as_of is not None:
        when = timestamp(as_of)
        ax.axvline(when, color="#57606a", ls="--", lw=1)
        ax.annotate(
            t("signals.as_of", lang).format(as_of=when.date()),
            (when, ax.get_ylim()[1]),
            xytext=(4, -12),
            textcoords="offset points",
            color="#57606a",
        )
    ax.axhline(0, color="#8c959f", lw=0.8)
    ax.set_xlabel(t("signals.month", lang))
    ax.set_ylabel(t("signals.days_late", lang))
    ax.set_title(t("signals.chart", lang))
    ax.legend(loc="upper left")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return readable(fig)


def signal_checklist(lang: str = "en") -> pd.DataFrame:
    """The discussion list: signal (in ``lang``), where it is seen, and the flag code."""
    check_lang(lang)
    return pd.DataFrame(
        {
            "signal": [named(name, lang) for name, _ in CHECKLIST],
            "where": [t("signals.ledger" if code else "signals.eyes", lang) for _, code in CHECKLIST],
            "code": [code for _, code in CHECKLIST],
        }
    )


def flags_text(flags: str, lang: str = "en") -> str:
    """Comma-separated `SIGNALS` codes as their names in ``lang`` ("none" when empty)."""
    check_lang(lang)
    codes = [c.strip() for c in str(flags).split(",") if c.strip()]
    if not codes:
        return t("signals.none", lang)
    return ("、" if lang == "zh" else "; ").join(pick(SIGNALS[c], lang) if c in SIGNALS else c for c in codes)
