"""open_items and PreparedLedger: who is open as of a date, and for how much."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from receivables.ledger.model import Ledger, empty_payments
from receivables.metrics import OPEN_ITEM_COLUMNS, PreparedLedger, open_items, summary

from .builders import invoices, payments

INV = invoices(
    [
        ("A", "c1", "2024-01-10", "2024-02-09", 1000.0),
        ("B", "c2", "2024-02-01", "2024-03-02", 500.0),
        ("C", "c1", "2024-03-15", "2024-04-14", 250.0),
    ]
)
PAY = payments(
    [
        ("A", "2024-02-01", 300.0),
        ("A", "2024-03-01", 200.0),
        ("B", "2024-03-10", 500.0),
    ]
)


def by_id(frame: pd.DataFrame) -> dict[str, float]:
    return dict(zip(frame["invoice_id"], frame["open_amount"], strict=True))


def test_partial_payments_count_only_up_to_as_of():
    assert by_id(open_items(INV, PAY, "2024-01-31")) == {"A": 1000.0}
    assert by_id(open_items(INV, PAY, "2024-02-15")) == {"A": 700.0, "B": 500.0}
    items = open_items(INV, PAY, "2024-03-01")  # a payment dated as_of counts
    assert by_id(items) == {"A": 500.0, "B": 500.0}
    row = items.set_index("invoice_id").loc["A"]
    assert row["paid_to_date"] == 500.0
    assert row["amount"] == 1000.0


def test_fully_paid_invoices_drop_out_and_later_invoices_are_not_there_yet():
    assert by_id(open_items(INV, PAY, "2024-03-10")) == {"A": 500.0}
    assert by_id(open_items(INV, PAY, "2024-03-15")) == {"A": 500.0, "C": 250.0}


def test_columns_and_days():
    items = open_items(INV, PAY, "2024-02-15")
    assert list(items.columns) == [c for c in OPEN_ITEM_COLUMNS if c != "customer_name"]
    row = items.set_index("invoice_id").loc["A"]
    assert row["days_past_due"] == 6  # due 2024-02-09
    assert row["age_days"] == 36  # invoiced 2024-01-10
    row_b = items.set_index("invoice_id").loc["B"]
    assert row_b["days_past_due"] == -16  # not yet due
    assert items["days_past_due"].dtype == np.int64
    assert items["invoice_date"].dtype.kind == "M"
    assert items["invoice_id"].dtype == "str"


def test_customer_name_is_carried_when_present():
    inv = invoices([("A", "c1", "2024-01-10", "2024-02-09", 10.0)], names={"c1": "Acme"})
    items = open_items(inv, None, "2024-02-01")
    assert list(items.columns) == list(OPEN_ITEM_COLUMNS)
    assert items.loc[0, "customer_name"] == "Acme"


def test_items_ordered_by_invoice_date_then_id():
    inv = invoices(
        [
            ("Z", "c", "2024-01-01", "2024-01-31", 1.0),
            ("B", "c", "2024-01-02", "2024-01-31", 1.0),
            ("A", "c", "2024-01-02", "2024-01-31", 1.0),
        ]
    )
    assert open_items(inv, None, "2024-02-01")["invoice_id"].tolist() == ["Z", "A", "B"]


def test_as_of_accepts_str_date_datetime_timestamp_and_ignores_time():
    expected = open_items(INV, PAY, "2024-02-15")
    for as_of in (
        dt.date(2024, 2, 15),
        dt.datetime(2024, 2, 15, 17, 30),
        pd.Timestamp("2024-02-15 23:59"),
        np.datetime64("2024-02-15"),
        pd.Timestamp("2024-02-15", tz="Asia/Shanghai"),
    ):
        pd.testing.assert_frame_equal(open_items(INV, PAY, as_of), expected)


def test_credit_notes_stay_open_with_negative_amounts():
    inv = invoices(
        [
            ("A", "c1", "2024-01-10", "2024-02-09", 1000.0),
            ("CN1", "c1", "2024-01-20", "2024-01-20", -200.0),
            ("CN2", "c1", "2024-01-20", "2024-01-20", -50.0),
        ]
    )
    pay = payments([("CN2", "2024-01-25", -50.0)])  # a refund settles the second note
    items = open_items(inv, pay, "2024-02-01")
    assert by_id(items) == {"A": 1000.0, "CN1": -200.0}
    assert summary(inv, pay, "2024-02-01")["open_balance"] == 800.0


def test_overpayment_leaves_a_negative_open_amount():
    pay = payments([("A", "2024-01-30", 1100.0)])
    assert by_id(open_items(INV, pay, "2024-01-31")) == {"A": -100.0}


def test_float_dust_from_partial_payments_counts_as_settled():
    inv = invoices([("A", "c", "2024-01-01", "2024-01-31", 0.3)])
    pay = payments([("A", "2024-01-05", 0.1), ("A", "2024-01-06", 0.2)])
    assert 0.3 - 0.1 - 0.2 != 0  # the dust is real
    assert open_items(inv, pay, "2024-02-01").empty


def test_as_of_before_any_invoice_gives_an_empty_frame_with_columns():
    items = open_items(INV, PAY, "2023-12-31")
    assert items.empty
    assert list(items.columns) == [c for c in OPEN_ITEM_COLUMNS if c != "customer_name"]


def test_no_invoices_at_all():
    empty = INV.iloc[0:0]
    assert open_items(empty, PAY, "2024-01-01").empty
    assert summary(empty, None, "2024-01-01")["open_balance"] == 0.0


def test_payments_for_unknown_invoices_or_without_date_are_ignored():
    pay = pd.concat([PAY, payments([("NOPE", "2024-01-15", 999.0)])], ignore_index=True)
    pay.loc[len(pay)] = ["A", pd.NaT, 100.0]
    pd.testing.assert_frame_equal(open_items(INV, pay, "2024-02-15"), open_items(INV, PAY, "2024-02-15"))


def test_payment_dated_before_its_invoice_counts_once_the_invoice_exists():
    pay = payments([("C", "2024-03-01", 250.0)])  # C is invoiced 2024-03-15
    assert "C" not in by_id(open_items(INV, pay, "2024-03-10"))
    assert "C" not in by_id(open_items(INV, pay, "2024-03-20"))


def test_missing_due_date_means_due_on_the_invoice_date():
    inv = INV.copy()
    inv.loc[0, "due_date"] = pd.NaT
    row = open_items(inv, None, "2024-01-31").set_index("invoice_id").loc["A"]
    assert row["days_past_due"] == 21
    assert row["due_date"] == pd.Timestamp("2024-01-10")


def test_duplicate_invoice_ids_are_refused():
    inv = pd.concat([INV, INV.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="unique"):
        PreparedLedger(inv, PAY)


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="due_date"):
        PreparedLedger(INV.drop(columns="due_date"))


def test_ledger_conventions_string_dtypes_and_integer_ids():
    ledger = Ledger(invoices=INV)  # empty_payments() uses the "string" dtype
    prepared = PreparedLedger.from_ledger(ledger)
    assert by_id(prepared.open_items("2024-02-15")) == {"A": 1000.0, "B": 500.0}
    assert empty_payments()["invoice_id"].dtype == "string"
    pay = PAY.astype({"invoice_id": "string"})
    assert by_id(open_items(INV, pay, "2024-02-15")) == {"A": 700.0, "B": 500.0}
    inv = INV.assign(invoice_id=[1, 2, 3])
    pay = PAY.assign(invoice_id=[1, 1, 2])
    assert by_id(open_items(inv, pay, "2024-02-15")) == {"1": 700.0, "2": 500.0}


def test_dates_given_as_strings_or_in_other_units_are_read():
    inv = INV.astype({"invoice_date": "str", "due_date": "datetime64[s]"})
    pay = PAY.astype({"paid_date": "datetime64[ms]"})
    assert by_id(open_items(inv, pay, "2024-02-15")) == {"A": 700.0, "B": 500.0}


def test_inputs_are_not_modified():
    inv, pay = INV.copy(), PAY.copy()
    prepared = PreparedLedger(inv, pay)
    prepared.open_items("2024-02-15")
    pd.testing.assert_frame_equal(inv, INV)
    pd.testing.assert_frame_equal(pay, PAY)


def test_a_settled_history_still_has_open_items_as_of_earlier_dates():
    # course/references.md §2.1: every invoice is paid by now, yet each month had a balance.
    pay = payments([("A", "2024-02-20", 1000.0), ("B", "2024-03-05", 500.0), ("C", "2024-04-01", 250.0)])
    assert open_items(INV, pay, "2024-04-30").empty
    assert by_id(open_items(INV, pay, "2024-01-31")) == {"A": 1000.0}
    assert by_id(open_items(INV, pay, "2024-02-29")) == {"B": 500.0}
    assert by_id(open_items(INV, pay, "2024-03-31")) == {"C": 250.0}


def test_prepared_snapshot_is_cached_and_read_only():
    prepared = PreparedLedger(INV, PAY)
    first = prepared.snapshot("2024-02-15")
    assert prepared.snapshot(pd.Timestamp("2024-02-15")) is first
    with pytest.raises(ValueError):
        first.open[0] = 1.0
    # The frame handed out is a copy: changing it does not reach the cache.
    items = prepared.open_items("2024-02-15")
    items.loc[0, "open_amount"] = -1.0
    assert by_id(prepared.open_items("2024-02-15")) == {"A": 700.0, "B": 500.0}


def test_same_day_payments_sum_the_same_in_any_row_order():
    inv = invoices([("A", "c", "2024-01-01", "2024-01-31", 10.0)])
    parts = [0.1, 2.3, 0.7, 0.03]  # float sums of these depend on their order
    results = set()
    for shift in range(len(parts)):  # every rotation of the rows
        rotated = parts[shift:] + parts[:shift]
        pay = payments([("A", "2024-01-10", p) for p in rotated])
        results.add(float(open_items(inv, pay, "2024-01-31")["open_amount"].iloc[0]))
        results.add(float(open_items(inv, pay[::-1], "2024-01-31")["open_amount"].iloc[0]))
    assert len(results) == 1
