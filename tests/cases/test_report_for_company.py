"""A report for the company, not for the case (issue 13, item 9): wording that fits a
company's own ledger, currency labels from the ledger, readable chart axes, and an
aging.xlsx with real dates, amounts stored to the cent and rejected rows as the file wrote them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib
import numpy as np
import openpyxl
import pandas as pd
import pytest

from receivables.cases import load_case
from receivables.cases.figures import (
    about_sentence,
    case_figures,
    currency_code,
    draw_aging,
    ledger_currency,
    money_unit,
)
from receivables.cases.owe import draw_top_debtors
from receivables.cases.profit import draw_loss_by_bucket, profit_impact
from receivables.cases.risk import draw_balance_by_zone
from receivables.cases.run import run_case
from receivables.i18n import t
from receivables.i18n.fonts import readability_problems
from receivables.ledger import read_ledger

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[2]
MAPPING = """columns:
  invoice_id: Beleg
  customer_id: Kunde
  invoice_date: Datum
  due_date: Fällig
  amount: Betrag
  currency: Währung
"""
# Amounts whose float sum is not the sum in cents: 80000.1 + 314.06 + 0.1 = 80314.26000000001.
AMOUNTS = [80000.1, 314.06, 0.1]


@pytest.fixture(scope="module")
def excel_run(tmp_path_factory) -> tuple[Path, Path]:
    """An Excel ledger in EUR, with date cells, amounts with float noise when summed, and
    rows the reader rejects (a date cell, a number cell and texts in them); no notebooks."""
    d = tmp_path_factory.mktemp("excel")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Beleg", "Kunde", "Datum", "Fällig", "Betrag", "Währung"])
    for i, amount in enumerate(AMOUNTS):
        ws.append([f"A{i}", "K1", dt.datetime(2023, 7, 4), dt.datetime(2023, 8, 3), amount, "EUR"])
    ws.append(["B1", "", dt.datetime(2023, 7, 4), dt.datetime(2023, 8, 3), 1234.5, "EUR"])  # no customer
    ws.append(["B2", "K2", dt.datetime(2023, 7, 5), "später", 99.95, "EUR"])  # due date not a date
    ws.append(["B3", "K2", "05.07.2023", dt.datetime(2023, 8, 3), "12,00x", "EUR"])  # amount not a number
    wb.save(d / "export.xlsx")
    (d / "mapping.yml").write_text(MAPPING, encoding="utf-8")
    out = d / "out"
    run_case(d / "export.xlsx", d / "mapping.yml", "2023-09-30", "en", out, notebooks=[])
    return d, out


def test_xlsx_as_of_is_a_date_cell(excel_run):
    _, out = excel_run
    ws = openpyxl.load_workbook(out / "aging.xlsx")["Summary"]
    cell = ws["B2"]
    assert ws["A2"].value == "As-of date (基准日)"
    assert cell.is_date and cell.value == dt.datetime(2023, 9, 30) and cell.number_format == "yyyy-mm-dd"


def test_xlsx_stores_amounts_to_the_cent(excel_run):
    _, out = excel_run
    assert sum(AMOUNTS) != round(sum(AMOUNTS), 2)  # the noise this guards against is there
    book = openpyxl.load_workbook(out / "aging.xlsx")
    floats = [
        v
        for ws in book.worksheets[:3]
        for row in ws.iter_rows(min_row=2, values_only=True)
        for v in row
        if isinstance(v, float)
    ]
    assert floats and all(v == round(v, 2) for v in floats), [v for v in floats if v != round(v, 2)]
    (row,) = list(book["Aging by customer"].iter_rows(min_row=2, values_only=True))
    assert row[-1] == round(sum(AMOUNTS), 2) == 80314.26


def test_xlsx_rejected_cells_keep_the_files_text(excel_run):
    _, out = excel_run
    ws = openpyxl.load_workbook(out / "aging.xlsx")["Rejected rows"]
    header = [c.value for c in ws[1]]
    assert header == [
        "Row in your file",
        "Why it was set aside",
        "Beleg",
        "Kunde",
        "Datum",
        "Fällig",
        "Betrag",
        "Währung",
    ]
    rows = {r[2].value: r for r in ws.iter_rows(min_row=2)}
    # Date cells as dates, not "2023-07-04 00:00:00"; texts and amounts as written, as text cells.
    assert [c.value for c in rows["B1"][4:7]] == ["2023-07-04", "2023-08-03", "1234.5"]
    assert [c.value for c in rows["B2"][4:7]] == ["2023-07-05", "später", "99.95"]
    assert [c.value for c in rows["B3"][4:7]] == ["05.07.2023", "2023-08-03", "12,00x"]
    assert {c.data_type for r in rows.values() for c in r[2:] if c.value is not None} == {"s"}


# ------------------------------------------------------------------ currency and wording


def test_currency_codes_and_the_ledgers_currency(excel_run):
    assert [currency_code(v) for v in ("人民币", "rmb", "€", "eur", "US$", "chf", "", None)] == [
        "CNY",
        "CNY",
        "EUR",
        "EUR",
        "USD",
        "CHF",
        None,
        None,
    ]
    d, _ = excel_run
    book = read_ledger(d / "export.xlsx", d / "mapping.yml")
    assert ledger_currency(book) == "EUR" and ledger_currency(book, "usd") == "USD"
    case, _, _ = load_case()
    assert ledger_currency(case) == "CNY"


def test_money_units_by_currency_and_language():
    assert money_unit("CNY", "zh") == (1e4, "万元") and money_unit("CNY", "en") == (1e4, "CNY 10k")
    assert money_unit("EUR", "en") == (1.0, "Amount (EUR)") and money_unit("EUR", "zh") == (1.0, "金额(EUR)")
    assert money_unit(None, "en") == (1.0, t("case.amount", "en"))


def test_part_one_speaks_of_the_company_on_its_own_ledger(excel_run):
    d, _ = excel_run
    book = read_ledger(d / "export.xlsx", d / "mapping.yml")
    own = about_sentence(str(d / "export.xlsx"), book, "", "en")
    assert "export.xlsx" in own and "EUR" in own and "invented" not in own and "authored for the kit" not in own
    zh = about_sentence(str(d / "export.xlsx"), book, "", "zh")
    assert "export.xlsx" in zh and "虚构" not in zh
    case, _, _ = load_case()
    for ledger in (None, str(ROOT / "datasets" / "electromech" / "invoices.csv")):
        assert "authored for the kit" in about_sentence(ledger, case, "", "en")
        assert "虚构" in about_sentence(ledger, case, "", "zh")


# ------------------------------------------------------------------ readable charts


def _labels(fig) -> list[str]:
    return [ax.get_ylabel() for ax in fig.axes] + [ax.get_xlabel() for ax in fig.axes]


def _ticks(fig) -> list[str]:
    fig.canvas.draw()
    return [label.get_text() for ax in fig.axes for axis in (ax.xaxis, ax.yaxis) for label in axis.get_ticklabels()]


@pytest.fixture(scope="module")
def big_eur(tmp_path_factory):
    """A company ledger in EUR with amounts in the millions, long customer names, a credit note."""
    d = tmp_path_factory.mktemp("eur")
    rng = np.random.default_rng(3)
    rows = []
    for i in range(60):
        issued = pd.Timestamp("2023-01-01") + pd.Timedelta(days=int(rng.integers(0, 360)))
        rows.append(
            {
                "Beleg": f"18{i:08d}",
                "Kunde": f"Kunde {i % 12:02d} Maschinenbau und Anlagentechnik GmbH & Co. KG",
                "Datum": issued.strftime("%Y-%m-%d"),
                "Fällig": (issued + pd.Timedelta(days=30)).strftime("%Y-%m-%d"),
                "Betrag": f"{rng.uniform(1e5, 9e6):.2f}",
                "Währung": "EUR",
            }
        )
    rows.append({**rows[0], "Beleg": "CN-1", "Betrag": "-25000.00"})
    pd.DataFrame(rows).to_csv(d / "ledger.csv", index=False)
    (d / "mapping.yml").write_text(MAPPING, encoding="utf-8")
    book, prepared, as_of = load_case(d / "ledger.csv", d / "mapping.yml", "2023-12-31")
    return book, prepared, as_of


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_eur_charts_say_eur_and_read_on_a_projector(big_eur, lang):
    from receivables.cases.owe import top_debtors

    book, prepared, as_of = big_eur
    currency = ledger_currency(book)
    assert currency == "EUR"
    figures = case_figures(prepared, as_of)
    items = prepared.open_items(as_of)
    names = pd.Series(dtype=str)
    impact = profit_impact(items, 0.05, 0.045, figures=figures)
    z = pd.DataFrame(
        {"customer_id": items["customer_id"].astype(str).unique()[:3], "zone": ["safe", "grey", "distress"]}
    )
    balances = items.assign(customer_id=items["customer_id"].astype(str)).groupby("customer_id")["open_amount"].sum()
    charts = {
        "aging": draw_aging(figures, lang, currency),
        "top debtors": draw_top_debtors(top_debtors(items, names, n=10), lang, currency),
        "loss": draw_loss_by_bucket(impact["lines"], None, lang, currency),
        "zones": draw_balance_by_zone(z, balances, lang, currency),
    }
    unit = money_unit("EUR", lang)[1]
    for name, fig in charts.items():
        labels = _labels(fig)
        assert unit in labels and not [x for x in labels if "CNY" in x or "万元" in x], (name, labels)
        ticks = [x for x in _ticks(fig) if x]
        # No power of ten or offset, thousands separators on the amounts (millions of EUR in full units).
        assert not [x for x in ticks if "e+" in x or "e-" in x or "×10" in x], (name, ticks)
        assert any("," in x for x in ticks), (name, ticks)
        assert readability_problems(fig) == [], (name, readability_problems(fig))
        matplotlib.pyplot.close(fig)


def test_the_kits_case_charts_stay_in_10k_cny():
    book, prepared, as_of = load_case()
    fig = draw_aging(case_figures(prepared, as_of), "zh", ledger_currency(book))
    assert fig.axes[0].get_ylabel() == "万元" and readability_problems(fig) == []
    matplotlib.pyplot.close(fig)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_trend_names_its_dso_and_keeps_cei_on_a_percent_axis(lang, tmp_path):
    """The trend's legend: the catalogue's names in the report's language, the DSO named by
    its definition; CEI on 0 to at least 100 %, also for a ledger without payments (where
    matplotlib alone would draw an axis of 1e-14)."""
    from receivables.cases.figures import draw_trend

    _, prepared, as_of = load_case()
    fig = draw_trend(prepared.monthly_history(as_of, months=24), lang)
    legend = [x.get_text() for x in fig.axes[0].get_legend().get_texts()]
    assert legend == [t("cases.f.dso_month", lang), t("cases.f.bpdso_month", lang), t("tracking.cei", lang)]
    assert readability_problems(fig) == []
    matplotlib.pyplot.close(fig)
    (tmp_path / "l.csv").write_text(
        "invoice_id,customer_id,invoice_date,due_date,amount\nA,K,2025-01-05,2025-02-04,1000\n"
        "B,K,2025-03-01,2025-03-31,500\nC,L,2025-05-20,2025-06-19,760\n",
        encoding="utf-8",
    )
    _, prepared, as_of = load_case(tmp_path / "l.csv")
    fig = draw_trend(prepared.monthly_history(as_of, months=24), lang)
    low, high = fig.axes[1].get_ylim()
    assert (low, high) == (0, 105.0) and readability_problems(fig) == []
    assert not [x for x in _ticks(fig) if "e-" in x or "e+" in x]
    matplotlib.pyplot.close(fig)
