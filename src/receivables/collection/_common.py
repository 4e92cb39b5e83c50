"""Private helpers shared by the collection functions (the column helpers shared with the
other analyses are in receivables.frames)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from receivables.frames import dates, ids, require


def by_customer(values: Any, name: str, default: float) -> Any:
    """A function mapping a customer_id Series to values from a dict/Series/scalar/None."""
    if values is None:
        return lambda customers: pd.Series(default, index=customers.index, dtype=float)
    if np.isscalar(values):
        return lambda customers: pd.Series(float(values), index=customers.index, dtype=float)
    series = pd.Series(values, dtype=float) if isinstance(values, dict) else values.astype(float)
    series.index = series.index.astype(str)
    if series.index.has_duplicates:
        raise ValueError(f"more than one {name} for the same customer")
    return lambda customers: customers.astype(str).map(series).fillna(default).astype(float)


def with_customer(payments: pd.DataFrame, invoices: pd.DataFrame | None) -> pd.DataFrame:
    """Payments with a customer_id column, taken from ``invoices`` if payments lack it."""
    if "customer_id" in payments.columns:
        return payments.assign(customer_id=ids(payments["customer_id"]))
    if invoices is None:
        raise ValueError(
            "payments have no customer_id column: pass the invoices (or open items) too, "
            "so each payment can be matched to its customer"
        )
    require(invoices, ["invoice_id", "customer_id"], "invoices")
    owners = (
        invoices[["invoice_id", "customer_id"]]
        .assign(invoice_id=ids(invoices["invoice_id"]), customer_id=ids(invoices["customer_id"]))
        .drop_duplicates("invoice_id")
    )
    return payments.assign(invoice_id=ids(payments["invoice_id"])).merge(owners, on="invoice_id", how="left")


def optional_ids(frame: pd.DataFrame, column: str) -> pd.Series:
    """`ids` of an optional column (an activity's or promise's invoice_id): all missing when
    the frame has no such column."""
    if column in frame.columns:
        return ids(frame[column])
    return pd.Series(pd.NA, index=frame.index, dtype="string")


def activities_of(activities: pd.DataFrame, kinds: set[str], as_of: pd.Timestamp) -> pd.DataFrame:
    """The activities of one of ``kinds`` (stripped, lower case) dated up to ``as_of``:
    customer_id, invoice_id (missing when the activity names none), date, kind."""
    require(activities, ["customer_id", "date", "kind"], "activities")
    acts = pd.DataFrame(
        {
            "customer_id": ids(activities["customer_id"]).to_numpy(),
            "invoice_id": optional_ids(activities, "invoice_id").to_numpy(),
            "date": dates(activities["date"]).to_numpy(),
            "kind": activities["kind"].astype("string").str.strip().str.lower().to_numpy(),
        }
    )
    return acts[acts["kind"].isin(kinds) & (acts["date"] <= as_of)]
