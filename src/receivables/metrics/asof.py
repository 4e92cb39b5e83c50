"""As-of questions from plain invoice and payment frames.

Each call prepares the ledger again; to ask many dates of the same ledger (a widget
with a date slider) build one ``PreparedLedger`` and call its methods.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ._common import DateLike
from .buckets import Buckets
from .prepared import AsOfSummary, PreparedLedger


def open_items(invoices: pd.DataFrame, payments: pd.DataFrame | None, as_of: DateLike) -> pd.DataFrame:
    """Invoices open as of a date, one row each, ordered by invoice date then id.

    For each invoice with invoice_date <= as_of: paid_to_date = payments dated <= as_of,
    open_amount = amount - paid_to_date; rows whose open amount is zero (to the half
    cent) are dropped, negative ones (credit notes, overpayments) kept.

    Columns: invoice_id, customer_id, customer_name (when the invoices have it),
    invoice_date, due_date, amount, paid_to_date, open_amount, days_past_due
    (as_of - due_date in days, negative while not yet due) and age_days
    (as_of - invoice_date). ``as_of`` may be a string, date or Timestamp; its time of
    day is ignored.
    """
    return PreparedLedger(invoices, payments).open_items(as_of)


def summary(
    invoices: pd.DataFrame,
    payments: pd.DataFrame | None,
    as_of: DateLike,
    edges: Buckets | Sequence[int] | None = None,
) -> AsOfSummary:
    """Headline receivables figures as of a date, as plain (JSON-ready) Python values.

    Keys: as_of ("YYYY-MM-DD"); open_invoices (invoices issued by as_of and not fully
    paid by it); open_balance; overdue_balance (open amount with due_date < as_of);
    aging (list of {"bucket", "amount", "count"} in bucket order, default the seven
    days-past-due buckets); sales_90d (amount invoiced from as_of - 89 days to as_of,
    net of credit notes); dso (open_balance / sales_90d * 90); best_possible_dso
    (current, i.e. not yet due, balance / sales_90d * 90); add (dso -
    best_possible_dso, from the unrounded values); pct_current and pct_over_90 (shares
    of the open balance in %, over 90 = more than 90 days past due).

    Amounts are rounded to 2 decimals, days and percentages to 1. Ratios are None when
    undefined: no (or net negative) sales in the window, a zero open balance.
    """
    return PreparedLedger(invoices, payments).summary(as_of, edges)
