"""Files: encodings, delimiters, Excel, and whole-file errors with their exact messages."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from receivables.ledger import LedgerError, read_ledger

HEADER = ["invoice_id", "customer_id", "invoice_date", "due_date", "amount"]
GOOD = ["A1", "C1", "2023-01-10", "2023-02-09", "100"]
CN_HEADER = ["发票号", "客户编号", "开票日期", "到期日", "金额", "客户名称"]
CN_MAPPING = {
    "columns": {
        "invoice_id": "发票号",
        "customer_id": "客户编号",
        "invoice_date": "开票日期",
        "due_date": "到期日",
        "amount": "金额",
        "customer_name": "客户名称",
    }
}
CN_ROWS = [
    ["0001", "001", "2023/01/05", "2023/02/04", "￥1,000.00", "华东贸易有限公司"],
    ["0002", "002", "2023/01/06", "2023/03/07", "￥2,500.50", "北方机械厂"],
]


def message(excinfo) -> str:
    text = str(excinfo.value)
    assert "\n" not in text  # one line, for a non-programmer
    return text


# ------------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-8", "utf-16"])
def test_chinese_headers_in_common_encodings(make_csv, encoding):
    path = make_csv(CN_ROWS, header=CN_HEADER, encoding=encoding)
    ledger = read_ledger(path, CN_MAPPING)
    assert ledger.rows_rejected == 0
    assert list(ledger.invoices["customer_name"]) == ["华东贸易有限公司", "北方机械厂"]
    assert list(ledger.invoices["invoice_id"]) == ["0001", "0002"]
    assert list(ledger.invoices["amount"]) == [1000.0, 2500.5]


def test_gbk_only_below_the_header_is_detected(make_csv):
    # ASCII header, Chinese only further down: UTF-8 is tried first, then GB18030.
    rows = [[f"A{i}", "C1", "2023-01-10", "2023-02-09", "1", "x"] for i in range(5000)]
    rows.append(["B1", "C1", "2023-01-10", "2023-02-09", "1", "北方机械厂"])
    path = make_csv(rows, header=[*HEADER, "name"], encoding="gb18030")
    ledger = read_ledger(path)
    assert ledger.invoices["name"].iloc[-1] == "北方机械厂"


def test_encoding_from_mapping_or_option(make_csv):
    # Big5 is detected (charset-normalizer); naming it still works, and a wrong name
    # misreads the headers: columns not found.
    header = ["發票號", "客戶編號", "開票日期", "到期日", "金額"]
    mapping = {"columns": dict(zip(HEADER, header, strict=True)), "encoding": "big5"}
    path = make_csv([GOOD], header=header, encoding="big5")
    assert read_ledger(path, mapping).rows_used == 1
    del mapping["encoding"]
    assert read_ledger(path, mapping, encoding="big5").rows_used == 1
    assert read_ledger(path, mapping).rows_used == 1  # detected
    with pytest.raises(LedgerError):
        read_ledger(path, mapping, encoding="gb18030")  # misread headers: columns not found


def test_undecodable_text(tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_bytes(",".join(HEADER).encode() + b"\n" + bytes(range(0x80, 0x100)) + b",C,2023-01-01,2023-01-01,1\n")
    with pytest.raises(LedgerError) as err:
        read_ledger(path)
    assert message(err) == (
        "ledger.csv is not UTF-8 text and its encoding could not be detected; say which encoding "
        "it uses with encoding: in the mapping (for example gb18030, big5 or cp1252)"
    )


def test_a_doubtful_encoding_is_said_with_the_first_line_as_read(tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_bytes(",".join(HEADER).encode() + b"\nA\xff\xff,C,2023-01-01,2023-01-01,1\n")
    ledger = read_ledger(path)
    ((code, params),) = ledger.notes
    assert code == "encoding_uncertain"
    assert params["line"] == ",".join(HEADER) and params["others"]


def test_wrong_encoding_given(tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_bytes(",".join(HEADER).encode() + "\n发票,C,2023-01-01,2023-01-01,1\n".encode())
    with pytest.raises(LedgerError) as err:
        read_ledger(path, encoding="ascii")
    assert message(err) == ("ledger.csv cannot be read as ascii text; check encoding: in the mapping")


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_other_delimiters(tmp_path, sep):
    path = tmp_path / "ledger.csv"
    path.write_text(sep.join(HEADER) + "\n" + sep.join(GOOD) + "\n", encoding="utf-8")
    assert read_ledger(path).rows_used == 1


# ----------------------------------------------------------------------- Excel


def test_xlsx_leading_zeros_numbers_and_date_cells(make_xlsx):
    path = make_xlsx(
        [
            HEADER,
            ["0000611365", "0379-NEVHP", dt.datetime(2013, 1, 2), dt.datetime(2013, 2, 1), 55.94],
            [611365, 379, dt.date(2013, 1, 3), dt.datetime(2013, 2, 2, 10, 30), 1234],
            [7900770.0, "C2", "1/4/2013", 41309, "1,000.50"],  # text date, serial number
        ]
    )
    ledger = read_ledger(path)
    assert ledger.rows_rejected == 0, ledger.rejected
    inv = ledger.invoices
    assert list(inv["invoice_id"]) == ["0000611365", "611365", "7900770"]
    assert list(inv["customer_id"]) == ["0379-NEVHP", "379", "C2"]
    assert list(inv["invoice_date"]) == [
        pd.Timestamp("2013-01-02"),
        pd.Timestamp("2013-01-03"),
        pd.Timestamp("2013-01-04"),
    ]
    assert list(inv["due_date"]) == [
        pd.Timestamp("2013-02-01"),
        pd.Timestamp("2013-02-02"),  # time of day dropped: dates are at midnight
        pd.Timestamp("2013-02-04"),
    ]
    assert list(inv["amount"]) == [55.94, 1234.0, 1000.5]


def test_xlsx_rows_are_numbered_under_the_header_row(make_xlsx):
    path = make_xlsx(
        [
            ["应收账款明细表"],  # a title above the header, as many exports have
            [],
            CN_HEADER[:5],
            ["0001", "001", "2023-01-05", "2023-02-04", "10"],
            ["0002", "002", "2023-01-06", "2023-01-01", "10"],  # Excel row 5
        ]
    )
    ledger = read_ledger(path, {"columns": dict(list(CN_MAPPING["columns"].items())[:5])})
    assert list(ledger.invoices["row"]) == [1]
    assert ledger.rejected.iloc[0][["row", "reason"]].tolist() == [
        2,
        "due_date 2023-01-01 is before invoice_date 2023-01-06",
    ]


def test_xlsx_sheet_by_name_and_index(make_xlsx):
    path = make_xlsx(sheets={"说明": [["nothing here"]], "应收": [HEADER, GOOD]})
    assert read_ledger(path, sheet="应收").rows_used == 1
    assert read_ledger(path, {"sheet": 1}).rows_used == 1


def test_xlsx_missing_sheet(make_xlsx):
    path = make_xlsx(sheets={"说明": [["x"]], "应收": [HEADER, GOOD]})
    with pytest.raises(LedgerError) as err:
        read_ledger(path, sheet="Sheet9")
    assert message(err) == "sheet 'Sheet9' not found in ledger.xlsx; sheets: 说明, 应收"
    with pytest.raises(LedgerError) as err:
        read_ledger(path, sheet=5)
    assert message(err) == ("sheet 5 does not exist in ledger.xlsx (sheets are counted from 0; sheets: 说明, 应收)")


def test_xlsx_empty_sheet(make_xlsx):
    path = make_xlsx(sheets={"Sheet1": []})
    with pytest.raises(LedgerError) as err:
        read_ledger(path)
    assert message(err) == "sheet 'Sheet1' of ledger.xlsx is empty"


def test_excel_file_with_csv_name_is_read_as_excel(make_xlsx):
    path = make_xlsx([HEADER, GOOD], name="export.csv")
    assert read_ledger(path).rows_used == 1


def test_damaged_excel(tmp_path):
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(LedgerError) as err:
        read_ledger(path)
    assert message(err).startswith("book.xlsx could not be opened as an Excel file (")


# ----------------------------------------------------------- whole-file errors


def test_file_missing(tmp_path):
    path = tmp_path / "nope.csv"
    with pytest.raises(LedgerError) as err:
        read_ledger(path)
    assert message(err) == f"file not found: {path}"


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(LedgerError) as err:
        read_ledger(tmp_path)
    assert message(err) == f"{tmp_path} is a folder, not a file"


@pytest.mark.parametrize("content", [b"", b"   \n\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "ledger.csv"
    path.write_bytes(content)
    with pytest.raises(LedgerError) as err:
        read_ledger(path)
    assert message(err) == "ledger.csv is empty"


def test_header_without_rows(make_csv):
    with pytest.raises(LedgerError) as err:
        read_ledger(make_csv([]))
    assert message(err) == "ledger.csv has column headers but no data rows"


def test_only_blank_rows(make_csv):
    with pytest.raises(LedgerError) as err:
        read_ledger(make_csv([["", "", "", "", ""]] * 3))
    assert message(err) == "ledger.csv has column headers but no data rows"


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"%PDF-1.7 binary", "ledger.csv is a PDF, not a CSV or Excel file"),
        (b"\x00\x01\x02binary\x00", "ledger.csv is neither a CSV nor an Excel file"),
        (
            b"<html><table><tr><td>1</td></tr></table></html>",
            "ledger.csv is a web page (HTML), not a real spreadsheet; open it in Excel and save it as .xlsx or .csv",
        ),
    ],
)
def test_not_a_csv_or_excel(tmp_path, content, expected):
    path = tmp_path / "ledger.csv"
    path.write_bytes(content)
    with pytest.raises(LedgerError) as err:
        read_ledger(path)
    assert message(err) == expected


def test_mapped_column_absent(make_csv):
    path = make_csv(CN_ROWS, header=["发票号", "客户编号", "日期", "到期日", "金额", "客户名称"])
    with pytest.raises(LedgerError) as err:
        read_ledger(path, CN_MAPPING)
    assert message(err) == (
        "column '开票日期' (invoice_date) not found in ledger.csv; "
        "columns found: 发票号, 客户编号, 日期, 到期日, 金额, 客户名称; "
        "write your column's header after `invoice_date:` in the mapping"
    )


def test_doing_what_the_absent_column_message_says_reads_the_file(make_csv, tmp_path):
    path = make_csv(CN_ROWS, header=["发票号", "客户编号", "日期", "到期日", "金额", "客户名称"])
    text = "\n".join(f"  {fld}: {col}" for fld, col in CN_MAPPING["columns"].items())
    mapping = tmp_path / "mapping.yml"
    mapping.write_text("columns:\n" + text + "\n", encoding="utf-8")
    with pytest.raises(LedgerError, match="after `invoice_date:` in the mapping"):
        read_ledger(path, mapping)
    # The user writes the header found in the file after `invoice_date:`.
    mapping.write_text(
        mapping.read_text(encoding="utf-8").replace("invoice_date: 开票日期", "invoice_date: 日期"),
        encoding="utf-8",
    )
    assert read_ledger(path, mapping).rows_used == 2


def test_required_field_neither_mapped_nor_present(make_csv):
    path = make_csv(
        [["A1", "C1", "2023-01-10", "5"]],
        header=["invoice_id", "customer_id", "invoice_date", "amount"],
    )
    with pytest.raises(LedgerError) as err:
        read_ledger(path)
    assert message(err) == (
        "required field 'due_date' is not mapped and ledger.csv has no column named "
        "due_date; columns found: invoice_id, customer_id, invoice_date, amount; "
        "write your column's header after `due_date:` in the mapping"
    )


def test_several_currencies_without_a_choice(make_csv):
    rows = [[*GOOD, "CNY"], ["A2", "C1", "2023-01-10", "2023-02-09", "5", "usd"]]
    with pytest.raises(LedgerError) as err:
        read_ledger(make_csv(rows, header=[*HEADER, "currency"]))
    assert message(err) == (
        "ledger.csv has several currencies (CNY, USD); to keep one, add a line "
        "`currency: CNY` (or another value as written in the file) to the mapping, "
        "with no spaces in front"
    )


def test_doing_what_the_currencies_message_says_reads_the_file(make_csv, tmp_path):
    rows = [[*GOOD, "人民币"], ["A2", "C1", "2023-01-10", "2023-02-09", "5", "美元"]]
    path = make_csv(rows, header=[*HEADER, "币种"])
    mapping = tmp_path / "mapping.yml"
    mapping.write_text("columns:\n  currency: 币种\n", encoding="utf-8")
    with pytest.raises(LedgerError) as err:
        read_ledger(path, mapping)
    assert "add a line `currency: 人民币` (or another value" in message(err)
    # The line the message gives, added to the mapping as it says.
    with mapping.open("a", encoding="utf-8") as fh:
        fh.write("currency: 美元\n")
    ledger = read_ledger(path, mapping)
    assert list(ledger.invoices["invoice_id"]) == ["A2"]
    assert list(ledger.rejected["reason"]) == ["currency 人民币, not the chosen 美元"]


def test_chosen_currency_rejects_the_others(make_csv):
    header = [*HEADER, "币种"]
    rows = [
        [*GOOD, "CNY"],
        ["A2", "C1", "2023-01-10", "2023-02-09", "5", "USD"],
        ["A3", "C1", "2023-01-10", "2023-02-09", "5", ""],
        ["A4", "C1", "2023-01-10", "2023-02-09", "5", "cny"],
    ]
    path = make_csv(rows, header=header)
    ledger = read_ledger(path, {"columns": {"currency": "币种"}, "currency": "cny"})
    assert list(ledger.invoices["invoice_id"]) == ["A1", "A4"]
    assert list(ledger.invoices["currency"]) == ["CNY", "CNY"]
    assert dict(zip(ledger.rejected["row"], ledger.rejected["reason"], strict=True)) == {
        2: "currency USD, not the chosen CNY",
        3: "currency empty, not the chosen CNY",
    }
    assert ledger.rows_read == ledger.rows_used + ledger.rows_rejected
    # The option overrides the mapping.
    assert list(read_ledger(path, {"columns": {"currency": "币种"}}, currency="USD").invoices["invoice_id"]) == ["A2"]


def test_single_currency_fills_blanks(make_csv):
    rows = [[*GOOD, "CNY"], ["A2", "C1", "2023-01-10", "2023-02-09", "5", ""]]
    ledger = read_ledger(make_csv(rows, header=[*HEADER, "currency"]))
    assert list(ledger.invoices["currency"]) == ["CNY", "CNY"]


def test_unclosed_quote_swallows_the_rest_of_the_file(tmp_path):
    path = tmp_path / "ledger.csv"
    text = ",".join(HEADER) + '\nA1,C1,2023-01-10,2023-02-09,"5\nA2,C1,2023-01-10,2023-02-09,6\n'
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LedgerError) as err:
        read_ledger(path)
    assert message(err) == (
        "no usable row in ledger.csv: its only data row was rejected: "
        "amount '5\\nA2,C1,2023-01-10,2023-02-09,6' is not a number"
    )
