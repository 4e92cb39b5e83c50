"""Promises to pay (course/references.md §8.2)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from receivables.collection import promise_kept_rate, promise_status

INVOICES = pd.DataFrame(
    {
        "invoice_id": ["A1", "A2", "B1"],
        "customer_id": ["A", "A", "B"],
        "invoice_date": pd.to_datetime(["2024-01-01"] * 3),
        "due_date": pd.to_datetime(["2024-01-31"] * 3),
        "amount": [1_000.0, 1_000.0, 500.0],
    }
)


def _promises():
    return pd.DataFrame(
        {
            "customer_id": ["A", "A", "B", "B", "A"],
            "invoice_id": [None, "A2", None, None, None],
            "made_on": pd.to_datetime(["2024-03-01", "2024-03-01", "2024-03-01", "2024-04-01", "2024-05-01"]),
            "promised_date": pd.to_datetime(["2024-03-10", "2024-03-10", "2024-03-15", "2024-04-15", "2024-06-15"]),
            "promised_amount": [600.0, 400.0, 500.0, 200.0, 300.0],
        }
    )


def _payments():
    return pd.DataFrame(
        {
            "invoice_id": ["A1", "A2", "B1", "B1", "A1"],
            # A1 paid on the promised date; A2 after it; B1 before the promise was made, then half
            "paid_date": pd.to_datetime(["2024-03-10", "2024-03-11", "2024-02-20", "2024-04-10", "2024-07-01"]),
            "paid_amount": [600.0, 400.0, 100.0, 100.0, 300.0],
        }
    )


def test_status_per_promise():
    out = promise_status(_promises(), _payments(), INVOICES, as_of="2024-06-01")
    # 1: 600 paid on the promised date counts -> kept
    # 2: invoice A2 promised, A2 paid a day late; the A1 payment is for another invoice -> broken
    # 3: B promised 500 by 03-15; the 02-20 payment predates the promise -> broken
    # 4: B promised 200 by 04-15, paid 100 on 04-10 -> partly kept
    # 5: promised date still ahead -> open
    assert list(out["status"]) == ["kept", "broken", "broken", "partly kept", "open"]
    assert list(out["paid_by_date"]) == [600.0, 0.0, 0.0, 100.0, 0.0]
    assert list(out["shortfall"]) == [0.0, 400.0, 500.0, 100.0, 300.0]


def test_promise_paid_on_promised_date_is_kept_and_as_of_limits_payments():
    promises = _promises().iloc[[0]]
    assert promise_status(promises, _payments(), INVOICES, as_of="2024-03-10")["status"].iloc[0] == "kept"
    # judged the day before: not yet paid, day not over -> open
    assert promise_status(promises, _payments(), INVOICES, as_of="2024-03-09")["status"].iloc[0] == "open"
    # on the promised date itself, before the payment is booked: still open
    no_pay = _payments().iloc[1:]
    assert promise_status(promises, no_pay, INVOICES, as_of="2024-03-10")["status"].iloc[0] == "open"
    assert promise_status(promises, no_pay, INVOICES, as_of="2024-03-11")["status"].iloc[0] == "broken"


def test_without_as_of_no_promise_is_open():
    out = promise_status(_promises(), _payments(), INVOICES)
    assert "open" not in set(out["status"])
    # the 07-01 payment comes after the 06-15 promised date, so it does not count
    assert out["status"].iloc[4] == "broken" and out["paid_by_date"].iloc[4] == 0.0


def test_payments_with_customer_id_need_no_invoices_and_status_recorded_kept():
    payments = _payments().assign(customer_id=["A", "A", "B", "B", "A"])
    promises = _promises().assign(status="open")
    out = promise_status(promises, payments, as_of="2024-06-01")
    assert "status_recorded" in out.columns and out["status"].iloc[0] == "kept"
    with pytest.raises(ValueError, match="customer_id"):
        promise_status(_promises(), _payments())


def test_overpayment_is_kept_and_capped_in_the_rate():
    promises = pd.DataFrame(
        {
            "customer_id": ["A"],
            "made_on": ["2024-03-01"],
            "promised_date": ["2024-03-10"],
            "promised_amount": [500.0],
        }
    )
    r = promise_kept_rate(promises, _payments(), INVOICES, as_of="2024-06-01")
    assert r["promises"]["status"].iloc[0] == "kept"
    assert r["promises"]["kept_amount"].iloc[0] == 500.0
    assert r["overall"] == 1.0


def test_kept_rate_per_customer_and_overall():
    r = promise_kept_rate(_promises(), _payments(), INVOICES, as_of="2024-06-01")
    by = r["by_customer"].set_index("customer_id")
    # A: matured promises 600 + 400, kept 600; the open 300 is left out
    assert by.loc["A", "promised"] == 1_000 and by.loc["A", "kept_amount"] == 600
    assert by.loc["A", "kept_rate"] == pytest.approx(0.6)
    assert (
        by.loc["A", "kept"],
        by.loc["A", "broken"],
        by.loc["A", "open"],
        by.loc["A", "promises"],
    ) == (1, 1, 1, 3)
    # B: 500 + 200 promised, 100 kept
    assert by.loc["B", "kept_rate"] == pytest.approx(100 / 700)
    assert by.loc["B", "partly kept"] == 1
    assert r["overall"] == pytest.approx(700 / 1_700)


def test_kept_rate_with_only_open_promises():
    r = promise_kept_rate(_promises().iloc[[4]], _payments(), INVOICES, as_of="2024-06-01")
    assert r["overall"] is None and np.isnan(r["by_customer"]["kept_rate"].iloc[0])
