"""Small helpers on pandas columns shared by the analyses (metrics, collection, risk), kept
apart so that no analysis reaches into another's private module."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd


def timestamp(value: Any) -> pd.Timestamp | None:
    """A midnight Timestamp from a str/date/Timestamp, or None."""
    if value is None:
        return None
    return pd.Timestamp(value).normalize()


def dates(series: pd.Series) -> pd.Series:
    """A datetime64 Series at midnight (accepts strings and dates)."""
    return pd.to_datetime(series).dt.normalize()


def require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """ValueError naming the missing columns and the ones the frame has."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{what} lack column(s): {', '.join(missing)}; they have: {', '.join(map(str, frame.columns))}"
        )


def ids(series: pd.Series) -> pd.Series:
    """Identifiers as strings, missing kept missing (so joins match "C1" with "C1")."""
    return series.astype("string")


#: How each ledger column is cleaned by `clean_columns`: ids as strings, dates at midnight,
#: amounts as floats.
_CLEANERS = {
    "invoice_id": ids,
    "customer_id": ids,
    "invoice_date": dates,
    "due_date": dates,
    "paid_date": dates,
    "amount": lambda s: s.astype(float),
    "paid_amount": lambda s: s.astype(float),
}


def clean_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> pd.DataFrame:
    """A new frame of ``columns`` of a ledger table (invoices or payments), each cleaned as
    `_CLEANERS` says, on a fresh 0..n-1 index; ValueError (`require`) when one is missing."""
    require(frame, columns, what)
    return pd.DataFrame({c: _CLEANERS[c](frame[c]).to_numpy() for c in columns})


def name_column(lang: str) -> str:
    """The column holding a table's names in `lang` ("en" or "zh"): name_en or name_zh, as in
    the case's customers and the course's tables of debtor types and factors."""
    if lang not in ("en", "zh"):
        raise ValueError(f"lang must be one of en, zh, not {lang!r}")
    return f"name_{lang}"
