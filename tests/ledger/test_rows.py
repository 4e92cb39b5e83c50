"""Row rules: every data row is used or rejected with its row number and reason."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from receivables.ledger import LedgerError, read_ledger, write_rejected

GOOD = ["A1", "C1", "2023-01-10", "2023-02-09", "100"]
HEADER = ["invoice_id", "customer_id", "invoice_date", "due_date", "amount"]


def rejected(ledger) -> dict[int, str]:
    return dict(zip(ledger.rejected["row"], ledger.rejected["reason"], strict=True))


def read_one_bad(make_csv, bad, header=HEADER, mapping=None):
    """A good row 1, the bad row 2, a good row 3; returns row 2's reason."""
    rows = [GOOD, bad, ["A3", "C1", "2023-01-10", "2023-02-09", "5"]]
    ledger = read_ledger(make_csv(rows, header=header), mapping)
    assert ledger.rows_read == 3
    assert ledger.rows_used == 2
    assert list(ledger.invoices["row"]) == [1, 3]
    assert list(ledger.rejected["row"]) == [2]
    return ledger.rejected["reason"].iloc[0]


@pytest.mark.parametrize(
    "column, message",
    [
        (0, "invoice_id is empty"),
        (1, "customer_id is empty"),
        (2, "invoice_date is empty"),
        (3, "due_date is empty"),
        (4, "amount is empty"),
    ],
)
def test_required_field_empty(make_csv, column, message):
    bad = ["A2", "C2", "2023-01-10", "2023-02-09", "7"]
    bad[column] = "  "  # blanks count as empty
    assert read_one_bad(make_csv, bad) == message


def test_empty_field_names_the_users_column(make_csv):
    header = ["发票号", "客户编号", "开票日期", "到期日", "金额"]
    mapping = {"columns": dict(zip(HEADER, header, strict=True))}
    bad = ["A2", "", "2023-01-10", "2023-02-09", "7"]
    assert read_one_bad(make_csv, bad, header, mapping) == "customer_id (客户编号) is empty"


def test_date_not_parsed(make_csv):
    bad = ["A2", "C2", "2023-01-10", "2023-02-30", "7"]
    assert read_one_bad(make_csv, bad) == "due_date '2023-02-30' is not a date"


def test_invoice_date_not_parsed(make_csv):
    bad = ["A2", "C2", "soon", "2023-02-09", "7"]
    assert read_one_bad(make_csv, bad) == "invoice_date 'soon' is not a date"


def test_amount_not_a_number(make_csv):
    bad = ["A2", "C2", "2023-01-10", "2023-02-09", "12,5"]
    assert read_one_bad(make_csv, bad) == "amount '12,5' is not a number"


def test_duplicate_invoice_id_names_the_first_row(make_csv):
    bad = ["A1", "C2", "2023-01-10", "2023-02-09", "7"]
    assert read_one_bad(make_csv, bad) == "duplicate invoice_id 'A1' (first seen in row 1)"


def test_due_before_invoice_date(make_csv):
    bad = ["A2", "C2", "2023-01-10", "2023-01-09", "7"]
    assert read_one_bad(make_csv, bad) == ("due_date 2023-01-09 is before invoice_date 2023-01-10")


def test_due_equal_to_invoice_date_is_valid(make_csv):
    ledger = read_ledger(make_csv([["A1", "C1", "2023-01-10", "2023-01-10", "5"]]))
    assert ledger.rows_used == 1 and ledger.rows_rejected == 0
    assert ledger.invoices["due_date"].iloc[0] == pd.Timestamp("2023-01-10")


def test_credit_note_is_used(make_csv):
    rows = [GOOD, ["CN1", "C1", "2023-01-12", "2023-01-12", "-40.5"]]
    ledger = read_ledger(make_csv(rows))
    assert ledger.rows_rejected == 0
    assert list(ledger.invoices["amount"]) == [100.0, -40.5]


def test_several_problems_are_joined_in_a_fixed_order(make_csv):
    bad = ["A1", "", "2023-01-10", "2023-01-01", "x"]
    assert read_one_bad(make_csv, bad) == (
        "customer_id is empty; amount 'x' is not a number; "
        "duplicate invoice_id 'A1' (first seen in row 1); "
        "due_date 2023-01-01 is before invoice_date 2023-01-10"
    )


