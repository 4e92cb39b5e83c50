"""One set of figures: every figure report.html shows that summary.json or aging.xlsx also
holds is the same number, on several ledgers (the kit's frozen case, a generated one, small
company exports) in both languages.

report.html marks its figures (`receivables.cases.figures.mark`): ``<span data-figure="key"
data-value="…">text</span>``; the test reads those, never the prose. Each ledger is run once
for the module, with the notebooks that show the headline figures (parts 1, 2 and 4).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from pathlib import Path

import openpyxl
import pytest

from receivables.cases.figures import (
    MARKED,
    NOT_IN_SUMMARY,
    mark,
    report_disagreements,
    summary_value,
)
from receivables.cases.run import cases_dir, run_case

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "datasets" / "electromech"
FIGURE_NOTEBOOKS = ["01.00-The-Case-And-The-Question", "02.00-Aging-And-DSO", "04.00-Profit-Impact"]

# A company's export as a German SAP FBL5N would give it, in EUR: decimal commas, a credit
# note, a cleared item, an overdue one, a column of currency codes.
EUR_HEADER = [
    "Belegnummer",
    "Kunde",
    "Name 1",
    "Belegdatum",
    "Nettofälligkeit",
    "Betrag in HW",
    "Ausgleichsdatum",
    "Währung",
]
EUR_ROWS = [
    ["1800000012", "100234", "Müller Maschinenbau GmbH", "04.07.2023", "03.08.2023", "12.345,56", "", "EUR"],
    ["1800000013", "100235", "Bäckerei Schäfer KG", "05.07.2023", "04.08.2023", "980,00", "20.07.2023", "EUR"],
    ["1800000014", "100236", "Größner & Söhne", "06.07.2023", "05.08.2023", "75,10", "", "EUR"],
    ["1800000015", "100236", "Größner & Söhne", "10.08.2023", "10.08.2023", "200,00-", "", "EUR"],
    ["1800000016", "100234", "Müller Maschinenbau GmbH", "01.09.2023", "01.10.2023", "8.686.862,10", "", "EUR"],
    ["1800000017", "100237", "Weber Elektro AG", "15.09.2023", "15.10.2023", "45.000,00", "", "EUR"],
]
EUR_MAPPING = """columns:
  invoice_id: Belegnummer
  customer_id: Kunde
  customer_name: Name 1
  invoice_date: Belegdatum
  due_date: Nettofälligkeit
  amount: Betrag in HW
  paid_date: Ausgleichsdatum
  currency: Währung
decimal_mark: ","
thousands_separator: "."
date_format: "%d.%m.%Y"
"""
# A small Chinese company's ledger: GB18030, partial payments as paid dates, no currency column.
ZH_LEDGER = """单据编号,客户编号,客户名称,业务日期,到期日,价税合计,收款日期
F001,K1,甲公司,2025-01-05,2025-02-04,1000,2025-02-01
F002,K2,乙公司,2025-01-10,2025-02-09,2000.50,
F003,K1,甲公司,2025-03-01,2025-03-31,500,
F004,K3,丙公司,2025-04-02,2025-05-02,-120,
F005,K3,丙公司,2025-05-20,2025-06-19,760,
F006,K2,乙公司,2025-06-01,2025-06-30,3333.33,
"""
ZH_MAPPING = """columns:
  invoice_id: 单据编号
  customer_id: 客户编号
  customer_name: 客户名称
  invoice_date: 业务日期
  due_date: 到期日
  amount: 价税合计
  paid_date: 收款日期
