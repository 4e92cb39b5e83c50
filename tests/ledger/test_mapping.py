"""Mappings: loading and checking them, drafting them, and using them."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from receivables.ledger import (
    ColumnMapping,
    LedgerError,
    load_mapping,
    read_ledger,
    suggest_mapping,
    write_mapping,
)
from receivables.ledger.errors import MappingError

# The shape of IBM's public accounts-receivable sample, with made-up rows.
IBM_HEADER = [
    "countryCode", "customerID", "PaperlessDate", "invoiceNumber", "InvoiceDate",
    "DueDate", "InvoiceAmount", "Disputed", "SettledDate", "PaperlessBill",
    "DaysToSettle", "DaysLate",
]  # fmt: skip
IBM_ROWS = [
    ["391", "0379-NEVHP", "4/6/2013", "0000611365", "1/2/2013", "2/1/2013", "55.94", "No", "1/15/2013", "Paper", "13", "0"],
    ["406", "8976-AMJEO", "3/3/2012", "0007900770", "1/26/2013", "2/25/2013", "61.74", "Yes", "3/3/2013", "Electronic", "36", "6"],
    ["391", "2820-XGXSB", "1/26/2012", "0009231909", "7/3/2013", "8/2/2013", "65.88", "No", "7/8/2013", "Electronic", "5", "0"],
]  # fmt: skip
IBM_COLUMNS = {
    "invoice_id": "invoiceNumber",
    "customer_id": "customerID",
    "invoice_date": "InvoiceDate",
    "due_date": "DueDate",
    "amount": "InvoiceAmount",
    "paid_date": "SettledDate",
}
CN_HEADER = [
    "单据编号",
    "客户名称",
    "业务日期",
    "应收日期",
    "价税合计",
    "核销日期",
    "核销金额",
    "币别",
    "业务员",
]
CN_COLUMNS = {
    "invoice_id": "单据编号",
    "customer_id": "客户名称",
    "invoice_date": "业务日期",
    "due_date": "应收日期",
    "amount": "价税合计",
    "paid_date": "核销日期",
    "paid_amount": "核销金额",
    "currency": "币别",
}


# ---------------------------------------------------------------- load_mapping


def test_load_mapping_from_yaml_file(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text(
        """
columns:
  invoice_id: 发票号
  customer_id: 0012
  paid_date:            # not in this file
date_format: "%Y-%m-%d"
sheet: 应收
encoding: gb18030
currency: cny
payments:
  file: pay/payments.csv
  columns: {invoice_id: 发票号, paid_date: 收款日期, paid_amount: 收款金额}
customers:
  file: customers.csv
  sheet: 1
