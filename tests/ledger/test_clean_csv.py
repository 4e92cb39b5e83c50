"""The fast path for clean CSV files builds exactly the Ledger the general reader builds,
and leaves every file with anything to reject (or anything unusual) to that reader."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pytest

import receivables.ledger.reader as reader
from receivables.ledger import read_ledger
from receivables.ledger._clean_csv import _plain
from receivables.ledger.mapping import load_mapping

FULL = ["invoice_id", "customer_id", "invoice_date", "due_date", "amount", "paid_date", "paid_amount"]
CLEAN = [
    ["INV003", "C1", "2024-01-05", "2024-02-04", "1200.50", "2024-02-10", "1200.50"],
    ["INV001", "C2", "2024-01-02", "2024-01-02", "-300", "", ""],  # credit note, open
    ["INV002", "C1", "2024-01-03", "2024-03-03", "800", "2024-02-01", ""],  # paid in full
    ["INV004", "C3", "2024-02-01", "2024-03-02", "+5e2", "2024-03-01", "200.25"],  # partial
]


def general(path, mapping=None, **options):
    """The general (text) reader, with the fast path switched off."""
    saved = reader.read_clean_invoices
    reader.read_clean_invoices = lambda *args, **kwargs: None
    try:
        return read_ledger(path, mapping, **options)
    finally:
        reader.read_clean_invoices = saved


def took_fast_path(path, mapping=None) -> bool:
    m = load_mapping(mapping) if mapping is not None else reader.ColumnMapping()
    return reader.read_clean_invoices(path, m, m.encoding, None, reader._resolve) is not None


def assert_same(path, mapping=None):
    fast, slow = read_ledger(path, mapping), general(path, mapping)
    for table in ("invoices", "payments", "rejected"):
        pd.testing.assert_frame_equal(getattr(fast, table), getattr(slow, table), check_exact=True)
    assert fast.rows_read == slow.rows_read
    if slow.payment_positions is None:
        assert fast.payment_positions is None
    else:
        np.testing.assert_array_equal(fast.payment_positions, slow.payment_positions)
    return fast


def test_a_clean_file_is_read_fast_with_the_same_result(make_csv):
    path = make_csv(CLEAN, header=FULL)
    assert took_fast_path(path)
    ledger = assert_same(path)
    assert ledger.rows_read == 4 and ledger.rows_rejected == 0
    # In row order; an empty paid amount with a date is the invoice paid in full.
    assert ledger.payments["invoice_id"].tolist() == ["INV003", "INV002", "INV004"]
    assert ledger.payments["paid_amount"].tolist() == [1200.5, 800.0, 200.25]
    np.testing.assert_array_equal(ledger.payment_positions, [0, 2, 3])


def test_spaces_quotes_bom_extra_columns_and_names(make_csv, tmp_path):
    rows = [
        [" INV1 ", "C1 ", " 2024-01-05", "2024-02-04 ", " 1200.50 ", "Acme, Ltd", "north"],
        ["INV2", " C2", "2024-01-06", "2024-02-05", "7", "Beta 北方", ""],
    ]
    header = ["invoice_id", "customer_id", "invoice_date", "due_date", "amount", "customer_name", "region"]
    path = make_csv(rows, header=header, encoding="utf-8-sig")
    assert took_fast_path(path)
    ledger = assert_same(path)
    assert ledger.invoices["invoice_id"].tolist() == ["INV1", "INV2"]
    assert ledger.invoices["region"].tolist() == ["north", ""]


def test_a_mapping_with_chinese_columns_and_the_iso_format(make_csv, tmp_path):
    header = ["发票号", "客户编号", "开票日期", "到期日", "金额", "收款日期"]
    path = make_csv([r[:6] for r in CLEAN], header=header, encoding="gb18030")
    mapping = tmp_path / "m.yml"
    mapping.write_text(
        "columns:\n  invoice_id: 发票号\n  customer_id: 客户编号\n  invoice_date: 开票日期\n"
        '  due_date: 到期日\n  amount: 金额\n  paid_date: 收款日期\ndate_format: "%Y-%m-%d"\n',
        encoding="utf-8",
    )
    assert took_fast_path(path, mapping)
    assert_same(path, mapping)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("invoice_id", "INV002"),  # duplicate id
        ("invoice_id", " "),  # empty after trimming
        ("customer_id", ""),
        ("invoice_date", "2024/01/05"),  # another date format
        ("invoice_date", "0213-01-05"),  # out of the plausible range
        ("due_date", "2023-12-31"),  # due before the invoice date
        ("amount", "1,200.50"),  # thousands separator
        ("amount", "nan"),
        ("amount", "inf"),
        ("amount", ""),
        ("paid_date", ""),  # a paid amount without its date
        ("paid_amount", "¥5"),
    ],
)
def test_anything_to_reject_or_parse_the_general_way_leaves_the_fast_path(make_csv, column, value):
    rows = [list(r) for r in CLEAN]
    rows[0][FULL.index(column)] = value
    path = make_csv(rows, header=FULL)
    assert not took_fast_path(path)
    assert_same(path)


def test_ragged_rows_blank_rows_and_unnamed_columns_leave_the_fast_path(make_csv):
    ragged = make_csv(
        [*CLEAN, ["INV9", "C1", "2024-01-05", "2024-02-04", "1", "", "", "extra"]], header=FULL, name="a.csv"
    )
    blank = make_csv([*CLEAN, ["", "", "", "", "", "", ""]], header=FULL, name="b.csv")
    unnamed = make_csv([[*r, ""] for r in CLEAN], header=[*FULL, ""], name="c.csv")
    for path in (ragged, blank, unnamed):
        assert not took_fast_path(path)
        assert_same(path)


def test_other_formats_or_a_chosen_currency_use_the_general_reader(make_csv, tmp_path):
    path = make_csv(CLEAN, header=FULL)
    mapping = tmp_path / "m.yml"
    mapping.write_text('date_format: "%d/%m/%Y"\n', encoding="utf-8")
    assert not took_fast_path(path, mapping)
    m = load_mapping({})
    assert reader.read_clean_invoices(path, m, None, "CNY", reader._resolve) is None


def test_one_column_mapped_to_two_fields_uses_the_general_reader(make_csv, tmp_path):
    path = make_csv(CLEAN, header=FULL)
    mapping = tmp_path / "m.yml"
    mapping.write_text(
        "columns:\n  invoice_id: invoice_id\n  customer_id: customer_id\n"
        "  invoice_date: invoice_date\n  due_date: invoice_date\n  amount: amount\n"
        "  customer_name: customer_id\n",
        encoding="utf-8",
    )
    assert not took_fast_path(path, mapping)
    assert_same(path, mapping)


def test_metrics_link_payments_right_after_the_ledger_is_changed(make_csv):
    """The reader's payment positions only serve the id columns they were made for."""
    from receivables.metrics import PreparedLedger

    ledger = read_ledger(make_csv(CLEAN, header=FULL))
    ledger.invoices.loc[0, "invoice_id"] = "INV999"  # INV003's payment now has no invoice
    ledger.payments = ledger.payments.iloc[::-1].reset_index(drop=True)
    hinted = PreparedLedger.from_ledger(ledger)
    plain = PreparedLedger(ledger.invoices, ledger.payments)
    for as_of in ("2024-02-15", "2024-12-31"):
        pd.testing.assert_frame_equal(hinted.open_items(as_of), plain.open_items(as_of))
        assert hinted.summary(as_of) == plain.summary(as_of)
    assert "INV999" in set(hinted.open_items("2024-12-31")["invoice_id"])