def test_duplicate_of_a_rejected_row_is_still_a_duplicate(make_csv):
    rows = [
        ["A1", "C1", "bad", "2023-02-09", "1"],
        ["A1", "C1", "2023-01-10", "2023-02-09", "1"],
        ["A2", "C1", "2023-01-10", "2023-02-09", "1"],
    ]
    ledger = read_ledger(make_csv(rows))
    assert rejected(ledger) == {
        1: "invoice_date 'bad' is not a date",
        2: "duplicate invoice_id 'A1' (first seen in row 1)",
    }


def test_rejected_keeps_original_text_and_columns(make_csv):
    header = [*HEADER, "note"]
    rows = [[*GOOD, "ok"], ["0007", "C2", "2023-01-10", "2023-02-09", " 1x ", "keep me"]]
    ledger = read_ledger(make_csv(rows, header=header))
    rej = ledger.rejected
    assert list(rej.columns) == ["row", "reason", "reason_code", *header]
    assert rej.iloc[0].to_dict() == {
        "row": 2,
        "reason": "amount '1x' is not a number",
        "reason_code": '[{"code": "not_a_number", "field": "amount", "column": "amount", "value": "1x"}]',
        "invoice_id": "0007",
        "customer_id": "C2",
        "invoice_date": "2023-01-10",
        "due_date": "2023-02-09",
        "amount": " 1x ",
        "note": "keep me",
    }


def test_leading_zeros_survive_csv(make_csv):
    rows = [
        ["0000611365", "0379", "2013-01-02", "2013-02-01", "55.94"],
        ["611365", "379", "2013-01-02", "2013-02-01", "1"],
    ]
    ledger = read_ledger(make_csv(rows))
    assert ledger.rows_rejected == 0  # 0000611365 and 611365 are different invoices
    assert list(ledger.invoices["invoice_id"]) == ["0000611365", "611365"]
    assert list(ledger.invoices["customer_id"]) == ["0379", "379"]


@pytest.mark.parametrize(
    "text, value",
    [
        ("1234.56", 1234.56),
        ("1,234.56", 1234.56),
        ("1,234,567", 1234567.0),
        ("¥1,234.56", 1234.56),
        ("￥1,234.56", 1234.56),
        ("$1,234.56", 1234.56),
        ("€ 12", 12.0),
        ("1,234.56元", 1234.56),
        ("-1,234.56", -1234.56),
        ("-¥5", -5.0),
        ("¥-5", -5.0),
        ("(1,234.56)", -1234.56),
        ("($7.50)", -7.5),
        ("1234.56-", -1234.56),
        (" 42 ", 42.0),
        ("+3", 3.0),
        (".5", 0.5),
        ("1.5e3", 1500.0),
    ],
)
def test_amount_formats_accepted(make_csv, text, value):
    ledger = read_ledger(make_csv([["A1", "C1", "2023-01-10", "2023-02-09", text]]))
    assert ledger.invoices["amount"].iloc[0] == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "1 234,56",
        "1.234,56",
        "12,34",
        "1,2345",
        "CNY 5",
        "--5",
        "(5",
        "-(5)",
        "inf",
        "nan",
        "1 234",
    ],
)
def test_amount_formats_rejected(make_csv, text):
    rows = [GOOD, ["A2", "C1", "2023-01-10", "2023-02-09", text]]
    ledger = read_ledger(make_csv(rows))
    assert rejected(ledger) == {2: f"amount '{text.strip()}' is not a number"}


@pytest.mark.parametrize(
    "dates",
    [
        ["2013-01-02", "2013-02-01"],
        ["2013/1/2", "2013/2/1"],
        ["1/2/2013", "2/1/2013"],
        ["2013年1月2日", "2013年2月1日"],
        ["20130102", "20130201"],
        ["41276", "41306"],  # Excel serial day numbers in a CSV
        ["2013-01-02 00:00:00", "2013-02-01 10:30"],
    ],
)
def test_date_formats_inferred(make_csv, dates):
    ledger = read_ledger(make_csv([["A1", "C1", *dates, "5"]]))
    inv = ledger.invoices.iloc[0]
    assert (inv["invoice_date"], inv["due_date"]) == (
        pd.Timestamp("2013-01-02"),
        pd.Timestamp("2013-02-01"),
    )
    assert ledger.invoices["invoice_date"].dtype == "datetime64[ns]"


