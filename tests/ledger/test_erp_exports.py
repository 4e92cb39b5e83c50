"""Ledgers as ERPs export them: encodings detected (and said when not certain), number
formats, report-shaped files; each read from the draft mapping alone."""

from __future__ import annotations

import codecs
import csv
import io

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from receivables.ledger import (
    LedgerError,
    load_mapping,
    read_ledger,
    suggest_mapping,
    write_mapping,
    write_rejected,
)
from receivables.ledger._io import detect_encoding
from receivables.ledger.cli import app as mapping_app
from receivables.ledger.mapping import INVOICE_FIELDS, REQUIRED_FIELDS, erp_headers, match_columns
from receivables.ledger.notes import note_text

runner = CliRunner()

SAP_DE = ["Belegnummer", "Kunde", "Name 1", "Belegdatum", "Nettofälligkeit", "Betrag in HW", "Ausgleichsdatum"]
SAP_DE_ROWS = [
    ["1800000012", "100234", "Müller Maschinenbau GmbH", "04.07.2023", "03.08.2023", "1234.56", ""],
    ["1800000013", "100235", "Bäckerei Schäfer KG", "05.07.2023", "04.08.2023", "980.00", "20.07.2023"],
    ["1800000014", "100236", "Größner & Söhne", "06.07.2023", "05.08.2023", "75.10", ""],
]


def write(path, header, rows, encoding, sep=";"):
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\n").writerows([header, *rows])
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def draft_and_read(path, tmp_path):
    """The draft `mapping suggest` writes, read back and used as it is."""
    written = write_mapping(suggest_mapping(path), tmp_path / "mapping.yml")
    return written, read_ledger(path, load_mapping(written))


# ------------------------------------------------------------------- encodings


def test_cp1252_sap_export_drafts_and_reads_with_its_encoding_said(tmp_path):
    path = write(tmp_path / "fbl5n.csv", SAP_DE, SAP_DE_ROWS, "cp1252")
    written, ledger = draft_and_read(path, tmp_path)
    text = written.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["encoding"] == "cp1252"
    # The guessed encoding is never written without a word beside it.
    comment = text.split("encoding: cp1252")[0].splitlines()[-1]
    assert comment.startswith("# the encoding below was detected from the file")
    assert yaml.safe_load(text)["columns"]["due_date"] == "Nettofälligkeit"
    assert list(ledger.invoices["customer_name"]) == [r[2] for r in SAP_DE_ROWS]
    assert ledger.rows_read == ledger.rows_used + ledger.rows_rejected == 3
    # Read without the mapping's encoding: detected, and the note shows the header as read.
    mapping = load_mapping(written)
    mapping.encoding = None
    again = read_ledger(path, mapping)
    assert list(again.invoices["customer_name"]) == [r[2] for r in SAP_DE_ROWS]
    # Three rows of German text read only one way: certain, nothing more to say.
    assert again.notes == []
    assert comment == "# the encoding below was detected from the file"


def test_a_short_cp1252_file_is_read_with_a_note_showing_its_header(tmp_path):
    # A header and one row: cp775 reads these bytes as well, as other letters.
    path = write(
        tmp_path / "fbl5n.csv",
        ["Belegnummer", "Kunde", "Belegdatum", "Nettofälligkeit", "Betrag in HW"],
        [["1800000012", "100234", "04.07.2023", "03.08.2023", "1234.56"]],
        "cp1252",
    )
    ledger = read_ledger(
        path,
        {
            "columns": {
                "invoice_id": "Belegnummer",
                "customer_id": "Kunde",
                "invoice_date": "Belegdatum",
                "due_date": "Nettofälligkeit",
                "amount": "Betrag in HW",
            }
        },
    )
    ((code, params),) = ledger.notes
    assert code == "encoding_uncertain" and params["encoding"] == "cp1252"
    assert params["line"] == "Belegnummer;Kunde;Belegdatum;Nettofälligkeit;Betrag in HW"
    assert "cp1252" in note_text(code, params, "zh") and "Nettofälligkeit" in note_text(code, params, "en")
    result = runner.invoke(mapping_app, ["suggest", "--ledger", str(path), "--out", str(tmp_path / "m.yml")])
    assert result.exit_code == 0, result.output
    assert "note: the encoding below was detected from the file but is not certain" in result.output
    text = (tmp_path / "m.yml").read_text("utf-8")
    assert "# the encoding below was detected from the file but is not certain" in text
    assert "Nettofälligkeit" in text.split("encoding: cp1252")[0].splitlines()[-1]
    assert read_ledger(path, load_mapping(tmp_path / "m.yml")).rows_used == 1


