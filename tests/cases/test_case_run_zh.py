"""receivables case run --lang zh: report.html, aging.xlsx, rejected.csv and the
rejected-<table>.csv files wholly in Chinese, on the bundled case and on a small ledger
whose rows are set aside for several reasons.

"English" here is an English sentence: a run of three or more English words in a row.
Numbers, dates, file names, currency codes, inline code (commands such as `receivables
case run`) and the course's abbreviations (DSO, BPDSO, ADD, CEI, Z″, CNY, LSCP, PMP,
Excel, CSV) are not words. The report's prose comes from the Chinese twins of the case
notebooks (cases/zh/, written by the translators); everything else (tables, sentences,
charts) from the package: a failure says which is which.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest

from receivables.ledger.reasons import source_header
from tests.cases.test_case_run import BAD, BAD_MAP, CASE, RAW_NAME, RECEIVABLES, headers

ROOT = Path(__file__).resolve().parents[2]
ABBREVIATIONS = {"DSO", "BPDSO", "ADD", "CEI", "CNY", "LSCP", "PMP", "Excel", "CSV"}
FILE_NAME = r"[\w.\-]+\.(?:csv|xlsx|xls|ipynb|ya?ml|html|json|md|txt|py)\b"
TOKEN = re.compile(rf"(?P<file>{FILE_NAME})|(?P<word>[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)(?![\w″])|(?P<other>\S)")
GAP = re.compile(r"[\s,;:.()\[\]'\"/&*_`!?’‘“”-]*")  # what may stand between two words of a sentence
CJK = re.compile(r"[\u4e00-\u9fff]")


def is_word(token: str | None) -> bool:
    """An English word: not an abbreviation of the course, not a currency code (CNY, USD)."""
    if not token or token in ABBREVIATIONS or re.fullmatch(r"[A-Z]{3}", token):
        return False
    return len(token) > 1 or token in ("a", "A", "I")


def english_runs(text: str, n: int = 3) -> list[str]:
    """Every run of ``n`` or more English words in a row in ``text``."""
    runs, run, last_end = [], [], 0
    for m in TOKEN.finditer(text):
        if is_word(m.group("word")):
            if run and not GAP.fullmatch(text[last_end : m.start()]):
                runs.append(run)
                run = []
            run.append((m.start(), m.end()))
        elif run:
            runs.append(run)
            run = []
        last_end = m.end()
    runs.append(run)
    return [text[r[0][0] : r[-1][1]] for r in runs if len(r) >= n]


def english_words(text: str) -> list[str]:
    """The English words of a short label (a header, a chart's title or tick)."""
    return [m.group("word") for m in TOKEN.finditer(text) if is_word(m.group("word"))]


class Visible(HTMLParser):
    """The text a reader sees: without scripts, styles and inline code, one line per block."""

    BLOCKS = {"p", "div", "td", "th", "li", "h1", "h2", "h3", "h4", "h5", "br", "tr", "title", "pre"}
    HIDDEN = {"script", "style", "code"}

    def __init__(self):
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self.hidden -= tag in self.HIDDEN and self.hidden > 0
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = Visible()
    parser.feed(html)
    return "".join(parser.parts)


def letters(text: str) -> str:
    """The English words of a text alone, for finding a sentence in its source."""
    return " ".join(re.findall(r"[A-Za-z]+", text))


# ---- the runs: the bundled case and a small ledger with rejected rows, both in Chinese

#: A kernel start-up file that writes every text of every chart the notebooks draw
#: (titles, axis labels, ticks, legends) to $RECEIVABLES_CHART_TEXTS, one line per chart.
CHART_TEXTS = """
import json, os
import matplotlib.backend_bases as backend_bases
from matplotlib.text import Text

_print_figure = backend_bases.FigureCanvasBase.print_figure


def print_figure(self, *args, **kwargs):
    result = _print_figure(self, *args, **kwargs)  # drawn: ticks and legends exist now
    texts = [t.get_text() for t in self.figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    with open(os.environ["RECEIVABLES_CHART_TEXTS"], "a", encoding="utf-8") as fh:
        fh.write(json.dumps(texts, ensure_ascii=False) + "\\n")
    return result


backend_bases.FigureCanvasBase.print_figure = print_figure
"""

LEDGER = (
    BAD
    + """F005,K3,丙公司,2025-02-05,2025-03-07,壹佰
F006,K1,甲公司,2025-03-01,2025-02-01,400
,K2,乙公司,2025-03-05,2025-04-04,800
F007,K1,甲公司,2025-03-06,2025-04-05,900,多余,值
F008,K1,甲公司,2025-03-10,2025-04-09,1200
F009,K2,乙公司,2025-04-01,2025-05-01,3000
F010,K3,丙公司,2025-04-15,2025-05-15,1500
F011,K1,甲公司,2025-05-02,2025-06-01,700
F012,K2,乙公司,2025-05-10,2025-06-09,2200
"""
)
PAYMENTS = "发票号,收款日期,收款金额\nF001,2025-02-10,1000\nF999,2025-02-11,50\nF003,2025-03-02,300\nF008,下周,1200\nF002,2025-03-01,500\n"
CUSTOMERS = "客户编号,客户名称,credit_limit\nK1,甲公司,5000\nK2,乙公司,很多\nK2,乙公司重复,1000\nK3,丙公司,8000\n"
PROMISES = "客户编号,承诺日期,约定付款日,承诺金额\nK1,2025-03-01,2025-03-20,500\nK2,2025-03-02,月底,800\nK3,2025-03-05,2025-03-25,\n"
MAPPING = (
    BAD_MAP
    + """payments:
  file: 收款.csv
  columns: {invoice_id: 发票号, paid_date: 收款日期, paid_amount: 收款金额}
customers:
  file: 客户.csv
  columns: {customer_id: 客户编号, customer_name: 客户名称}
promises:
  file: 承诺.csv
  columns: {customer_id: 客户编号, made_on: 承诺日期, promised_date: 约定付款日, promised_amount: 承诺金额}
"""
)
#: The reasons of the small ledger, by hand (row: reason), per file.
REASONS = {
    "rejected.csv": {
        3: "发票号“F002”重复(首次出现在第 2 行)",
        4: "开票日期“2025-13-40”不是日期",
        5: "金额为空",
        6: "金额“壹佰”不是数字",
        7: "到期日 2025-02-01 早于开票日期 2025-03-01",
        8: "发票号为空",
        9: "该行有 8 个值,但表头只有 6 列;多出的值:多余,值",
    },
    "rejected-payments.csv": {
        2: "发票号“F999”不在发票表中",
        3: "发票号“F003”对应的发票已被拒收(第 4 行)",
        4: "收款日期“下周”不是日期",
    },
    "rejected-customers.csv": {2: "信用额度“很多”不是数字", 3: "客户编号“K2”重复(首次出现在第 2 行)"},
    "rejected-promises.csv": {2: "约定付款日“月底”不是日期", 3: "承诺金额为空"},
}
RUNS = ["bundled", "rejects"]


@pytest.fixture(scope="module")
def zh_runs(tmp_path_factory) -> dict[str, tuple[Path, list[list[str]], Path]]:
    """name -> (output folder, the texts of each chart drawn, the ledger): both runs side
    by side, by the real command."""
    base = tmp_path_factory.mktemp("zh")
    startup = base / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-chart-texts.py").write_text(CHART_TEXTS, encoding="utf-8")
    own = base / "own"
    own.mkdir()
    (own / "账目.csv").write_bytes(LEDGER.encode("gb18030"))
    for name, text in [
        ("收款.csv", PAYMENTS),
        ("客户.csv", CUSTOMERS),
        ("承诺.csv", PROMISES),
        ("mapping.yml", MAPPING),
    ]:
        (own / name).write_text(text, encoding="utf-8")
    ledgers = {
        "bundled": (CASE / "invoices.csv", CASE / "mapping.yml"),
        "rejects": (own / "账目.csv", own / "mapping.yml"),
    }
    procs = {}
    for name, (ledger, mapping) in ledgers.items():
        env = dict(
            os.environ, IPYTHONDIR=str(base / "ipython"), RECEIVABLES_CHART_TEXTS=str(base / f"{name}-charts.jsonl")
        )
        procs[name] = subprocess.Popen(
            [
                str(RECEIVABLES),
                "case",
                "run",
                "--ledger",
                str(ledger),
                "--mapping",
                str(mapping),
                "--lang",
                "zh",
                "--out",
                str(base / name),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            stdin=subprocess.DEVNULL,
            env=env,
        )
    runs = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=900)
        assert proc.returncode == 0, f"{name}: {err[-3000:]}"
        charts = base / f"{name}-charts.jsonl"
        texts = (
            [json.loads(line) for line in charts.read_text(encoding="utf-8").splitlines()] if charts.exists() else []
        )
        runs[name] = (base / name, texts, ledgers[name][0])
    return runs


def report_runs(out: Path) -> dict[str, list[str]]:
    """The English sentences of report.html, by where each comes from: the prose of a
    case notebook (its Markdown cells: translators') or the package (cell outputs, the
    report's own text)."""
    from receivables.cases.outputs import report_cells

    prose, generated = [], []
    for path in sorted(out.glob("[0-9][0-9].[0-9][0-9]-*.ipynb")):
        for cell in report_cells(nbformat.read(path, as_version=4)):
            if cell.cell_type == "markdown":
                prose.append((f"{path.name} cell {cell.get('id')}", letters(re.sub(r"\]\([^)]*\)", "]", cell.source))))
            else:
                shown = [
                    visible_text(o["data"]["text/html"])
                    if "text/html" in o.get("data", {})
                    else o.get("data", {}).get("text/markdown", o.get("text", ""))
                    for o in cell.get("outputs", [])
                ]
                generated.append((path.name, letters(" ".join(shown))))
    found: dict[str, list[str]] = {"package": [], "notebook markdown": []}
    for run in english_runs(visible_text((out / "report.html").read_text(encoding="utf-8"))):
        key = letters(run)
        where = [name for name, text in prose if key in text]
        if where and not any(key in text for _, text in generated):
            found["notebook markdown"].append(f"{where[0]}: {run!r}")
        else:
            made = [name for name, text in generated if key in text]
            found["package"].append(f"{made[0] if made else 'report.html'}: {run!r}")
    return found


def listed(lines: list[str]) -> str:
    return "\n  " + "\n  ".join(lines)


@pytest.mark.parametrize("run", RUNS)
def test_report_text_made_by_the_package_is_chinese(zh_runs, run):
    """Tables, sentences and notes the package writes into the report: no English sentence."""
    out, _, _ = zh_runs[run]
    package = report_runs(out)["package"]
    assert not package, f"English written by the package into {run}'s report.html:{listed(package)}"


@pytest.mark.parametrize("run", RUNS)
def test_report_prose_is_chinese(zh_runs, run):
    """The whole report, the notebooks' prose included: it passes once the translators'
    twins in cases/zh/ are complete; until then it lists the cells still in English."""
    out, _, _ = zh_runs[run]
    found = report_runs(out)
    lines = [f"[{origin}] {line}" for origin, lines in found.items() for line in lines]
    assert not lines, (
        f"{len(lines)} English sentences in {run}'s report.html "
        f"(notebook markdown: translate in locales/zh_CN/LC_MESSAGES/cases/):{listed(lines)}"
    )


@pytest.mark.parametrize("run", RUNS)
def test_charts_are_chinese(zh_runs, run):
    """Every text of every chart (titles, axes, ticks, legends): no English word."""
    _, charts, _ = zh_runs[run]
    assert len(charts) >= 5, "the charts' texts were not recorded"
    english = sorted({text for chart in charts for text in chart if english_words(text)})
    assert not english, f"English in {run}'s charts:{listed(english)}"


@pytest.mark.parametrize("run", RUNS)
def test_executed_notebooks_are_the_chinese_twins(zh_runs, run):
    """--lang zh runs cases/zh/<name>.ipynb (Chinese prose) with lang="zh", not cases/<name>."""
    from receivables.cases.outputs import report_cells
    from receivables.course import recorded

    out, _, _ = zh_runs[run]
    twins = sorted((ROOT / "cases" / "zh").glob("[0-9][0-9].[0-9][0-9]-*.ipynb"))
    assert twins and sorted(p.name for p in out.glob("[0-9]*.ipynb")) == [p.name for p in twins]
    for twin in twins:
        executed = nbformat.read(out / twin.name, as_version=4)
        source = nbformat.read(twin, as_version=4)
        markdown = [c.source for c in report_cells(source) if c.cell_type == "markdown"]
        assert [c.source for c in report_cells(executed) if c.cell_type == "markdown"] == markdown, twin.name
        assert recorded(executed)["lang"] == "zh", twin.name


@pytest.mark.parametrize("run", RUNS)
def test_xlsx_headers_are_chinese(zh_runs, run):
    """Sheet names, headers and the Summary's figures in Chinese; the rejected rows keep the
    user's own headers after the two columns of the kit."""
    out, _, ledger = zh_runs[run]
    book = openpyxl.load_workbook(out / "aging.xlsx", read_only=True)
    assert book.sheetnames == ["汇总", "客户账龄", "未结发票", "拒收行"]
    for ws in book.worksheets[:3]:
        english = [h for h in headers(ws) if english_words(str(h)) or RAW_NAME.match(str(h)) or not CJK.search(str(h))]
        assert not english, (ws.title, english)
    figures = [row[0] for row in book["汇总"].iter_rows(min_row=2, values_only=True)]
    assert figures and all(CJK.search(f) and not english_words(f) for f in figures), figures
    own = pd.read_csv(ledger, nrows=0, encoding="gb18030" if run == "rejects" else "utf-8").columns.tolist()
    rejected = headers(book["拒收行"])
    assert rejected == ["原文件行号", "拒收原因", *(source_header(h, "zh") for h in own)]
    assert all(CJK.search(h) for h in rejected), rejected  # the bundled case's invoice_id: 发票号(invoice_id)


def reasons_of(path: Path) -> dict[int, str]:
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns[:2]) == ["原文件行号", "拒收原因"], path.name
    assert all(CJK.search(h) for h in frame.columns), (path.name, frame.columns.tolist())
    assert "reason_code" not in frame.columns and "reason" not in frame.columns
    return dict(zip(frame["原文件行号"].astype(int), frame["拒收原因"], strict=True))