def test_day_first_dates_win_when_the_column_says_so(make_csv):
    rows = [
        ["A1", "C1", "02/01/2013", "25/01/2013", "5"],
        ["A2", "C1", "13/01/2013", "12/02/2013", "5"],
    ]
    ledger = read_ledger(make_csv(rows))
    assert list(ledger.invoices["invoice_date"]) == [
        pd.Timestamp("2013-01-02"),
        pd.Timestamp("2013-01-13"),
    ]


def test_the_format_parsing_most_values_wins_and_others_are_rejected(make_csv):
    rows = [
        ["A1", "C1", "2013-01-02", "2013-02-01", "5"],
        ["A2", "C1", "2013-01-03", "2013-02-01", "5"],
        ["A3", "C1", "1/4/2013", "2013-02-01", "5"],
    ]
    ledger = read_ledger(make_csv(rows))
    assert rejected(ledger) == {3: "invoice_date '1/4/2013' is not a date"}


def test_mapping_date_format_is_used_as_given(make_csv):
    rows = [["A1", "C1", "02.01.2013", "01.02.2013", "5"], ["A2", "C1", "2013-01-02", "", "5"]]
    ledger = read_ledger(make_csv(rows), {"date_format": "%d.%m.%Y"})
    assert ledger.invoices["invoice_date"].iloc[0] == pd.Timestamp("2013-01-02")
    assert rejected(ledger) == {2: "due_date is empty; invoice_date '2013-01-02' is not a date"}


def test_implausible_year_is_not_a_date(make_csv):
    rows = [GOOD, ["A2", "C1", "0213-01-10", "2023-02-09", "5"]]
    assert rejected(read_ledger(make_csv(rows))) == {2: "invoice_date '0213-01-10' is not a date"}


def test_shuffled_and_extra_columns(make_csv):
    header = ["note", "amount", "due_date", "customer_id", "x", "invoice_date", "invoice_id"]
    rows = [["n1", "10", "2023-02-09", "C1", "", "2023-01-10", "A1"]]
    ledger = read_ledger(make_csv(rows, header=header))
    inv = ledger.invoices
    assert list(inv.columns[:6]) == [*HEADER, "row"]
    assert inv.iloc[0][HEADER].tolist() == [
        "A1",
        "C1",
        pd.Timestamp("2023-01-10"),
        pd.Timestamp("2023-02-09"),
        10.0,
    ]
    assert inv.iloc[0]["note"] == "n1"  # other columns ride along as text


def test_blank_rows_are_skipped_but_keep_their_numbers(make_csv):
    rows = [GOOD, ["", "", "", "", ""], ["A3", "C1", "2023-01-10", "2023-02-09", "x"]]
    ledger = read_ledger(make_csv(rows))
    assert ledger.rows_read == 2
    assert rejected(ledger) == {3: "amount 'x' is not a number"}


def test_row_with_too_many_values_is_rejected(make_csv):
    rows = [
        GOOD,
        ["A2", "C1", "2023-01-10", "2023-02-09", "1", "x", "y"],
        ["A3", "C1", "2023-01-10", "2023-02-09", "3"],
    ]
    ledger = read_ledger(make_csv(rows))
    assert rejected(ledger) == {2: "row has 7 values but the header has 5 columns; extra values: x,y"}
    assert list(ledger.invoices["invoice_id"]) == ["A1", "A3"]


def test_short_row_counts_missing_cells_as_empty(make_csv):
    rows = [GOOD, ["A2", "C1", "2023-01-10"]]
    ledger = read_ledger(make_csv(rows))
    assert rejected(ledger) == {2: "due_date is empty; amount is empty"}


