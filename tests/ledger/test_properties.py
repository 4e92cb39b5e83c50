"""Properties over random mixes of good and bad rows (hypothesis)."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from receivables.ledger import LedgerError, read_ledger

HEADER = ["invoice_id", "customer_id", "invoice_date", "due_date", "amount"]
KINDS = [
    "good",
    "good",
    "good",
    "empty_id",
    "empty_customer",
    "bad_invoice_date",
    "bad_due_date",
    "bad_amount",
    "due_before",
    "dup",
    "blank",
    "unapplied",
]
DATE_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%Y年%m月%d日", "%Y/%m/%d"]
AMOUNT_FORMATS = ["{:.2f}", "{:,.2f}", "¥{:,.2f}", "$ {:,.2f}", "{:.0f}"]
BAD_DATES = ["2023-02-30", "not a date", "13/45/2023", "?"]
BAD_AMOUNTS = ["abc", "12,5", "1 234,56", "--3", "1.2.3"]

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)
    return path


@st.composite
def ledgers(draw):
    """(rows, {row number: expected reason}, date format) of a random ledger."""
    fmt = draw(st.sampled_from(DATE_FORMATS))
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=30))
    rows, expected, first_row = [], {}, {}
    for i, kind in enumerate(kinds):  # building test data, not reading a ledger
        number = i + 1
        inv = dt.date(2020, 1, 1) + dt.timedelta(days=draw(st.integers(0, 1500)))
        due = inv + dt.timedelta(days=draw(st.integers(0, 90)))
        value = draw(st.floats(-1e6, 1e7, allow_nan=False).map(lambda x: round(x, 2)))
        amount = draw(st.sampled_from(AMOUNT_FORMATS)).format(abs(value))
        if value < 0 and not amount.startswith(("¥", "$")):
            amount = "-" + amount
        row = [
            f"{i:07d}",
            f"C{draw(st.integers(0, 9))}",
            inv.strftime(fmt),
            due.strftime(fmt),
            amount,
        ]
        if kind == "dup" and first_row:
            row[0] = draw(st.sampled_from(sorted(first_row)))
            expected[number] = f"duplicate invoice_id '{row[0]}' (first seen in row {first_row[row[0]]})"
        elif kind == "empty_id":
            row[0] = ""
            row[4] = row[4].lstrip("-")  # a credit without a number is an unapplied credit
            expected[number] = "invoice_id is empty"
        elif kind == "unapplied":  # a payment or credit memo without an invoice number: used
            row[0] = ""
            row[4] = f"-{abs(value) + 1:.2f}"
        elif kind == "empty_customer":
            row[1] = draw(st.sampled_from(["", "  "]))
            expected[number] = "customer_id is empty"
        elif kind == "bad_invoice_date":
            row[2] = draw(st.sampled_from(BAD_DATES))
            expected[number] = f"invoice_date '{row[2]}' is not a date"
        elif kind == "bad_due_date":
            row[3] = draw(st.sampled_from(BAD_DATES))
            expected[number] = f"due_date '{row[3]}' is not a date"
        elif kind == "bad_amount":
            row[4] = draw(st.sampled_from(BAD_AMOUNTS))
            expected[number] = f"amount '{row[4]}' is not a number"
        elif kind == "due_before":
            early = inv - dt.timedelta(days=draw(st.integers(1, 60)))
            row[3] = early.strftime(fmt)
            expected[number] = f"due_date {early.isoformat()} is before invoice_date {inv.isoformat()}"
        elif kind == "blank":
            row = ["", "", "", "", ""]
        if row[0]:
            first_row.setdefault(row[0], number)
        rows.append(row)
    return rows, expected


@SETTINGS
@given(ledgers())
def test_every_row_is_used_or_rejected_with_its_number(case):
    rows, expected = case
    blank = {i + 1 for i, r in enumerate(rows) if not any(r)}
    good = [i + 1 for i in range(len(rows)) if i + 1 not in expected and i + 1 not in blank]
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / "ledger.csv", HEADER, rows)
        if not good:
            with pytest.raises(LedgerError):
                read_ledger(path)
            return
        ledger = read_ledger(path)
    assert ledger.rows_read == len(rows) - len(blank)
    assert ledger.rows_read == ledger.rows_used + ledger.rows_rejected
    assert list(ledger.invoices["row"]) == good
    assert dict(zip(ledger.rejected["row"], ledger.rejected["reason"], strict=True)) == expected


@SETTINGS
@given(ledgers(), st.randoms(use_true_random=False))
def test_row_and_column_order_do_not_change_the_used_set(case, rnd):
    rows, expected = case
    # Duplicates as exact copies: then which copy comes first does not matter.
    by_id = {r[0]: r for r in rows if r[0]}
    rows = [by_id[r[0]] if r[0] else r for r in rows]
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    order = list(range(len(HEADER)))
    rnd.shuffle(order)
    header2 = [HEADER[j] for j in order]
    rows2 = [[r[j] for j in order] for r in shuffled]

    def used(path):
        try:
            ledger = read_ledger(path)
        except LedgerError:
            return None
        inv = ledger.invoices[HEADER].astype(str)
        # An unapplied credit is numbered by its row, which the shuffle changes.
        inv["invoice_id"] = inv["invoice_id"].str.replace(r"^unapplied row \d+$", "unapplied", regex=True)
        return sorted(map(tuple, inv.values.tolist())), ledger.rows_rejected

    with tempfile.TemporaryDirectory() as tmp:
        first = used(write(Path(tmp) / "a.csv", HEADER, rows))
        second = used(write(Path(tmp) / "b.csv", header2, rows2))
    assert first == second