""",
        encoding="utf-8",
    )
    m = load_mapping(path)
    assert m.columns == {"invoice_id": "发票号", "customer_id": "10"}  # YAML reads 0012 as octal
    assert (m.date_format, m.sheet, m.encoding, m.currency) == (
        "%Y-%m-%d",
        "应收",
        "gb18030",
        "CNY",
    )
    assert m.payments.file == tmp_path / "pay" / "payments.csv"
    assert m.payments.columns == {
        "invoice_id": "发票号",
        "paid_date": "收款日期",
        "paid_amount": "收款金额",
    }
    assert m.customers.file == tmp_path / "customers.csv" and m.customers.sheet == 1


def test_mapping_may_be_empty_or_a_dict():
    assert load_mapping({}) == ColumnMapping()
    m = load_mapping({"columns": {"amount": "Total"}})
    assert m.columns == {"amount": "Total"} and load_mapping(m) is m


@pytest.mark.parametrize(
    "raw, expected",
    [
        (
            {"colums": {}},
            "unknown key 'colums' in the mapping (did you mean 'columns'?); allowed keys: "
            "columns, date_format, decimal_mark, thousands_separator, header_row, sheet, encoding, currency, payments, customers, promises, activities, financials",
        ),
        (
            {"columns": {"invoice_no": "x"}},
            "unknown field 'invoice_no' under columns in the mapping (did you mean "
            "'invoice_id'?); fields: invoice_id, customer_id, invoice_date, due_date, amount, "
            "paid_date, paid_amount, open_amount, customer_name, currency",
        ),
        (
            {"payments": {"file": "p.csv", "columns": {"amount": "x"}}},
            "unknown field 'amount' under columns of payments in the mapping (did you mean "
            "'paid_amount'?); fields: invoice_id, paid_date, paid_amount",
        ),
        (
            {"payments": {"file": "p.csv", "sep": ";"}},
            "unknown key 'sep' under payments in the mapping; allowed keys: "
            "file, columns, date_format, sheet, encoding",
        ),
        (
            {"payments": {"columns": {}}},
            "'payments' in the mapping needs file: <path of the payments table>",
        ),
        ({"encoding": "klingon"}, "unknown encoding 'klingon' in the mapping"),
        ({"sheet": -1}, "sheet in the mapping must be a sheet number (from 0) or a name"),
        ({"date_format": 5}, 'date_format in the mapping must be text such as "%Y-%m-%d"'),
        ({"currency": ""}, "currency in the mapping must be a currency code such as CNY"),
        ({"columns": ["a", "b"]}, "'columns' in the mapping must list field: column pairs"),
    ],
)
def test_mapping_errors(raw, expected):
    with pytest.raises(MappingError) as err:
        load_mapping(raw)
    assert str(err.value) == expected
    assert isinstance(err.value, LedgerError)


def test_mapping_file_errors(tmp_path):
    with pytest.raises(MappingError) as err:
        load_mapping(tmp_path / "missing.yaml")
    assert str(err.value) == f"mapping file not found: {tmp_path / 'missing.yaml'}"
    bad = tmp_path / "bad.yaml"
    bad.write_text("columns:\n  invoice_id: [unclosed\n", encoding="utf-8")
    with pytest.raises(MappingError) as err:
        load_mapping(bad)
    assert str(err.value).startswith("bad.yaml is not valid YAML at line ")
    listed = tmp_path / "list.yaml"
    listed.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(MappingError) as err:
        load_mapping(listed)
    assert str(err.value) == "list.yaml must be a list of keys such as columns:, date_format:"


# ---------------------------------------------------------- suggest and write


def test_suggest_mapping_for_ibm_headers(make_csv):
    draft = suggest_mapping(make_csv(IBM_ROWS, header=IBM_HEADER))
    assert draft == {"columns": IBM_COLUMNS}


@pytest.mark.parametrize(
    "header, expected",
    [
        (CN_HEADER, CN_COLUMNS),
        (
            [
                "发票号码",
                "客户编号",
                "客户名称",
                "开票日期",
                "到期日期",
                "发票金额",
                "回款日期",
                "已收金额",
                "币种",
            ],
            {
                "invoice_id": "发票号码",
                "customer_id": "客户编号",
                "invoice_date": "开票日期",
                "due_date": "到期日期",
                "amount": "发票金额",
                "paid_date": "回款日期",
                "paid_amount": "已收金额",
                "customer_name": "客户名称",
                "currency": "币种",
            },
        ),
        (
            [
                "Document No",
                "Client",
                "Document Date",
                "Due Date",
                "Total",
                "Payment Date",
                "Paid Amount",
                "Customer Name",
                "Currency",
            ],
            {
                "invoice_id": "Document No",
                "customer_id": "Client",
                "invoice_date": "Document Date",
                "due_date": "Due Date",
                "amount": "Total",
                "paid_date": "Payment Date",
                "paid_amount": "Paid Amount",
                "customer_name": "Customer Name",
                "currency": "Currency",
            },
        ),
    ],
)
def test_suggest_mapping_for_chinese_and_english_headers(make_csv, header, expected):
    path = make_csv([], header=header, encoding="gb18030")
    draft = suggest_mapping(path)
    assert draft["columns"] == expected
    assert draft.get("encoding") == ("gb18030" if any(ord(c) > 127 for c in "".join(header)) else None)


def test_suggest_mapping_for_excel_with_title_rows(make_xlsx):
    path = make_xlsx([["应收账款明细"], [], ["发票号", "客户", "开票日期", "到期日", "金额"]])
    assert suggest_mapping(path)["columns"] == {
        "invoice_id": "发票号",
        "customer_id": "客户",
        "invoice_date": "开票日期",
        "due_date": "到期日",
        "amount": "金额",
    }


def test_write_mapping_is_commented_and_reads_back(tmp_path, make_csv):
    path = make_csv(IBM_ROWS, header=[h for h in IBM_HEADER if h != "DueDate"])
    draft = suggest_mapping(path)
    out = write_mapping(draft, tmp_path / "mapping.yaml")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# DRAFT column mapping")
    assert "# Required fields not found: due_date\n" in text
    assert "# Optional fields not found: paid_amount, open_amount, customer_name, currency\n" in text
    assert "  due_date:   # required, not found" in text
    back = load_mapping(out)
    assert back.columns == {k: v for k, v in IBM_COLUMNS.items() if k != "due_date"}
    # The user fills in the missing field, and the draft becomes a working mapping.
    edited = text.replace("  due_date:   #", "  due_date: PaperlessDate   #")
    out.write_text(edited, encoding="utf-8")
    assert load_mapping(out).columns["due_date"] == "PaperlessDate"


def test_write_mapping_keeps_other_keys(tmp_path):
    draft = {
        "columns": {"invoice_id": "发票号"},
        "encoding": "gb18030",
        "date_format": "%Y/%m/%d",
        "payments": {"file": "收款.csv", "columns": {"invoice_id": "发票号"}},
    }
    out = write_mapping(draft, tmp_path / "m.yaml")
    assert "发票号" in out.read_text(encoding="utf-8")  # readable, not \\u escapes
    m = load_mapping(out)
    assert (m.encoding, m.date_format, m.payments.file.name) == ("gb18030", "%Y/%m/%d", "收款.csv")
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["columns"]["customer_id"] is None


# ------------------------------------------------------------- using mappings


def test_ibm_shaped_export_through_a_mapping(make_csv):
    ledger = read_ledger(make_csv(IBM_ROWS, header=IBM_HEADER), {"columns": IBM_COLUMNS})
    assert ledger.rows_rejected == 0
    inv = ledger.invoices
    assert list(inv["invoice_id"]) == ["0000611365", "0007900770", "0009231909"]
    assert list(inv["customer_id"]) == ["0379-NEVHP", "8976-AMJEO", "2820-XGXSB"]
    assert inv["invoice_date"].iloc[1] == pd.Timestamp("2013-01-26")  # M/D/YYYY
    assert inv["due_date"].iloc[2] == pd.Timestamp("2013-08-02")
    assert list(inv["amount"]) == [55.94, 61.74, 65.88]
    assert inv["Disputed"].tolist() == ["No", "Yes", "No"]  # unmapped columns kept
    assert ledger.payments["paid_date"].tolist() == [
        pd.Timestamp("2013-01-15"),
        pd.Timestamp("2013-03-03"),
        pd.Timestamp("2013-07-08"),
    ]
    assert ledger.payments["paid_amount"].tolist() == [55.94, 61.74, 65.88]


def test_ibm_shaped_export_with_explicit_date_format(make_csv):
    rows = [
        *IBM_ROWS,
        ["391", "X", "", "0000000001", "2013-01-02", "2/1/2013", "1", "No", "", "Paper", "", ""],
    ]
    mapping = {"columns": IBM_COLUMNS, "date_format": "%m/%d/%Y"}
    ledger = read_ledger(make_csv(rows, header=IBM_HEADER), mapping)
    assert ledger.rejected[["row", "reason"]].values.tolist() == [
        [4, "invoice_date (InvoiceDate) '2013-01-02' is not a date"]
    ]


def test_chinese_erp_export_with_partial_payments(make_csv):
    rows = [
        [
            "XS-0001",
            "华东贸易",
            "2024-01-05",
            "2024-02-04",
            "11,300.00",
            "2024-02-01",
            "5,000.00",
            "人民币",
            "张三",
        ],
        ["XS-0002", "北方机械", "2024-01-08", "2024-03-08", "2,260.00", "", "", "人民币", "李四"],
    ]
    path = make_csv(rows, header=CN_HEADER, encoding="gb18030")
    ledger = read_ledger(path, suggest_mapping(path))
    assert ledger.rows_used == 2
    assert ledger.payments[["invoice_id", "paid_amount"]].values.tolist() == [["XS-0001", 5000.0]]
    assert ledger.invoices["业务员"].tolist() == ["张三", "李四"]


def test_separate_payments_and_customers_tables(tmp_path, make_csv):
    make_csv(
        [
            ["F001", "K01", "2024-01-05", "2024-02-04", "1000"],
            ["F002", "K02", "2024-01-06", "2024-02-05", "500"],
            ["F003", "K02", "2024-01-07", "2024-01-01", "300"],  # rejected: due before
        ],
        header=["发票号", "客户编号", "开票日期", "到期日", "金额"],
        name="发票.csv",
        encoding="gb18030",
    )
    make_csv(
        [
            ["F001", "2024-01-20", "400"],
            ["F001", "2024-02-10", "600"],
            ["F002", "2024-02-01", ""],  # empty amount: paid in full
            ["F009", "2024-02-01", "5"],
            ["F003", "2024-02-01", "5"],
            ["", "2024-02-01", "5"],
            ["F002", "not yet", "x"],
        ],
        header=["发票号", "收款日期", "收款金额"],
        name="收款.csv",
        encoding="gb18030",
    )
    make_csv(
        [
            ["K01", "华东贸易", "国企"],
            ["K02", "北方机械", "民营"],
            ["K02", "重复", ""],
            ["", "无名", ""],
        ],
        header=["客户编号", "客户名称", "性质"],
        name="客户.csv",
    )
    (tmp_path / "mapping.yaml").write_text(
        """
