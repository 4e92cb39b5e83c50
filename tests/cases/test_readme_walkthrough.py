"""The README's "re-run the case on your own ledger" section, followed as written.

The commands are read from the section's ``bash`` blocks, so the test fails when the
README drifts from what the kit does. The ledger is an Excel export as a company has
it: a cover sheet first, a title row above Chinese headers, Excel dates, ids with
leading zeros, amounts typed as text with thousands separators, a due-date header the
kit cannot guess (the README's edit step), bad rows, a blank row and a totals row.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
SECTION = "## For companies: re-run the case on your own ledger"
HEADERS = ["序号", "单据编号", "客户编号", "客户名称", "业务日期", "约定回款日", "价税合计", "收款日期", "币种", "备注"]
CUSTOMERS = [
    ("000101", "上海华东机电有限公司"),
    ("000102", "江苏恒力重工股份有限公司"),
    ("000215", "浙江明远电气有限公司"),
    ("000307", "北京中科自动化设备厂"),
]
TEXT_AMOUNTS = {3: "12,345.60", 7: "1,002,000.00"}  # data row -> amount typed as text
TITLE_ROWS = 2  # title and unit rows above the header: Excel row = data row + 3


def readme_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    return text[start:] if end < 0 else text[start:end]


def blocks(section: str, lang: str) -> list[str]:
    """The fenced code blocks of one language, dedented (they sit inside list items)."""
    found = re.findall(rf"^([ \t]*)```{lang}\n(.*?)^\1```", section, flags=re.S | re.M)
    return [textwrap.dedent(body) for _, body in found]


def commands(section: str) -> list[str]:
    lines = [line.strip() for block in blocks(section, "bash") for line in block.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def good_rows() -> list[dict]:
    """30 invoices over four customers; the first 20 paid."""
    rows = []
    for i in range(30):
        cid, name = CUSTOMERS[i % 4]
        invoiced = date(2025, 1, 6) + timedelta(days=10 * i)
        due = invoiced + timedelta(days=90 if i % 3 == 0 else 60)
        amount = round(10_000 + 1_234.5 * (i % 7) + 37.25 * i, 2)
        paid = due + timedelta(days=(i % 5) * 11) if i < 20 else None
        rows.append(
            {
                "id": f"{i + 1:08d}",
                "cid": cid,
                "name": name,
                "invoiced": invoiced,
                "due": due,
                "amount": amount,
                "paid": paid,
            }
        )
    for n, typed in TEXT_AMOUNTS.items():
        rows[n - 1]["amount"] = float(typed.replace(",", ""))
    return rows


def write_export(path: Path, rows: list[dict]) -> None:
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "说明"
    cover.append(["本表由财务系统导出"])
    cover.append(["导出日期", date(2025, 12, 31)])
    ws = wb.create_sheet("应收明细")
    ws.append(["2025年度应收账款明细表"])
    ws.merge_cells("A1:J1")
    ws.append(["单位:元"])
    ws.append(HEADERS)
    for n, r in enumerate(rows, start=1):
        amount = TEXT_AMOUNTS.get(n, r["amount"])
        ws.append([n, r["id"], r["cid"], r["name"], r["invoiced"], r["due"], amount, r["paid"], "人民币", ""])
    ws.append([31, "00000031", "", "", date(2025, 11, 3), date(2026, 1, 2), 8_800, None, "人民币", "客户未填"])
    ws.append(
        [
            32,
            "00000032",
            "000215",
            "浙江明远电气有限公司",
            date(2025, 11, 20),
            date(2025, 10, 20),
            15_600,
            None,
            "人民币",
            "到期日录错",
        ]
    )
    ws.append(
        [
            33,
            "00000005",
            "000101",
            "上海华东机电有限公司",
            date(2025, 10, 1),
            date(2025, 11, 30),
            5_000,
            None,
            "人民币",
            "重复单号",
        ]
    )
    ws.append([])  # a blank row: not counted, but keeps its place in the numbering
    ws.append(["合计", "", "", "", None, None, 1_500_000, None, "", ""])
    for row in ws.iter_rows(min_row=TITLE_ROWS + 2, min_col=5, max_col=8):
        for cell in row:
            if cell.column != 7:
                cell.number_format = "yyyy-mm-dd"
    wb.save(path)


def run(line: str, home: Path) -> subprocess.CompletedProcess:
    """One README command, run by bash from the kit's folder; ~ is the test's home."""
    line = line.replace("~/", f"{home}/")
    if not (ROOT / ".venv" / "bin" / "receivables").exists():  # tests run from another env
        line = line.replace(".venv/bin/receivables", str(Path(sys.executable).with_name("receivables")))
    return subprocess.run(["bash", "-c", line], cwd=ROOT, capture_output=True, text=True, timeout=600)


def option(line: str, name: str, home: Path) -> Path:
    words = shlex.split(line.split(" #", 1)[0])
    return Path(words[words.index(name) + 1].replace("~/", f"{home}/"))


def test_readme_lists_the_optional_tables_the_notebooks_look_for():
    from receivables.cases.tables import REQUIRED

    section = readme_section()
    for name, columns in REQUIRED.items():
        row = next((line for line in section.splitlines() if line.startswith(f"| `{name}.csv`")), "")
        assert row, f"the README's table of optional files has no row for {name}.csv"
        for column in columns:
            assert column in row, f"{name}.csv: the README does not name its required column {column}"


@pytest.mark.notebooks  # the case run executes the case notebooks
def test_readme_walkthrough_from_an_excel_export_to_the_report(tmp_path):
    section = readme_section()
    steps = commands(section)
    suggest = [c for c in steps if "receivables mapping suggest" in c]
    case_run = [c for c in steps if "receivables case run" in c]
    opening = [c for c in steps if c.split()[0] in ("xdg-open", "open")]
    setup = [c for c in steps if c.split()[0] == "mkdir"]
    assert len(suggest) == 1 and len(case_run) == 1 and opening, steps
    assert len(setup) + len(suggest) + len(case_run) + len(opening) == len(steps), (
        "a command in the README section that this test does not follow yet",
        steps,
    )
    home = tmp_path / "home"
    home.mkdir()

    # Step 1: a folder for the data, and the export saved in it.
    for line in setup:
        assert run(line, home).returncode == 0, line
    export = option(suggest[0], "--ledger", home)
    assert export.parent.is_dir() and export == option(case_run[0], "--ledger", home)
    rows = good_rows()
    write_export(export, rows)

    # Step 2: the draft. It finds the ledger's sheet and says what is missing.
    draft = run(suggest[0], home)
    assert draft.returncode == 0, draft.stderr
    assert "not found: due_date" in draft.stdout
    mapping = option(suggest[0], "--out", home)
    assert mapping == option(case_run[0], "--mapping", home)
    text = mapping.read_text(encoding="utf-8")
    # The README's picture of the draft is what the user sees, line for line.
    (example,) = blocks(section, "yaml")[:1]
    for line in example.splitlines():
        assert line in text.splitlines(), f"README shows {line!r}; the draft has:\n{text}"

    # Running before the edit stops with one line that names the missing field.
    early = run(case_run[0], home)
    assert early.returncode != 0
    errors = [e for e in early.stderr.splitlines() if e.startswith("error:")]
    assert len(errors) == 1 and "due_date" in errors[0], early.stderr

    # Step 3: the edit the README asks for: the header after the field marked not found.
    (fix,) = re.findall(r"`(  due_date: [^`]+)`", section)
    marker = "  due_date:   # required, not found: write your column's name here"
    assert marker in example and marker in text
    mapping.write_text(text.replace(marker, fix), encoding="utf-8")

    # Step 4: the case run.
    done = run(case_run[0], home)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "4 rejected" in done.stdout

    # Step 5: the files the README opens and lists are there.
    out = option(case_run[0], "--out", home)
    for line in opening:
        for word in shlex.split(line.split(" #", 1)[0])[1:]:
            assert Path(word.replace("~/", f"{home}/")).is_file(), word
    for name in ["report.html", "aging.xlsx", "rejected.csv", "summary.json"]:
        assert (out / name).is_file(), name
        assert f"`{name}`" in section, f"the README does not describe {name}"

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["rows_read"] == summary["rows_used"] + summary["rows_rejected"]
    assert (summary["rows_read"], summary["rows_used"], summary["rows_rejected"]) == (34, 30, 4)
    # Independently: as of the latest invoice or payment date, the open invoices' total.
    as_of = max(max(r["invoiced"] for r in rows), max(r["paid"] for r in rows if r["paid"]))
    assert summary["as_of"] == as_of.isoformat()
    open_balance = sum(r["amount"] for r in rows if r["invoiced"] <= as_of and (r["paid"] is None or r["paid"] > as_of))
    assert summary["open_balance"] == pytest.approx(open_balance, abs=0.005)

    # Rejected rows: 1-based data rows under the header (the blank row keeps its number).
    rejected = pd.read_csv(out / "rejected.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(rejected.columns[:2]) == ["row", "reason"] and "单据编号" in rejected.columns
    reasons = dict(zip(rejected["row"].astype(int), rejected["reason"], strict=True))
    assert sorted(reasons) == [31, 32, 33, 35]
    assert "customer_id (客户编号) is empty" in reasons[31]
    assert "due_date 2025-10-20 is before invoice_date 2025-11-20" in reasons[32]
    assert "duplicate invoice_id '00000005' (first seen in row 5)" in reasons[33]
    assert reasons[35] == "subtotal row ('合计'), not an invoice"  # the export's own total: set aside
    assert rejected.loc[rejected["row"] == "33", "单据编号"].item() == "00000005"  # zeros kept

    book = openpyxl.load_workbook(out / "aging.xlsx", read_only=True)
    assert book.sheetnames == ["Summary", "Aging by customer", "Open invoices", "Rejected rows"]
    header, *lines = book["Aging by customer"].iter_rows(values_only=True)
    ids = [line[header.index("Customer ID")] for line in lines]
    assert sorted(ids) == sorted(c for c, _ in CUSTOMERS)  # leading zeros kept
    assert book["Rejected rows"].max_row == 1 + 4
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "浙江明远电气有限公司" in html and "<img" in html
    assert not re.findall(r'<img[^>]+src="(?!data:)', html)  # charts inside the one file
