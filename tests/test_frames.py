"""receivables.frames.clean_columns: the ledger columns the risk and case analyses read, cleaned
once (ids as strings, dates at midnight, amounts as floats) on a fresh index."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables import frames
from receivables.frames import clean_columns


def test_ids_dates_and_amounts_are_cleaned_on_a_fresh_index():
    invoices = pd.DataFrame(
        {
            "invoice_id": [101, 102],
            "customer_id": ["C1", None],
            "due_date": ["2024-03-01", pd.Timestamp("2024-03-02 15:30")],
            "amount": ["1200.5", 3],
            "note": ["not asked for", ""],
        },
        index=[7, 3],
    )
    clean = clean_columns(invoices, ["invoice_id", "customer_id", "due_date", "amount"], "invoices")
    assert list(clean.columns) == ["invoice_id", "customer_id", "due_date", "amount"]
    assert list(clean.index) == [0, 1]
    assert list(clean["invoice_id"]) == ["101", "102"]  # joins "101" with "101"
    assert clean["customer_id"][0] == "C1" and pd.isna(clean["customer_id"][1])
    assert list(clean["due_date"]) == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-02")]
    assert clean["amount"].dtype == float and list(clean["amount"]) == [1200.5, 3.0]


def test_payments_and_a_missing_column_named():
    payments = pd.DataFrame({"invoice_id": ["I1"], "paid_date": ["2024-04-05"], "paid_amount": [50]})
    clean = clean_columns(payments, ["invoice_id", "paid_date", "paid_amount"], "payments")
    assert clean.to_dict("records") == [
        {"invoice_id": "I1", "paid_date": pd.Timestamp("2024-04-05"), "paid_amount": 50.0}
    ]
    with pytest.raises(ValueError, match=r"payments lack column\(s\): paid_amount"):
        clean_columns(payments.drop(columns="paid_amount"), ["invoice_id", "paid_date", "paid_amount"], "payments")


def test_the_name_column_of_a_language():
    assert (frames.name_column("en"), frames.name_column("zh")) == ("name_en", "name_zh")
    with pytest.raises(ValueError, match="lang"):
        frames.name_column("fr")
