"""DSO family, CEI and turnover as plain functions of balances and sales.

Every function returns a float, or None (never NaN) when the figure is undefined: zero
or net negative sales, a zero denominator, a missing input.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._common import ratio


def dso_simple(ar: float, sales: float, days: float) -> float | None:
    """Days sales outstanding, simple: ending AR / credit sales of the period * days."""
    return ratio(ar, sales, days)


def dso_countback(
    ar: float,
    sales_by_month: Sequence[float],
    days_by_month: Sequence[float] | float = 30,
) -> float | None:
    """Days sales outstanding by the count-back method.

    Walks back from the latest month (``sales_by_month[0]``): while the AR left exceeds
    a month's sales, subtract them and add the month's days; the month that absorbs the
    rest adds (rest / its sales) * its days. ``days_by_month`` is one number per month,
    latest first, or one number for all.

    AR 212,000 with sales 100,000 / 80,000 / 70,000 in 30-day months:
    30 + 30 + 32,000 / 70,000 * 30 = 73.7 days.

    Returns 0.0 for zero AR, and None when the figure is undefined: negative AR, or AR
    larger than all the sales given (the months supplied cannot absorb it, so any
    number would understate the DSO; supply more months).
    """
    if ar is None or not np.isfinite(ar) or ar < 0:
        return None
    sales = [float(s) for s in sales_by_month]
    if np.ndim(days_by_month) == 0:
        days = [float(days_by_month)] * len(sales)  # type: ignore[arg-type]
    else:
        days = [float(d) for d in days_by_month]  # type: ignore[union-attr]
        if len(days) != len(sales):
            raise ValueError("days_by_month needs one entry per month of sales")
    rest, total_days = float(ar), 0.0
    if rest == 0:
        return 0.0
    # A loop over months (a handful), not over invoices.
    for month_sales, month_days in zip(sales, days, strict=True):
        if rest <= month_sales:
            return total_days + rest / month_sales * month_days
        rest -= month_sales  # a month without (or with net negative) sales adds its days
        total_days += month_days
    return None


def best_possible_dso(current_ar: float, sales: float, days: float) -> float | None:
    """Best possible DSO: current (not yet due) AR / credit sales * days."""
    return ratio(current_ar, sales, days)


def average_days_delinquent(dso: float | None, bpdso: float | None) -> float | None:
    """Average days delinquent (ADD) = DSO - best possible DSO.

    AR 15,000, current 4,000, sales 10,000 in 30 days: 45 - 12 = 33 days.
    """
    if dso is None or bpdso is None:
        return None
    return float(dso) - float(bpdso)


def weighted_days_past_due(open_items: pd.DataFrame) -> float | None:
    """Amount-weighted average days past due of the overdue items.

    Sum(open_amount * days_past_due) / Sum(open_amount) over items with days past due
    > 0. Not the same figure as ADD (which is DSO - BPDSO, from sales). None when
    nothing (net) is overdue.
    """
    dpd = open_items["days_past_due"].to_numpy(dtype=np.float64)
    amount = open_items["open_amount"].to_numpy(dtype=np.float64)
    overdue = dpd > 0
    return ratio(float((amount[overdue] * dpd[overdue]).sum()), float(amount[overdue].sum()))


def cei(opening_ar: float, sales: float, closing_ar: float, closing_current_ar: float) -> float | None:
    """Collection effectiveness index in %, for one month.

    (opening AR + credit sales - closing AR) / (opening AR + credit sales - closing
    current AR) * 100, current = not yet due. Example: 10,750 / 13,500 = 79.6 %.
    None when the denominator is not positive.
    """
    collectable = opening_ar + sales
    return ratio(collectable - closing_ar, collectable - closing_current_ar, 100.0)


def turnover(sales: float, average_ar: float) -> float | None:
    """AR turnover = net credit sales / average AR (times per period of the sales)."""
    return ratio(sales, average_ar)
