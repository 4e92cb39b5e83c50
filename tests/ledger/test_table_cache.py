"""Workbooks read once per content: a case run reads its ledger in every notebook, so a
sheet already read is served from the table cache (Parquet), never stale."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.ledger import _io


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "ledger.xlsx"
    frame = pd.DataFrame(
        {
            "Invoice": ["000123", "000124", "000125"],
            "Amount": [1200.5, 80314.16, 7],
            "Date": pd.to_datetime(["2025-01-02", "2025-02-03", "2025-03-04"]),
        }
    )
    with pd.ExcelWriter(path, engine="xlsxwriter") as w:
        pd.DataFrame([["Receivables report"], [""]]).to_excel(w, sheet_name="AR", header=False, index=False)
        frame.to_excel(w, sheet_name="AR", startrow=2, index=False)
    return path


def test_second_read_is_served_from_the_cache_and_equal(book, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("RECEIVABLES_CACHE", str(cache))
    first = _io.read_table(book, header_keys={"invoice", "amount"})
    assert len(list(cache.glob("*.parquet"))) == 1
    calls = []
    real = pd.read_excel
    monkeypatch.setattr(_io.pd, "read_excel", lambda *a, **k: calls.append(1) or real(*a, **k))
    second = _io.read_table(book, header_keys={"invoice", "amount"})
    assert calls == []  # the workbook was not parsed again
    pd.testing.assert_frame_equal(first.frame, second.frame)
    assert list(second.frame["Invoice"]) == ["000123", "000124", "000125"]  # leading zeros kept
    assert (first.rows == second.rows).all()


def test_a_changed_file_is_read_again(book, tmp_path, monkeypatch):
    monkeypatch.setenv("RECEIVABLES_CACHE", str(tmp_path / "cache"))
    before = _io.read_table(book, header_keys={"invoice"})
    with pd.ExcelWriter(book, engine="xlsxwriter") as w:
        pd.DataFrame({"Invoice": ["9"], "Amount": [1.0]}).to_excel(w, sheet_name="AR", index=False)
    after = _io.read_table(book, header_keys={"invoice"})
    assert len(before.frame) == 3 and list(after.frame["Invoice"]) == ["9"]


def test_cache_off_or_unwritable_still_reads(book, tmp_path, monkeypatch):
    monkeypatch.setenv("RECEIVABLES_CACHE", "off")
    assert _io.table_cache_dir() is None
    assert len(_io.read_table(book, header_keys={"invoice"}).frame) == 3
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("RECEIVABLES_CACHE", str(blocker / "cache"))  # cannot be created
    assert len(_io.read_table(book, header_keys={"invoice"}).frame) == 3


def test_only_the_latest_entries_are_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("RECEIVABLES_CACHE", str(tmp_path / "cache"))
    for i in range(_io.TABLE_CACHE_ENTRIES + 3):
        path = tmp_path / f"book{i}.xlsx"
        pd.DataFrame({"Invoice": [str(i)]}).to_excel(path, index=False)
        _io.read_table(path, header_keys={"invoice"})
    assert len(list((tmp_path / "cache").glob("*.parquet"))) == _io.TABLE_CACHE_ENTRIES
