"""Properties over random ledgers (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from receivables.metrics import (
    CHINESE_AGE_BUCKETS,
    CHINESE_AGE_BUCKETS_SPLIT,
    DEFAULT_BUCKETS,
    PreparedLedger,
    aging,
    monthly_history,
    open_items,
    summary,
)

from .builders import invoices, payments

START = pd.Timestamp("2021-01-01")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cents = st.integers(min_value=-50_000, max_value=500_000).map(lambda c: c / 100)
offsets = st.integers(min_value=0, max_value=1_500)


@st.composite
def ledgers(draw, fully_paid: bool = False):
    """Random invoices (credit notes, zero amounts) and partial payments.

    With fully_paid, each invoice is paid in 1-3 parts summing to its amount, dated
    from its invoice date to 200 days later.
    """
    n = draw(st.integers(min_value=0, max_value=25))
    inv_rows, pay_rows = [], []
    for i in range(n):  # building test data, row by row
        issued = START + pd.Timedelta(days=draw(offsets))
        due = issued + pd.Timedelta(days=draw(st.integers(min_value=0, max_value=120)))
        amount = draw(cents)
        inv_rows.append((f"INV{i:03d}", f"C{draw(st.integers(0, 4))}", issued, due, amount))
        if fully_paid:
            parts = draw(st.integers(min_value=1, max_value=3))
            split = [amount / parts] * (parts - 1)
            split.append(amount - sum(split))
        else:
            split = draw(st.lists(cents, max_size=3))
        for part in split:
            paid = issued + pd.Timedelta(days=draw(st.integers(min_value=0, max_value=200)))
            pay_rows.append((f"INV{i:03d}", paid, part))
    return invoices(inv_rows), payments(pay_rows)


def as_of_dates():
    return offsets.map(lambda d: START + pd.Timedelta(days=d - 30))


def reference_open_amounts(inv: pd.DataFrame, pay: pd.DataFrame, as_of) -> pd.Series:
    """The definition, written plainly with pandas."""
    issued = inv[inv["invoice_date"] <= as_of].set_index("invoice_id")["amount"]
    paid = pay[pay["paid_date"] <= as_of].groupby("invoice_id")["paid_amount"].sum()
    open_ = issued.sub(paid.reindex(issued.index, fill_value=0.0))
    return open_[open_.abs() >= 0.005].sort_index()


@SETTINGS
@given(ledgers(), as_of_dates())
def test_open_items_match_the_definition(ledger, as_of):
    inv, pay = ledger
    items = open_items(inv, pay, as_of).set_index("invoice_id")["open_amount"].sort_index()
    expected = reference_open_amounts(inv, pay, as_of)
    assert items.index.tolist() == expected.index.tolist()
    np.testing.assert_allclose(items.to_numpy(), expected.to_numpy(), atol=1e-6)


@SETTINGS
@given(ledgers(), as_of_dates(), st.lists(st.integers(1, 400), min_size=1, max_size=5, unique=True))
def test_aging_buckets_sum_to_the_open_balance(ledger, as_of, edges):
    inv, pay = ledger
    items = open_items(inv, pay, as_of)
    balance = items["open_amount"].sum()
    for buckets, basis in (
        (DEFAULT_BUCKETS, None),
        (CHINESE_AGE_BUCKETS, None),
        (CHINESE_AGE_BUCKETS_SPLIT, None),
        (sorted(edges), "days_past_due"),
        (sorted(edges), "age"),
    ):
        table = aging(items, buckets, basis)
        assert abs(table["amount"].sum() - balance) < 1e-6
        assert table["count"].sum() == len(items)
    result = summary(inv, pay, as_of)
    assert abs(sum(row["amount"] for row in result["aging"]) - result["open_balance"]) < 0.05
    assert result["open_invoices"] == len(items)
    assert abs(result["open_balance"] - balance) < 0.005 + 1e-9


@SETTINGS
@given(ledgers(fully_paid=True))
def test_nothing_is_open_once_every_invoice_is_paid(ledger):
    inv, pay = ledger
    as_of = START + pd.Timedelta(days=2_000)  # after every payment
    assert open_items(inv, pay, as_of).empty
    result = summary(inv, pay, as_of)
    assert result["open_invoices"] == 0
    assert result["open_balance"] == 0.0
    assert all(row["amount"] == 0.0 for row in result["aging"])


@SETTINGS
@given(ledgers(fully_paid=True), offsets)
def test_a_settled_history_is_open_as_of_earlier_dates(ledger, when):
    inv, pay = ledger
    as_of = START + pd.Timedelta(days=when)
    first_paid = pay.groupby("invoice_id")["paid_date"].min()
    unpaid_yet = inv.set_index("invoice_id")
    unpaid_yet = unpaid_yet[
        (unpaid_yet["invoice_date"] <= as_of)
        & (first_paid.reindex(unpaid_yet.index) > as_of)
        & (unpaid_yet["amount"] != 0)
    ]
    items = open_items(inv, pay, as_of).set_index("invoice_id")
    assert set(unpaid_yet.index) <= set(items.index)
    np.testing.assert_allclose(items.loc[unpaid_yet.index, "open_amount"], unpaid_yet["amount"], atol=1e-9)


@SETTINGS
@given(ledgers(), as_of_dates(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_row_order(ledger, as_of, rnd):
    inv, pay = ledger
    inv_shuffled = inv.iloc[rnd.sample(range(len(inv)), len(inv))]
    pay_shuffled = pay.iloc[rnd.sample(range(len(pay)), len(pay))]
    pd.testing.assert_frame_equal(open_items(inv, pay, as_of), open_items(inv_shuffled, pay_shuffled, as_of))
    assert summary(inv, pay, as_of) == summary(inv_shuffled, pay_shuffled, as_of)
    pd.testing.assert_frame_equal(
        monthly_history(inv, pay, months=12), monthly_history(inv_shuffled, pay_shuffled, months=12)
    )


@SETTINGS
@given(ledgers())
def test_history_balances_roll_forward(ledger):
    inv, pay = ledger
    history = monthly_history(inv, pay, months=60)
    if history.empty:
        return
    np.testing.assert_allclose(history["opening_ar"].iloc[1:], history["closing_ar"].iloc[:-1], atol=0.011)
    np.testing.assert_allclose(
        history["opening_ar"] + history["sales"] - history["collections"],
        history["closing_ar"],
        atol=0.02,
    )
    prepared = PreparedLedger(inv, pay)
    tail = history.tail(3)
    for period_end, closing in zip(tail["period_end"], tail["closing_ar"], strict=True):
        assert abs(prepared.summary(period_end)["open_balance"] - closing) < 0.011


@SETTINGS
@given(ledgers(), st.lists(as_of_dates(), min_size=1, max_size=6))
def test_prepared_ledger_answers_any_date_order(ledger, dates):
    inv, pay = ledger
    prepared = PreparedLedger(inv, pay)
    for as_of in dates:  # a few dates, asked in any order, hitting the cache or not
        pd.testing.assert_frame_equal(prepared.open_items(as_of), open_items(inv, pay, as_of))
        assert prepared.summary(as_of) == summary(inv, pay, as_of)
