"""Early warning signals from payment behaviour. (可能发生逾期应收的危险信号)

Course topic: 讨论:可能发生逾期应收的危险信号有哪些? (warning signals). The
signals are listed in course/references.md §5.4; the ones a ledger can show are computed here: days-to-pay
drifting later, partial payments, promises instead of payments, broken promises. The
thresholds are the kit's own defaults (a convention, §5.4); the others (bounced cheques, staff leaving,
lawsuits ...) need the salesperson's eyes.

Days late of an invoice (the kit's measure, a convention): the amount-weighted average of
(paid_date - due_date) over its payments up to ``as_of``. An invoice still unpaid after
its due date counts its unpaid part as paid on ``as_of``: a lower bound ("at least this
late"), so a customer who stops paying shows up at once instead of vanishing from the
averages. Invoices neither settled nor yet due are left out (their lateness is unknown);
so are credit notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from receivables.collection.promises import promise_status
from receivables.frames import clean_columns, dates, ids, timestamp
from receivables.i18n import Text

#: The signals by code, each with its name (texts/risk/signals.yml: ``risk.signal.<code>``).
SIGNALS: dict[str, Text] = {
    code: Text(f"risk.signal.{code.lower()}")
    for code in ("PAYING_LATER", "LATE_TREND", "PARTIAL_PAYMENTS", "BROKEN_PROMISES", "MANY_PROMISES")
}


@dataclass(frozen=True)
class SignalThresholds:
    """When a measure becomes a warning signal (the kit's own defaults).

    - ``drift_days``: PAYING_LATER when recent days late exceed the baseline's by this much,
      with at least ``min_invoices`` measured invoices on each side.
    - ``trend_days_per_month``: LATE_TREND when the slope of days late reaches this, over at
      least ``min_invoices`` invoices.
    - ``partial_share``, ``min_partial``: PARTIAL_PAYMENTS when at least ``min_partial``
      partial payments make up at least this share of recent payments.
    - ``broken_promises``: BROKEN_PROMISES from this many promises broken or partly kept.
    - ``many_promises``: MANY_PROMISES from this many promises made in the window.
    - ``tolerance``: an amount open by no more than this counts as paid.
    """

    drift_days: float = 10.0
    trend_days_per_month: float = 2.0
    partial_share: float = 0.3
    min_partial: int = 2
    broken_promises: int = 1
    many_promises: int = 3
    min_invoices: int = 3
    tolerance: float = 0.005


@dataclass(frozen=True)
class _Window:
    """The day measured, the start of the recent window and the start of the baseline."""

    as_of: pd.Timestamp
    start: pd.Timestamp
    baseline_start: pd.Timestamp
    months: int


def _text(value: pd.Series, decimals: int = 0) -> pd.Series:
    rounded = value.round(decimals)
    return (rounded.astype("Int64") if decimals == 0 else rounded).astype("string")


def _frames(invoices: pd.DataFrame, payments: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The columns used, with clean ids, dates and float amounts."""
    inv = clean_columns(invoices, ["invoice_id", "customer_id", "invoice_date", "due_date", "amount"], "invoices")
    pay = clean_columns(payments, ["invoice_id", "paid_date", "paid_amount"], "payments")
    return inv, pay


def _window(inv: pd.DataFrame, pay: pd.DataFrame, as_of: Any, months: int, baseline_months: int | None) -> _Window:
    """``as_of`` (default: the latest invoice or payment date) and the two periods before it."""
    day = timestamp(as_of)
    if day is None:
        day = max(inv["invoice_date"].max(), pay["paid_date"].max() if len(pay) else pd.NaT)
    start = day - pd.DateOffset(months=months)
    return _Window(day, start, start - pd.DateOffset(months=baseline_months or months), months)


def _days_late(inv: pd.DataFrame, pay: pd.DataFrame, as_of: pd.Timestamp, tolerance: float) -> pd.DataFrame:
    """Per invoice: ``late`` (amount-weighted days late, the unpaid part of an overdue
    invoice counted as paid on ``as_of``; missing when not measurable) and ``overdue_now``."""
    pay = pay.assign(days_late=(pay["paid_date"] - pay["due_date"]).dt.days)
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
    inv["overdue_now"] = overdue_now
    return inv


def _lateness(inv: pd.DataFrame, table: pd.DataFrame, window: _Window) -> None:
    """Invoices measured, mean days late and drift, recent window against baseline."""
    recent = inv["invoice_date"] > window.start
    baseline = (inv["invoice_date"] > window.baseline_start) & ~recent
    g_recent = inv["late"].where(recent).groupby(inv["customer_id"])
    g_base = inv["late"].where(baseline).groupby(inv["customer_id"])
    table["invoices_recent"] = g_recent.count()
    table["invoices_earlier"] = g_base.count()
    table["days_late_recent"] = g_recent.mean()
    table["days_late_earlier"] = g_base.mean()
    table["drift_days"] = table["days_late_recent"] - table["days_late_earlier"]
    table["unpaid_overdue"] = inv["overdue_now"].groupby(inv["customer_id"]).sum()


def _trend(inv: pd.DataFrame, window: _Window) -> pd.DataFrame:
    """Least-squares slope of days late (per 30 days) over window + baseline, by customer,
    from grouped sums (no per-customer loop): columns ``slope`` and ``n``."""
    in_trend = (inv["invoice_date"] > window.baseline_start) & inv["late"].notna()
    x = ((inv["invoice_date"] - window.as_of).dt.days / 30.0).where(in_trend)
    y = inv["late"].where(in_trend)
    sums = (
        pd.DataFrame({"n": in_trend.astype(int), "x": x, "y": y, "xy": x * y, "xx": x * x})
        .groupby(inv["customer_id"])
        .sum()
    )
    denominator = sums["n"] * sums["xx"] - sums["x"] ** 2
    slope = (sums["n"] * sums["xy"] - sums["x"] * sums["y"]) / denominator.where(denominator > 1e-9)
    return pd.DataFrame({"slope": slope.where(sums["n"] >= 2), "n": sums["n"]})


def _partial_payments(pay: pd.DataFrame, table: pd.DataFrame, window: _Window, tolerance: float) -> None:
    """Payments in the window, those after which their invoice still had something open,
    and their share."""
    pay = pay.sort_values(["invoice_id", "paid_date"], kind="mergesort")
    paid_so_far = pay.groupby("invoice_id")["paid_amount"].cumsum()
    partial = paid_so_far < pay["amount"] - tolerance
    in_window = pay["paid_date"] > window.start
    table["payments_recent"] = in_window.groupby(pay["customer_id"]).sum()
    table["partial_payments"] = (partial & in_window).groupby(pay["customer_id"]).sum()
    counts = ["unpaid_overdue", "payments_recent", "partial_payments"]
    table[counts] = table[counts].fillna(0).astype(int)
    table["partial_share"] = table["partial_payments"] / table["payments_recent"].where(table["payments_recent"] > 0)


def _promises(
    table: pd.DataFrame,
    window: _Window,
    promises: pd.DataFrame | None,
    payments: pd.DataFrame,
    invoices: pd.DataFrame,
) -> None:
    """Promises made in the window, and those due in it that were broken or partly kept."""
    table["promises_recent"] = 0
    table["broken_promises"] = 0
    if promises is not None and len(promises):
        status = promise_status(promises, payments, invoices, window.as_of)
        cust = ids(status["customer_id"])
        made_on, promised = dates(status["made_on"]), dates(status["promised_date"])
        # A promise made or falling due after as_of is not known yet on that day.
        made = (made_on > window.start) & (made_on <= window.as_of)
        due_in_window = (promised > window.start) & (promised <= window.as_of)
        bad = status["status"].isin(["broken", "partly kept"]) & due_in_window
        table["promises_recent"] = made.groupby(cust).sum()
        table["broken_promises"] = bad.groupby(cust).sum()
    counts = ["promises_recent", "broken_promises"]
    table[counts] = table[counts].fillna(0).astype(int)


@dataclass(frozen=True)
class Measures:
    """What the signal functions read: the per-customer ``table`` (the columns of
    `warning_signals`), ``trend_invoices`` (invoices behind each slope) and ``months``
    (the window's length, for the reasons)."""

    table: pd.DataFrame
    trend_invoices: pd.Series
    months: int


# One function per warning signal: (measures, thresholds) -> (hit, reason in English).
Signal = Callable[[Measures, SignalThresholds], tuple[pd.Series, pd.Series]]


def paying_later(m: Measures, limits: SignalThresholds) -> tuple[pd.Series, pd.Series]:
    """PAYING_LATER: recent invoices paid ``drift_days`` later than the baseline's."""
    t = m.table
    hit = (
        (t["drift_days"] >= limits.drift_days)
        & (t["invoices_recent"] >= limits.min_invoices)
        & (t["invoices_earlier"] >= limits.min_invoices)
    )
    reason = (
        "pays "
        + _text(t["drift_days"])
        + " days later than before ("
        + _text(t["days_late_earlier"])
        + " -> "
        + _text(t["days_late_recent"])
        + " days late)"
    )
    return hit, reason


def late_trend(m: Measures, limits: SignalThresholds) -> tuple[pd.Series, pd.Series]:
    """LATE_TREND: days late rising by ``trend_days_per_month`` or more."""
    t = m.table
    enough = m.trend_invoices.reindex(t.index) >= limits.min_invoices
    hit = (t["trend_days_per_month"] >= limits.trend_days_per_month) & enough
    return hit, "days late rising by about " + _text(t["trend_days_per_month"], 1) + " days a month"


def partial_payments(m: Measures, limits: SignalThresholds) -> tuple[pd.Series, pd.Series]:
    """PARTIAL_PAYMENTS: enough recent payments left their invoice open."""
    t = m.table
    hit = (t["partial_payments"] >= limits.min_partial) & (t["partial_share"] >= limits.partial_share)
    reason = (
        _text(t["partial_payments"])
        + " of "
        + _text(t["payments_recent"])
        + f" payments in the last {m.months} months were partial"
    )
    return hit, reason


def broken_promises(m: Measures, limits: SignalThresholds) -> tuple[pd.Series, pd.Series]:
    """BROKEN_PROMISES: promises due in the window broken or partly kept."""
    count = m.table["broken_promises"]
    hit = (count >= limits.broken_promises) & (count > 0)
    return hit, _text(count) + f" promise(s) to pay not kept in the last {m.months} months"


def many_promises(m: Measures, limits: SignalThresholds) -> tuple[pd.Series, pd.Series]:
    """MANY_PROMISES: promises to pay made instead of payments."""
    count = m.table["promises_recent"]
    hit = (count >= limits.many_promises) & (count > 0)
    return hit, _text(count) + f" promises to pay instead of payments in the last {m.months} months"


#: The signal functions by code, in the order their flags and reasons are listed.
SIGNAL_RULES: dict[str, Signal] = {
    "PAYING_LATER": paying_later,
    "LATE_TREND": late_trend,
    "PARTIAL_PAYMENTS": partial_payments,
    "BROKEN_PROMISES": broken_promises,
    "MANY_PROMISES": many_promises,
}


def _flag(m: Measures, limits: SignalThresholds) -> None:
    """``flags``, ``reasons``, ``flag_count`` and ``flagged`` from every rule."""
    table = m.table
    flags = pd.Series("", index=table.index, dtype="string")
    reasons = pd.Series("", index=table.index, dtype="string")
    count = pd.Series(0, index=table.index, dtype=int)
    for code, rule in SIGNAL_RULES.items():
        hit, text = rule(m, limits)
        hit = hit.fillna(False).astype(bool)
        flags = flags + pd.Series(np.where(hit, ", " + code, ""), index=table.index, dtype="string")
        reasons = reasons + ("; " + text).where(hit, "")
        count += hit.astype(int)
    table["flags"] = flags.str.removeprefix(", ")
    table["reasons"] = reasons.str.removeprefix("; ")
    table["flag_count"] = count
    table["flagged"] = count > 0


def warning_signals(
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    promises: pd.DataFrame | None = None,
    as_of: Any = None,
    window_months: int = 6,
    *,
    baseline_months: int | None = None,
    thresholds: SignalThresholds | None = None,
) -> pd.DataFrame:
    """Warning signals per customer, with short codes and reasons in English (the kit's
    convention, course/references.md §5.4).

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

    Rules: one function per signal in `SIGNAL_RULES` (`paying_later`, `late_trend`,
    `partial_payments`, `broken_promises`, `many_promises`), with the limits of
    ``thresholds`` (default `SignalThresholds()`). Sorted by flag_count (most first), then
    drift.
    """
    limits = thresholds or SignalThresholds()
    inv, pay = _frames(invoices, payments)
    window = _window(inv, pay, as_of, window_months, baseline_months)
    known = inv["invoice_date"] <= window.as_of
    table = pd.DataFrame(index=pd.Index(inv.loc[known, "customer_id"].unique(), name="customer_id"))
    inv = inv[known & (inv["amount"] > 0)]
    pay = pay[pay["paid_date"] <= window.as_of].merge(inv, on="invoice_id")

    inv = _days_late(inv, pay, window.as_of, limits.tolerance)
    _lateness(inv, table, window)
    trend = _trend(inv, window)
    table["trend_days_per_month"] = trend["slope"]
    _partial_payments(pay, table, window, limits.tolerance)
    _promises(table, window, promises, payments, invoices)
    measures = Measures(table, trend["n"], window_months)
    _flag(measures, limits)
    return (
        table.reset_index()
        .sort_values(
            ["flag_count", "drift_days", "customer_id"],
            ascending=[False, False, True],
            na_position="last",
        )
        .reset_index(drop=True)
    )
