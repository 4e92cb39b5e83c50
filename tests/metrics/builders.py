"""Build small invoice and payment frames in the ledger.model conventions."""

from __future__ import annotations

import pandas as pd


def invoices(rows, names: dict[str, str] | None = None) -> pd.DataFrame:
    """rows: (invoice_id, customer_id, invoice_date, due_date, amount)."""
    frame = pd.DataFrame(list(rows), columns=["invoice_id", "customer_id", "invoice_date", "due_date", "amount"])
    frame = frame.astype({"invoice_id": "str", "customer_id": "str", "amount": "float64"})
    frame["invoice_date"] = pd.to_datetime(frame["invoice_date"]).astype("datetime64[ns]")
    frame["due_date"] = pd.to_datetime(frame["due_date"]).astype("datetime64[ns]")
    if names is not None:
        frame["customer_name"] = frame["customer_id"].map(names).astype("str")
    return frame


def payments(rows) -> pd.DataFrame:
    """rows: (invoice_id, paid_date, paid_amount)."""
    frame = pd.DataFrame(list(rows), columns=["invoice_id", "paid_date", "paid_amount"])
    frame = frame.astype({"invoice_id": "str", "paid_amount": "float64"})
    frame["paid_date"] = pd.to_datetime(frame["paid_date"]).astype("datetime64[ns]")
    return frame


def day(date: str, offset: int = 0) -> pd.Timestamp:
    return pd.Timestamp(date) + pd.Timedelta(days=offset)
