"""receivables case run / mapping suggest: outputs, figures checked by hand with pandas."""

from __future__ import annotations

import json
import math
import os
import pty
import re
import select
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from receivables.cases.cli import app as case_app
from receivables.cases.limits import warning_text
from receivables.ledger.cli import app as mapping_app

from ..case_by_hand import EDGES

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "datasets" / "electromech"
runner = CliRunner()


RECEIVABLES = Path(sys.executable).with_name("receivables")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
NEW_NOTEBOOKS = ["03.00-Who-Owes-And-Why", "04.00-Profit-Impact", "05.00-Collection-Plan", "06.00-Risk-And-Prevention"]


def run_in_terminal(args: list[str], timeout: float = 600) -> tuple[int, str]:
    """Run a command with a pseudo-terminal as its stdin, stdout and stderr; returns the
    exit code and everything it wrote (escape codes and carriage returns kept)."""
    master, slave = pty.openpty()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="120")
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(master)
    code = proc.wait(timeout=30)
    return code, b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def case_run(tmp_path_factory) -> tuple[Path, str]:
    """The bundled case, run once for the module by the real command on a terminal."""
    out = tmp_path_factory.mktemp("case") / "new" / "out"  # created when missing
    code, text = run_in_terminal(
        [
            str(RECEIVABLES),
            "case",
            "run",
            "--ledger",
            str(CASE / "invoices.csv"),
            "--mapping",
            str(CASE / "mapping.yml"),
            "--out",
            str(out),
        ]
    )
    assert code == 0, ANSI.sub("", text)[-3000:]
    return out, text


@pytest.fixture(scope="module")
def case_out(case_run) -> Path:
    return case_run[0]


def test_all_outputs(case_out):
    notebooks = ["01.00-The-Case-And-The-Question", "02.00-Aging-And-DSO", *NEW_NOTEBOOKS]
    for name in ["summary.json", "rejected.csv", "aging.xlsx", "report.html", *(f"{n}.ipynb" for n in notebooks)]:
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
    assert [a["bucket"] for a in s["aging"]] == [e[0] for e in EDGES]
    for a, (_, lo, hi) in zip(s["aging"], EDGES, strict=True):
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


RAW_NAME = re.compile(r"^(index|[a-z0-9]+(_[a-z0-9]+)+)$")  # customer_id, open_amount, index ...


def headers(ws) -> list:
    return [c.value for c in next(ws.iter_rows(max_row=1))]


def test_xlsx_headers_read_like_a_report(case_out):
    """Headers a sales manager reads, no pandas index; amounts formatted; figures by hand."""
    wb = openpyxl.load_workbook(case_out / "aging.xlsx")
    by_customer = wb["Aging by customer"]
    assert headers(by_customer) == [
        "Customer ID",
        "Customer",
        "Not yet due",
        "1-30 days overdue",
        "31-60 days overdue",
        "61-90 days overdue",
        "91-180 days overdue",
        "181-365 days overdue",
        "Over 365 days overdue",
        "Total open",
    ]
    assert headers(wb["Open invoices"]) == [
        "Invoice",
        "Customer ID",
        "Customer",
        "Invoice date",
        "Due date",
        "Amount invoiced",
        "Paid so far",
        "Open amount (未收金额)",
        "Days past due (逾期天数)",
        "Days since invoice (账龄天数)",
    ]
    assert headers(wb["Rejected rows"])[:2] == ["Row in your file", "Why it was set aside"]
    for ws in wb.worksheets[:3]:
        assert not [h for h in headers(ws) if RAW_NAME.match(str(h))], ws.title

    # Each customer's total open, by hand from the CSVs (as of the latest date in them).
    inv = pd.read_csv(CASE / "invoices.csv", parse_dates=["invoice_date", "due_date"])
    pay = pd.read_csv(CASE / "payments.csv", parse_dates=["paid_date"])
    as_of = max(inv["invoice_date"].max(), pay["paid_date"].max())
    paid = pay[pay["paid_date"] <= as_of].groupby("invoice_id")["paid_amount"].sum()
    inv = inv[inv["invoice_date"] <= as_of]
    open_ = inv["amount"] - inv["invoice_id"].map(paid).fillna(0.0)
    expected = open_[open_.abs() > 0.005].groupby(inv["customer_id"]).sum()
    rows = list(by_customer.iter_rows(min_row=2, values_only=True))
    got = {row[0]: row[-1] for row in rows}
    assert sorted(got) == sorted(expected.index)
    for customer, total in expected.items():
        assert math.isclose(got[customer], total, abs_tol=0.01), customer
    assert [r[-1] for r in rows] == sorted((r[-1] for r in rows), reverse=True)  # largest first
    assert by_customer.cell(row=2, column=3).number_format == "#,##0.00"

    summary = {row[0]: row[1] for row in wb["Summary"].iter_rows(min_row=2, values_only=True)}
    s = json.loads((case_out / "summary.json").read_text(encoding="utf-8"))
    assert summary["As-of date (基准日)"].date().isoformat() == s["as_of"]  # a date cell
    assert summary["DSO, days (应收账款周转天数)"] == s["dso"]
    assert summary["Aging (账龄): Over 365 days overdue"] == s["aging"][-1]["amount"]
    assert not [name for name in summary if RAW_NAME.match(str(name))]
    formats = {row[0].value: row[1].number_format for row in wb["Summary"].iter_rows(min_row=2)}
    assert formats["Open balance (未收余额)"] == "#,##0.00" and formats["Ledger rows read"] == "#,##0"


