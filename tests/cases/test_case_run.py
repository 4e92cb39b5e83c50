"""receivables case run / mapping suggest: outputs, figures checked by hand with pandas."""

from __future__ import annotations

import json
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from receivables.cases.cli import app as case_app
from receivables.ledger.cli import app as mapping_app

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "datasets" / "electromech"
runner = CliRunner()


@pytest.fixture(scope="module")
def case_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("case") / "new" / "out"  # created when missing
    r = runner.invoke(
        case_app,
        ["run", "--ledger", str(CASE / "invoices.csv"), "--mapping", str(CASE / "mapping.yml"),
         "--out", str(out)],
    )
    assert r.exit_code == 0, r.output
    return out


def test_all_outputs(case_out):
    for name in ["summary.json", "rejected.csv", "aging.xlsx", "report.html",
                 "01.00-The-Case-And-The-Question.ipynb", "02.00-Aging-And-DSO.ipynb"]:
        assert (case_out / name).is_file(), name


def test_summary_matches_hand_computation(case_out):
    s = json.loads((case_out / "summary.json").read_text(encoding="utf-8"))
    inv = pd.read_csv(CASE / "invoices.csv", parse_dates=["invoice_date", "due_date"])
    pay = pd.read_csv(CASE / "payments.csv", parse_dates=["paid_date"])
    as_of = max(inv["invoice_date"].max(), pay["paid_date"].max())
    assert s["as_of"] == str(as_of.date())
    assert s["rows_read"] == len(inv) == s["rows_used"] + s["rows_rejected"]
    paid = pay[pay["paid_date"] <= as_of].groupby("invoice_id")["paid_amount"].sum()
    inv = inv[inv["invoice_date"] <= as_of].copy()
    inv["open"] = inv["amount"] - inv["invoice_id"].map(paid).fillna(0.0)
    op = inv[inv["open"].abs() > 0.005].copy()
    assert s["open_invoices"] == len(op)
    assert math.isclose(s["open_balance"], op["open"].sum(), abs_tol=0.01)
    dpd = (as_of - op["due_date"]).dt.days
    assert math.isclose(s["overdue_balance"], op.loc[dpd > 0, "open"].sum(), abs_tol=0.01)
    edges = [("current", -10**9, 0), ("1-30", 1, 30), ("31-60", 31, 60), ("61-90", 61, 90),
             ("91-180", 91, 180), ("181-365", 181, 365), ("over 365", 366, 10**9)]
    assert [a["bucket"] for a in s["aging"]] == [e[0] for e in edges]
    for a, (_, lo, hi) in zip(s["aging"], edges, strict=True):
        sel = (dpd >= lo) & (dpd <= hi)
        assert a["count"] == int(sel.sum())
        assert math.isclose(a["amount"], op.loc[sel, "open"].sum(), abs_tol=0.01)
    sales = inv.loc[inv["invoice_date"] > as_of - pd.Timedelta(days=90), "amount"].sum()
    assert math.isclose(s["sales_90d"], sales, abs_tol=0.01)
    dso = op["open"].sum() / sales * 90
    best = op.loc[dpd <= 0, "open"].sum() / sales * 90
    assert math.isclose(s["dso"], dso, abs_tol=0.006)
    assert math.isclose(s["best_possible_dso"], best, abs_tol=0.006)
    assert math.isclose(s["add"], dso - best, abs_tol=0.011)


def test_xlsx_sheets_frozen(case_out):
    wb = openpyxl.load_workbook(case_out / "aging.xlsx")
    assert wb.sheetnames == ["Summary", "Aging by customer", "Open invoices", "Rejected rows"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"


def test_html_has_no_code_and_embeds_images(case_out):
    html = (case_out / "report.html").read_text(encoding="utf-8")
    assert "import " not in html
    assert "data:image/png;base64," in html
    assert '<img src="http' not in html


BAD = """发票号,客户编号,客户名称,开票日期,到期日,金额
F001,K1,甲公司,2025-01-05,2025-02-04,1000
F002,K2,乙公司,2025-01-10,2025-02-09,2000
F002,K2,乙公司,2025-01-11,2025-02-10,2500
F003,K1,甲公司,2025-13-40,2025-03-01,300
F004,K3,丙公司,2025-02-01,2025-03-03,
"""
BAD_MAP = """columns:
  invoice_id: 发票号
  customer_id: 客户编号
  customer_name: 客户名称
  invoice_date: 开票日期
  due_date: 到期日
  amount: 金额
"""


@pytest.fixture()
def bad_ledger(tmp_path) -> tuple[Path, Path]:
    led = tmp_path / "账目.csv"
    led.write_bytes(BAD.encode("gb18030"))
    m = tmp_path / "mapping.yml"
    m.write_text(BAD_MAP, encoding="utf-8")
    return led, m


def test_bad_rows_rejected_but_exit_zero(bad_ledger, tmp_path):
    led, m = bad_ledger
    out = tmp_path / "out"
    r = runner.invoke(case_app, ["run", "--ledger", str(led), "--mapping", str(m),
                                 "--out", str(out), "--lang", "zh"])
    assert r.exit_code == 0, r.output
    assert "3 rejected" in r.output
    rej = pd.read_csv(out / "rejected.csv", encoding="utf-8-sig")
    assert list(rej.columns[:2]) == ["row", "reason"]
    assert rej["row"].tolist() == [3, 4, 5]
    reasons = dict(zip(rej["row"], rej["reason"], strict=True))
    assert "duplicate invoice_id" in reasons[3]
    assert "not a date" in reasons[4]
    assert "amount (金额) is empty" in reasons[5]
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert s["rows_read"] == 5 == s["rows_used"] + s["rows_rejected"]
    assert s["rows_rejected"] == 3
    assert openpyxl.load_workbook(out / "aging.xlsx").sheetnames[0] == "汇总"


def test_missing_file_one_line(tmp_path):
    r = runner.invoke(case_app, ["run", "--ledger", str(tmp_path / "none.csv"), "--out", str(tmp_path / "o")])
    assert r.exit_code != 0
    assert len(r.output.strip().splitlines()) == 1 and "not found" in r.output


def test_mapped_column_absent_one_line(bad_ledger, tmp_path):
    led, _ = bad_ledger
    m = tmp_path / "wrong.yml"
    m.write_text(BAD_MAP.replace("金额", "总金额"), encoding="utf-8")
    r = runner.invoke(case_app, ["run", "--ledger", str(led), "--mapping", str(m), "--out", str(tmp_path / "o")])
    assert r.exit_code != 0
    assert len(r.output.strip().splitlines()) == 1 and "总金额" in r.output


def test_mapping_suggest_chinese_headers(bad_ledger, tmp_path):
    led, _ = bad_ledger
    out = tmp_path / "m.yml"
    r = runner.invoke(mapping_app, ["suggest", "--ledger", str(led), "--out", str(out)])
    assert r.exit_code == 0, r.output
    import yaml

    cols = yaml.safe_load(out.read_text(encoding="utf-8"))["columns"]
    assert cols["invoice_id"] == "发票号"
    assert cols["amount"] == "金额"
    assert cols["invoice_date"] == "开票日期"
    assert cols["due_date"] == "到期日"
