"""Early warning signals from payment behaviour. (可能发生逾期应收的危险信号)

Course topic: 讨论:可能发生逾期应收的危险信号有哪些? (warning signals). Domain
reference 5 lists the signals; the ones a ledger can show are computed here: days-to-pay
drifting later, partial payments, promises instead of payments, broken promises. The
thresholds are the kit's own [C] defaults; the others (bounced cheques, staff leaving,
lawsuits ...) need the salesperson's eyes.

Days late of an invoice (the kit's measure, [C]): the amount-weighted average of
(paid_date - due_date) over its payments up to ``as_of``. An invoice still unpaid after
its due date counts its unpaid part as paid on ``as_of``: a lower bound ("at least this
late"), so a customer who stops paying shows up at once instead of vanishing from the
averages. Invoices neither settled nor yet due are left out (their lateness is unknown);
so are credit notes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from receivables.collection.promises import promise_status
from receivables.frames import dates, ids, require, timestamp
from receivables.i18n import Text

#: The signals by code, each with its name (texts/risk/signals.yml: ``risk.signal.<code>``).
SIGNALS: dict[str, Text] = {
    code: Text(f"risk.signal.{code.lower()}")
    for code in ("PAYING_LATER", "LATE_TREND", "PARTIAL_PAYMENTS", "BROKEN_PROMISES", "MANY_PROMISES")
}


def _text(value: pd.Series, decimals: int = 0) -> pd.Series:
    rounded = value.round(decimals)
    return (rounded.astype("Int64") if decimals == 0 else rounded).astype("string")


def warning_signals(
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    promises: pd.DataFrame | None = None,
    as_of: Any = None,
    window_months: int = 6,
    *,
    baseline_months: int | None = None,
    drift_days: float = 10.0,
    trend_days_per_month: float = 2.0,
    partial_share: float = 0.3,
    min_partial: int = 2,
    broken_promises: int = 1,
    many_promises: int = 3,
    min_invoices: int = 3,
    tolerance: float = 0.005,
) -> pd.DataFrame:
    """Warning signals per customer, with short codes and reasons in English. [C]

    ``as_of`` defaults to the latest invoice or payment date. The *recent window* is the
    last ``window_months`` calendar months up to ``as_of``; the *baseline* is the
    ``baseline_months`` (default: the same length) before it. Invoices are placed in the
    window by invoice date, payments by paid date, promises by the day they were made.

    Columns per customer:

    - ``invoices_recent`` / ``invoices_earlier``: invoices measured in each period;
      ``unpaid_overdue``: invoices past due and not fully paid at ``as_of``.
    - ``days_late_recent`` / ``days_late_earlier``: mean days late (see module docstring)
      of invoices in the window / the baseline; ``drift_days`` = recent - earlier.
    - ``trend_days_per_month``: least-squares slope of days late against invoice date over
      window + baseline, in days per 30 days.
    - ``payments_recent``, ``partial_payments``, ``partial_share``: payments in the window
      that left their invoice still open, and their share.
    - ``promises_recent``, ``broken_promises`` (broken or partly kept, due in the window)
      when ``promises`` are given.
    - ``flags`` (codes from `SIGNALS`, comma-separated), ``reasons`` (English sentences,
      "; "-separated), ``flag_count``, ``flagged``.

    Rules: PAYING_LATER if drift >= ``drift_days`` with at least ``min_invoices`` invoices
    on each side; LATE_TREND if the slope >= ``trend_days_per_month`` over at least
    ``min_invoices`` invoices; PARTIAL_PAYMENTS if at least ``min_partial`` partial payments
    make up >= ``partial_share`` of recent payments; BROKEN_PROMISES if at least
    ``broken_promises``; MANY_PROMISES if at least ``many_promises`` promises were made.
    Sorted by flag_count (most first), then drift.
    """
    require(invoices, ["invoice_id", "customer_id", "invoice_date", "due_date", "amount"], "invoices")
    require(payments, ["invoice_id", "paid_date", "paid_amount"], "payments")
    inv = pd.DataFrame(
        {
            "invoice_id": ids(invoices["invoice_id"]).to_numpy(),
            "customer_id": ids(invoices["customer_id"]).to_numpy(),
            "invoice_date": dates(invoices["invoice_date"]).to_numpy(),
            "due_date": dates(invoices["due_date"]).to_numpy(),
            "amount": invoices["amount"].astype(float).to_numpy(),
        }
    )
    pay = pd.DataFrame(
        {
            "invoice_id": ids(payments["invoice_id"]).to_numpy(),
            "paid_date": dates(payments["paid_date"]).to_numpy(),
            "paid_amount": payments["paid_amount"].astype(float).to_numpy(),
        }
    )
    as_of = timestamp(as_of)
    if as_of is None:
        as_of = max(inv["invoice_date"].max(), pay["paid_date"].max() if len(pay) else pd.NaT)
    window_start = as_of - pd.DateOffset(months=window_months)
    baseline_start = window_start - pd.DateOffset(months=baseline_months or window_months)
    customers = pd.Index(inv.loc[inv["invoice_date"] <= as_of, "customer_id"].unique(), name="customer_id")

    inv = inv[(inv["invoice_date"] <= as_of) & (inv["amount"] > 0)]
    pay = pay[pay["paid_date"] <= as_of].merge(inv, on="invoice_id")

    # Days late per invoice: amount-weighted, the unpaid part of an overdue invoice at as_of.
    pay["days_late"] = (pay["paid_date"] - pay["due_date"]).dt.days
    pay["weighted"] = pay["paid_amount"] * pay["days_late"]
    per_inv = pay.groupby("invoice_id")[["paid_amount", "weighted"]].sum()
    inv = inv.join(per_inv, on="invoice_id").fillna({"paid_amount": 0.0, "weighted": 0.0})
    unpaid = (inv["amount"] - inv["paid_amount"]).clip(lower=0)
    unpaid = unpaid.where(unpaid > tolerance, 0.0)
    overdue_now = (inv["due_date"] < as_of) & (unpaid > 0)
    measurable = (unpaid == 0) | overdue_now
    days_now = (as_of - inv["due_date"]).dt.days
    weight = inv["paid_amount"] + unpaid.where(overdue_now, 0.0)
    late = (inv["weighted"] + (unpaid * days_now).where(overdue_now, 0.0)) / weight.where(weight > 0)
    inv["late"] = late.where(measurable)
    recent = inv["invoice_date"] > window_start
    baseline = (inv["invoice_date"] > baseline_start) & ~recent
    g_recent = inv["late"].where(recent).groupby(inv["customer_id"])
    g_base = inv["late"].where(baseline).groupby(inv["customer_id"])
    table = pd.DataFrame(index=customers)
    table["invoices_recent"] = g_recent.count()
    table["invoices_earlier"] = g_base.count()
    table["days_late_recent"] = g_recent.mean()
    table["days_late_earlier"] = g_base.mean()
    table["drift_days"] = table["days_late_recent"] - table["days_late_earlier"]
    table["unpaid_overdue"] = overdue_now.groupby(inv["customer_id"]).sum()

    # Least-squares slope by customer, from grouped sums (no per-customer loop).
    in_trend = (recent | baseline) & inv["late"].notna()
    x = ((inv["invoice_date"] - as_of).dt.days / 30.0).where(in_trend)
    y = inv["late"].where(in_trend)
    sums = (
        pd.DataFrame({"n": in_trend.astype(int), "x": x, "y": y, "xy": x * y, "xx": x * x})
        .groupby(inv["customer_id"])
        .sum()
    )
    denominator = sums["n"] * sums["xx"] - sums["x"] ** 2
    slope = (sums["n"] * sums["xy"] - sums["x"] * sums["y"]) / denominator.where(denominator > 1e-9)
    table["trend_days_per_month"] = slope.where(sums["n"] >= 2)
    trend_n = sums["n"]

    # Partial payments: a payment after which its invoice still had something open.
    pay = pay.sort_values(["invoice_id", "paid_date"], kind="mergesort")
    paid_so_far = pay.groupby("invoice_id")["paid_amount"].cumsum()
    pay["partial"] = paid_so_far < pay["amount"] - tolerance
    in_window = pay["paid_date"] > window_start
    table["payments_recent"] = in_window.groupby(pay["customer_id"]).sum()
    table["partial_payments"] = (pay["partial"] & in_window).groupby(pay["customer_id"]).sum()
    table[["unpaid_overdue", "payments_recent", "partial_payments"]] = (
        table[["unpaid_overdue", "payments_recent", "partial_payments"]].fillna(0).astype(int)
    )
    table["partial_share"] = table["partial_payments"] / table["payments_recent"].where(table["payments_recent"] > 0)

    if promises is not None and len(promises):
        status = promise_status(promises, payments, invoices, as_of)
        cust = ids(status["customer_id"])
        made_on, promised = dates(status["made_on"]), dates(status["promised_date"])
        # A promise made or falling due after as_of is not known yet on that day.
        made = (made_on > window_start) & (made_on <= as_of)
        due_in_window = (promised > window_start) & (promised <= as_of)
        bad = status["status"].isin(["broken", "partly kept"]) & due_in_window
        table["promises_recent"] = made.groupby(cust).sum()
        table["broken_promises"] = bad.groupby(cust).sum()
    else:
        table["promises_recent"] = 0
        table["broken_promises"] = 0
    table[["promises_recent", "broken_promises"]] = table[["promises_recent", "broken_promises"]].fillna(0).astype(int)

    months = f" in the last {window_months} months"
    rules = {
        "PAYING_LATER": (
            (table["drift_days"] >= drift_days)
            & (table["invoices_recent"] >= min_invoices)
            & (table["invoices_earlier"] >= min_invoices),
            "pays "
            + _text(table["drift_days"])
            + " days later than before ("
            + _text(table["days_late_earlier"])
            + " -> "
            + _text(table["days_late_recent"])
            + " days late)",
        ),
        "LATE_TREND": (
            (table["trend_days_per_month"] >= trend_days_per_month) & (trend_n.reindex(table.index) >= min_invoices),
            "days late rising by about " + _text(table["trend_days_per_month"], 1) + " days a month",
        ),
        "PARTIAL_PAYMENTS": (
            (table["partial_payments"] >= min_partial) & (table["partial_share"] >= partial_share),
            _text(table["partial_payments"])
            + " of "
            + _text(table["payments_recent"])
            + " payments"
            + months
            + " were partial",
        ),
        "BROKEN_PROMISES": (
            (table["broken_promises"] >= broken_promises) & (table["broken_promises"] > 0),
            _text(table["broken_promises"]) + " promise(s) to pay not kept" + months,
        ),
        "MANY_PROMISES": (
            (table["promises_recent"] >= many_promises) & (table["promises_recent"] > 0),
            _text(table["promises_recent"]) + " promises to pay instead of payments" + months,
        ),
    }
    flags = pd.Series("", index=table.index, dtype="string")
    reasons = pd.Series("", index=table.index, dtype="string")
    count = pd.Series(0, index=table.index, dtype=int)
    for code, (hit, text) in rules.items():
        hit = hit.fillna(False).astype(bool)
        flags = flags + pd.Series(np.where(hit, ", " + code, ""), index=table.index, dtype="string")
        reasons = reasons + ("; " + text).where(hit, "")
        count += hit.astype(int)
    table["flags"] = flags.str.removeprefix(", ")
    table["reasons"] = reasons.str.removeprefix("; ")
    table["flag_count"] = count
    table["flagged"] = count > 0
    return (
        table.reset_index()
        .sort_values(
            ["flag_count", "drift_days", "customer_id"],
            ascending=[False, False, True],
            na_position="last",
        )
        .reset_index(drop=True)
    )
