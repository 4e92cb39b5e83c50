"""Balance-only ledgers, unapplied credits and the warnings a manager needs: exports as
Kingdee and QuickBooks write them, run by `receivables case run` from the draft of
`receivables mapping suggest` alone, figures checked against pandas."""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from receivables.cases.cli import app as case_app
from receivables.cases.limits import PAYMENT_SECTIONS, cannot_show, case_warnings, warning_text
from receivables.cases.run import run_case
from receivables.i18n import t
from receivables.ledger import read_ledger
from receivables.ledger.cli import app as mapping_app
from receivables.metrics import PreparedLedger

from .erp_files import independent_aging, kingdee_balance_export, quickbooks_open_items

runner = CliRunner()


def suggest(path, folder):
    out = folder / "mapping.yml"
    result = runner.invoke(mapping_app, ["suggest", "--ledger", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def case_run(path, mapping, out, *extra):
    result = runner.invoke(
        case_app, ["run", "--ledger", str(path), "--mapping", str(mapping), "--out", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return json.loads((out / "summary.json").read_text("utf-8")), result.output


def report_text(out) -> str:
    page = (out / "report.html").read_text("utf-8")
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def buckets(summary) -> dict[str, float]:
    return {b["bucket"]: b["amount"] for b in summary["aging"]}


# ------------------------------------------------------------------ Kingdee 已收金额


@pytest.fixture(scope="module")
def kingdee(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kingdee")
    path, frame, as_of = kingdee_balance_export(folder)
    mapping, said = suggest(path, folder)
    summary, output = case_run(path, mapping, folder / "report", "--as-of", as_of, "--lang", "zh")
    return path, frame, as_of, mapping, said, summary, output, folder / "report"


def test_kingdee_draft_maps_the_paid_amount_without_a_date(kingdee):
    _, _, _, mapping, said, *_ = kingdee
    draft = yaml.safe_load(mapping.read_text("utf-8"))
    columns = {k: v for k, v in draft["columns"].items() if v}
    assert columns["amount"] == "金额" and columns["paid_amount"] == "已收金额"
    assert "paid_date" not in columns and draft["encoding"] == "gb18030"
    assert "a balance-only export: 已收金额 says what was paid, without payment dates" in said
    assert "a balance-only export" in mapping.read_text("utf-8")


def test_kingdee_balance_and_aging_match_pandas(kingdee):
    path, frame, as_of, _, _, summary, *_ = kingdee
    # Independently: the file read by pandas alone, header on line 3, 合计 and footer dropped.
    raw = pd.read_csv(path, encoding="gb18030", skiprows=2, dtype=str)
    raw = raw[raw["单据编号"].str.startswith("AR", na=False)]
    amount = raw["金额"].str.replace(",", "").astype(float)
    paid = raw["已收金额"].fillna("0").str.replace(",", "").astype(float)
    expected = pd.DataFrame({"due": pd.to_datetime(raw["到期日"]), "open": (amount - paid).round(2)})
    assert summary["open_balance"] == pytest.approx(expected["open"].sum(), abs=0.01)
    assert summary["open_balance"] == pytest.approx(frame["open"].sum(), abs=0.01)
    for label, value in independent_aging(expected, as_of).items():
        assert buckets(summary)[label] == pytest.approx(value, abs=0.01), label
    assert summary["open_invoices"] == int((expected["open"].abs() >= 0.005).sum())
    assert summary["rows_read"] == summary["rows_used"] + summary["rows_rejected"]
    assert summary["rows_used"] == len(frame) and summary["rows_rejected"] == 2  # 合计, 制表人
    # DSO on the sales of the last 90 days still holds: it needs no payment dates.
    sales = amount[pd.to_datetime(raw["业务日期"]) > pd.Timestamp(as_of) - pd.Timedelta(days=90)].sum()
    assert summary["sales_90d"] == pytest.approx(sales, abs=0.01)
    assert summary["dso"] == pytest.approx(expected["open"].sum() / sales * 90, abs=0.01)


def test_kingdee_summary_and_report_say_what_the_ledger_cannot_show(kingdee):
    *_, summary, output, out = kingdee
    assert summary["ledger_kind"] == "balance" and summary["has_payment_dates"] is False
    assert summary["not_shown"] == list(PAYMENT_SECTIONS)
    assert summary["dso_basis"].startswith("open balance / sales of the last 90 days")
    text = report_text(out)

    class Book:
        kind = "balance"

    for section in PAYMENT_SECTIONS:
        if section == "promises":  # no promises table: that section says so first
            continue
        assert cannot_show(Book, section, "zh") in text, section
    assert "这份账目只说明还有多少未收（或已收多少）" in text
    # Nothing computed from payment dates: no CEI trend, no scorecard table.
    assert "DSO 从" not in text
    for warning in summary["warnings"]:  # in the run's language, in the command's output too
        assert "警告：" + warning_text(warning, "zh") in output


# ------------------------------------------------------------------ QuickBooks Open Balance


@pytest.fixture(scope="module")
def quickbooks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quickbooks")
    path, frame, as_of = quickbooks_open_items(folder)
    mapping, said = suggest(path, folder)
    summary, output = case_run(path, mapping, folder / "report", "--as-of", as_of)
    return path, frame, as_of, mapping, said, summary, output, folder / "report"


def test_quickbooks_draft_maps_amount_and_open_balance(quickbooks):
    _, _, _, mapping, said, *_ = quickbooks
    columns = {k: v for k, v in yaml.safe_load(mapping.read_text("utf-8"))["columns"].items() if v}
    assert columns["amount"] == "Amount" and columns["open_amount"] == "Open Balance"
    assert "a balance-only export: Open Balance says what is still open" in said


def test_quickbooks_balance_matches_the_exports_total_with_unapplied_credits(quickbooks):
    path, frame, as_of, _, _, summary, output, _ = quickbooks
    # Independently: the detail rows, read by pandas below the 4 report lines.
    raw = pd.read_csv(path, skiprows=4, dtype=str)
    detail = raw[raw["Date"].notna()].copy()
    for c in ("Amount", "Open Balance"):
        detail[c] = detail[c].str.replace(",", "").astype(float)
    total = raw[raw.iloc[:, 0] == "TOTAL"]["Open Balance"].str.replace("[$,]", "", regex=True).astype(float).iloc[0]
    assert summary["open_balance"] == pytest.approx(detail["Open Balance"].sum(), abs=0.01)
    assert summary["open_balance"] == pytest.approx(total, abs=0.01)
    assert "matches the export's own total (TOTAL" in output
    unapplied = detail[detail["Num"].isna()]
    assert len(unapplied) == 2 and set(unapplied["Transaction Type"]) == {"Payment", "Credit Memo"}
    assert summary["unapplied_credits"] == {"amount": pytest.approx(unapplied["Open Balance"].sum()), "count": 2}
    # Aging: the invoices only, the credits in no bucket.
    invoices = detail[detail["Num"].notna()]
    expected = pd.DataFrame({"due": pd.to_datetime(invoices["Due Date"]), "open": invoices["Open Balance"]})
    for label, value in independent_aging(expected, as_of).items():
        assert buckets(summary)[label] == pytest.approx(value, abs=0.01), label
    assert sum(buckets(summary).values()) + summary["unapplied_credits"]["amount"] == pytest.approx(
        summary["open_balance"], abs=0.01
    )
    assert summary["rows_read"] == summary["rows_used"] + summary["rows_rejected"]
    assert summary["rows_used"] == len(detail)  # nothing rejected but the report's own rows


def test_quickbooks_report_shows_the_credits_and_the_warnings_on_top(quickbooks):
    *_, summary, output, out = quickbooks
    text = report_text(out)
    assert "unapplied credits : -1,560.50 in 2 payments or credit memos" in text
    codes = [w["code"] for w in summary["warnings"]]
    assert "open_items_only" in codes
    first = text.index(t("limits.warnings_title", "en"))
    assert first < text.index("Aging and DSO · 账龄")  # in part 1, before the figures
    for warning in summary["warnings"]:
        line = warning_text(warning, "en")
        assert line in text and f"warning: {line}" in output
    assert "Left out, as it needs payment dates: the DSO and CEI trend." in text


# ------------------------------------------------------------------ warnings, one by one

HEADER = ["invoice_id", "customer_id", "invoice_date", "due_date", "amount", "paid_date"]


def ledger_file(tmp_path, rows, header=HEADER, name="ledger.csv"):
    path = tmp_path / name
    pd.DataFrame(rows, columns=header).to_csv(path, index=False)
    return path


def warnings_of(path, as_of=None, mapping=None):
    ledger = read_ledger(path, mapping)
    prepared = PreparedLedger.from_ledger(ledger)
    day = as_of or str(pd.to_datetime(ledger.invoices["invoice_date"]).max().date())
    return {w["code"]: w for w in case_warnings(ledger, prepared, day)}


ROWS = [
    ["F1", "K1", "2024-01-05", "2024-02-04", 100.0, "2024-02-01"],
    ["F2", "K2", "2024-02-05", "2024-03-06", 100.0, ""],
    ["F3", "K3", "2024-03-05", "2024-04-04", 100.0, ""],
]


def test_a_full_ledger_with_spread_balances_has_no_warning(tmp_path):
    assert warnings_of(ledger_file(tmp_path, ROWS)) == {}


def test_no_payments_warning(tmp_path):
    path = ledger_file(tmp_path, [r[:5] for r in ROWS], header=HEADER[:5])
    found = warnings_of(path)
    assert found["no_payments"]["params"] == {"invoices": 3}
    assert "open_items_only" not in found  # said once, by the stronger warning
    rows = [r[:5] + [""] for r in ROWS]  # a payment column, empty
    assert "no_payments" in warnings_of(ledger_file(tmp_path, rows))


def test_open_items_only_warning(tmp_path):
    rows = [r[:5] + [r[4] * 0.4] for r in ROWS]  # every invoice part paid, none settled
    path = ledger_file(tmp_path, rows, header=HEADER[:5] + ["open_amount"])
    found = warnings_of(path)
    assert found["open_items_only"]["params"] == {"invoices": 3}
    assert "3" in warning_text(found["open_items_only"], "zh")
    rows[0][5] = 0.0  # one settled: no longer an open-item list
    assert "open_items_only" not in warnings_of(ledger_file(tmp_path, rows, header=HEADER[:5] + ["open_amount"]))


def test_as_of_outside_the_data_warning(tmp_path):
    path = ledger_file(tmp_path, ROWS)
    found = warnings_of(path, "2023-12-01")
    assert found["as_of_outside"]["params"] == {"as_of": "2023-12-01", "first": "2024-01-05", "last": "2024-03-05"}
    assert "as_of_outside" in warnings_of(path, "2024-06-30")
    assert "as_of_outside" not in warnings_of(path, "2024-03-05")
    # A balance-only export is made after its last invoice: a quarter later is still inside.
    balance = ledger_file(tmp_path, [r[:5] + [r[4]] for r in ROWS], header=HEADER[:5] + ["open_amount"], name="b.csv")
    assert "as_of_outside" not in warnings_of(balance, "2024-04-30")
    assert "as_of_outside" in warnings_of(balance, "2024-12-31")


def test_one_customer_above_half_warning(tmp_path):
    rows = [*ROWS, ["F4", "K2", "2024-03-06", "2024-04-05", 300.0, ""]]
    found = warnings_of(ledger_file(tmp_path, rows))
    assert found["one_customer"]["params"] == {"customer": "K2", "share": 80.0, "amount": 400.0, "open": 500.0}
    assert "K2" in warning_text(found["one_customer"], "zh") and "80.0%" in warning_text(found["one_customer"], "en")


def test_several_currencies_warning_says_how_to_keep_each(tmp_path):
    rows = [r + [c] for r, c in zip(ROWS, ["CNY", "USD", "CNY"], strict=True)]
    path = ledger_file(tmp_path, rows, header=[*HEADER, "currency"])
    found = warnings_of(path, mapping={"currency": "CNY"})
    assert found["several_currencies"]["params"] == {"currencies": "CNY, USD", "kept": "CNY", "other": "USD"}
    assert "`currency: USD`" in warning_text(found["several_currencies"], "en")
    assert "`currency: USD`" in warning_text(found["several_currencies"], "zh")


def test_an_unmapped_currency_column_is_warned(tmp_path):
    rows = [r + [c] for r, c in zip(ROWS, ["EUR", "USD", "EUR"], strict=True)]
    path = ledger_file(tmp_path, rows, header=[*HEADER, "Währung"])
    mapping = {"columns": {"invoice_id": "invoice_id"}}
    found = warnings_of(path, mapping=mapping)
    assert found["currency_column_unmapped"]["params"] == {
        "column": "Währung",
        "currencies": "EUR, USD",
        "first": "EUR",
    }


def test_warnings_go_to_summary_json_and_the_command_output(tmp_path):
    rows = [*ROWS, ["F4", "K2", "2024-03-06", "2024-04-05", 400.0, ""]]
    path = ledger_file(tmp_path, rows)
    lines: list[str] = []
    summary = run_case(path, None, "2023-12-01", "zh", tmp_path / "out", notebooks=[], tell=lines.append)
    written = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    assert written["warnings"] == summary["warnings"]
    assert [w["code"] for w in written["warnings"]] == ["as_of_outside"]  # nothing issued by then
    assert lines[-1] == "警告：" + warning_text(written["warnings"][0], "zh")
    assert written["ledger_kind"] == "full" and written["not_shown"] == []