"""


# A QuickBooks Online "A/R Aging Detail" CSV: report lines above the header, a group row per
# bucket, "Total for …" rows, TOTAL and a footer; run from the draft `mapping suggest` writes.
QB_ROWS = [
    ["Current"],
    ["", "12/15/2023", "Invoice", "1045", "Acme Corp", "01/14/2024", "1,200.00", "1,200.00"],
    ["", "12/20/2023", "Invoice", "1046", "Beta LLC", "01/19/2024", "850.50", "850.50"],
    ["Total for Current", "", "", "", "", "", "$2,050.50", ""],
    ["1 - 30 days past due"],
    ["", "11/10/2023", "Invoice", "1030", "Acme Corp", "12/10/2023", "3,000.00", "3,000.00"],
    ["", "11/12/2023", "Credit Memo", "CM-7", "Beta LLC", "11/12/2023", "-200.00", "-200.00"],
    ["Total for 1 - 30 days past due", "", "", "", "", "", "$2,800.00", ""],
    ["TOTAL", "", "", "", "", "", "$4,850.50", "$4,850.50"],
    [],
    ["Accrual Basis Monday, January 8, 2024 10:12 AM GMT-08:00"],
]


def quickbooks(folder: Path) -> tuple[Path, Path]:
    from receivables.ledger import suggest_mapping, write_mapping

    lines = [
        ["Precision Parts Manufacturing Inc."],
        ["A/R Aging Detail Report"],
        ["As of December 31, 2023"],
        [],
        ["", "Date", "Transaction Type", "Num", "Customer", "Due Date", "Amount", "Open Balance"],
        *QB_ROWS,
    ]
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(lines)
    folder.mkdir()
    ledger = folder / "AR Aging Detail.csv"
    ledger.write_text(text.getvalue(), encoding="utf-8")
    return ledger, write_mapping(suggest_mapping(ledger), folder / "mapping.yml")


def _run(ledger: Path, mapping: Path, out: Path, lang: str, as_of: str | None = None) -> Path:
    run_case(ledger, mapping, as_of, lang, out, notebooks=[cases_dir() / f"{n}.ipynb" for n in FIGURE_NOTEBOOKS])
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """Each ledger run once: name -> (output folder, language)."""
    from receivables.datasets.generator import MIN_CUSTOMERS, MIN_MONTHS, generate
    from receivables.datasets.writer import write_dataset

    base = tmp_path_factory.mktemp("figures")
    done: dict[str, tuple[Path, str]] = {}
    done["case"] = (_run(CASE / "invoices.csv", CASE / "mapping.yml", base / "case", "en"), "en")

    generated = base / "generated"
    write_dataset(generate(seed=7, customers=MIN_CUSTOMERS, months=MIN_MONTHS, end="2024-09-30"), generated)
    done["generated"] = (
        _run(generated / "invoices.csv", generated / "mapping.yml", base / "generated-out", "zh"),
        "zh",
    )

    eur = base / "eur"
    eur.mkdir()
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\n").writerows([EUR_HEADER, *EUR_ROWS])
    (eur / "fbl5n.csv").write_bytes(text.getvalue().encode("cp1252"))
    (eur / "mapping.yml").write_text(EUR_MAPPING, encoding="utf-8")
    done["eur"] = (_run(eur / "fbl5n.csv", eur / "mapping.yml", eur / "out", "en", as_of="2023-11-30"), "en")

    zh = base / "zh"
    zh.mkdir()
    (zh / "应收明细.csv").write_bytes(ZH_LEDGER.encode("gb18030"))
    (zh / "mapping.yml").write_text(ZH_MAPPING, encoding="utf-8")
    done["zh"] = (_run(zh / "应收明细.csv", zh / "mapping.yml", zh / "out", "zh"), "zh")
    qb, qb_mapping = quickbooks(base / "quickbooks")
    done["quickbooks"] = (_run(qb, qb_mapping, base / "quickbooks" / "out", "en", as_of="2023-12-31"), "en")
    return done


def report_figures(html: str) -> list[tuple[str, str, str]]:
    return MARKED.findall(html)


@pytest.mark.parametrize("name", ["case", "generated", "eur", "zh", "quickbooks"])
def test_report_figures_equal_summary_json(runs, name):
    """Every case run checks this itself (run_case raises on a disagreement); here the
    figures that must be shown are shown, and the check is the package's one."""
    out, _ = runs[name]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    html = (out / "report.html").read_text(encoding="utf-8")
    found = report_figures(html)
    keys = {key for key, _, _ in found}
    shown_once = {
        "rows_read",
        "rows_used",
        "rows_rejected",
        "as_of",
        "open_balance",
        "overdue_balance",
        "sales_90d",
        "dso",
        "best_possible_dso",
        "add",
    }
    if summary["dso"] is None:  # no sales in the last 90 days: the report says DSO is undefined
        shown_once -= {"dso", "best_possible_dso", "add"}
    buckets = {f"aging.{a['bucket']}.{what}" for a in summary["aging"] for what in ("amount", "count")}
    assert shown_once | buckets <= keys, sorted(shown_once | buckets - keys)
    assert report_disagreements(html, summary) == []
    for key, value, _ in found:  # and each figure by hand, the way a reader compares them
        if key not in NOT_IN_SUMMARY and key != "as_of" and summary_value(summary, key) is not None:
            assert math.isclose(float(value), summary_value(summary, key)), key
    # The headline overdue balance is shown in part 2 and again, the same, in part 4.
    assert sum(key == "overdue_balance" for key, _, _ in found) >= 3


