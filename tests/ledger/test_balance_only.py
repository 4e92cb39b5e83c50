"""Balance-only ledgers (an open amount, or a paid amount without its date) and unapplied
credits, as the reader and `mapping suggest` handle them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from receivables.ledger import (
    MappingError,
    load_mapping,
    read_ledger,
    suggest_mapping,
    write_mapping,
)
from receivables.metrics import PreparedLedger

HEADER = ["invoice_id", "customer_id", "invoice_date", "due_date", "amount", "open_amount"]
ROWS = [
    ["F1", "K1", "2024-01-05", "2024-02-04", "100", "0"],
    ["F2", "K1", "2024-02-05", "2024-03-06", "200", "50"],
    ["F3", "K2", "2024-03-05", "2024-04-04", "300", "300"],
    ["", "K2", "2024-03-10", "", "-80", "-80"],
]


def test_open_amount_gives_the_balance_as_of_the_export(make_csv):
    ledger = read_ledger(make_csv(ROWS, header=HEADER))
    assert ledger.kind == "balance" and not ledger.has_payment_dates
    assert ledger.rows_read == ledger.rows_used + ledger.rows_rejected == 4
    prepared = PreparedLedger.from_ledger(ledger)
    items = prepared.open_items("2024-04-30").set_index("invoice_id")["open_amount"]
    assert items.to_dict() == {"F2": 50.0, "F3": 300.0, "unapplied row 4": -80.0}
    assert prepared.balances("2024-04-30")["open"] == pytest.approx(270.0)


def test_unapplied_credit_is_in_the_balance_and_in_no_bucket(make_csv):
    ledger = read_ledger(make_csv(ROWS, header=HEADER))
    assert ledger.unapplied.tolist() == [False, False, False, True]
    prepared = PreparedLedger.from_ledger(ledger)
    aging = prepared.aging("2024-04-30")
    assert aging["amount"].sum() == pytest.approx(350.0) and aging["count"].sum() == 2
    assert prepared.unapplied_credits("2024-04-30") == (pytest.approx(-80.0), 1)
    by_customer = prepared.aging_by_customer("2024-04-30").set_index("customer_id")
    assert by_customer.loc["K2", "unapplied"] == -80.0 and by_customer.loc["K2", "total"] == 220.0
    summary = prepared.summary("2024-04-30")
    assert summary["open_balance"] == 270.0
    assert summary["overdue_balance"] == pytest.approx(sum(a["amount"] for a in summary["aging"][1:]))
    assert prepared.sales_between(0, 10**6) == 600.0  # a payment is no sale


def test_a_positive_amount_without_a_number_is_still_rejected(make_csv):
    rows = [*ROWS[:3], ["", "K2", "2024-03-10", "2024-04-09", "80", "80"]]
    ledger = read_ledger(make_csv(rows, header=HEADER))
    assert ledger.rejected["reason"].tolist() == ["invoice_id is empty"]


@pytest.mark.parametrize("other", ["paid_date", "paid_amount"])
def test_open_amount_with_another_payment_field_is_refused(make_csv, other):
    path = make_csv([r + ["2024-02-01" if other == "paid_date" else "10"] for r in ROWS[:3]], header=[*HEADER, other])
    mapping = {"columns": {"open_amount": "open_amount", other: other}}
    with pytest.raises(MappingError, match=f"open_amount and {other} are both mapped"):
        read_ledger(path, mapping)


def test_open_amount_is_read_in_the_mappings_number_format(make_csv):
    rows = [["F1", "K1", "05.01.2024", "04.02.2024", "1.234,50", "234,50"]]
    ledger = read_ledger(make_csv(rows, header=HEADER), {"decimal_mark": ",", "thousands_separator": "."})
    assert ledger.payments["paid_amount"].tolist() == [1000.0]


def draft(make_csv, header, rows, tmp_path):
    path = make_csv(rows, header=header, name="export.csv")
    mapping = suggest_mapping(path)
    written = write_mapping(mapping, tmp_path / "m.yml")
    return mapping, yaml.safe_load(written.read_text("utf-8")), written.read_text("utf-8"), path


def test_draft_with_payment_dates_leaves_the_open_amount_out(make_csv, tmp_path):
    header = ["单据编号", "客户编码", "业务日期", "到期日", "价税合计", "收款日期", "余额"]
    mapping, loaded, text, path = draft(
        make_csv, header, [["A1", "K1", "2024-01-05", "2024-02-04", "10", "", "10"]], tmp_path
    )
    assert loaded["columns"]["paid_date"] == "收款日期" and not loaded["columns"].get("open_amount")
    assert "open_amount is left empty: the file has payment dates (收款日期)" in text
    assert read_ledger(path, load_mapping(tmp_path / "m.yml")).kind == "full"


def test_draft_with_open_and_paid_amounts_keeps_the_open_amount(make_csv, tmp_path):
    header = [
        "Voucher No",
        "Customer",
        "Posting Date",
        "Due Date",
        "Invoiced Amount",
        "Paid Amount",
        "Outstanding Amount",
    ]
    rows = [["S1", "C1", "2024-01-05", "2024-02-04", "100", "40", "60"]]
    _, loaded, text, path = draft(make_csv, header, rows, tmp_path)
    assert loaded["columns"]["open_amount"] == "Outstanding Amount" and not loaded["columns"].get("paid_amount")
    # The note sits right above the line it explains.
    lines = text.splitlines()
    at = lines.index("  paid_amount:   # optional, not found: write your column's name here")
    assert lines[at - 1].startswith("  # paid_amount is left empty: the open amount (Outstanding Amount)")
    ledger = read_ledger(path, load_mapping(tmp_path / "m.yml"))
    assert ledger.kind == "balance" and ledger.payments["paid_amount"].tolist() == [40.0]


def test_draft_with_only_an_open_amount_says_amount_is_the_open_amount(make_csv, tmp_path):
    header = ["Num", "Customer", "Date", "Due Date", "Open Balance"]
    rows = [["1", "C1", "2024-01-05", "2024-02-04", "60"], ["2", "C2", "2024-01-06", "2024-02-05", "70"]]
    mapping, loaded, text, path = draft(make_csv, header, rows, tmp_path)
    assert loaded["columns"]["amount"] == loaded["columns"]["open_amount"] == "Open Balance"
    assert "the file has no invoice amount column, so amount is the open amount (Open Balance)" in text
    ledger = read_ledger(path, load_mapping(tmp_path / "m.yml"))
    assert ledger.kind == "balance" and not ledger.has_invoice_amounts
    assert np.allclose(ledger.invoices["amount"], [60, 70]) and ledger.payments.empty


def test_paid_without_date_payments_are_booked_on_the_invoice_date(make_csv):
    header = ["invoice_id", "customer_id", "invoice_date", "due_date", "amount", "paid_amount"]
    rows = [
        ["F1", "K1", "2024-01-05", "2024-02-04", "100", "100"],
        ["F2", "K1", "2024-02-05", "2024-03-06", "200", "50"],
    ]
    ledger = read_ledger(make_csv(rows, header=header))
    assert ledger.payments["paid_date"].tolist() == pd.to_datetime(["2024-01-05", "2024-02-05"]).tolist()
    prepared = PreparedLedger.from_ledger(ledger)
    assert prepared.balances("2024-06-30")["open"] == 150.0