def test_cp1252_is_never_read_as_gb18030(tmp_path):
    # The bytes of "Nettofälligkeit" are valid GB18030 ("Nettof鋖ligkeit").
    path = write(tmp_path / "fbl5n.csv", SAP_DE, SAP_DE_ROWS, "cp1252")
    mapping = {
        "columns": {
            "invoice_id": "Belegnummer",
            "customer_id": "Kunde",
            "invoice_date": "Belegdatum",
            "due_date": "Nettofälligkeit",
            "amount": "Betrag in HW",
        }
    }
    assert read_ledger(path, mapping).rows_used == 3


def test_a_wrong_encoding_makes_the_column_error_say_encoding(tmp_path):
    path = write(tmp_path / "fbl5n.csv", SAP_DE, SAP_DE_ROWS, "cp1252")
    mapping = {
        "columns": {
            "invoice_id": "Belegnummer",
            "customer_id": "Kunde",
            "invoice_date": "Belegdatum",
            "due_date": "Nettofälligkeit",
            "amount": "Betrag in HW",
        },
        "encoding": "gb18030",
    }
    with pytest.raises(LedgerError) as err:
        read_ledger(path, mapping)
    text = str(err.value)
    assert "Nettof鋖ligkeit" in text and "headers look misread" in text and "encoding:" in text
    # A header merely not mapped right says nothing about encodings.
    mapping["encoding"] = "cp1252"
    mapping["columns"]["due_date"] = "Fälligkeit"
    with pytest.raises(LedgerError) as err:
        read_ledger(path, mapping)
    assert "misread" not in str(err.value)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_chinese_exports_draft_and_read(tmp_path, encoding):
    header = ["单据编号", "客户编码", "客户名称", "业务日期", "到期日", "价税合计"]
    rows = [
        ["AR-0001", "000101", "上海华东机电有限公司", "2025-03-01", "2025-04-30", "1130.00"],
        ["AR-0002", "000102", "北京燕山重工集团", "2025-03-02", "2025-05-01", "2260.50"],
    ]
    path = write(tmp_path / "应收.csv", header, rows, encoding, sep=",")
    written, ledger = draft_and_read(path, tmp_path)
    draft = yaml.safe_load(written.read_text(encoding="utf-8"))
    if encoding == "utf-8-sig":
        assert "encoding" not in draft  # read from the BOM: nothing guessed
    else:
        assert draft["encoding"] == "gb18030"
    assert list(ledger.invoices["customer_name"]) == ["上海华东机电有限公司", "北京燕山重工集团"]
    assert list(ledger.invoices["amount"]) == [1130.0, 2260.5]
    assert ledger.notes == []  # Chinese text reads only one way


def test_a_short_gb18030_table_is_not_read_as_korean(tmp_path):
    # Four Chinese headers and two rows read a little cleaner as cp949 (Korean).
    path = tmp_path / "承诺.csv"
    path.write_bytes("客户编号,承诺日期,约定付款日,承诺金额\nK1,2025-02-01,2025-02-20,500\n".encode("gb18030"))
    found = detect_encoding(path.read_bytes())
    assert found.encoding == "gb18030"


def test_suggest_says_the_guessed_encoding(tmp_path):
    path = write(tmp_path / "fbl5n.csv", SAP_DE, SAP_DE_ROWS, "cp1252")
    result = runner.invoke(mapping_app, ["suggest", "--ledger", str(path), "--out", str(tmp_path / "m.yml")])
    assert result.exit_code == 0, result.output
    assert "note: the encoding below was detected from the file" in result.output
    assert codecs.lookup(yaml.safe_load((tmp_path / "m.yml").read_text("utf-8"))["encoding"]).name == "cp1252"


# ---------------------------------------------------------------- ERP headers


@pytest.mark.parametrize("system", sorted(erp_headers()))
def test_each_systems_default_headers_draft_a_complete_mapping(system):
    """Every system's first header for each field, as the file lists it, is found."""
    columns = erp_headers()[system]["columns"]
    assert set(columns) <= set(INVOICE_FIELDS)
    assert set(REQUIRED_FIELDS) <= set(columns)
    headers = [names[0] for names in columns.values()]
    assert match_columns(headers) == {fld: names[0] for fld, names in columns.items()}