columns: {invoice_id: 发票号, customer_id: 客户编号, invoice_date: 开票日期, due_date: 到期日, amount: 金额}
payments:
  file: 收款.csv
  columns: {invoice_id: 发票号, paid_date: 收款日期, paid_amount: 收款金额}
customers:
  file: 客户.csv
  columns: {customer_id: 客户编号, customer_name: 客户名称}
""",
        encoding="utf-8",
    )
    ledger = read_ledger(tmp_path / "发票.csv", tmp_path / "mapping.yaml")
    assert ledger.rows_used == 2 and ledger.rows_rejected == 1
    pay = ledger.payments
    assert pay[["invoice_id", "paid_amount", "row"]].values.tolist() == [
        ["F001", 400.0, 1],
        ["F001", 600.0, 2],
        ["F002", 500.0, 3],
    ]
    assert ledger.rows_read_payments == len(pay) + ledger.payments_rows_rejected == 7
    assert ledger.payments_rejected[["row", "reason"]].values.tolist() == [
        [4, "unknown invoice_id 'F009' (not in the invoices)"],
        [5, "invoice_id 'F003' is a rejected invoice (row 3)"],
        [6, "invoice_id (发票号) is empty"],
        [
            7,
            "paid_date (收款日期) 'not yet' is not a date; paid_amount (收款金额) 'x' is not a number",
        ],
    ]
    assert list(ledger.payments_rejected.columns) == [
        "row",
        "reason",
        "reason_code",
        "发票号",
        "收款日期",
        "收款金额",
    ]
    cust = ledger.customers
    assert cust[["customer_id", "customer_name", "性质"]].values.tolist() == [
        ["K01", "华东贸易", "国企"],
        ["K02", "北方机械", "民营"],
    ]
    assert ledger.customers_rejected[["row", "reason"]].values.tolist() == [
        [3, "duplicate customer_id 'K02' (first seen in row 2)"],
        [4, "customer_id (客户编号) is empty"],
    ]
    assert ledger.rows_read_customers == 4


def test_payments_table_errors_name_their_file(tmp_path, make_csv):
    make_csv([["F1", "K1", "2024-01-05", "2024-02-04", "1"]])
    mapping = {"payments": {"file": "pay.csv"}}
    with pytest.raises(LedgerError) as err:
        read_ledger(tmp_path / "ledger.csv", mapping)
    assert str(err.value) == f"file not found: {tmp_path / 'pay.csv'}"
    make_csv([["F1", "1"]], header=["invoice_id", "amount"], name="pay.csv")
    with pytest.raises(LedgerError) as err:
        read_ledger(tmp_path / "ledger.csv", mapping)
    assert str(err.value) == (
        "required field 'paid_date' is not mapped and pay.csv has no column named "
        "paid_date; columns found: invoice_id, amount; "
        "write your column's header after `paid_date:` under `payments:` in the mapping"
    )


def test_payments_table_may_be_empty_but_not_all_wrong(tmp_path, make_csv):
    make_csv([["F1", "K1", "2024-01-05", "2024-02-04", "1"]])
    make_csv([], header=["invoice_id", "paid_date"], name="pay.csv")
    mapping = {"payments": {"file": "pay.csv"}}
    ledger = read_ledger(tmp_path / "ledger.csv", mapping)
    assert len(ledger.payments) == 0 and ledger.rows_read_payments == 0
    make_csv([["F2", "2024-01-09"]], header=["invoice_id", "paid_date"], name="pay.csv")
    with pytest.raises(LedgerError) as err:
        read_ledger(tmp_path / "ledger.csv", mapping)
    assert str(err.value) == (
        "no usable row in pay.csv: its only data row was rejected: unknown invoice_id 'F2' (not in the invoices)"
    )


def test_payments_twice_is_a_mapping_error(tmp_path, make_csv):
    make_csv(
        [["F1", "K1", "2024-01-05", "2024-02-04", "1", ""]],
        header=["invoice_id", "customer_id", "invoice_date", "due_date", "amount", "收款日期"],
    )
    mapping = {"columns": {"paid_date": "收款日期"}, "payments": {"file": "pay.csv"}}
    with pytest.raises(MappingError) as err:
        read_ledger(tmp_path / "ledger.csv", mapping)
    assert str(err.value) == (
        "paid_date is mapped under columns and a separate payments table is given in "
        "the mapping; keep only one source of payments"
    )


def test_paid_amount_without_paid_date_column_is_a_balance_only_ledger(make_csv):
    path = make_csv(
        [["F1", "K1", "2024-01-05", "2024-02-04", "100", "40"], ["F2", "K1", "2024-01-06", "2024-02-05", "50", ""]],
        header=["invoice_id", "customer_id", "invoice_date", "due_date", "amount", "paid_amount"],
    )
    ledger = read_ledger(path)
    assert ledger.kind == "balance" and not ledger.has_payment_dates
    # What was paid, booked on the invoice's date: the balance from then on is amount - paid.
    assert ledger.payments[["invoice_id", "paid_amount"]].values.tolist() == [["F1", 40.0]]
    assert ledger.payments["paid_date"].tolist() == ledger.invoices["invoice_date"].iloc[:1].tolist()


def test_payments_sheet_in_the_same_workbook(make_xlsx, tmp_path):
    path = make_xlsx(
        sheets={
            "发票": [
                ["invoice_id", "customer_id", "invoice_date", "due_date", "amount"],
                ["F1", "K1", "2024-01-05", "2024-02-04", 100],
            ],
            "收款": [["invoice_id", "paid_date", "paid_amount"], ["F1", "2024-01-20", 30]],
        },
        name="book.xlsx",
    )
    mapping = {"sheet": "发票", "payments": {"file": str(path), "sheet": "收款"}}
    ledger = read_ledger(path, mapping)
    assert ledger.payments[["invoice_id", "paid_amount"]].values.tolist() == [["F1", 30.0]]