def test_a_report_that_disagrees_is_caught():
    summary = {
        "open_balance": 1234.5,
        "dso": None,
        "rows_read": 7,
        "as_of": "2025-12-31",
        "aging": [{"bucket": "current", "amount": 10.0, "count": 2}],
    }
    good = (
        mark("open_balance", 1234.5)
        + mark("dso", None)
        + mark("rows_read", 7)
        + mark("as_of", "2025-12-31")
        + mark("aging.current.count", 2)
    )
    assert report_disagreements(good, summary) == []
    bad = {
        "value": mark("open_balance", 1234.0),
        "text": mark("open_balance", 1234.5, "1,243.50"),
        "count": mark("aging.current.count", 3),
        "missing": mark("dso", 98.5),
        "unknown": mark("overdue_balance", 1.0),
    }
    for name, html in bad.items():
        assert report_disagreements(html, summary), name


def _sheet(book, index: int) -> list[tuple]:
    return list(book.worksheets[index].iter_rows(min_row=2, values_only=True))


@pytest.mark.parametrize("name", ["case", "generated", "eur", "zh", "quickbooks"])
def test_aging_xlsx_totals_equal_summary_json(runs, name):
    from receivables.cases.outputs import bucket_header

    out, lang = runs[name]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    book = openpyxl.load_workbook(out / "aging.xlsx")
    flat = [
        summary[k]
        for k in (
            "as_of",
            "rows_read",
            "rows_used",
            "rows_rejected",
            "open_invoices",
            "open_balance",
            "overdue_balance",
        )
    ]
    flat += [a["amount"] for a in summary["aging"]]
    flat += [summary[k] for k in ("sales_90d", "dso", "best_possible_dso", "add")]
    values = [row[1] for row in _sheet(book, 0)]
    values = [v.date().isoformat() if isinstance(v, dt.datetime) else v for v in values]
    assert values == flat
    by_customer = _sheet(book, 1)
    assert math.isclose(sum(row[-1] for row in by_customer), summary["open_balance"], abs_tol=0.01)
    columns = [c.value for c in book.worksheets[1][1]]
    for bucket in summary["aging"]:
        j = columns.index(bucket_header(bucket["bucket"], lang))
        assert math.isclose(sum(row[j] or 0 for row in by_customer), bucket["amount"], abs_tol=0.01), bucket
    open_items = _sheet(book, 2)
    assert len(open_items) == summary["open_invoices"] == sum(a["count"] for a in summary["aging"])
    header = [c.value for c in book.worksheets[2][1]]
    column = next(i for i, h in enumerate(header) if h.startswith(("Open amount", "未收金额")))
    assert math.isclose(sum(row[column] for row in open_items), summary["open_balance"], abs_tol=0.01)


def test_eur_ledger_speaks_of_its_own_company_and_currency(runs):
    """Part 1 names the company's file and its currency, never the kit's invented company."""
    from receivables.i18n import t

    html = (runs["eur"][0] / "report.html").read_text(encoding="utf-8")
    assert "authored for the kit" not in html and "fbl5n.csv" in html and "amounts in EUR" in html
    case = (runs["case"][0] / "report.html").read_text(encoding="utf-8")
    assert "authored for the kit" in case
    zh = (runs["zh"][0] / "report.html").read_text(encoding="utf-8")
    assert "应收明细.csv" in zh and "虚构" not in zh and t("cases.f.own_ledger", "zh").split("**")[0] in zh


def test_loss_table_counts_the_aging_tables_invoices(runs):
    """Part 4's table by bucket has the aging table's counts and balances (credit notes
    netted): the EUR ledger's credit note is counted in both."""
    out, _ = runs["eur"]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    found = report_figures((out / "report.html").read_text(encoding="utf-8"))
    counts = [int(v) for k, v, _ in found if k.endswith(".count")]
    assert len(counts) == 2 * len(summary["aging"])  # part 2's table and part 4's
    assert sum(counts) == 2 * summary["open_invoices"]
    # By hand, as of 2023-11-30: 1800000013 cleared; 12,345.56 + 75.10 - 200.00 + 8,686,862.10 + 45,000.00 open.
    assert summary["open_invoices"] == 5
    assert summary["open_balance"] == round(12345.56 + 75.10 - 200.00 + 8686862.10 + 45000.00, 2)


def test_the_exports_own_total_is_reconciled_in_summary_and_report(runs):
    """A QuickBooks export ends with its own TOTAL: summary.json keeps the reconciliation
    and report.html says it at the top, not only the command's output."""
    import html as html_lib

    from receivables.ledger.notes import note_text

    out, lang = runs["quickbooks"]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    (note,) = [n for n in summary["reading_notes"] if n["code"].startswith("export_total")]
    assert note["code"] == "export_total_matches" and note["params"]["label"] == "TOTAL"
    report = html_lib.unescape((out / "report.html").read_text(encoding="utf-8"))
    assert note_text(note["code"], note["params"], lang) in report
