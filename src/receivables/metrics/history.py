"""Month by month history of balances and ratios, and month-end helpers.

Each row is a calendar month evaluated as of its last day, except the last row: the
month containing ``end`` is evaluated as of ``end`` itself (month to date), so nothing
after ``end`` leaks in and the latest figures match ``summary(end)``. Its ``days`` is
the number of days from the month's first day to ``end``, and its sales are the sales
of those days. ``period_end`` gives each row's evaluation date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._common import DateLike, day_to_timestamp, ratio, to_day, to_timestamp
from .ratios import average_days_delinquent, cei, dso_countback

if TYPE_CHECKING:  # prepared.py calls this module: no import back at run time
    from .prepared import PreparedLedger

HISTORY_COLUMNS = (
    "month",
    "period_end",
    "days",
    "opening_ar",
    "sales",
    "collections",
    "closing_ar",
    "closing_current_ar",
    "overdue_ar",
    "dso",
    "dso_countback",
    "best_possible_dso",
    "add",
    "cei",
    "turnover",
    "pct_current",
    "pct_over_90",
)

MONEY_COLUMNS = (
    "opening_ar",
    "sales",
    "collections",
    "closing_ar",
    "closing_current_ar",
    "overdue_ar",
)

DAYS_PER_YEAR = 365


def month_ends(end: DateLike, months: int = 12) -> list[pd.Timestamp]:
    """The last ``months`` calendar month-ends on or before ``end``, oldest first.

    month_ends("2024-06-15", 3) -> 2024-03-31, 2024-04-30, 2024-05-31;
    month_ends("2024-06-30", 3) -> 2024-04-30, 2024-05-31, 2024-06-30.
    """
    end_ts = to_timestamp(end)
    last = end_ts if end_ts.is_month_end else end_ts - pd.offsets.MonthEnd(1)
    return list(pd.date_range(end=last, periods=months, freq="ME"))


def _month_bounds(first_month: np.datetime64, last_month: np.datetime64, end_day: int):
    """Start day, end day (capped at end_day) and label of each month in the range."""
    month_range = np.arange(first_month, last_month + 1)
    starts = month_range.astype("datetime64[D]").astype(np.int64)
    ends = (month_range + 1).astype("datetime64[D]").astype(np.int64) - 1
    ends = np.minimum(ends, end_day)
    labels = [str(m) for m in month_range]  # "YYYY-MM"
    return starts, ends, labels


def _nan(value: float | None) -> float:
    return np.nan if value is None else value


def history_from_prepared(prepared: PreparedLedger, end: DateLike | None = None, months: int = 24) -> pd.DataFrame:
    """monthly_history on an already prepared ledger."""
    if months < 1:
        raise ValueError("months must be at least 1")
    end_day = prepared.last_day() if end is None else to_day(end)
    first_day = prepared.first_day()
    if end_day is None or first_day is None or first_day > end_day:
        return _empty_history()

    data_first_month = np.datetime64(first_day, "D").astype("datetime64[M]")
    last_month = np.datetime64(end_day, "D").astype("datetime64[M]")
    starts, ends, labels = _month_bounds(data_first_month, last_month, end_day)
    days = ends - starts + 1
    # Sales of every month since the data starts: the count-back DSO of an early row
    # may reach further back than the rows shown. A loop over months, not invoices.
    sales = np.array([prepared.sales_between(s, e) for s, e in zip(starts, ends, strict=True)])

    shown = range(max(0, len(starts) - months), len(starts))
    # Balances at the day before the first row and at every row's end, in one pass.
    at = np.r_[starts[shown[0]] - 1, ends[shown.start :]]
    bal = prepared.balances_on(at)
    rows = []
    for i in shown:  # a loop over months, not invoices
        at_end = i - shown.start + 1
        opening, closing = float(bal["open"][at_end - 1]), float(bal["open"][at_end])
        current, over_90 = float(bal["current"][at_end]), float(bal["over_90"][at_end])
        month_sales, month_days = float(sales[i]), int(days[i])
        dso = ratio(closing, month_sales, month_days)
        bpdso = ratio(current, month_sales, month_days)
        annual_sales = month_sales * DAYS_PER_YEAR / month_days
        rows.append(
            {
                "month": labels[i],
                "period_end": day_to_timestamp(int(ends[i])),
                "days": month_days,
                "opening_ar": opening,
                "sales": month_sales,
                # Whatever reduced the balance besides new sales: payments dated in the
                # month (credit notes are in sales, net).
                "collections": opening + month_sales - closing,
                "closing_ar": closing,
                "closing_current_ar": current,
                "overdue_ar": closing - current,
                "dso": _nan(dso),
                "dso_countback": _nan(dso_countback(closing, sales[i::-1], days[i::-1])),
                "best_possible_dso": _nan(bpdso),
                "add": _nan(average_days_delinquent(dso, bpdso)),
                "cei": _nan(cei(opening, month_sales, closing, current)),
                "turnover": _nan(ratio(annual_sales, (opening + closing) / 2)),
                "pct_current": _nan(ratio(current, closing, 100.0)),
                "pct_over_90": _nan(ratio(over_90, closing, 100.0)),
            }
        )
    frame = pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))
    frame[list(MONEY_COLUMNS)] = frame[list(MONEY_COLUMNS)].round(2) + 0.0  # no -0.0
    frame["days"] = frame["days"].astype(np.int64)
    frame["month"] = frame["month"].astype("str")
    return frame


def _empty_history() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series([], dtype=np.float64) for c in HISTORY_COLUMNS})
    frame["month"] = frame["month"].astype("str")
    frame["period_end"] = frame["period_end"].astype("datetime64[s]")
    frame["days"] = frame["days"].astype(np.int64)
    return frame