def test_every_listed_header_is_recognised_for_its_field():
    for system, spec in erp_headers().items():
        for fld, names in spec["columns"].items():
            for name in names:
                found = match_columns([name])
                assert name in found.values(), (system, fld, name)


# ---------------------------------------------------------------- number formats

SAP_AMOUNTS = ["1.234,56", "454.844,00", "1.234,56-", "€ 8.686.862,10", "75,10", "(2.000,00)"]


def sap_decimal_comma(tmp_path, amounts=SAP_AMOUNTS):
    rows = [
        [f"18000000{i:02d}", f"1002{i % 3}", f"0{i % 9 + 1}.07.2023", f"0{i % 9 + 1}.08.2023", a]
        for i, a in enumerate(amounts)
    ]
    return write(
        tmp_path / "fbl5n.csv",
        ["Belegnummer", "Kunde", "Belegdatum", "Nettofälligkeit", "Betrag in HW"],
        rows,
        "cp1252",
    )


def amount_notes(ledger):
    return [(code, params) for code, params in ledger.notes if code.startswith("ambiguous")]


def independent_amounts(texts):
    """German notation read by plain pandas string operations, independently of the kit."""
    s = pd.Series(texts, dtype="str").str.replace("€", "").str.strip()
    negative = s.str.endswith("-") | s.str.startswith("(")
    s = s.str.strip("()-").str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    return (s.astype(float) * (1 - 2 * negative)).tolist()


def test_decimal_commas_are_detected_written_and_read(tmp_path):
    path = sap_decimal_comma(tmp_path)
    written, ledger = draft_and_read(path, tmp_path)
    draft = yaml.safe_load(written.read_text("utf-8"))
    assert (draft["decimal_mark"], draft["thousands_separator"]) == (",", ".")
    assert "detected from the file's amounts" in written.read_text("utf-8")
    assert ledger.rows_rejected == 0 and ledger.rows_read == ledger.rows_used == len(SAP_AMOUNTS)
    assert ledger.invoices["amount"].tolist() == pytest.approx(independent_amounts(SAP_AMOUNTS))
    assert ledger.invoices["amount"].sum() == pytest.approx(sum(independent_amounts(SAP_AMOUNTS)))
    assert amount_notes(ledger) == []


def test_decimal_commas_without_the_format_are_rejected_or_warned_never_misread(tmp_path):
    path = sap_decimal_comma(tmp_path, ["1.234,56", "454.844", "8.686.862", "99,00"])
    mapping = {
        "columns": {
            "invoice_id": "Belegnummer",
            "customer_id": "Kunde",
            "invoice_date": "Belegdatum",
            "due_date": "Nettofälligkeit",
            "amount": "Betrag in HW",
        }
    }
    ledger = read_ledger(path, mapping)
    assert ledger.rows_read == ledger.rows_used + ledger.rows_rejected == 4
    assert ledger.rows_rejected == 3  # 1.234,56, 8.686.862 and 99,00 are not numbers in 1,234.56
    # "454.844" read as 454.844 is not silent: the note names it and what says otherwise.
    ((code, params),) = amount_notes(ledger)
    assert code == "ambiguous_amounts_other"
    assert "'454.844' = 454.844 (or 454,844.000)" in params["examples"]
    assert params["other_count"] == 3 and "'8.686.862'" in params["other_examples"]
    assert 'decimal_mark: ","' in note_text(code, params, "en")
    # The format named: every row read, the zero-decimal amounts as whole numbers.
    ledger = read_ledger(path, {**mapping, "decimal_mark": ",", "thousands_separator": "."})
    assert ledger.invoices["amount"].tolist() == [1234.56, 454844.0, 8686862.0, 99.0]
    assert amount_notes(ledger) == []


def test_an_only_ambiguous_column_is_warned_and_said_in_the_draft(tmp_path):
    # Zero-decimal currency written with a thousands point, and nothing else: "." as
    # decimal mark reads them all, so does "." as thousands separator.
    path = sap_decimal_comma(tmp_path, ["454.844", "120.500", "7.250"])
    written, ledger = draft_and_read(path, tmp_path)
    text = written.read_text("utf-8")
    assert "nothing else in the column tells which is meant" in text
    ((code, params),) = amount_notes(ledger)
    assert code == "ambiguous_amounts" and params["count"] == 3


