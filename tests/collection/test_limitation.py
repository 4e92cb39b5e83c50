"""Limitation period (China Civil Code arts. 188, 192, 195), course/references.md §7."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.collection import limitation_status


def _items(*dues, customers=None):
    return pd.DataFrame(
        {
            "invoice_id": [f"I{i}" for i in range(len(dues))],
            "customer_id": customers or ["C"] * len(dues),
            "due_date": pd.to_datetime(list(dues)),
            "open_amount": 100.0,
        }
    )


def _acts(*rows):
    return pd.DataFrame(rows, columns=["customer_id", "invoice_id", "date", "kind"]).assign(
        date=lambda d: pd.to_datetime(d["date"])
    )


def _one(items, activities=None, as_of="2024-06-30", **kw):
    return limitation_status(items, activities, as_of=as_of, **kw).set_index("invoice_id")


def test_exactly_three_years():
    items = _items("2021-03-15")
    on_last_day = _one(items, as_of="2024-03-15").loc["I0"]
    assert on_last_day["expires_on"] == pd.Timestamp("2024-03-15")
    assert on_last_day["days_left"] == 0 and on_last_day["status"] == "expiring soon"
    next_day = _one(items, as_of="2024-03-16").loc["I0"]
    assert next_day["days_left"] == -1 and next_day["status"] == "expired"
    assert next_day["clock_start"] == pd.Timestamp("2021-03-15") and next_day["last_event"] == "due"


def test_calendar_years_from_29_february():
    assert _one(_items("2020-02-29")).loc["I0", "expires_on"] == pd.Timestamp("2023-02-28")


def test_warning_window_edges():
    items = _items("2021-06-30")  # expires 2024-06-30
    assert _one(items, as_of="2024-01-02").loc["I0", "days_left"] == 180
    assert _one(items, as_of="2024-01-02").loc["I0", "status"] == "expiring soon"
    assert _one(items, as_of="2024-01-01").loc["I0", "status"] == "ok"
    assert _one(items, as_of="2024-01-01", warn_days=181).loc["I0", "status"] == "expiring soon"


def test_customer_demand_restarts_all_its_invoices():
    items = _items("2021-03-15", "2021-09-01", customers=["C", "D"])
    acts = _acts(("C", None, "2023-01-10", "demand"), ("C", None, "2023-02-01", "call"))
    out = _one(items, acts)
    assert out.loc["I0", "clock_start"] == pd.Timestamp("2023-01-10")
    assert out.loc["I0", "expires_on"] == pd.Timestamp("2026-01-10")
    assert out.loc["I0", "last_event"] == "demand" and out.loc["I0", "interruptions"] == 1
    assert out.loc["I0", "status"] == "ok"
    # another customer's demand does not touch D; a call is no interruption
    assert out.loc["I1", "clock_start"] == pd.Timestamp("2021-09-01")
    assert out.loc["I1", "status"] == "expiring soon"


def test_invoice_specific_acknowledgement():
    items = _items("2021-03-15", "2021-03-15")
    acts = _acts(("C", "I1", "2022-08-01", "Acknowledgement "))
    out = _one(items, acts)
    assert out.loc["I1", "clock_start"] == pd.Timestamp("2022-08-01")
    assert out.loc["I0", "clock_start"] == pd.Timestamp("2021-03-15")
    assert out.loc["I0", "status"] == "expired"


def test_demand_after_expiry_does_not_revive():
    items = _items("2019-01-01")
    acts = _acts(("C", None, "2022-06-01", "demand"), ("C", None, "2022-07-01", "demand"))
    out = _one(items, acts).loc["I0"]
    assert out["clock_start"] == pd.Timestamp("2019-01-01") and out["status"] == "expired"
    assert out["interruptions"] == 0


def test_chain_of_demands_each_within_the_period():
    items = _items("2019-01-01")
    acts = _acts(("C", None, "2022-01-01", "demand"), ("C", None, "2024-12-30", "demand"))
    out = _one(items, acts, as_of="2025-01-31").loc["I0"]
    # 2022-01-01 is the last day of the first period: it still interrupts
    assert out["clock_start"] == pd.Timestamp("2024-12-30") and out["interruptions"] == 2
    assert out["status"] == "ok"


def test_acknowledgement_after_expiry_revives_unless_switched_off():
    items = _items("2019-01-01")
    acts = _acts(
        ("C", None, "2022-06-01", "demand"),  # too late: no effect
        ("C", None, "2023-05-01", "acknowledgement"),  # the debtor agrees to pay (art. 192)
        ("C", None, "2025-01-01", "demand"),  # within the revived clock
    )
    out = _one(items, acts, as_of="2025-06-30").loc["I0"]
    assert out["clock_start"] == pd.Timestamp("2025-01-01") and out["status"] == "ok"
    assert out["interruptions"] == 2
    strict = _one(items, acts, as_of="2025-06-30", reviving_kinds=()).loc["I0"]
    assert strict["clock_start"] == pd.Timestamp("2019-01-01") and strict["status"] == "expired"


def test_activities_outside_the_range_are_ignored():
    items = _items("2022-01-31")
    acts = _acts(("C", None, "2021-12-01", "demand"), ("C", None, "2024-07-15", "demand"))
    out = _one(items, acts).loc["I0"]  # as_of 2024-06-30: the July demand has not happened yet
    assert out["clock_start"] == pd.Timestamp("2022-01-31") and out["interruptions"] == 0


def test_as_of_inferred_from_open_items_and_paid_items_dropped():
    items = _items("2021-03-15", "2021-03-15").assign(
        days_past_due=[1_096, 1_096], open_amount=[100.0, 0.0]
    )  # computed on 2024-03-15
    out = limitation_status(items)
    assert list(out["invoice_id"]) == ["I0"] and out["days_left"].iloc[0] == 0
    with pytest.raises(ValueError, match="as_of"):
        limitation_status(items.drop(columns="days_past_due"))


def test_sorted_by_days_left():
    out = limitation_status(_items("2023-01-01", "2021-01-01", "2021-10-01"), as_of="2024-06-30")
    assert list(out["invoice_id"]) == ["I1", "I2", "I0"]
    assert list(out["status"]) == ["expired", "expiring soon", "ok"]
