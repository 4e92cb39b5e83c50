"""Warning signals from payment behaviour (course/references.md §5.4): a drifting customer is
flagged months before it stops paying; a steady one is not."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from receivables.risk import SIGNAL_RULES, SIGNALS, SignalThresholds, warning_signals
from receivables.risk.signals import Measures


def _history(customer: str, lateness, months: int = 24, start: str = "2023-01-01", split: bool = False):
    """Monthly invoices of 10,000 on 30-day terms; lateness(i) gives days late of invoice i."""
    inv_dates = pd.date_range(start, periods=months, freq="MS") + pd.Timedelta(days=14)
    invoices = pd.DataFrame(
        {
            "invoice_id": [f"{customer}-{i:02d}" for i in range(months)],
            "customer_id": customer,
            "invoice_date": inv_dates,
            "due_date": inv_dates + pd.Timedelta(days=30),
            "amount": 10_000.0,
        }
    )
    late = pd.to_timedelta([lateness(i) for i in range(months)], unit="D")
    payments = pd.DataFrame(
        {
            "invoice_id": invoices["invoice_id"],
            "paid_date": invoices["due_date"] + late,
            "paid_amount": 10_000.0,
        }
    )
    if split:  # two halves: the first leaves the invoice open
        first = payments.assign(paid_amount=5_000.0, paid_date=payments["paid_date"] - pd.Timedelta(days=5))
        payments = pd.concat([first, payments.assign(paid_amount=5_000.0)], ignore_index=True)
    return invoices, payments


def _drifting(i: int) -> int:
    # two days late for a year, then six days later every month
    return 2 if i < 12 else 2 + 6 * (i - 11)


def _ledger(*histories):
    invoices = pd.concat([h[0] for h in histories], ignore_index=True)
    payments = pd.concat([h[1] for h in histories], ignore_index=True)
    return invoices, payments


def test_drifting_customer_flagged_steady_not():
    invoices, payments = _ledger(_history("DRIFT", _drifting), _history("STEADY", lambda i: 2))
    out = warning_signals(invoices, payments, as_of="2024-07-31").set_index("customer_id")
    drift = out.loc["DRIFT"]
    # recent window Feb-Jul 2024: 14, 20, 26, 32 paid; June invoice still open 16 days after due
    assert drift["days_late_recent"] == pytest.approx((14 + 20 + 26 + 32 + 16) / 5)
    # baseline Aug 2023 - Jan 2024: 2, 2, 2, 2, 2, 8
    assert drift["days_late_earlier"] == pytest.approx(3.0)
    assert drift["drift_days"] == pytest.approx(18.6)
    assert drift["unpaid_overdue"] == 1
    assert drift["flagged"] and "PAYING_LATER" in drift["flags"] and "LATE_TREND" in drift["flags"]
    assert "days later than before" in drift["reasons"]
    steady = out.loc["STEADY"]
    assert not steady["flagged"] and steady["flags"] == "" and steady["drift_days"] == pytest.approx(0)
    assert steady["trend_days_per_month"] == pytest.approx(0, abs=1e-9)
    # most flagged first
    assert warning_signals(invoices, payments, as_of="2024-07-31")["customer_id"].iloc[0] == "DRIFT"


def test_flag_comes_months_before_default():
    # The drifting customer stops paying altogether from January 2025 (its default);
    # by the end of July 2024 it is already flagged.
    def lateness(i):
        return 10_000 if i >= 24 else _drifting(i)

    invoices, payments = _history("DRIFT", lateness, months=30)
    flagged_on = [
        as_of
        for as_of in pd.date_range("2024-01-31", "2025-06-30", freq="ME")
        if warning_signals(invoices, payments, as_of=as_of)["flagged"].iloc[0]
    ]
    assert flagged_on and flagged_on[0] <= pd.Timestamp("2024-07-31")


def test_customer_who_stops_paying_shows_at_once():
    # Paid 2 days late for a year, then nothing: unpaid overdue invoices count as late so far.
    invoices, payments = _history("STOP", lambda i: 2)
    payments = payments[payments["invoice_id"] < "STOP-12"]
    out = warning_signals(invoices, payments, as_of="2024-07-31").iloc[0]
    assert out["flagged"] and out["unpaid_overdue"] >= 5


def test_partial_payments():
    invoices, payments = _ledger(_history("SPLIT", lambda i: 0, split=True), _history("FULL", lambda i: 0))
    out = warning_signals(invoices, payments, as_of="2024-07-31").set_index("customer_id")
    assert out.loc["SPLIT", "partial_share"] == pytest.approx(0.5)
    assert "PARTIAL_PAYMENTS" in out.loc["SPLIT", "flags"]
    assert out.loc["FULL", "partial_payments"] == 0 and not out.loc["FULL", "flagged"]


def test_broken_and_many_promises():
    invoices, payments = _history("PROM", lambda i: 0)
    promises = pd.DataFrame(
        {
            "customer_id": ["PROM"] * 3,
            "made_on": pd.to_datetime(["2024-03-01", "2024-04-01", "2024-05-01"]),
            # nothing is paid between 2024-03-01 and 03-05, nor 04-01 .. 04-05 (payments on the 14th)
            "promised_date": pd.to_datetime(["2024-03-05", "2024-04-05", "2024-05-20"]),
            "promised_amount": [10_000.0, 10_000.0, 10_000.0],
        }
    )
    out = warning_signals(invoices, payments, promises=promises, as_of="2024-07-31").iloc[0]
    assert out["promises_recent"] == 3
    assert out["broken_promises"] == 2
    assert "BROKEN_PROMISES" in out["flags"] and "MANY_PROMISES" in out["flags"]
    assert "2 promise(s) to pay not kept" in out["reasons"]


def test_defaults_and_missing_columns():
    invoices, payments = _history("X", lambda i: 0, months=6)
    out = warning_signals(invoices, payments)  # as_of = latest date in the data
    assert len(out) == 1 and not out["flagged"].iloc[0]
    with pytest.raises(ValueError, match="due_date"):
        warning_signals(invoices.drop(columns="due_date"), payments)


def test_no_payments_at_all():
    invoices, payments = _history("NEW", lambda i: 0, months=3)
    out = warning_signals(invoices, payments.iloc[0:0], as_of="2023-02-10").iloc[0]
    # nothing due yet: nothing measured, nothing flagged
    assert out["invoices_recent"] == 0 and not out["flagged"]


def test_promises_after_as_of_are_not_known_yet():
    invoices, payments = _history("PROM", lambda i: 0)
    promises = pd.DataFrame(
        {
            "customer_id": ["PROM"] * 4,
            "made_on": pd.to_datetime(["2024-03-01", "2024-04-01", "2024-05-01", "2024-08-10"]),
            "promised_date": pd.to_datetime(["2024-03-05", "2024-04-05", "2024-05-20", "2024-08-15"]),
            "promised_amount": [10_000.0] * 4,
        }
    )
    # As of 2024-07-31 the fourth promise has not been made: same counts as with three.
    out = warning_signals(invoices, payments, promises=promises, as_of="2024-07-31").iloc[0]
    assert out["promises_recent"] == 3
    assert out["broken_promises"] == 2


def test_thresholds_change_what_is_flagged():
    # 2 days late to January 2024, 6 from February: drift 4, below the default 10, above 3.
    invoices, payments = _history("STEADY", lambda i: 2 if i < 13 else 6)
    default = warning_signals(invoices, payments, as_of="2024-07-31").iloc[0]
    assert default["drift_days"] == pytest.approx(4) and "PAYING_LATER" not in default["flags"]
    strict = SignalThresholds(drift_days=3.0)
    out = warning_signals(invoices, payments, as_of="2024-07-31", thresholds=strict).iloc[0]
    assert out["flags"] == "PAYING_LATER" and out["reasons"] == "pays 4 days later than before (2 -> 6 days late)"
    # the measures themselves do not depend on the thresholds
    assert out.drop(["flags", "reasons", "flag_count", "flagged"]).equals(
        default.drop(["flags", "reasons", "flag_count", "flagged"])
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        strict.drift_days = 1.0  # type: ignore[misc]


def test_one_function_per_signal():
    invoices, payments = _ledger(_history("SPLIT", lambda i: 0, split=True), _history("FULL", lambda i: 0))
    out = warning_signals(invoices, payments, as_of="2024-07-31")
    assert list(SIGNAL_RULES) == list(SIGNALS)
    measures = Measures(out.set_index("customer_id"), pd.Series(dtype=int), months=6)
    hit, reason = SIGNAL_RULES["PARTIAL_PAYMENTS"](measures, SignalThresholds())
    assert hit.to_dict() == {"SPLIT": True, "FULL": False}
    assert reason["SPLIT"] == "6 of 12 payments in the last 6 months were partial"
    # min_partial above the count: no flag
    hit, _ = SIGNAL_RULES["PARTIAL_PAYMENTS"](measures, SignalThresholds(min_partial=7))
    assert not hit.any()