def test_formatted_amounts_in_the_usual_notation(tmp_path):
    amounts = ["(1,234.56)", "¥1,234.00", "$ 12.50", "1,234.56-", "€1,000", "12.345"]
    header = ["Num", "Customer", "Date", "Due Date", "Amount"]
    rows = [[f"INV-{i}", "C1", "2024-01-0" + str(i + 1), "2024-02-0" + str(i + 1), a] for i, a in enumerate(amounts)]
    path = write(tmp_path / "open.csv", header, rows, "utf-8", sep=",")
    written, ledger = draft_and_read(path, tmp_path)
    assert "decimal_mark" not in yaml.safe_load(written.read_text("utf-8"))
    assert ledger.invoices["amount"].tolist() == [-1234.56, 1234.0, 12.5, -1234.56, 1000.0, 12.345]
    assert ledger.notes == []  # 12.345: the other amounts show "." is the decimal mark


def test_number_format_keys_are_checked(tmp_path):
    from receivables.ledger.errors import MappingError

    with pytest.raises(MappingError, match="decimal_mark"):
        load_mapping({"decimal_mark": ";"})
    with pytest.raises(MappingError, match="must differ"):
        load_mapping({"decimal_mark": ",", "thousands_separator": ","})
    assert load_mapping({"decimal_mark": ","}).number_format.thousands == "."


# -------------------------------------------------------- report-shaped exports

QB_DETAIL = [  # Date, Transaction Type, Num, Customer, Due Date, Amount, Open Balance
    (
        "Current",
        [
            ["12/15/2023", "Invoice", "1045", "Acme Corp", "01/14/2024", "1,200.00", "1,200.00"],
            ["12/20/2023", "Invoice", "1046", "Beta LLC", "01/19/2024", "850.50", "850.50"],
        ],
    ),
    (
        "1 - 30 days past due",
        [
            ["11/10/2023", "Invoice", "1030", "Acme Corp", "12/10/2023", "3,000.00", "1,000.00"],
            ["11/12/2023", "Credit Memo", "CM-7", "Beta LLC", "11/12/2023", "-200.00", "-200.00"],
        ],
    ),
]


