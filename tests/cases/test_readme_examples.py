"""The README's worked example for each system works as written: a small export with the
header line the README shows, the README's `mapping suggest` command, a draft holding the
README's key lines, and the README's `case run` (the case notebooks left out: the
Kingdee and QuickBooks runs with them are in test_ledger_kinds), open balance checked
against the export's own figures."""

from __future__ import annotations

import random
import re
import shlex
import textwrap
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from receivables.cases.run import run_case
from receivables.cli import app as main_app

from .erp_files import csv_bytes, kingdee_balance_export, quickbooks_open_items

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def examples() -> list[tuple[str, str, str, dict, str]]:
    """(system, header line, suggest command, draft lines, case run command) per example."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("**Worked examples, one per system.**")
    part = text[start : text.index("**More than invoices", start)]
    found = re.findall(
        r"^\*([^*\n]+)\*[^\n]*\n(?:(?!```)[^\n]+\n)*\n```text\n(.*?)```\n\n```sh\n(.*?)```\n\n"
        r"```yaml\n(.*?)```\n\n```sh\n(.*?)```",
        part,
        flags=re.S | re.M,
    )
    return [
        (system, header.strip(), suggest.strip(), yaml.safe_load(textwrap.dedent(draft)), run.strip())
        for system, header, suggest, draft, run in found
    ]


def test_the_readme_has_one_example_per_system():
    systems = [e[0] for e in examples()]
    assert len(systems) == 7, systems
    for name in ("SAP FBL5N", "QuickBooks", "Xero", "金蝶", "用友", "Odoo", "ERPNext"):
        assert any(name in s for s in systems), name


def args(command: str, home: Path) -> list[str]:
    command = command.replace("$HOME", str(home)).replace("~/", f"{home}/")
    return shlex.split(command)[1:]  # without .venv/bin/receivables


def option(argv: list[str], name: str) -> str | None:
    return argv[argv.index(name) + 1] if name in argv else None


# ------------------------------------------------------------------ the exports


def sap_fbl5n(path: Path, header: str) -> float:
    rnd = random.Random(5)
    rows, open_ = [], 0.0
    for i in range(24):
        issued = date(2023, 7, 1) + timedelta(days=6 * i)
        amount = round(rnd.uniform(50, 90_000), 2) * (-1 if i % 9 == 4 else 1)
        cleared = issued + timedelta(days=20) if i % 3 == 0 else None
        text = f"{abs(amount):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".") + ("-" if amount < 0 else "")
        rows.append(
            [
                f"18000{i:05d}",
                f"1002{i % 4}",
                f"Kunde Nr. {i % 4} GmbH",
                f"{issued:%d.%m.%Y}",
                f"{issued + timedelta(days=30):%d.%m.%Y}",
                text,
                f"{cleared:%d.%m.%Y}" if cleared else "",
            ]
        )
        open_ += 0.0 if cleared else amount
    path.write_bytes(csv_bytes([header.split(";"), *rows], "cp1252", sep=";"))
    return open_


def xero(path: Path, header: str) -> float:
    rows, open_ = [], 0.0
    for i in range(20):
        issued = date(2024, 1, 3) + timedelta(days=8 * i)
        amount = 1_000 + 37.5 * i
        paid = issued + timedelta(days=25) if i % 2 else None
        rows.append(
            [
                f"Contact {i % 5}",
                f"INV-{i + 1:04d}",
                f"{issued:%d/%m/%Y}",
                f"{issued + timedelta(days=30):%d/%m/%Y}",
                f"{amount:.2f}",
                "NZD",
                f"{paid:%d/%m/%Y}" if paid else "",
            ]
        )
        open_ += 0.0 if paid else amount
    path.write_bytes(csv_bytes([header.split(","), *rows], "utf-8"))
    return open_


def yonyou(path: Path, header: str) -> float:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["应收明细表（2025年）"])
    sheet.append(header.split(","))
    open_ = 0.0
    for i in range(18):
        issued = datetime(2025, 1, 10) + timedelta(days=9 * i)
        amount = round(5_000 + 1_111.11 * (i % 6), 2)
        left = amount if i % 3 else 0.0 if i % 2 else round(amount / 2, 2)
        sheet.append(
            [f"0000{i + 1:04d}", f"0{100 + i % 4}", f"客户{i % 4}", issued, issued + timedelta(days=60), amount, left]
        )
        open_ += left
    book.save(path)
    return open_


def odoo(path: Path, header: str) -> float:
    rows, open_ = [], 0.0
    for i in range(16):
        issued = date(2024, 2, 1) + timedelta(days=9 * i)
        total = 800.0 + 120 * i
        due = total if i % 2 else (0.0 if i % 4 == 0 else total / 4)
        rows.append(
            [
                f"INV/2024/{i + 1:05d}",
                f"Partner {i % 3}",
                issued.isoformat(),
                (issued + timedelta(days=30)).isoformat(),
                f"{total:.2f}",
                f"{due:.2f}",
                "EUR",
            ]
        )
        open_ += due
    path.write_bytes(csv_bytes([header.split(","), *rows], "utf-8"))
    return open_


def erpnext(path: Path, header: str) -> float:
    rows, open_ = [], 0.0
    for i in range(16):
        issued = date(2024, 2, 5) + timedelta(days=9 * i)
        invoiced = 2_000.0 + 55 * i
        paid = invoiced if i % 4 == 0 else (invoiced / 2 if i % 4 == 1 else 0.0)
        rows.append(
            [
                issued.isoformat(),
                f"CUST-{i % 3:03d}",
                f"Customer {i % 3}",
                "Sales Invoice",
                f"ACC-SINV-2024-{i + 1:05d}",
                (issued + timedelta(days=30)).isoformat(),
                f"{invoiced:.2f}",
                f"{paid:.2f}",
                f"{invoiced - paid:.2f}",
                "INR",
            ]
        )
        open_ += invoiced - paid
    path.write_bytes(csv_bytes([header.split(","), *rows], "utf-8"))
    return open_


def quickbooks(path: Path, header: str) -> float:
    written, frame, _ = quickbooks_open_items(path.parent)
    assert written == path
    return float(frame["open"].sum())


def kingdee(path: Path, header: str) -> float:
    written, frame, _ = kingdee_balance_export(path.parent)
    assert written == path
    return float(frame["open"].sum())


BUILDERS = {
    "fbl5n.csv": sap_fbl5n,
    "AR Aging Detail.csv": quickbooks,
    "xero.csv": xero,
    "应收账款明细表.csv": kingdee,
    "应收明细.xlsx": yonyou,
    "odoo.csv": odoo,
    "erpnext.csv": erpnext,
}


def header_line(path: Path, header: str) -> bool:
    """Whether the file holds the README's header line as one of its lines."""
    if path.suffix == ".xlsx":
        import openpyxl

        rows = openpyxl.load_workbook(path, read_only=True).active.iter_rows(values_only=True)
        return any(",".join("" if v is None else str(v) for v in row) == header for row in rows)
    for encoding in ("utf-8", "cp1252", "gb18030"):
        try:
            lines = path.read_bytes().decode(encoding).splitlines()
        except UnicodeDecodeError:
            continue
        if header in lines:
            return True
    return False