def test_ids_known_in_order_are_checked_again_once_changed(make_csv):
    from receivables.metrics import PreparedLedger

    in_order = sorted(CLEAN)  # INV001..INV004: the reader finds them strictly increasing
    ledger = read_ledger(make_csv(in_order, header=FULL))
    assert ledger.increasing_ids_of is not None
    PreparedLedger.from_ledger(ledger)  # fine as read
    ledger.invoices.loc[3, "invoice_id"] = "INV001"  # now a repeat, and out of order
    with pytest.raises(ValueError, match="unique"):
        PreparedLedger.from_ledger(ledger)


def test_values_spanning_lines_across_arrow_blocks_read_the_same(make_csv):
    # Over Arrow's 1 MB blocks, most line breaks inside quoted values: this file has one
    # at a block boundary, where the fast path's first read stops and it reads again.
    rows = [
        [
            f"INV{i:06d}",
            f"C{i % 97}",
            "2024-01-05",
            "2024-02-04",
            f"{i}.25",
            "",
            "",
            f"name {i}\nl2\nl3\nl4\nl5" if i % 2 == 0 else f"name {i}",
        ]
        for i in range(40_000)
    ]
    path = make_csv(rows, header=[*FULL, "customer_name"])
    # The first read fails; its message ("out of sync", "Expected 8 columns, got 1")
    # depends on which of Arrow's threads meets a split value first.
    with pytest.raises(pa.ArrowInvalid, match="out of sync|Expected 8 columns"):
        pacsv.read_csv(path, parse_options=pacsv.ParseOptions(newlines_in_values=False))
    assert took_fast_path(path)
    ledger = assert_same(path)
    assert ledger.rows_used == 40_000
    assert ledger.invoices["customer_name"].iloc[2] == "name 2\nl2\nl3\nl4\nl5"
    assert ledger.invoices["customer_name"].iloc[3] == "name 3"


