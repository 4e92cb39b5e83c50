"""The aging explorer's logic on a small hand-made ledger (metrics.explorer)."""

from __future__ import annotations

import pytest

from receivables.metrics import PreparedLedger
from receivables.metrics.explorer import (
    customer_aging,
    customer_invoices,
    explore,
    month_row,
    parse_edges,
)

from . import builders as b

# As of 2024-03-31:
#   A1 (A): 1,000 due 03-01, 400 paid 03-10 -> 600 open, 30 days past due -> "1-30"
#   A2 (A): 500 due 04-15 -> 500 open, not yet due -> "current"
#   B1 (B): 2,000 due 01-31 -> 2,000 open, 60 days past due -> "31-60" with edges 30, 60
#   B2 (B): 300 due 02-15, paid in full 02-20 -> not open
#   C1 (C): 100 due 03-31 -> 100 open, 0 days past due -> "current"
INVOICES = b.invoices(
    [
        ("A1", "A", "2024-01-31", "2024-03-01", 1_000.0),
        ("A2", "A", "2024-03-16", "2024-04-15", 500.0),
        ("B1", "B", "2024-01-01", "2024-01-31", 2_000.0),
        ("B2", "B", "2024-01-16", "2024-02-15", 300.0),
        ("C1", "C", "2024-03-01", "2024-03-31", 100.0),
    ],
    names={"A": "Alpha", "B": "Beta", "C": "Gamma"},
)
PAYMENTS = b.payments([("A1", "2024-03-10", 400.0), ("B2", "2024-02-20", 300.0)])


@pytest.fixture
def prepared():
    return PreparedLedger(INVOICES, PAYMENTS)


@pytest.mark.parametrize(
    ("text", "edges"),
    [
        ("30, 60, 90", (30, 60, 90)),
        ("30 60", (30, 60)),
        ("15;45", (15, 45)),
        ("30,60、90", (30, 60, 90)),
        ([30, 60.0], (30, 60)),
        ("7", (7,)),
    ],
)
def test_parse_edges_accepts(text, edges):
    assert parse_edges(text) == edges


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "at least one"),
        ("30, 30", "must increase"),
        ("60, 30", "must increase"),
        ("0, 30", "positive"),
        ("-5", "positive"),
        ("30, abc", "not a number"),
        ("30.5", "whole number"),
        ("99999999", "more than"),
    ],
)
def test_parse_edges_refuses_with_one_line(text, message):
    with pytest.raises(ValueError, match=message) as info:
        parse_edges(text)
    assert "\n" not in str(info.value)


def test_customer_aging_sorted_by_overdue_or_total(prepared):
    table = customer_aging(prepared, "2024-03-31", "30, 60")
    assert list(table.columns) == [
        "customer_id",
        "customer_name",
        "current",
        "1-30",
        "31-60",
        "over 60",
        "total",
        "overdue",
    ]
    assert table["customer_id"].tolist() == ["B", "A", "C"]  # overdue 2,000 / 600 / 0
    assert table.set_index("customer_id").loc["A", ["current", "1-30", "total", "overdue"]].tolist() == [
        500,
        600,
        1_100,
        600,
    ]
    assert table.set_index("customer_id").loc["B", "31-60"] == 2_000
    assert customer_aging(prepared, "2024-03-31", "30, 60", sort_by="total")["customer_id"].tolist() == ["B", "A", "C"]
    assert customer_aging(prepared, "2024-03-31", "30, 60", sort_by="customer_id")["customer_id"].tolist() == [
        "A",
        "B",
        "C",
    ]
    # One edge of 90: B1 (60 days) and A1 (30 days) share the "1-90" bucket.
    one = customer_aging(prepared, "2024-03-31", "90").set_index("customer_id")
    assert one.loc["B", "1-90"] == 2_000 and one.loc["A", "1-90"] == 600
    with pytest.raises(ValueError, match="sort_by"):
        customer_aging(prepared, "2024-03-31", "30", sort_by="name")


def test_customer_aging_moves_with_the_date(prepared):
    # 2024-02-29: A1 not yet due, B1 29 days past due, B2 paid, A2 and C1 not issued yet.
    table = customer_aging(prepared, "2024-02-29", "30, 60").set_index("customer_id")
    assert sorted(table.index) == ["A", "B"]
    assert table.loc["A", "current"] == 1_000 and table.loc["A", "overdue"] == 0
    assert table.loc["B", "1-30"] == 2_000


def test_customer_invoices_drill_down(prepared):
    items = customer_invoices(prepared, "2024-03-31", "A", "30, 60")
    assert items["invoice_id"].tolist() == ["A1", "A2"]  # most overdue first
    assert items["open_amount"].tolist() == [600, 500]
    assert items["paid_to_date"].tolist() == [400, 0]
    assert items["days_past_due"].tolist() == [30, -15]
    assert items["bucket"].tolist() == ["1-30", "current"]
    assert customer_invoices(prepared, "2024-03-31", "B", "30")["bucket"].tolist() == ["over 30"]
    assert customer_invoices(prepared, "2024-01-20", "C", "30").empty  # C1 not issued yet
    assert customer_invoices(prepared, "2024-03-31", "Z", "30").empty  # no list of customers: nothing open
    with pytest.raises(ValueError, match="no customer 'Z'"):
        customer_invoices(prepared, "2024-03-31", "Z", "30", known={"A", "B", "C"})


def test_explore_whole_ledger_and_one_customer(prepared):
    history = prepared.monthly_history(end="2024-03-31")
    r = explore(prepared, history, "2024-03-31", "30, 60")
    assert r["labels"] == ("current", "1-30", "31-60", "over 60") and r["edges"] == (30, 60)
    assert r["aging"]["amount"].tolist() == [600, 600, 2_000, 0]
    assert (r["open_balance"], r["overdue_balance"], r["open_invoices"]) == (3_200, 2_600, 4)
    assert r["invoices"].empty and r["customer"] == ""
    # March 2024: opening AR (02-29) 3,000; sales 600; closing 3,200, current 600; 31 days.
    assert r["dso"] == pytest.approx(3_200 / 600 * 31)
    assert r["best_possible_dso"] == pytest.approx(600 / 600 * 31)
    assert r["add"] == pytest.approx(3_200 / 600 * 31 - 31)
    assert r["cei"] == pytest.approx((3_000 + 600 - 3_200) / (3_000 + 600 - 600) * 100)
    one = explore(prepared, history, "2024-03-31", "30, 60", customer="A")
    assert one["aging"]["amount"].tolist() == [500, 600, 0, 0]
    assert (one["open_balance"], one["overdue_balance"], one["open_invoices"]) == (1_100, 600, 2)
    assert one["invoices"]["invoice_id"].tolist() == ["A1", "A2"]
    assert one["cei"] == r["cei"]  # the month's figures are the whole ledger's


def test_month_row_needs_a_month_end_of_the_history(prepared):
    history = prepared.monthly_history(end="2024-03-31")
    assert month_row(history, "2024-02-29")["month"] == "2024-02"
    with pytest.raises(ValueError, match="not a month end"):
        month_row(history, "2024-02-15")