@pytest.mark.parametrize("example", examples(), ids=lambda e: e[0].split(",")[0].split("(")[0].strip())
def test_readme_example_works_as_written(example, tmp_path):
    system, header, suggest, draft_lines, run = example
    home = tmp_path / "home"
    (home / "my-ledger").mkdir(parents=True)
    suggest_args = args(suggest, home)
    export = Path(option(suggest_args, "--ledger"))
    expected_open = BUILDERS[export.name](export, header)
    assert header_line(export, header), f"{export.name} has no line {header!r}"

    result = runner.invoke(main_app, suggest_args)
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(Path(option(suggest_args, "--out")).read_text("utf-8"))
    for fld, column in draft_lines.pop("columns").items():
        assert draft["columns"].get(fld) == column, (system, fld, draft["columns"])
    for key, value in draft_lines.items():
        assert str(draft.get(key)) == str(value), (system, key, draft.get(key))

    run_args = args(run, home)
    assert run_args[:2] == ["case", "run"]
    assert option(run_args, "--ledger") == str(export) and option(run_args, "--mapping") == option(
        suggest_args, "--out"
    )
    summary = run_case(
        export,
        option(run_args, "--mapping"),
        option(run_args, "--as-of"),
        option(run_args, "--lang") or "en",
        option(run_args, "--out"),
        notebooks=[],
    )
    assert summary["rows_read"] == summary["rows_used"] + summary["rows_rejected"]
    assert summary["rows_used"] > 10
    assert summary["open_balance"] == pytest.approx(expected_open, abs=0.01), system
    assert (Path(option(run_args, "--out")) / "report.html").is_file()
