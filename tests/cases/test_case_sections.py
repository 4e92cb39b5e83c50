"""The case notebooks' package logic (receivables.cases.tables/owe/profit/plan/risk), on
small hand-computed examples."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from receivables.cases.owe import debtor_types_overview, top_debtors, top_sentence, types_sentence
from receivables.cases.plan import (
    approach_table,
    case_worklist,
    customer_types,
    dunning_stages,
    limitation_sentence,
    next_steps,
    promise_counts,
)
from receivables.cases.profit import bucket_label, largest_losses, loss_by_bucket, profit_impact
from receivables.cases.risk import (
    case_scorecard,
    days_late_by_customer,
    factor_scores,
    latest_z,
    limit_review,
    roll_rate_provisions,
    signal_names,
)
from receivables.cases.tables import (
    CaseTables,
    case_tables,
    customer_names,
    gap_note,
    missing_note,
    money,
    pct,
    rejected_note,
)
from receivables.ledger import read_ledger
from receivables.metrics import PreparedLedger

AS_OF = "2025-06-30"


def items(rows):
    """Open items from (invoice, customer, open amount, days past due) tuples."""
    frame = pd.DataFrame(rows, columns=["invoice_id", "customer_id", "open_amount", "days_past_due"])
    frame["due_date"] = pd.Timestamp(AS_OF) - pd.to_timedelta(frame["days_past_due"], unit="D")
    return frame


OPEN = items(
    [
        ("I1", "A", 1000.0, 40),  # A: 1,000 overdue 40 days
        ("I2", "A", 500.0, -10),  # not yet due
        ("I3", "B", 3000.0, 100),  # B: 3,000 overdue 100 days
        ("I4", "C", 300.0, 5),
        ("I5", "C", -100.0, 20),  # a credit note: netted in the balance, never "overdue"
    ]
)


# ---- tables


def test_invoices_only_folder_has_no_optional_table(tmp_path: Path):
    led = tmp_path / "export.csv"
    led.write_text("invoice_id,customer_id,invoice_date,due_date,amount\nX1,K1,2025-01-01,2025-01-31,10\n")
    tables = case_tables(led, read_ledger(led))
    assert (tables.customers, tables.activities, tables.promises, tables.financials) == (None, None, None, None)
    assert tables.why_missing == dict.fromkeys(["customers", "activities", "promises", "financials"], "absent")
    assert gap_note(tables, "promises", lang="zh") == missing_note("promises", "zh")
    assert "promises.csv" in missing_note("promises", "en")


def test_tables_beside_the_ledger_typed_and_checked(tmp_path: Path):
    led = tmp_path / "export.csv"
    led.write_text(
        "invoice_id,customer_id,customer_name,invoice_date,due_date,amount\nX1,K1,Kay Ltd,2025-01-01,2025-01-31,10\n"
    )
    (tmp_path / "activities.csv").write_text("customer_id,date\nK1,2025-02-01\n")  # no "kind"
    (tmp_path / "promises.csv").write_text(
        "customer_id,invoice_id,made_on,promised_date,promised_amount\n"
        'K1,,2025-02-01,2025-02-10,"1,200.50"\nK1,X1,not a date,2025-02-10,5\n'
    )
    (tmp_path / "customers.csv").write_bytes(
        "customer_id,name_zh,credit_limit,debtor_type\nK1,凯公司,5000,able_willing\n".encode("gb18030")
    )
    tables = case_tables(led, read_ledger(led))
    assert tables.activities is None and "required field 'kind' is not mapped" in tables.why_missing["activities"]
    # The row with an unreadable date is not used, and not lost: its number and reason are kept.
    assert len(tables.promises) == 1 and tables.rows_read["promises"] == 2
    rejected = tables.rejected["promises"]
    assert rejected[["row", "reason"]].to_dict("records") == [
        {"row": 2, "reason": "made_on 'not a date' is not a date"}
    ]
    assert rejected["invoice_id"].tolist() == ["X1"]  # the original values follow
    assert rejected_note(tables, "en") == (
        "promises: 1 of 2 rows could not be used and are left out here "
        "(each with its row number and reason in rejected-promises.csv)."
    )
    assert tables.promises["promised_amount"].iloc[0] == 1200.50 and pd.isna(tables.promises["invoice_id"].iloc[0])
    assert tables.customers["credit_limit"].iloc[0] == 5000.0
    assert tables.has("customers", "debtor_type") and not tables.has("customers", "nature")
    assert gap_note(tables, "customers", "debtor_type", "en") == ""
    assert gap_note(tables, "activities", lang="en") == missing_note("activities", "en")
    names = customer_names(read_ledger(led), tables, "zh")
    assert names["K1"] == "凯公司"
    # No name_en: the master's Chinese name still wins over the invoices' text.
    assert customer_names(read_ledger(led), tables, "en")["K1"] == "凯公司"


def test_customer_and_payment_rows_not_used_are_kept_with_reasons(tmp_path: Path):
    led = tmp_path / "export.csv"
    led.write_text(
        "invoice_id,customer_id,invoice_date,due_date,amount\n"
        "X1,K1,2025-01-01,2025-01-31,10\nX2,K2,2025-01-02,2025-02-01,20\n"
    )
    (tmp_path / "pay.csv").write_text("invoice_id,paid_date,paid_amount\nX1,2025-02-03,10\nX9,2025-02-04,5\n")
    (tmp_path / "map.yml").write_text("payments:\n  file: pay.csv\n")
    (tmp_path / "customers.csv").write_text(
        'customer_id,name_en,credit_limit,terms_days\nK1,Kay,"5,000",30\nK2,Bee,n/a,60\nK1,Kay again,1,1\n,None,1,1\n'
    )
    book = read_ledger(led, tmp_path / "map.yml")
    tables = case_tables(led, book)
    assert tables.customers[["customer_id", "credit_limit", "terms_days"]].values.tolist() == [["K1", 5000.0, 30.0]]
    assert tables.rows_read["customers"] == 4 == len(tables.customers) + len(tables.rejected["customers"])
    reasons = dict(zip(tables.rejected["customers"]["row"], tables.rejected["customers"]["reason"], strict=True))
    assert reasons == {
        2: "credit_limit 'n/a' is not a number",
        3: "duplicate customer_id 'K1' (first seen in row 1)",
        4: "customer_id is empty",
    }
    assert tables.rejected["payments"]["row"].tolist() == [2] and tables.rows_read["payments"] == 2
    assert "unknown invoice_id 'X9'" in tables.rejected["payments"]["reason"].item()
    assert rejected_note(tables, "en").split(". ") == [
        "payments: 1 of 2 rows could not be used and are left out here "
        "(each with its row number and reason in rejected-payments.csv)",
        "customers: 3 of 4 rows could not be used and are left out here "
        "(each with its row number and reason in rejected-customers.csv).",
    ]


def test_a_column_of_blanks_is_not_there():
    log = pd.DataFrame({"customer_id": ["K1", "K2"], "excuse_code": pd.Series(["", " "], dtype="str")})
    tables = CaseTables(activities=log)
    assert tables.has("activities", "customer_id") and not tables.has("activities", "excuse_code")
    assert not CaseTables(activities=log.astype(object)).has("activities", "excuse_code")


def test_money_and_pct():
    assert money(1234567.891) == "1,234,567.89" and money(None) == "—" and money(float("nan")) == "—"
    assert pct(12.345) == "12.3%" and pct(None) == "—"


# ---- part 3: who owes


def test_top_debtors_by_hand():
    top = top_debtors(OPEN, pd.Series({"B": "Bee Co"}), n=2)
    # balances A 1,500, B 3,000, C 200: total 4,700
    assert top["customer_id"].tolist() == ["B", "A"] and top["name"].tolist() == ["Bee Co", "A"]
    assert top["overdue_balance"].tolist() == [3000.0, 1000.0]
    assert top["oldest_days_past_due"].tolist() == [100, 40]
    assert math.isclose(top["share"].iloc[0], 3000 / 4700 * 100)
    assert math.isclose(top["cumulative_share"].iloc[1], 4500 / 4700 * 100)
    assert top_sentence(top, "en").startswith("The largest debtor, **Bee Co**, owes **3,000.00**, 63.8%")
    assert "top 2 hold **95.7%**" in top_sentence(top, "en")


def test_types_sentence_and_overview():
    by_type = pd.DataFrame(
        {
            "code": ["able_willing", "able_unwilling", "unable_willing", "unable_unwilling"],
            "overdue_share": [10.0, 20.0, 30.0, 40.0],
        }
    )
    assert types_sentence(by_type, "en") == (
        "Customers of the two unwilling types owe **60.0%** of all overdue; the unable ones **70.0%**."
    )
    overview = debtor_types_overview("zh")
    assert overview["type"].tolist()[0] == "有能力、有意愿" and len(overview) == 4


# ---- part 4: profit impact


def test_loss_by_bucket_by_hand():
    curve = {0: 1.0, 12: 0.0}  # straight line: 1/12 lost per month past due
    lines = loss_by_bucket(OPEN, curve, annual_rate=0.10).set_index("bucket")
    month = 365 / 12
    assert lines.loc["current", "expected_loss"] == 0.0 and lines.loc["current", "balance"] == 500.0
    assert math.isclose(lines.loc["31-60", "expected_loss"], 1000 * 40 / month / 12)
    assert math.isclose(lines.loc["91-180", "expected_loss"], 3000 * 100 / month / 12)
    # The credit note is netted and counted, as in the aging table; it carries no loss.
    assert math.isclose(lines.loc["1-30", "balance"], 300.0 - 100.0) and lines.loc["1-30", "count"] == 2
    assert math.isclose(lines.loc["1-30", "expected_loss"], 300 * 5 / month / 12)
    assert math.isclose(lines.loc["1-30", "collectability"], 1 - 5 / month / 12)  # of the amount owed
    assert math.isclose(lines.loc["1-30", "expected_recovery"], 200.0 - 300 * 5 / month / 12)
    assert math.isclose(lines.loc["91-180", "carrying_cost"], 3000 * 0.10 * 100 / 365)
    assert lines["count"].sum() == 5 and np.isnan(lines.loc["over 365", "collectability"])
    impact = profit_impact(OPEN, net_margin=0.04, annual_rate=0.10, curve=curve)
    # Overdue as in summary.json: open minus not yet due, the credit note past its date netted.
    assert impact["open_balance"] == 4700.0 and impact["overdue_balance"] == 4200.0 and impact["credits"] == -100.0
    assert math.isclose(impact["sales_to_replace_loss"], impact["expected_loss"] / 0.04)
    assert profit_impact(OPEN, net_margin=0.0, annual_rate=0.1)["sales_to_replace_loss"] is None
    worst = largest_losses(OPEN, pd.Series(dtype=str), curve, n=2)
    assert worst["invoice_id"].tolist() == ["I3", "I1"]


def test_profit_impact_takes_the_runs_figures():
    """With the run's figures, part 4's balances and counts per bucket are the aging table's
    and its open and overdue balance summary.json's, on the kit's case."""
    from receivables.cases import load_case
    from receivables.cases.figures import case_figures

    book, prepared, as_of = load_case()
    figures = case_figures(prepared, as_of)
    items = prepared.open_items(as_of)
    impact = profit_impact(items, 0.05, 0.045, figures=figures)
    alone = profit_impact(items, 0.05, 0.045)
    summary = prepared.summary(as_of)
    assert (
        impact["lines"]["count"].tolist() == [a["count"] for a in summary["aging"]] == alone["lines"]["count"].tolist()
    )
    assert [round(v, 2) for v in impact["lines"]["balance"]] == [a["amount"] for a in summary["aging"]]
    assert round(impact["overdue_balance"], 2) == summary["overdue_balance"] == round(alone["overdue_balance"], 2)
    assert impact["expected_loss"] == alone["expected_loss"]


def test_bucket_labels_in_chinese():
    assert [bucket_label(b, "zh") for b in ["current", "1-30", "over 365", "up to 7"]] == [
        "未到期",
        "1-30天",
        "365天以上",
        "7天以内",
    ]
    assert bucket_label("1-30", "en") == "1-30"


# ---- part 5: collection plan


CUSTOMERS = pd.DataFrame({"customer_id": ["A", "B", "C"], "debtor_type": ["able_willing", "unable_unwilling", "bogus"]})


def test_worklist_weighted_by_debtor_type():
    types = customer_types(CUSTOMERS)
    assert types.to_dict() == {"A": "able_willing", "B": "unable_unwilling"}  # unknown codes dropped
    work = case_worklist(OPEN, pd.Series({"A": "Ay"}), types, lang="en")
    # priority = amount x days x weight: B 3,000 x 100 x 3 = 900,000; A 1,000 x 40 x 1; C 300 x 5 x 1
    assert work["customer_id"].tolist() == ["B", "A", "C"]
    assert work["priority"].tolist() == [900_000.0, 40_000.0, 1_500.0]
    assert work["name"].tolist() == ["B", "Ay", "C"]
    table = approach_table(work, "zh", n=5)
    assert table["name"].tolist() == ["B", "Ay"]  # C has no known type
    assert table["script"].iloc[0].startswith("“这是我司就逾期款项发出的正式书面催款函")
    untyped = case_worklist(OPEN, pd.Series(dtype=str), customer_types(None))
    assert untyped["priority"].tolist() == [300_000.0, 40_000.0, 1_500.0]


def test_dunning_stages_and_next_steps():
    stages = dunning_stages(OPEN, AS_OF, lang="en").set_index("code")
    # days past due 40 -> statement (30), -10 -> before the first step (-5), 100 -> agency_legal (90), 5 -> due_notice
    assert stages.loc["statement", "invoices"] == 1 and stages.loc["", "invoices"] == 1
    assert stages.loc["agency_legal", "amount"] == 3000.0 and stages.loc["due_notice", "invoices"] == 1
    assert stages["invoices"].sum() == 4  # the credit note is not chased
    soon = next_steps(OPEN, AS_OF, pd.Series(dtype=str), days=7, lang="en")
    # -10 -> reminder at -5 (in 5 days); 5 -> e-mail at 7 (in 2 days); 40 -> final notice at 45 (in 5 days)
    assert soon["invoice_id"].tolist() == ["I4", "I1", "I2"]
    assert soon["step"].tolist()[0] == "Overdue reminder email"


def test_promise_counts_and_limitation_sentence():
    status = pd.DataFrame({"status": ["kept", "broken", "broken", "open"], "promised_amount": [10.0, 5.0, 7.0, 1.0]})
    counts = promise_counts(status, "zh").set_index("code")
    assert counts.loc["broken", "promises"] == 2 and counts.loc["broken", "promised"] == 12.0
    assert counts.loc["partly kept", "promises"] == 0 and counts.loc["open", "status"] == "未到期"
    clocks = pd.DataFrame({"status": ["expiring soon", "ok", "expired"], "open_amount": [100.0, 5.0, 7.5]})
    assert limitation_sentence(clocks, 90, "en") == (
        "**1** open invoices (100.00) reach the end of the limitation period within 90 days, "
        "and **1** (7.50) are past it."
    )


# ---- part 6: risk


INVOICES = pd.DataFrame(
    {
        "invoice_id": ["P1", "P2", "Q1"],
        "customer_id": ["P", "P", "Q"],
        "invoice_date": pd.to_datetime(["2024-01-01", "2025-03-01", "2025-04-01"]),
        "due_date": pd.to_datetime(["2024-01-31", "2025-03-31", "2025-05-01"]),
        "amount": [100.0, 200.0, 400.0],
    }
)
PAYMENTS = pd.DataFrame(
    {
        "invoice_id": ["P1", "P2", "Q1"],
        "paid_date": pd.to_datetime(["2024-01-20", "2025-04-10", "2025-04-25"]),
        "paid_amount": [100.0, 100.0, 400.0],
    }
)


def test_days_late_by_hand():
    late = days_late_by_customer(INVOICES, PAYMENTS, AS_OF)
    # P: only P2 is due in the last 12 months; 100 paid 10 days late, 100 unpaid at 91 days -> 50.5
    assert math.isclose(late["P"], (100 * 10 + 100 * 91) / 200)
    assert late["Q"] == 0.0  # paid early counts as on time
    no_payments = days_late_by_customer(INVOICES, PAYMENTS.iloc[0:0], AS_OF)
    assert math.isclose(no_payments["Q"], 60.0)  # unpaid, 60 days past due


def test_factor_scores_and_scorecard_weights():
    customers = pd.DataFrame({"customer_id": ["P", "Q"], "nature": ["国企", "个体"]})
    factors = factor_scores(INVOICES, PAYMENTS, AS_OF, customers).set_index("customer_id")
    assert math.isclose(factors.loc["P", "payment_history"], 100 - 50.5)

    def relationship(first: str) -> float:  # months since the first invoice / 36 x 100
        return (pd.Timestamp(AS_OF) - pd.Timestamp(first)).days / (365 / 12) / 36 * 100

    assert math.isclose(factors.loc["P", "relationship"], relationship("2024-01-01"))  # 546 days: 49.9
    assert math.isclose(factors.loc["Q", "relationship"], relationship("2025-04-01"))
    assert (factors.loc["P", "enterprise_nature"], factors.loc["Q", "enterprise_nature"]) == (80.0, 40.0)
    card, used = case_scorecard(factors.reset_index())
    assert used == {
        "payment_history": 30.0,
        "financials": 0.0,
        "enterprise_nature": 15.0,
        "industry": 0.0,
        "relationship": 10.0,
        "security": 0.0,
    }
    expected_p = (30 * 49.5 + 15 * 80 + 10 * relationship("2024-01-01")) / 55
    assert math.isclose(card.set_index("customer_id").loc["P", "score"], expected_p)
    with pytest.raises(ValueError, match="no factor"):
        case_scorecard(factors.reset_index()[["customer_id"]])


def test_latest_z_by_hand():
    fin = pd.DataFrame(
        {
            "customer_id": ["P", "P"],
            "year": [2023.0, 2024.0],
            "total_assets": [100.0, 100.0],
            "total_liabilities": [50.0, 80.0],
            "current_assets": [60.0, 40.0],
            "current_liabilities": [30.0, 50.0],
            "retained_earnings": [10.0, -5.0],
            "ebit": [8.0, -2.0],
        }
    )
    z = latest_z(fin).set_index("customer_id")
    z2024 = 6.56 * (-10 / 100) + 3.26 * (-5 / 100) + 6.72 * (-2 / 100) + 1.05 * (20 / 80)
    z2023 = 6.56 * 0.30 + 3.26 * 0.10 + 6.72 * 0.08 + 1.05 * 1.0
    assert z.loc["P", "year"] == 2024 and math.isclose(z.loc["P", "z"], z2024)
    assert z.loc["P", "zone"] == "distress" and math.isclose(z.loc["P", "z_previous"], z2023)
    assert z.loc["P", "zone_previous"] == "safe"


def test_limit_review_agrees_with_the_rules_of_thumb():
    from receivables.risk import credit_limit_options

    util = pd.DataFrame(
        {"customer_id": ["P", "Q"], "limit": [50.0, 1000.0], "balance": [100.0, 400.0], "over_limit": [True, False]}
    )
    fin = pd.DataFrame(
        {
            "customer_id": ["P", "P"],
            "year": [2023, 2024],
            "total_assets": [0.0, 900.0],
            "total_liabilities": [0.0, 400.0],
            "current_assets": [0.0, 300.0],
            "current_liabilities": [0.0, 100.0],
        }
    )
    customers = pd.DataFrame({"customer_id": ["P"], "terms_days": [60.0]})
    review = limit_review(util, INVOICES, AS_OF, customers, fin)
    assert review["customer_id"].tolist() == ["P"]  # only customers over their limit
    # P bought 200 in the last 12 months: 200 / 12 a month x 60 / 30 = 33.33
    rules = credit_limit_options(
        tangible_net_worth=500.0, working_capital=200.0, monthly_purchases=200 / 12, terms_days=60
    )
    row = review.iloc[0]
    assert (row["net_worth"], row["working_capital"]) == (rules["net_worth"], rules["working_capital"])
    assert math.isclose(row["purchases"], rules["purchases"])
    assert math.isclose(row["recommended"], rules["recommended"])
    bare = limit_review(util, INVOICES, AS_OF)
    assert bare[["net_worth", "working_capital", "purchases", "recommended"]].isna().all(axis=None)


def test_provision_matrix_needs_history_and_signal_names():
    prepared = PreparedLedger(INVOICES, PAYMENTS)
    assert roll_rate_provisions(prepared, AS_OF) is None  # most one-month buckets held nothing
    assert signal_names("PAYING_LATER,BROKEN_PROMISES", "zh") == "付款越来越晚; 付款承诺未兑现"
    assert signal_names("", "en") == ""
