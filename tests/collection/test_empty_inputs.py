"""Every collection function accepts a ledger with nothing open (a fully paid history)."""

from __future__ import annotations

import pandas as pd

from receivables.collection import (
    dunning_schedule,
    limitation_status,
    promise_kept_rate,
    worklist,
)

EMPTY_ITEMS = pd.DataFrame(
    {
        "invoice_id": pd.Series([], dtype="string"),
        "customer_id": pd.Series([], dtype="string"),
        "due_date": pd.Series([], dtype="datetime64[ns]"),
        "open_amount": pd.Series([], dtype=float),
        "days_past_due": pd.Series([], dtype=int),
    }
)


def test_empty_open_items():
    assert worklist(EMPTY_ITEMS).empty
    assert worklist(EMPTY_ITEMS, probability_of_default=0.1, by="expected_loss").empty
    assert dunning_schedule(EMPTY_ITEMS, "2024-01-01").empty
    assert limitation_status(EMPTY_ITEMS, as_of="2024-01-01").empty
    acts = pd.DataFrame({"customer_id": ["A"], "date": ["2024-01-01"], "kind": ["demand"]})
    out = limitation_status(EMPTY_ITEMS, acts, as_of="2024-01-01")
    assert out.empty and "status" in out.columns


def test_no_promises():
    promises = pd.DataFrame(
        {
            "customer_id": pd.Series([], dtype="string"),
            "promised_date": pd.Series([], dtype="datetime64[ns]"),
            "promised_amount": pd.Series([], dtype=float),
            "made_on": pd.Series([], dtype="datetime64[ns]"),
        }
    )
    payments = pd.DataFrame({"invoice_id": ["1"], "paid_date": ["2024-01-01"], "paid_amount": [1.0]})
    r = promise_kept_rate(promises, payments, EMPTY_ITEMS, as_of="2024-05-01")
    assert r["overall"] is None and r["by_customer"].empty and r["promises"].empty
