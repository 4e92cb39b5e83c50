"""Small synthetic ledgers written at test time (nothing binary is committed)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

HEADER = ["invoice_id", "customer_id", "invoice_date", "due_date", "amount"]


def write_csv(path: Path, header: list[str] | None, rows: list[list], encoding="utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        if header is not None:
            out.writerow(header)
        out.writerows(rows)
    return path


@pytest.fixture
def make_csv(tmp_path):
    """make_csv(rows, header=HEADER, name="ledger.csv", encoding="utf-8") -> Path"""

    def make(rows, header=HEADER, name="ledger.csv", encoding="utf-8"):
        return write_csv(tmp_path / name, header, rows, encoding)

    return make


@pytest.fixture
def make_xlsx(tmp_path):
    """make_xlsx(rows including header, name="ledger.xlsx", sheets={name: rows}) -> Path"""
    openpyxl = pytest.importorskip("openpyxl")

    def make(rows=None, name="ledger.xlsx", sheets=None):
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for title, sheet_rows in (sheets or {"Sheet1": rows}).items():
            ws = wb.create_sheet(title)
            for r in sheet_rows:
                ws.append(r)
        path = tmp_path / name
        wb.save(path)
        return path

    return make