@pytest.mark.parametrize(
    "values, plain",
    [
        (["INV001", "C-7", "a b"], True),  # inner spaces are kept, nothing to trim
        ([" INV001"], False),
        (["INV001\t"], False),
        (["\u3000INV001"], False),  # ideographic space, as Chinese exports have
        (["INV001\u00a0"], False),
        (["INV001", ""], False),
        (["客户甲"], False),  # non-ASCII edges: trimmed to find out
    ],
)
def test_text_is_trimmed_unless_nothing_can_change(values, plain):
    column = pa.chunked_array([pa.array(values[:1], pa.string()), pa.array(values[1:], pa.string())])
    assert _plain(column) is plain
    if plain:
        assert pc.all(pc.equal(pc.utf8_trim_whitespace(column), column)).as_py()


@pytest.mark.parametrize(
    ("start", "encoding", "streamed"),
    [
        (b"invoice_id,customer_id\n", None, True),  # UTF-8 text, nothing said
        ("发票号,客户\n".encode(), None, True),
        (b"\xef\xbb\xbfinvoice_id\n", None, True),  # UTF-8 BOM
        (b"\xef\xbb\xbfinvoice_id\n", "gb18030", True),  # a BOM says more than the mapping
        (b"invoice_id\n", "UTF8", True),
        (b"invoice_id\n", "gb18030", False),  # converted whole, then read
        ("发票号\n".encode("gb18030"), None, False),  # detected, converted
        ("invoice_id\n".encode("utf-16"), None, False),
    ],
)
def test_utf8_files_are_read_from_disk_block_by_block(start, encoding, streamed):
    from receivables.ledger._clean_csv import _streamable

    assert _streamable(start, encoding) is streamed


def test_a_file_read_block_by_block_equals_one_read_whole(make_csv, monkeypatch):
    """Past the first 64 KB (where the header and encoding are found), with a BOM: the
    streamed read, the whole-file read and the general reader give the same ledger."""
    import receivables.ledger._clean_csv as clean

    rows = [
        [f"INV{i:06d}", f"C{i % 97}", "2024-01-05", "2024-02-04", f"{i}.25", "2024-03-01", ""] for i in range(5_000)
    ]
    path = make_csv(rows, header=FULL, encoding="utf-8-sig")
    streamed = assert_same(path)
    monkeypatch.setattr(clean, "_streamable", lambda head, encoding: False)
    whole = assert_same(path)
    for table in ("invoices", "payments"):
        pd.testing.assert_frame_equal(getattr(streamed, table), getattr(whole, table), check_exact=True)


def test_a_byte_that_is_not_utf8_past_the_head_leaves_the_fast_path(make_csv, tmp_path):
    rows = [[f"INV{i:06d}", f"C{i % 97}", "2024-01-05", "2024-02-04", "1", "", ""] for i in range(5_000)]
    path = make_csv(rows, header=FULL)
    data = path.read_bytes()
    bad = tmp_path / "latin.csv"
    bad.write_bytes(data[: len(data) - 30] + data[len(data) - 30 :].replace(b"C", b"\xc7", 1))
    assert not took_fast_path(bad)
    assert_same(bad)
