"""The case ledger (datasets/electromech/*.csv) read and aged with plain pandas, never with the
package's code: the hand calculation that the notebook, widget and case tests check the
package against."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

CASE = Path(__file__).resolve().parents[1] / "datasets" / "electromech"
#: The course's aging buckets: (label, first and last day past due).
EDGES = [
    ("current", -(10**9), 0),
    ("1-30", 1, 30),
    ("31-60", 31, 60),
    ("61-90", 61, 90),
    ("91-180", 91, 180),
    ("181-365", 181, 365),
    ("over 365", 366, 10**9),
]


def read_ledger() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(invoices, payments) of the case, ids as text and dates parsed."""
    inv = pd.read_csv(
        CASE / "invoices.csv", dtype={"invoice_id": str, "customer_id": str}, parse_dates=["invoice_date", "due_date"]
    )
    pay = pd.read_csv(CASE / "payments.csv", dtype={"invoice_id": str}, parse_dates=["paid_date"])
    return inv, pay


def open_as_of(inv: pd.DataFrame, pay: pd.DataFrame, as_of) -> pd.DataFrame:
    """The invoices issued by `as_of` with an open amount (≥ 0.005 either way) on that day:
    column ``open`` (amount less the payments made by then) and ``dpd`` (days past due)."""
    day = pd.Timestamp(as_of)
    paid = pay[pay["paid_date"] <= day].groupby("invoice_id")["paid_amount"].sum()
    out = inv[inv["invoice_date"] <= day].copy()
    out["open"] = out["amount"] - out["invoice_id"].map(paid).fillna(0.0)
    out["dpd"] = (day - out["due_date"]).dt.days
    return out[out["open"].abs() >= 0.005]