def test_every_reason_is_chinese(zh_runs):
    """rejected.csv, each rejected-<table>.csv and the 拒收行 sheet: every reason in Chinese,
    naming the user's own column (or the field's Chinese name), none with an English sentence."""
    out, _, _ = zh_runs["rejects"]
    written = {name: reasons_of(out / name) for name in REASONS}
    assert written == REASONS
    sheet = openpyxl.load_workbook(out / "aging.xlsx", read_only=True)["拒收行"]
    rows = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows == REASONS["rejected.csv"]
    everything = [r for reasons in [*written.values(), rows] for r in reasons.values()]
    bad = [r for r in everything if not CJK.search(r) or english_runs(r)]
    assert not bad, f"reasons not in Chinese:{listed(bad)}"
    assert not any(english_words(r) for r in everything)  # not even one word of English


def test_bundled_case_rejects_nothing_in_chinese(zh_runs):
    out, _, _ = zh_runs["bundled"]
    assert reasons_of(out / "rejected.csv") == {}
    for path in out.glob("rejected-*.csv"):
        reasons = reasons_of(path)
        assert all(CJK.search(r) and not english_runs(r) for r in reasons.values()), (path.name, reasons)


def test_chinese_twin_or_the_english_notebook(tmp_path):
    """--lang zh: the twin zh/<same name> when there is one, else the notebook itself
    (run with lang="zh"); English: always the notebook itself."""
    from receivables.cases.run import case_notebooks, edition

    english = tmp_path / "01.00-A.ipynb"
    english.write_text("{}", encoding="utf-8")
    assert edition(english, "zh") == english == edition(english, "en")  # no zh/ folder yet
    (tmp_path / "zh").mkdir()
    assert edition(english, "zh") == english  # a folder without this twin
    (tmp_path / "zh" / english.name).write_text("{}", encoding="utf-8")
    assert edition(english, "zh") == tmp_path / "zh" / english.name and edition(english, "en") == english
    assert all(edition(nb, "zh") == nb.parent / "zh" / nb.name for nb in case_notebooks())  # every case has its twin
