"""Promises, activities and financials tables: the ledger's row rules, nothing lost."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from receivables.ledger import (
    LedgerError,
    load_mapping,
    read_ledger,
    read_side_table,
    write_rejected,
)
from receivables.ledger.errors import MappingError

PROMISES_ZH = """客户编号,发票号,承诺日期,约定付款日,承诺金额,联系人
K1,F001,2025-03-01,2025-03-15,"1,000.00",王经理
K1,,2025-03-02,2025-03-20,500,王经理
,F002,2025-03-03,2025-03-21,200,李会计
K2,F002,2025-03-04,下周,200,李会计
K2,F002,2025-03-05,2025-03-22,两百,李会计
K2,F002,,2025-03-22,,李会计
"""
PROMISE_COLUMNS = {
    "customer_id": "客户编号",
    "invoice_id": "发票号",
    "made_on": "承诺日期",
    "promised_date": "约定付款日",
    "promised_amount": "承诺金额",
}


def test_each_bad_row_is_kept_with_its_number_and_reason(tmp_path: Path):
    path = tmp_path / "承诺.csv"
    path.write_bytes(PROMISES_ZH.encode("gb18030"))
    side = read_side_table(path, "promises", columns=PROMISE_COLUMNS)
    assert side.rows_read == 6 == len(side.frame) + len(side.rejected)
    assert side.frame["row"].tolist() == [1, 2]
    assert side.frame["promised_amount"].tolist() == [1000.0, 500.0]
    assert side.frame["promised_date"].tolist() == [pd.Timestamp("2025-03-15"), pd.Timestamp("2025-03-20")]
    assert pd.isna(side.frame["invoice_id"].iloc[1])  # no invoice: a promise for the account
    assert side.frame["联系人"].tolist() == ["王经理", "王经理"]  # other columns kept
    reasons = dict(zip(side.rejected["row"], side.rejected["reason"], strict=True))
    assert reasons == {
        3: "customer_id (客户编号) is empty",
        4: "promised_date (约定付款日) '下周' is not a date",
        5: "promised_amount (承诺金额) '两百' is not a number",
        6: "made_on (承诺日期) is empty; promised_amount (承诺金额) is empty",
    }
    assert side.rejected.columns.tolist()[:4] == ["row", "reason", "reason_code", "客户编号"]
    assert side.rejected["约定付款日"].tolist() == ["2025-03-21", "下周", "2025-03-22", "2025-03-22"]


def test_a_missing_required_column_names_it_and_the_columns_found(tmp_path: Path):
    path = tmp_path / "activities.csv"
    path.write_text("customer_id,date,note\nK1,2025-01-01,called\n", encoding="utf-8")
    with pytest.raises(LedgerError) as err:
        read_side_table(path, "activities")
    message = str(err.value)
    assert "required field 'kind' is not mapped" in message and "columns found: customer_id, date, note" in message
    assert "\n" not in message


def test_every_row_rejected_is_returned_not_raised(tmp_path: Path):
    path = tmp_path / "financials.csv"
    header = "customer_id,year,total_assets,total_liabilities,current_assets,current_liabilities,retained_earnings,ebit"
    path.write_text(header + "\nK1,2024,n/a,1,1,1,1,1\n", encoding="utf-8")
    side = read_side_table(path, "financials")
    assert side.frame.empty and side.rows_read == 1
    assert side.rejected["reason"].tolist() == ["total_assets 'n/a' is not a number"]


def test_mapping_names_side_tables_and_read_ledger_reads_them(tmp_path: Path):
    (tmp_path / "ledger.csv").write_text(
        "invoice_id,customer_id,invoice_date,due_date,amount\nF001,K1,2025-01-05,2025-02-04,1000\n", encoding="utf-8"
    )
    book = openpyxl.Workbook()
    sheet = book.active
    for line in PROMISES_ZH.splitlines():
        sheet.append(line.replace('"1,000.00"', "1000").split(","))
    book.save(tmp_path / "承诺.xlsx")
    (tmp_path / "mapping.yml").write_text(
        "promises:\n  file: 承诺.xlsx\n  columns: {customer_id: 客户编号, invoice_id: 发票号, made_on: 承诺日期, "
        "promised_date: 约定付款日, promised_amount: 承诺金额}\n",
        encoding="utf-8",
    )
    ledger = read_ledger(tmp_path / "ledger.csv", tmp_path / "mapping.yml")
    side = ledger.side["promises"]
    assert side.rows_read == 6 and len(side.frame) == 2 and side.rejected["row"].tolist() == [3, 4, 5, 6]
    out = write_rejected(ledger, tmp_path / "rejected-promises.csv", table="promises")
    assert pd.read_csv(out, encoding="utf-8-sig")["row"].tolist() == [3, 4, 5, 6]


def test_mapping_side_table_needs_a_file_and_known_fields():
    with pytest.raises(MappingError, match="'activities' in the mapping needs file"):
        load_mapping({"activities": {"columns": {"kind": "类型"}}})
    with pytest.raises(MappingError, match="promised_amount"):
        load_mapping({"promises": {"file": "p.csv", "columns": {"promised_amont": "金额"}}})
    assert load_mapping({"financials": {"file": "f.csv"}}).side["financials"].file == Path("f.csv")


PROMISE_KINDS = [
    "good",
    "good",
    "no_invoice",
    "empty_customer",
    "bad_made_on",
    "bad_date",
    "bad_amount",
    "empty_amount",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kinds=st.lists(st.sampled_from(PROMISE_KINDS), min_size=1, max_size=25),
    fmt=st.sampled_from(["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]),
)
def test_promises_every_row_used_or_rejected_with_its_reason(kinds, fmt):
    rows, expected = [], {}
    for number, kind in enumerate(kinds, start=1):  # building test data
        day = (pd.Timestamp("2025-01-01") + pd.Timedelta(days=number)).strftime(fmt)
        row = {
            "customer_id": f"K{number % 3}",
            "invoice_id": f"F{number}",
            "made_on": day,
            "promised_date": day,
            "promised_amount": f"{number * 100:,}.50",
        }
        if kind == "no_invoice":
            row["invoice_id"] = ""
        elif kind == "empty_customer":
            row["customer_id"], expected[number] = " ", "customer_id is empty"
        elif kind == "bad_made_on":
            row["made_on"], expected[number] = "2025-02-30", "made_on '2025-02-30' is not a date"
        elif kind == "bad_date":
            row["promised_date"], expected[number] = "next week", "promised_date 'next week' is not a date"
        elif kind == "bad_amount":
            row["promised_amount"], expected[number] = "a lot", "promised_amount 'a lot' is not a number"
        elif kind == "empty_amount":
            row["promised_amount"], expected[number] = "", "promised_amount is empty"
        rows.append(row)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "promises.csv"
        pd.DataFrame(rows).to_csv(path, index=False)
        side = read_side_table(path, "promises")
    assert side.rows_read == len(kinds) == len(side.frame) + len(side.rejected)
    assert dict(zip(side.rejected["row"], side.rejected["reason"], strict=True)) == expected
    assert sorted([*side.frame["row"], *side.rejected["row"]]) == list(range(1, len(kinds) + 1))
    used = side.frame.set_index("row")
    for number in used.index:
        assert used.loc[number, "promised_amount"] == number * 100 + 0.5
        assert used.loc[number, "promised_date"] == pd.Timestamp("2025-01-01") + pd.Timedelta(days=number)
        assert pd.isna(used.loc[number, "invoice_id"]) == (kinds[number - 1] == "no_invoice")
