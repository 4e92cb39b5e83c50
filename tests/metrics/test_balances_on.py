"""PreparedLedger.balances_on (one pass over events, used by the monthly history) gives
the balances of one snapshot per day, on ledgers with every awkward case: payments
before their invoice, several same-day payments, invoices without a date or due date,
payments of unknown invoices, amounts within the settling tolerance."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from receivables.metrics import PreparedLedger
from receivables.metrics._common import to_day

START = pd.Timestamp("2022-01-01")
amounts = st.one_of(
    st.integers(-20_000, 200_000).map(lambda c: c / 100),  # whole cents
    st.floats(-500, 5_000, allow_nan=False).map(lambda x: round(x, 4)),  # not cents
    st.sampled_from([0.0, 0.004, -0.004, 0.005]),  # at the tolerance
)


@st.composite
def ledgers(draw):
    n = draw(st.integers(1, 20))
    inv, pay = [], []
    for i in range(n):
        issued = START + pd.Timedelta(days=draw(st.integers(0, 400)))
        due = issued + pd.Timedelta(days=draw(st.integers(0, 150)))
        amount = draw(amounts)
        inv.append(
            (
                f"I{i:02d}",
                "C1",
                None if draw(st.integers(0, 15)) == 0 else issued,
                None if draw(st.integers(0, 15)) == 0 else due,
                amount,
            )
        )
        for _ in range(draw(st.integers(0, 4))):
            # From 30 days before the invoice (prepayment or bad data) to 300 after.
            paid = issued + pd.Timedelta(days=draw(st.integers(-30, 300)))
            share = draw(st.sampled_from([1.0, 0.5, 1 / 3, 0.25]))
            pay.append((f"I{i:02d}", paid, draw(st.one_of(st.just(round(amount * share, 2)), amounts))))
    if draw(st.booleans()):
        pay.append(("UNKNOWN", START, 10.0))
    invoices = pd.DataFrame(inv, columns=["invoice_id", "customer_id", "invoice_date", "due_date", "amount"])
    if draw(st.booleans()):  # unapplied credits: in the balance, always current, never over 90
        invoices["unapplied"] = [draw(st.integers(0, 3)) == 0 for _ in range(n)]
        invoices.loc[invoices["unapplied"], "amount"] = -invoices.loc[invoices["unapplied"], "amount"].abs()
    for c in ("invoice_date", "due_date"):
        invoices[c] = pd.to_datetime(invoices[c]).astype("datetime64[ns]")
    payments = pd.DataFrame(pay, columns=["invoice_id", "paid_date", "paid_amount"])
    payments["paid_date"] = pd.to_datetime(payments["paid_date"]).astype("datetime64[ns]")
    payments["paid_amount"] = payments["paid_amount"].astype("float64")
    return invoices, payments


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers(), st.lists(st.integers(-60, 800), min_size=1, max_size=30))
def test_balances_on_many_days_equal_one_snapshot_per_day(ledger, offsets):
    inv, pay = ledger
    prepared = PreparedLedger(inv, pay)
    days = [to_day(START) + o for o in offsets]  # any order, repeats allowed
    many = prepared.balances_on(days)
    for i, d in enumerate(days):
        one = prepared.balances(d)
        for name in ("open", "current", "over_90"):
            assert abs(many[name][i] - one[name]) < 1e-6, (name, d, many[name][i], one[name])
            if one[name] == 0.0 and prepared.snapshot(d).is_open.sum() == 0:
                assert many[name][i] == 0.0  # settled means exactly zero


def test_balances_on_without_days_or_payments():
    inv = pd.DataFrame(
        {
            "invoice_id": ["A"],
            "customer_id": ["C"],
            "invoice_date": pd.to_datetime(["2024-01-01"]),
            "due_date": pd.to_datetime(["2024-01-31"]),
            "amount": [100.0],
        }
    )
    prepared = PreparedLedger(inv)
    assert all(len(v) == 0 for v in prepared.balances_on([]).values())
    # Due 2024-01-31: 1 day past due on 02-01, 90 days on 04-30, 91 days on 05-01.
    days = ["2023-12-31", "2024-01-31", "2024-02-01", "2024-04-30", "2024-05-01"]
    got = prepared.balances_on([to_day(d) for d in days])
    np.testing.assert_array_equal(got["open"], [0.0, 100.0, 100.0, 100.0, 100.0])
    np.testing.assert_array_equal(got["current"], [0.0, 100.0, 0.0, 0.0, 0.0])
    np.testing.assert_array_equal(got["over_90"], [0.0, 0.0, 0.0, 0.0, 100.0])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers())
def test_balances_on_very_many_days(ledger):
    # More days than the cube of query indexes holds: one scatter per balance instead.
    inv, pay = ledger
    prepared = PreparedLedger(inv, pay)
    days = [to_day(START) + o for o in range(-40, 500, 3)]
    many = prepared.balances_on(days)
    for i, d in enumerate(days):
        one = prepared.balances(d)
        for name in ("open", "current", "over_90"):
            assert abs(many[name][i] - one[name]) < 1e-6


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers(), st.sampled_from(["1969-09-01", "2400-01-01"]))
def test_balances_on_days_before_1970_or_far_ahead(ledger, start):
    # Day numbers below 0 or past the day table's reach (day 131,072 in 2328): looked up
    # through offsets.
    inv, pay = ledger
    shift = pd.Timedelta(days=int((np.datetime64(start) - np.datetime64(START.date())).astype(int)))

    def moved(values: pd.Series) -> pd.Series:  # in seconds: nanoseconds end in 2262
        return values.astype("datetime64[s]") + shift

    inv = inv.assign(invoice_date=moved(inv["invoice_date"]), due_date=moved(inv["due_date"]))
    pay = pay.assign(paid_date=moved(pay["paid_date"]))
    prepared = PreparedLedger(inv, pay)
    days = [to_day(start) + o for o in range(-40, 500, 37)]
    many = prepared.balances_on(days)
    for i, d in enumerate(days):
        one = prepared.balances(d)
        for name in ("open", "current", "over_90"):
            assert abs(many[name][i] - one[name]) < 1e-6


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers())
def test_steps_run_beside_each_other_give_the_same_figures(ledger):
    # A large ledger reads its payments and computes their changes in a worker thread
    # (metrics._common.alongside): forced here on a small one, the figures are the same.
    from receivables.metrics import _common

    inv, pay = ledger
    days = [to_day(START) + o for o in range(-40, 500, 29)]
    some = (days[0], days[len(days) // 2], days[-1])

    def figures() -> tuple:
        prepared = PreparedLedger(inv, pay)
        return (
            prepared.balances_on(days),
            [prepared.summary(day) for day in some],
            [prepared.open_items(day) for day in some],
        )

    serial = figures()
    saved = _common.PARALLEL_ROWS
    _common.PARALLEL_ROWS = 0
    try:
        beside = figures()
    finally:
        _common.PARALLEL_ROWS = saved
    for name in ("open", "current", "over_90"):
        np.testing.assert_array_equal(beside[0][name], serial[0][name])
    assert beside[1] == serial[1]
    for got, expected in zip(beside[2], serial[2], strict=True):
        pd.testing.assert_frame_equal(got, expected)