def test_quoted_line_breaks_stay_in_their_row(make_csv):
    header = [*HEADER, "note"]
    rows = [[*GOOD, "two\nlines"], ["A2", "C1", "2023-01-10", "2023-02-09", "x", "n"]]
    ledger = read_ledger(make_csv(rows, header=header))
    assert ledger.invoices["note"].iloc[0] == "two\nlines"
    assert rejected(ledger) == {2: "amount 'x' is not a number"}


def test_payments_from_paid_date_column(make_csv):
    header = [*HEADER, "paid_date", "paid_amount"]
    rows = [
        ["A1", "C1", "2023-01-10", "2023-02-09", "100", "2023-02-01", ""],  # paid in full
        ["A2", "C1", "2023-01-10", "2023-02-09", "100", "2023-02-03", "40"],  # partly
        ["A3", "C1", "2023-01-10", "2023-02-09", "100", "", ""],  # open
        ["A4", "C1", "2023-01-10", "2023-02-09", "100", "", "0"],  # open, zero paid
        ["A5", "C1", "2023-01-10", "2023-02-09", "100", "later", ""],
        ["A6", "C1", "2023-01-10", "2023-02-09", "100", "", "30"],
        ["A7", "C1", "2023-01-10", "2023-02-09", "100", "2023-02-01", "lots"],
    ]
    ledger = read_ledger(make_csv(rows, header=header))
    assert ledger.payments.to_dict("list") == {
        "invoice_id": ["A1", "A2"],
        "paid_date": [pd.Timestamp("2023-02-01"), pd.Timestamp("2023-02-03")],
        "paid_amount": [100.0, 40.0],
        "row": [1, 2],
    }
    assert rejected(ledger) == {
        5: "paid_date 'later' is not a date",
        6: "paid_amount '30' given but paid_date is empty",
        7: "paid_amount 'lots' is not a number",
    }
    assert list(ledger.invoices["invoice_id"]) == ["A1", "A2", "A3", "A4"]


def test_counts_always_add_up(make_csv):
    rows = [GOOD, ["", "", "x", "", ""], GOOD, ["A9", "C", "2023-01-01", "2023-01-01", "1"]]
    ledger = read_ledger(make_csv(rows))
    assert ledger.rows_read == ledger.rows_used + ledger.rows_rejected == 4


def test_output_types(make_csv):
    ledger = read_ledger(make_csv([GOOD]))
    dtypes = ledger.invoices.dtypes.astype(str).to_dict()
    assert dtypes == {
        "invoice_id": "str",
        "customer_id": "str",
        "invoice_date": "datetime64[ns]",
        "due_date": "datetime64[ns]",
        "amount": "float64",
        "row": "int64",
    }
    assert ledger.rejected is not None and ledger.rows_rejected == 0
    assert list(ledger.rejected.columns) == ["row", "reason", "reason_code", *HEADER]


