"""A six-customer ledger for tiered management, small enough to tier by hand."""

from __future__ import annotations

import pandas as pd


def tiny_items() -> pd.DataFrame:
    # X 500 overdue; Y 300 not due; Z 100 overdue + 100 not due - a credit note of 50 = 150;
    # W 50 not due; U only a credit note of 20. Positive balances add up to 1,000.
    return pd.DataFrame(
        {
            "customer_id": ["X", "Y", "Z", "Z", "Z", "W", "U"],
            "open_amount": [500.0, 300.0, 100.0, 100.0, -50.0, 50.0, -20.0],
            "days_past_due": [10, -5, 40, -3, 5, -1, 30],
        }
    )


def tiny_customers() -> pd.DataFrame:
    ids = ["X", "Y", "Z", "W", "U", "V"]  # V owes nothing
    return pd.DataFrame(
        {"customer_id": ids, "name_en": [f"{c} Ltd" for c in ids], "name_zh": [f"{c}公司" for c in ids]}
    )
