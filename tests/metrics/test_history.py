"""monthly_history(): one row per month, the last evaluated at `end`."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from receivables.metrics import (
    PreparedLedger,
    dso_countback,
    month_ends,
    monthly_history,
    summary,
)

from .builders import invoices, payments

COLUMNS = [
    "month",
    "period_end",
    "days",
    "opening_ar",
    "sales",
    "collections",
    "closing_ar",
    "closing_current_ar",
    "overdue_ar",
    "dso",
    "dso_countback",
    "best_possible_dso",
    "add",
    "cei",
    "turnover",
    "pct_current",
    "pct_over_90",
]


def worked_examples_ledger():
    """March-June 2024 holding two worked examples of course/references.md §2.

    April (30 days): sales 10,000, closing AR 15,000 of which 4,000 current
    -> DSO 45, BPDSO 12, ADD 33.
    June (30 days): opening 10,000 (carried from May), sales 5,000, closing 4,250 of
    which 1,500 current -> CEI 10,750 / 13,500 = 79.6 %.
    """
    inv = invoices(
        [
            ("X", "c1", "2024-03-01", "2024-03-31", 5_000.0),
            ("Y", "c1", "2024-04-01", "2024-04-15", 6_000.0),
            ("Z", "c2", "2024-04-20", "2024-05-20", 4_000.0),
            ("S1", "c2", "2024-06-01", "2024-06-15", 3_500.0),
            ("S2", "c2", "2024-06-20", "2024-07-20", 1_500.0),
        ]
    )
    pay = payments(
        [
            # May: 5,000 collected, so 10,000 carries into June, all overdue.
            ("X", "2024-05-10", 1_000.0),
            ("Z", "2024-05-25", 4_000.0),
            # June: 8,000 of the old 10,000 and 2,750 of S1.
            ("Y", "2024-06-05", 6_000.0),
            ("X", "2024-06-06", 2_000.0),
            ("S1", "2024-06-25", 2_750.0),
        ]
    )
    return inv, pay


def test_columns_and_months():
    inv, pay = worked_examples_ledger()
    history = monthly_history(inv, pay, end="2024-06-30")
    assert list(history.columns) == COLUMNS
    assert history["month"].tolist() == ["2024-03", "2024-04", "2024-05", "2024-06"]
    assert history["days"].tolist() == [31, 30, 31, 30]
    assert history["period_end"].tolist() == [
        pd.Timestamp(d) for d in ("2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30")
    ]


def test_add_worked_example_month():
    inv, pay = worked_examples_ledger()
    april = monthly_history(inv, pay, end="2024-06-30").set_index("month").loc["2024-04"]
    assert april["opening_ar"] == 5_000.0
    assert april["sales"] == 10_000.0
    assert april["closing_ar"] == 15_000.0
    assert april["closing_current_ar"] == 4_000.0
    assert april["overdue_ar"] == 11_000.0
    assert april["dso"] == pytest.approx(45.0)
    assert april["best_possible_dso"] == pytest.approx(12.0)
    assert april["add"] == pytest.approx(33.0)
    assert april["cei"] == pytest.approx(0.0)  # nothing collected in April


def test_cei_worked_example_month():
    inv, pay = worked_examples_ledger()
    june = monthly_history(inv, pay, end="2024-06-30").set_index("month").loc["2024-06"]
    assert june["opening_ar"] == 10_000.0
    assert june["sales"] == 5_000.0
    assert june["collections"] == 10_750.0
    assert june["closing_ar"] == 4_250.0
    assert june["closing_current_ar"] == 1_500.0
    assert june["cei"] == pytest.approx(10_750 / 13_500 * 100)
    assert round(june["cei"], 1) == 79.6
    assert june["turnover"] == pytest.approx(5_000 * 365 / 30 / ((10_000 + 4_250) / 2))
    assert june["pct_current"] == pytest.approx(1_500 / 4_250 * 100)


def test_opening_is_previous_closing_and_the_balance_rolls():
    inv, pay = worked_examples_ledger()
    h = monthly_history(inv, pay, end="2024-06-30")
    assert h["opening_ar"].iloc[0] == 0.0
    np.testing.assert_allclose(h["opening_ar"].iloc[1:], h["closing_ar"].iloc[:-1])
    np.testing.assert_allclose(h["opening_ar"] + h["sales"] - h["collections"], h["closing_ar"])
    np.testing.assert_allclose(h["overdue_ar"], h["closing_ar"] - h["closing_current_ar"])


def test_countback_uses_this_and_earlier_months_sales():
    inv, pay = worked_examples_ledger()
    h = monthly_history(inv, pay, end="2024-06-30")
    for i in range(len(h)):  # a handful of months
        expected = dso_countback(h["closing_ar"].iloc[i], h["sales"].iloc[i::-1], h["days"].iloc[i::-1])
        assert h["dso_countback"].iloc[i] == pytest.approx(expected)
    # May: 10,000 AR, no May sales -> all of May's 31 days, then 10,000 of April's 10,000.
    assert h.set_index("month").loc["2024-05", "dso_countback"] == pytest.approx(31 + 30)


def test_countback_reaches_before_the_rows_shown():
    inv, pay = worked_examples_ledger()
    full = monthly_history(inv, pay, end="2024-06-30")
    short = monthly_history(inv, pay, end="2024-06-30", months=2)
    assert short["month"].tolist() == ["2024-05", "2024-06"]
    pd.testing.assert_frame_equal(short, full.iloc[2:].reset_index(drop=True))


def test_undefined_ratios_are_nan_in_the_frame():
    inv, pay = worked_examples_ledger()
    may = monthly_history(inv, pay, end="2024-06-30").set_index("month").loc["2024-05"]
    assert may["sales"] == 0.0
    assert np.isnan(may["dso"])
    assert np.isnan(may["best_possible_dso"])
    assert np.isnan(may["add"])


def test_last_row_is_evaluated_at_end_month_to_date():
    inv, pay = worked_examples_ledger()
    h = monthly_history(inv, pay, end="2024-06-10")
    last = h.iloc[-1]
    assert last["month"] == "2024-06"
    assert last["period_end"] == pd.Timestamp("2024-06-10")
    assert last["days"] == 10
    assert last["sales"] == 3_500.0  # S2 (June 20) is after end
    assert last["closing_ar"] == summary(inv, pay, "2024-06-10")["open_balance"]
    assert last["dso"] == pytest.approx(last["closing_ar"] / 3_500 * 10)


def test_end_defaults_to_the_latest_date_in_the_data():
    inv, pay = worked_examples_ledger()
    pay = pd.concat([pay, payments([("S2", "2024-07-03", 1_500.0)])], ignore_index=True)
    h = monthly_history(inv, pay)
    assert h["month"].iloc[-1] == "2024-07"
    assert h["period_end"].iloc[-1] == pd.Timestamp("2024-07-03")
    assert h["days"].iloc[-1] == 3


def test_months_limit_and_no_rows_before_the_data():
    inv, pay = worked_examples_ledger()
    assert len(monthly_history(inv, pay, end="2026-06-30", months=24)) == 24
    assert len(monthly_history(inv, pay, end="2024-06-30", months=24)) == 4
    with pytest.raises(ValueError):
        monthly_history(inv, pay, months=0)


def test_empty_history():
    inv, pay = worked_examples_ledger()
    for h in (
        monthly_history(inv, pay, end="2023-01-31"),
        monthly_history(inv.iloc[0:0], None),
    ):
        assert h.empty
        assert list(h.columns) == COLUMNS


def test_prepared_ledger_history_is_the_same():
    inv, pay = worked_examples_ledger()
    prepared = PreparedLedger(inv, pay)
    pd.testing.assert_frame_equal(
        prepared.monthly_history(end="2024-06-30"), monthly_history(inv, pay, end="2024-06-30")
    )
    pd.testing.assert_frame_equal(
        monthly_history(prepared, end="2024-06-30"), monthly_history(inv, pay, end="2024-06-30")
    )


def test_month_ends():
    assert month_ends("2024-06-15", 3) == [
        pd.Timestamp("2024-03-31"),
        pd.Timestamp("2024-04-30"),
        pd.Timestamp("2024-05-31"),
    ]
    assert month_ends("2024-06-30", 2) == [pd.Timestamp("2024-05-31"), pd.Timestamp("2024-06-30")]
    assert month_ends("2024-03-01", 1) == [pd.Timestamp("2024-02-29")]