def quickbooks_aging_detail(tmp_path, total="$4,850.50", open_total="$2,850.50"):
    """A/R Aging Detail as QuickBooks Online writes it to CSV: report lines, a group row
    per aging bucket, 'Total for …' rows, TOTAL and the footer."""
    lines = [
        ["Precision Parts Manufacturing Inc."],
        ["A/R Aging Detail Report"],
        ["As of December 31, 2023"],
        [],
        ["", "Date", "Transaction Type", "Num", "Customer", "Due Date", "Amount", "Open Balance"],
    ]
    for group, rows in QB_DETAIL:
        lines.append([group] + [""] * 7)
        lines += [["", *r] for r in rows]
        amount = sum(float(r[5].replace(",", "")) for r in rows)
        lines.append([f"Total for {group}", "", "", "", "", "", f"${amount:,.2f}", ""])
    lines += [
        ["TOTAL", "", "", "", "", "", total, open_total],
        [],
        ["Accrual Basis Monday, January 8, 2024 10:12 AM GMT-08:00"] + [""] * 7,
    ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(lines)
    path = tmp_path / "AR Aging Detail.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_quickbooks_csv_with_report_lines_groups_totals_and_footer(tmp_path):
    path = quickbooks_aging_detail(tmp_path)
    written, ledger = draft_and_read(path, tmp_path)
    draft = yaml.safe_load(written.read_text("utf-8"))
    # Amount and Open Balance both: the invoice amount, and what is still open of it.
    assert {k: v for k, v in draft["columns"].items() if v} == {
        "invoice_id": "Num",
        "customer_id": "Customer",
        "invoice_date": "Date",
        "due_date": "Due Date",
        "amount": "Amount",
        "open_amount": "Open Balance",
    }
    details = pd.DataFrame(
        [r for _, rows in QB_DETAIL for r in rows], columns=["Date", "Type", "Num", "Customer", "Due", "Amount", "Open"]
    )
    expected = details["Amount"].str.replace(",", "").astype(float)
    assert ledger.invoices["invoice_id"].tolist() == details["Num"].tolist()
    assert ledger.invoices["amount"].tolist() == expected.tolist()
    assert ledger.rows_read == ledger.rows_used + ledger.rows_rejected
    reasons = ledger.rejected.set_index("row")["reason"]
    assert sorted(reasons.str.split(" \\(").str[0]) == [
        "group row",
        "group row",
        "report footer",
        "subtotal row",
        "subtotal row",
        "subtotal row",
    ]
    assert reasons.loc[1] == "group row ('Current' alone), not an invoice"
    assert reasons.str.contains("subtotal row \\('TOTAL'\\)").any()
    assert ledger.rejected["reason_code"].str.contains('"code": "subtotal_row"').sum() == 3
    # A balance-only export: its TOTAL is checked against the open amounts used.
    open_sum = details["Open"].str.replace(",", "").astype(float).sum()
    ((code, params),) = ledger.notes
    assert code == "export_total_matches" and params["sum"] == f"{open_sum:,.2f}"
    assert "一致" in note_text(code, params, "zh")


def test_a_total_that_differs_is_said_with_what_was_left_out(tmp_path):
    path = quickbooks_aging_detail(tmp_path, open_total="$3,000.00")
    _, ledger = draft_and_read(path, tmp_path)
    ((code, params),) = ledger.notes
    assert code == "export_total_differs"
    assert params["total"] == "3,000.00" and params["difference"] == "-149.50"
    # Mapped with the amount alone, the TOTAL of the amounts is the one checked.
    amounts_only = {
        "columns": {
            "invoice_id": "Num",
            "customer_id": "Customer",
            "invoice_date": "Date",
            "due_date": "Due Date",
            "amount": "Amount",
        }
    }
    ((code, params),) = read_ledger(quickbooks_aging_detail(tmp_path, total="$5,000.00"), amounts_only).notes
    assert code == "export_total_differs" and params["difference"] == "-149.50"


def test_header_row_given_in_the_mapping(tmp_path):
    path = quickbooks_aging_detail(tmp_path)
    mapping = {
        "columns": {
            "invoice_id": "Num",
            "customer_id": "Customer",
            "invoice_date": "Date",
            "due_date": "Due Date",
            "amount": "Amount",
        },
        "header_row": 5,
    }
    assert read_ledger(path, mapping).rows_used == 4
    with pytest.raises(LedgerError, match="not found"):
        read_ledger(path, {**mapping, "header_row": 2})


def test_kingdee_excel_report_with_title_subtotals_total_and_footer(make_xlsx, tmp_path):
    header = ["单据编号", "往来单位编码", "往来单位名称", "业务日期", "到期日", "应收金额"]
    detail = [
        ["AR001", "000101", "上海华东机电", "2025-01-05", "2025-02-04", 11300.0],
        ["AR002", "000101", "上海华东机电", "2025-01-09", "2025-02-08", 2260.5],
        ["AR003", "000102", "北京燕山重工", "2025-01-12", "2025-03-13", 5650.0],
    ]
    rows = [
        ["应收款明细表"],
        ["期间：2025年1月", "", "币别：人民币"],
        header,
        *detail[:2],
        ["", "", "上海华东机电 小计", "", "", 13560.5],
        detail[2],
        ["", "", "北京燕山重工 小计", "", "", 5650.0],
        ["合计", "", "", "", "", 19210.5],
        ["制表人：张三"],
    ]
    path = make_xlsx(rows, name="应收款明细表.xlsx")
    written, ledger = draft_and_read(path, tmp_path)
    assert yaml.safe_load(written.read_text("utf-8"))["columns"]["amount"] == "应收金额"
    expected = pd.DataFrame(detail, columns=header)
    assert ledger.invoices["amount"].sum() == pytest.approx(expected["应收金额"].sum())
    assert ledger.invoices.groupby("customer_id")["amount"].sum().to_dict() == (
        expected.groupby("往来单位编码")["应收金额"].sum().to_dict()
    )
    assert ledger.rows_read == ledger.rows_used + ledger.rows_rejected == 7
    zh = write_rejected(ledger, tmp_path / "rejected.csv", lang="zh")
    shown = pd.read_csv(zh, dtype=str, encoding="utf-8-sig")
    assert shown["拒收原因"].tolist() == [
        "小计行（“上海华东机电 小计”），不是发票",
        "小计行（“北京燕山重工 小计”），不是发票",
        "小计行（“合计”），不是发票",
        "报表页脚（“制表人：张三”），不是发票",
    ]
    assert shown["原文件行号"].tolist() == ["3", "5", "6", "7"]
    assert [code for code, _ in ledger.notes] == ["export_total_matches"]
