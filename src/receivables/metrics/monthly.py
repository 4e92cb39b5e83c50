"""`monthly_history` on invoice and payment frames (or a PreparedLedger): prepares the
ledger, then builds the history (history.py), which works on prepared ledgers only."""

from __future__ import annotations

import pandas as pd

from ._common import DateLike
from .history import history_from_prepared
from .prepared import PreparedLedger


def monthly_history(
    invoices: pd.DataFrame,
    payments: pd.DataFrame | None = None,
    end: DateLike | None = None,
    months: int = 24,
) -> pd.DataFrame:
    """One row per calendar month, oldest first, the last being the month of ``end``.

    ``end`` defaults to the latest invoice or payment date. The last row is evaluated
    as of ``end`` (month to date; see the module docstring); rows before the first
    invoice's month are left out, so a short history has fewer than ``months`` rows.

    Columns: month ("YYYY-MM"), period_end (evaluation date), days (days in the
    period), opening_ar (balance at the previous month end), sales (invoiced in the
    month, net of credit notes), collections (opening + sales - closing), closing_ar,
    closing_current_ar (not yet due), overdue_ar, dso (closing / the month's sales *
    days), dso_countback (from the closing AR through this and earlier months' sales),
    best_possible_dso, add, cei (%), turnover (annualized: the month's sales * 365 /
    days / the average of opening and closing AR, so 365 / turnover is a DSO on the
    average AR), pct_current, pct_over_90 (% of closing AR).

    Amounts are rounded to cents; undefined ratios are NaN in this frame (zero sales,
    zero balance).
    """
    prepared = invoices if isinstance(invoices, PreparedLedger) else PreparedLedger(invoices, payments)
    return history_from_prepared(prepared, end=end, months=months)
