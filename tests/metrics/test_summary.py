"""summary(): the headline figures as of a date, as JSON-ready values."""

from __future__ import annotations

import json

import pytest

from receivables.metrics import PreparedLedger, summary

from .builders import day, invoices, payments

AS_OF = "2024-06-30"
KEYS = [
    "as_of",
    "open_invoices",
    "open_balance",
    "overdue_balance",
    "aging",
    "sales_90d",
    "dso",
    "best_possible_dso",
    "add",
    "pct_current",
    "pct_over_90",
]


def ledger():
    inv = invoices(
        [
            ("OLD", "c1", "2024-01-15", "2024-02-14", 2_000.0),  # before the window, 137 dpd
            ("W0", "c1", day(AS_OF, -90), day(AS_OF, -60), 1_000.0),  # just outside, 60 dpd
            ("W1", "c2", day(AS_OF, -89), day(AS_OF, -59), 3_000.0),  # first window day
            ("W2", "c2", "2024-06-10", "2024-07-10", 4_000.0),  # current
            ("W3", "c3", AS_OF, day(AS_OF, 30), 2_000.0),  # as_of itself: in window
            ("CN", "c3", "2024-06-15", "2024-06-15", -500.0),  # credit note, 15 dpd
            ("LATER", "c3", "2024-07-01", "2024-07-31", 9_999.0),  # after as_of
            ("DUE", "c1", "2024-06-01", AS_OF, 700.0),  # due today: not overdue
        ]
    )
    pay = payments(
        [
            ("W1", "2024-05-01", 1_000.0),  # partial
            ("W0", "2024-06-30", 1_000.0),  # settled on as_of
            ("OLD", "2024-07-15", 2_000.0),  # after as_of: still open
        ]
    )
    return inv, pay


def test_summary_hand_computed():
    inv, pay = ledger()
    result = summary(inv, pay, AS_OF)
    assert list(result) == KEYS
    assert result["as_of"] == "2024-06-30"
    # Open: OLD 2,000; W1 2,000; W2 4,000; W3 2,000; CN -500; DUE 700.
    assert result["open_invoices"] == 6
    assert result["open_balance"] == 10_200.0
    # Overdue (due before as_of): OLD 2,000 (137 dpd), W1 2,000 (59), CN -500 (15).
    assert result["overdue_balance"] == 3_500.0
    aging = {row["bucket"]: (row["amount"], row["count"]) for row in result["aging"]}
    assert [row["bucket"] for row in result["aging"]] == [
        "current",
        "1-30",
        "31-60",
        "61-90",
        "91-180",
        "181-365",
        "over 365",
    ]
    assert aging["current"] == (6_700.0, 3)
    assert aging["1-30"] == (-500.0, 1)
    assert aging["31-60"] == (2_000.0, 1)
    assert aging["91-180"] == (2_000.0, 1)
    assert aging["over 365"] == (0.0, 0)
    # Window as_of-89 .. as_of: W1 3,000 + W2 4,000 + W3 2,000 + CN -500 + DUE 700.
    assert result["sales_90d"] == 9_200.0
    assert result["dso"] == round(10_200 / 9_200 * 90, 1)
    assert result["best_possible_dso"] == round(6_700 / 9_200 * 90, 1)
    assert result["add"] == round((10_200 - 6_700) / 9_200 * 90, 1)
    assert result["pct_current"] == round(6_700 / 10_200 * 100, 1)
    assert result["pct_over_90"] == round(2_000 / 10_200 * 100, 1)


def test_summary_is_json_ready_plain_python():
    inv, pay = ledger()
    result = summary(inv, pay, AS_OF)
    assert json.loads(json.dumps(result)) == result
    assert type(result["open_invoices"]) is int
    for key in ("open_balance", "overdue_balance", "sales_90d", "dso", "pct_current"):
        assert type(result[key]) is float
    for row in result["aging"]:
        assert type(row["bucket"]) is str
        assert type(row["amount"]) is float
        assert type(row["count"]) is int


def test_summary_add_worked_example_on_a_ledger():
    # AR 15,000 of which 4,000 current, sales 10,000 in the window -> ADD = 33 days on
    # a 30-day window; the summary's window is 90 days, so the days scale by 3.
    inv = invoices(
        [
            ("X", "c", "2024-01-01", "2024-01-31", 5_000.0),
            ("Y", "c", "2024-05-01", "2024-05-31", 6_000.0),
            ("Z", "c", "2024-06-20", "2024-07-20", 4_000.0),
        ]
    )
    result = summary(inv, None, AS_OF)
    assert result["sales_90d"] == 10_000.0
    assert result["dso"] == 135.0
    assert result["best_possible_dso"] == 36.0
    assert result["add"] == 99.0


def test_summary_before_any_invoice():
    inv, pay = ledger()
    result = summary(inv, pay, "2020-01-01")
    assert result["open_invoices"] == 0
    assert result["open_balance"] == 0.0
    assert result["overdue_balance"] == 0.0
    assert result["sales_90d"] == 0.0
    assert [row["amount"] for row in result["aging"]] == [0.0] * 7
    assert [row["count"] for row in result["aging"]] == [0] * 7
    for key in ("dso", "best_possible_dso", "add", "pct_current", "pct_over_90"):
        assert result[key] is None


def test_summary_with_balance_but_no_recent_sales():
    inv = invoices([("OLD", "c", "2023-01-01", "2023-01-31", 100.0)])
    result = summary(inv, None, AS_OF)
    assert result["open_balance"] == 100.0
    assert result["sales_90d"] == 0.0
    assert result["dso"] is None
    assert result["add"] is None
    assert result["pct_over_90"] == 100.0
    assert result["pct_current"] == 0.0


def test_summary_when_everything_is_paid():
    inv = invoices([("A", "c", "2024-06-01", "2024-07-01", 100.0)])
    pay = payments([("A", "2024-06-15", 100.0)])
    result = summary(inv, pay, AS_OF)
    assert result["open_balance"] == 0.0
    assert result["dso"] == 0.0
    assert result["pct_current"] is None


def test_summary_with_custom_edges_keeps_current_for_bpdso():
    inv, pay = ledger()
    result = summary(inv, pay, AS_OF, edges=[0, 60])
    assert [row["bucket"] for row in result["aging"]] == ["current", "1-60", "over 60"]
    assert result["best_possible_dso"] == summary(inv, pay, AS_OF)["best_possible_dso"]


def test_prepared_summary_matches_and_repeats():
    inv, pay = ledger()
    prepared = PreparedLedger(inv, pay)
    for as_of in ("2024-03-31", AS_OF, "2024-03-31", "2025-01-01"):
        assert prepared.summary(as_of) == summary(inv, pay, as_of)


def test_amounts_rounded_to_cents():
    inv = invoices([("A", "c", "2024-06-01", "2024-07-01", 100.005)])
    pay = payments([("A", "2024-06-02", 1 / 3)])
    result = summary(inv, pay, AS_OF)
    assert result["open_balance"] == pytest.approx(99.67)
    assert result["open_balance"] == round(result["open_balance"], 2)