def test_html_has_no_code_and_embeds_images(case_out):
    html = (case_out / "report.html").read_text(encoding="utf-8")
    assert "import " not in html
    assert "data:image/png;base64," in html
    assert '<img src="http' not in html


class Links(HTMLParser):
    """Every tag's src and href, and the text of the style elements."""

    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.styles: list[str] = []
        self.html_lang = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.refs.append((tag, name, value))
            if tag == "html" and name == "lang":
                self.html_lang = value or ""
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def parsed(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


def assert_self_contained(html: str) -> None:
    """Opens offline: nothing fetched from the internet (scripts, style sheets, images,
    fonts); a link a reader may click in the text is allowed."""
    links = parsed(html)
    fetched = [
        (tag, attr, value)
        for tag, attr, value in links.refs
        if re.match(r"\s*(https?:)?//", value) and not (tag == "a" and attr == "href")
    ]
    assert fetched == []
    assert not [v for tag, _, v in links.refs if tag == "script"]  # no script files at all
    styles = "\n".join(links.styles)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", styles)
    # Links to the notebooks' neighbours (navigation cells) would be dead in a mailed report.
    assert not [v for tag, _, v in links.refs if tag == "a" and re.search(r"\.(ipynb|md)(#|$)", v)]


def test_report_opens_offline(case_out, invoices_only):
    for html in (
        (case_out / "report.html").read_text(encoding="utf-8"),
        (invoices_only[0] / "report.html").read_text(encoding="utf-8"),
    ):
        assert_self_contained(html)


def test_report_hides_the_recorded_figures(case_out):
    """The record cell's output (a bundle for tests and its raw dict) stays in the executed
    notebooks and out of the report, together with its "Key figures" table."""
    import nbformat

    from receivables.course import recorded

    html = (case_out / "report.html").read_text(encoding="utf-8")
    assert "{&#x27;lang&#x27;" not in html and "{'lang'" not in html and "lang&quot;" not in html
    from receivables.i18n import t

    assert t("figures_table.title", "en") not in html and "application/vnd.receivables.figures+json" not in html
    for name in ["01.00-The-Case-And-The-Question", "02.00-Aging-And-DSO", *NEW_NOTEBOOKS]:
        assert recorded(nbformat.read(case_out / f"{name}.ipynb", as_version=4))["lang"] == "en", name
    assert html.count('class="case-part"') == 5  # a rule between the six parts


def test_report_in_chinese_names_a_chinese_font(case_out, invoices_only):
    """Chinese text needs a CJK face named in the CSS (else boxes, or Japanese glyph shapes);
    Chinese faces lead in the Chinese report, follow the Latin ones in the English one."""
    zh = (invoices_only[0] / "report.html").read_text(encoding="utf-8")
    en = (case_out / "report.html").read_text(encoding="utf-8")
    assert parsed(zh).html_lang == "zh" and parsed(en).html_lang == "en"
    from receivables.i18n import t

    assert f"<title>{t('case.report_title', 'zh')} · 2025-05-20</title>" in zh

    def stack(html: str) -> list[str]:
        styles = "\n".join(parsed(html).styles)
        (found,) = re.findall(r"body \{ font-family: ([^;]+);", styles)
        return [face.strip().strip("'\"") for face in found.split(",")]

    zh_faces, en_faces = stack(zh), stack(en)
    assert zh_faces[0] == "Noto Sans CJK SC" and {"Microsoft YaHei", "PingFang SC"} <= set(zh_faces)
    assert en_faces.index("Noto Sans CJK SC") > en_faces.index("Arial")
    assert zh_faces[-1] == en_faces[-1] == "sans-serif"


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
    r = runner.invoke(case_app, ["run", "--ledger", str(led), "--mapping", str(m), "--out", str(out), "--lang", "zh"])
    assert r.exit_code == 0, r.output
    assert "读取 5 行,采用 2 行,拒收 3 行(见 rejected.csv)" in r.output  # --lang zh: the line too
    rej = pd.read_csv(out / "rejected.csv", encoding="utf-8-sig")
    assert list(rej.columns[:2]) == ["原文件行号", "拒收原因"]  # --lang zh: headers and reasons in Chinese
    assert rej["原文件行号"].tolist() == [3, 4, 5]
    reasons = dict(zip(rej["原文件行号"], rej["拒收原因"], strict=True))
    assert "发票号“F002”重复" in reasons[3]
    assert "不是日期" in reasons[4]
    assert "金额为空" in reasons[5]
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert s["rows_read"] == 5 == s["rows_used"] + s["rows_rejected"]
    assert s["rows_rejected"] == 3
    book = openpyxl.load_workbook(out / "aging.xlsx")
    assert book.sheetnames == ["汇总", "客户账龄", "未结发票", "拒收行"]
    assert headers(book["客户账龄"]) == [
        "客户编号",
        "客户名称",
        "未到期",
        "逾期1-30天",
        "逾期31-60天",
        "逾期61-90天",
        "逾期91-180天",
        "逾期181-365天",
        "逾期365天以上",
        "未收余额合计",
    ]
    assert headers(book["未结发票"]) == [
        "发票号",
        "客户编号",
        "客户名称",
        "开票日期",
        "到期日",
        "开票金额",
        "已收金额",
        "未收金额",
        "逾期天数",
        "账龄天数",
    ]
    # The rejected rows: our two columns in Chinese, then the user's own headers as they were.
    assert headers(book["拒收行"]) == ["原文件行号", "拒收原因", *BAD.splitlines()[0].split(",")]
    figures = [row[0] for row in book["汇总"].iter_rows(min_row=2, values_only=True)]
    assert figures[:3] == ["基准日", "读取的账目行数", "采用的行数"] and "账龄:逾期365天以上" in figures
    for ws in book.worksheets:
        assert not [h for h in headers(ws) if RAW_NAME.match(str(h))], ws.title


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


# ---- the new case notebooks (03-06), the report and the progress display


def _markdown_outputs(path: Path) -> str:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return "\n".join(
        out.get("data", {}).get("text/markdown", "") for cell in nb.cells for out in cell.get("outputs", [])
    )


def test_executed_notebooks_show_figures_from_the_data(case_out):
    import nbformat

    from receivables.course import recorded

    figures = recorded(nbformat.read(case_out / "05.00-Collection-Plan.ipynb", as_version=4))
    assert figures["limitation_flagged"] == ["INV2023000001"]  # datasets/electromech/README.md
    text = _markdown_outputs(case_out / "03.00-Who-Owes-And-Why.ipynb")
    assert "Lanfeng New Energy Group" in text  # C0021, the largest balance (README)
    s = json.loads((case_out / "summary.json").read_text(encoding="utf-8"))
    assert f"{s['open_balance']:,.2f}" in _markdown_outputs(case_out / "04.00-Profit-Impact.ipynb")


def test_report_holds_every_case_notebook(case_out):
    html = (case_out / "report.html").read_text(encoding="utf-8")
    for title in [
        "The case and the question",
        "Aging and DSO",
        "Who owes and why",
        "Profit impact",
        "Collection plan",
        "Risk and prevention",
    ]:
        assert title in html, title
    # Charts of 01-06 embedded: aging, trend, top debtors, fishbone, excuses, loss, Z'' zones at least.
    assert html.count("data:image/png;base64,") >= 7
    assert "def " not in html and "display(" not in html


def test_progress_bar_per_step_on_a_terminal(case_run):
    _, text = case_run
    frames = [ANSI.sub("", f) for f in re.split(r"\r|\n", text)]
    steps = [
        "read",
        "summary",
        "xlsx",
        "01.00-The-Case-And-The-Question",
        "02.00-Aging-And-DSO",
        *NEW_NOTEBOOKS,
        "html",
    ]
    drawn = {}
    for frame in frames:
        match = re.match(r"\s*(\S+) .*━.*?(\d+)%", frame)
        if match:
            drawn.setdefault(match.group(1), int(match.group(2)))
    assert [s for s in steps if s not in drawn] == [], sorted(drawn)
    percents = [drawn[s] for s in steps]
    assert percents == sorted(percents) and percents[-1] == 100
    assert "\x1b[" in text  # drawn in place with terminal control codes


def test_terminal_shows_progress_and_result_only(case_run):
    """No kernel log lines ("[IPKernelApp] WARNING | Kernel is running over TCP ...") among
    the progress frames; the last line is the summary, in English by default."""
    out, text = case_run
    plain = ANSI.sub("", text)
    assert "[IPKernelApp]" not in plain and "WARNING" not in plain and "ERROR" not in plain
    lines = [line.strip() for line in re.split(r"\r|\n", plain) if line.strip()]
    assert all("━" in line for line in lines[:-1]), [line for line in lines[:-1] if "━" not in line]
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert lines[-1] == (
        f"{s['rows_read']} rows read, {s['rows_used']} used, {s['rows_rejected']} rejected (see rejected.csv); "
        f"as of {s['as_of']}: open balance {s['open_balance']:,.2f}, DSO {s['dso']:,.1f} days; report in {out}"
    )


FAILING = {
    "cells": [
        {
            "cell_type": "code",
            "metadata": {"tags": ["parameters"]},
            "execution_count": None,
            "outputs": [],
            "id": "p",
            "source": 'ledger = ""\nmapping = ""\nas_of = ""\nlang = "en"\ncurrency = ""',
        },
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "id": "f",
            "source": 'raise ValueError("no customer named Acme in this ledger")',
        },
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def test_failing_notebook_one_error_line_and_no_kernel_log(bad_ledger, tmp_path, monkeypatch, capfd):
    """The kernel's own log stays quiet, a notebook's real error still stops the run."""
    import receivables.cases.run as case_run_module

    notebook = tmp_path / "09.00-Fails.ipynb"
    notebook.write_text(json.dumps(FAILING), encoding="utf-8")
    monkeypatch.setattr(case_run_module, "case_notebooks", lambda: [notebook])
    led, m = bad_ledger
    r = runner.invoke(case_app, ["run", "--ledger", str(led), "--mapping", str(m), "--out", str(tmp_path / "o")])
    assert r.exit_code == 1
    assert r.output.strip().splitlines() == [r.output.strip()]
    assert r.output.startswith("error: ") and "ValueError: no customer named Acme in this ledger" in r.output
    # The kernel writes to the process's stderr file descriptor itself, past CliRunner.
    err = capfd.readouterr().err
    assert "[IPKernelApp]" not in err, err
    assert (tmp_path / "o" / "09.00-Fails.ipynb").is_file()  # kept for a look at the traceback


INVOICES_ONLY = """invoice no,customer,invoice date,due date,amount
A-001,K1,2025-01-05,2025-02-04,1000
A-002,K2,2025-01-10,2025-02-09,2000.50
A-003,K1,2025-03-01,2025-03-31,500
A-004,K3,2025-04-02,2025-05-02,-120
A-005,K3,2025-05-20,2025-06-19,760
"""
INVOICES_ONLY_MAP = """columns:
  invoice_id: invoice no
  customer_id: customer
  invoice_date: invoice date
  due_date: due date
  amount: amount
"""


@pytest.fixture(scope="module")
def invoices_only(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A ledger of invoices alone (no payments, customers, log, promises, statements),
    run in Chinese with pipes: no terminal."""
    d = tmp_path_factory.mktemp("plain")
    (d / "invoices.csv").write_text(INVOICES_ONLY, encoding="utf-8")
    (d / "mapping.yml").write_text(INVOICES_ONLY_MAP, encoding="utf-8")
    out = d / "out"
    proc = subprocess.run(
        [
            str(RECEIVABLES),
            "case",
            "run",
            "--ledger",
            str(d / "invoices.csv"),
            "--mapping",
            str(d / "mapping.yml"),
            "--lang",
            "zh",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )
    return out, proc


def test_invoices_only_ledger_runs_every_notebook(invoices_only):
    out, proc = invoices_only
    assert proc.returncode == 0, proc.stderr[-3000:]
    for name in NEW_NOTEBOOKS:
        assert (out / f"{name}.ipynb").is_file(), name
    from receivables.cases.tables import missing_note

    who = _markdown_outputs(out / "03.00-Who-Owes-And-Why.ipynb")
    assert missing_note("customers", "zh") in who and missing_note("activities", "zh") in who
    plan = _markdown_outputs(out / "05.00-Collection-Plan.ipynb")
    # By hand, as of 2025-05-20: K2 owes 2,000.50 x 100 days = 200,050; K1 1,000 x 105 + 500 x 50 = 130,000.
    assert missing_note("promises", "zh") in plan and "首先联系 **K2**" in plan
    risk = _markdown_outputs(out / "06.00-Risk-And-Prevention.ipynb")
    assert missing_note("financials", "zh") in risk and missing_note("customers", "zh") in risk
    html = (out / "report.html").read_text(encoding="utf-8")
    assert missing_note("promises", "zh") in html


def test_without_a_terminal_output_stays_plain_lines(invoices_only):
    _, proc = invoices_only
    for stream in (proc.stdout, proc.stderr):
        assert "\r" not in stream and "\x1b[" not in stream and "━" not in stream
    # One summary line, in Chinese, then the warning a manager needs: nothing is paid.
    _, *warnings = proc.stdout.strip().splitlines()
    assert warnings == ["警告：" + warning_text({"code": "no_payments", "params": {"invoices": 5}}, "zh")]
    # By hand: as of 2025-05-20 nothing is paid; 1,000 + 2,000.50 + 500 - 120 + 760 = 4,140.50 open.
    # Sales of the 90 days up to it: 500 - 120 + 760 = 1,140; DSO = 4,140.50 / 1,140 x 90 = 326.88 days.
    assert proc.stdout.startswith(
        "读取 5 行,采用 5 行,拒收 0 行(见 rejected.csv);截至 2025-05-20:"
        "未收余额 4,140.50,应收账款周转天数 326.9 天;报告在 "
    )
    assert "rows read" not in proc.stdout and "DSO" not in proc.stdout


IBM = ROOT.parent / "shared" / "data" / "ibm-accounts-receivable.csv"  # not shipped: see cases/mappings


@pytest.mark.skipif(not IBM.is_file(), reason="the public IBM sample is not on this machine")
def test_public_sample_through_its_mapping_alone(tmp_path):
    out = tmp_path / "ibm"
    r = runner.invoke(
        case_app,
        [
            "run",
            "--ledger",
            str(IBM),
            "--mapping",
            str(ROOT / "cases/mappings/ibm-accounts-receivable.yml"),
            "--as-of",
            "2013-06-30",
            "--out",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.output
    raw = pd.read_csv(IBM, dtype=str)
    inv = pd.DataFrame(
        {
            "issued": pd.to_datetime(raw["InvoiceDate"], format="%m/%d/%Y"),
            "settled": pd.to_datetime(raw["SettledDate"], format="%m/%d/%Y"),
            "amount": raw["InvoiceAmount"].astype(float),
        }
    )
    as_of = pd.Timestamp("2013-06-30")
    open_ = inv[(inv["issued"] <= as_of) & (inv["settled"] > as_of)]
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert s["open_invoices"] == len(open_) and math.isclose(s["open_balance"], open_["amount"].sum(), abs_tol=0.01)
    from receivables.cases.tables import missing_note

    text = "".join(_markdown_outputs(out / f"{n}.ipynb") for n in NEW_NOTEBOOKS)
    for table in ("customers", "activities", "promises", "financials"):
        assert missing_note(table, "en") in text, table
    assert (out / "report.html").is_file() and (out / "aging.xlsx").is_file()


# ---- the texts of the outputs, by hand


def test_bucket_headers_and_summary_line_by_hand():
    from receivables.cases.outputs import bucket_header, column_header, summary_line

    assert [bucket_header(b, "en") for b in ("current", "1-30", "over 365", "up to 30")] == [
        "Not yet due",
        "1-30 days overdue",
        "Over 365 days overdue",
        "Up to 30 days overdue",
    ]
    assert [bucket_header(b, "zh") for b in ("current", "91-180", "over 365")] == [
        "未到期",
        "逾期91-180天",
        "逾期365天以上",
    ]
    assert column_header("金额", "zh") == "金额" and column_header("open_amount", "zh") == "未收金额"
    s = {
        "rows_read": 12,
        "rows_used": 10,
        "rows_rejected": 2,
        "as_of": "2025-06-30",
        "open_balance": 1234567.5,
        "dso": None,
    }
    assert summary_line(s, "out", "en") == (
        "12 rows read, 10 used, 2 rejected (see rejected.csv); as of 2025-06-30: open balance 1,234,567.50, "
        "DSO undefined (no sales in the last 90 days); report in out"
    )
    assert summary_line({**s, "dso": 45.04}, "报告", "zh") == (
        "读取 12 行,采用 10 行,拒收 2 行(见 rejected.csv);截至 2025-06-30:未收余额 1,234,567.50,"
        "应收账款周转天数 45.0 天;报告在 报告"
    )
    with pytest.raises(ValueError, match="lang"):
        summary_line(s, "out", "fr")


def test_report_leaves_out_the_trainers_questions(case_out):
    """Discussion questions are for the workshop: the notebooks keep them, the report does not."""
    html = (case_out / "report.html").read_text(encoding="utf-8")
    assert "For the trainer" not in html
    for path in sorted((ROOT / "cases").glob("[0-9][0-9].[0-9][0-9]-*.ipynb")):
        assert '"trainer"' in path.read_text(encoding="utf-8"), f"{path.name}: tag its trainer cell"


def test_side_table_rows_not_used_are_written_and_said(bad_ledger, tmp_path, monkeypatch):
    """A promises table named in the mapping: its bad rows go to rejected-promises.csv, the
    command says how many, and the collection plan's notebook says so above its figures."""
    import receivables.cases.run as case_run_module

    monkeypatch.setattr(
        case_run_module, "case_notebooks", lambda: [case_run_module.cases_dir() / "05.00-Collection-Plan.ipynb"]
    )
    led, m = bad_ledger
    (tmp_path / "承诺.csv").write_bytes(
        ("客户编号,承诺日期,约定付款日,承诺金额\nK1,2025-02-01,2025-02-20,500\nK2,2025-02-02,月底,800\n").encode(
            "gb18030"
        )
    )
    m.write_text(
        BAD_MAP + "promises:\n  file: 承诺.csv\n  columns: {customer_id: 客户编号, made_on: 承诺日期, "
        "promised_date: 约定付款日, promised_amount: 承诺金额}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    r = runner.invoke(case_app, ["run", "--ledger", str(led), "--mapping", str(m), "--out", str(out)])
    assert r.exit_code == 0, r.output
    line = (
        "promises: 1 of 2 rows could not be used and are left out here "
        "(each with its row number and reason in rejected-promises.csv)."
    )
    assert line in r.output.strip().splitlines()  # warnings may follow
    rej = pd.read_csv(out / "rejected-promises.csv", encoding="utf-8-sig")
    assert rej[["row", "reason"]].to_dict("records") == [
        {"row": 2, "reason": "promised_date (约定付款日) '月底' is not a date"}
    ]
    assert line in _markdown_outputs(out / "05.00-Collection-Plan.ipynb")
