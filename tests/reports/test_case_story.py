"""The case company in short: headline facts and the story customers, on a tiny ledger."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.metrics import open_items
from receivables.reports.case_story import case_facts, story_customers


def _ledger():
    invoices = pd.DataFrame(
        {
            "invoice_id": ["I1", "I2", "I3", "CN1"],
            "customer_id": ["K", "K", "D", "K"],
            "invoice_date": pd.to_datetime(["2025-01-10", "2025-03-01", "2025-02-01", "2025-03-05"]),
            "due_date": pd.to_datetime(["2025-03-11", "2025-04-30", "2025-03-03", "2025-03-05"]),
            "amount": [1_000.0, 600.0, 400.0, -100.0],
        }
    )
    payments = pd.DataFrame(
        {"invoice_id": ["I1"], "paid_date": pd.to_datetime(["2025-03-20"]), "paid_amount": [1_000.0]}
    )
    customers = pd.DataFrame(
        {
            "customer_id": ["K", "D", "B"],
            "name_en": ["Key Co", "Drift Co", "Background Co"],
            "name_zh": ["大客户", "滑坡公司", "普通公司"],
            "nature": ["民企"] * 3,
            "nature_en": ["private"] * 3,
            "terms_days": [60, 30, 30],
            "story": ["key_account", "drift_default", ""],
        }
    )
    return invoices, payments, customers


def test_facts_and_story_rows_by_hand():
    invoices, payments, customers = _ledger()
    # As of 2025-03-31: I1 paid; I2 600 not yet due; I3 400 is 28 days past due; CN1 -100 is 26 days "past due".
    items = open_items(invoices, payments, "2025-03-31")
    facts = case_facts(invoices, items)
    assert facts == {
        "invoices": 3,
        "amount": 2_000.0,
        "first": "2025-01-10",
        "last": "2025-03-01",
        "customers": 2,
        "open": 900.0,
        "overdue": 300.0,
    }
    table = story_customers(customers, items, "en")
    assert table["customer_id"].tolist() == ["K", "D"]  # the course's order: key account first
    assert table["customer"].tolist() == ["K Key Co", "D Drift Co"]
    assert table["open_balance"].tolist() == [500.0, 400.0]
    assert table["overdue_balance"].tolist() == [-100.0, 400.0]
    assert table["share"].tolist() == pytest.approx([500 / 900 * 100, 400 / 900 * 100])
    assert table["story"].iloc[1] == "Pays later and later, then stops"
    zh = story_customers(customers, items, "zh")
    assert zh["customer"].iloc[0] == "K 大客户" and zh["story"].iloc[0] == "风险集中的大客户"
    assert zh["nature"].iloc[0] == "民企"