def test_write_rejected_is_excel_friendly_csv(make_csv, tmp_path):
    header = ["发票号", "客户编号", "开票日期", "到期日", "金额"]
    mapping = {"columns": dict(zip(HEADER, header, strict=True))}
    rows = [GOOD, ["0002", "客户乙", "2023-01-10", "2023-02-09", "壹佰"]]
    ledger = read_ledger(make_csv(rows, header=header), mapping)
    out = write_rejected(ledger, tmp_path / "rejected.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    back = pd.read_csv(out, dtype=str, encoding="utf-8-sig")
    assert list(back.columns) == ["row", "reason", *header]
    assert back.iloc[0].tolist() == [
        "2",
        "amount (金额) '壹佰' is not a number",
        "0002",
        "客户乙",
        "2023-01-10",
        "2023-02-09",
        "壹佰",
    ]


def test_no_usable_row_says_count_and_most_common_reason(make_csv):
    rows = [
        ["A1", "C1", "2023-01-10", "2023-02-09", "x"],
        ["A2", "C1", "2023-01-10", "2023-02-09", "y"],
        ["A3", "", "2023-01-10", "2023-02-09", "5"],
    ]
    with pytest.raises(LedgerError) as err:
        read_ledger(make_csv(rows))
    assert str(err.value) == (
        "no usable row in ledger.csv: all 3 data rows were rejected; "
        "most common reason (2 rows): amount is not a number"
    )


def test_no_usable_row_single_row(make_csv):
    with pytest.raises(LedgerError) as err:
        read_ledger(make_csv([["A1", "C1", "2023-01-10", "2023-02-09", "x"]]))
    assert str(err.value) == ("no usable row in ledger.csv: its only data row was rejected: amount 'x' is not a number")


def test_invoice_ids_are_compared_after_trimming(make_csv):
    rows = [GOOD, [" A1 ", "C1", "2023-01-10", "2023-02-09", "1"]]
    assert rejected(read_ledger(make_csv(rows))) == {2: "duplicate invoice_id 'A1' (first seen in row 1)"}


def test_long_and_mixed_length_ids_find_duplicates(make_csv):
    ids = ["X" * 70, "short", "Y" * 9, "X" * 70, "Y" * 9, "客户-1", "客户-1"]
    rows = [[i, "C", "2023-01-10", "2023-02-09", "1"] for i in ids]
    ledger = read_ledger(make_csv(rows))
    assert sorted(rejected(ledger)) == [4, 5, 7]
    assert rejected(ledger)[7] == "duplicate invoice_id '客户-1' (first seen in row 6)"


def test_many_rows_vectorized_paths(make_csv):
    n = 5000
    rng = np.random.default_rng(1)
    ids = [f"{i:08d}" for i in range(n)]
    amounts = [f"{x:,.2f}" for x in rng.random(n) * 1e6]
    rows = [[ids[i], "C", "2023-01-10", "2023-02-09", amounts[i]] for i in range(n)]
    rows[4000][0] = ids[17]
    ledger = read_ledger(make_csv(rows))
    assert rejected(ledger) == {4001: f"duplicate invoice_id '{ids[17]}' (first seen in row 18)"}
    assert ledger.invoices["amount"].iloc[1] == pytest.approx(float(amounts[1].replace(",", "")))


def test_threaded_column_parsing_gives_the_same_ledger(make_csv, monkeypatch):
    import receivables.ledger.reader as reader

    header = [*HEADER, "paid_date", "paid_amount"]
    rows = [
        ["A1", "C1", "2023-01-10", "2023-02-09", "1,000", "2023-02-01", ""],
        ["A2", "C1", "1/10/2023", "2023-02-09", "x", "", ""],
        ["A1", "", "2023-01-10", "2023-01-01", "5", "later", "2"],
        ["A4", "C2", "2023-01-11", "2023-02-10", "(5)", "2023-02-02", "3"],
    ]
    path = make_csv(rows, header=header)
    serial = read_ledger(path)
    monkeypatch.setattr(reader, "PARALLEL_ROWS", 0)
    threaded = read_ledger(path)
    pd.testing.assert_frame_equal(serial.invoices, threaded.invoices)
    pd.testing.assert_frame_equal(serial.payments, threaded.payments)
    pd.testing.assert_frame_equal(serial.rejected, threaded.rejected)
    assert serial.rows_rejected == 2


def test_rows_of_different_extra_widths(make_csv):
    rows = [
        GOOD,
        ["A2", "C1", "2023-01-10", "2023-02-09", "1", "x"],
        ["A3", "C1", "2023-01-10", "2023-02-09", "1", "x", "y", "z"],
        ["A4", "C1", "2023-01-10", "2023-02-09", "1", ""],  # empty extra: harmless
    ]
    ledger = read_ledger(make_csv(rows))
    assert rejected(ledger) == {
        2: "row has 6 values but the header has 5 columns; extra values: x",
        3: "row has 8 values but the header has 5 columns; extra values: x,y,z",
    }
    assert list(ledger.invoices["invoice_id"]) == ["A1", "A4"]


def test_write_rejected_other_tables(make_csv, tmp_path):
    ledger = read_ledger(make_csv([GOOD]))
    out = write_rejected(ledger, tmp_path / "p.csv", table="payments")
    assert out.read_text(encoding="utf-8-sig").strip() == "row,reason"
    with pytest.raises(ValueError):
        write_rejected(ledger, tmp_path / "x.csv", table="orders")
