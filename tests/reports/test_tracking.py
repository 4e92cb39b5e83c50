"""The tracking-tool shapers (reports.tracking), on hand-made schedules and promises."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.collection import dunning_schedule, promise_status
from receivables.collection.debtor_types import DEFAULT_TYPE_WEIGHTS
from receivables.metrics import PreparedLedger
from receivables.reports.tracking import (
    aging_report,
    bucket_label,
    by_step,
    debtor_type_label,
    ladder_table,
    promises_by_status,
    steps_due,
    weights_by_customer,
)

# As of 2025-03-10 with the default ladder (-5, 0, +7, +15, +30, +45, +60, +90):
#   X1 due 03-12: -2 days -> reached "reminder" (-5), next "due_notice" on 03-12
#   X2 due 03-01: 9 days  -> reached "email" (+7), next "call" on 03-16
#   Y1 due 03-20: -10 days -> no step yet, next "reminder" on 03-15
#   Y2 due 2024-12-01: 99 days -> reached "agency_legal", no next step
ITEMS = pd.DataFrame(
    {
        "invoice_id": ["X1", "X2", "Y1", "Y2"],
        "customer_id": ["X", "X", "Y", "Y"],
        "due_date": pd.to_datetime(["2025-03-12", "2025-03-01", "2025-03-20", "2024-12-01"]),
        "open_amount": [100.0, 200.0, 300.0, 400.0],
    }
)


def test_steps_due_in_the_week():
    schedule = dunning_schedule(ITEMS, "2025-03-10")
    week = steps_due(schedule, "2025-03-10", days=7)
    assert week["invoice_id"].tolist() == ["X1", "Y1", "X2"]  # 03-12, 03-15, 03-16
    assert week["next_step"].tolist() == ["due_notice", "reminder", "call"]
    assert steps_due(schedule, "2025-03-10", days=5)["invoice_id"].tolist() == ["X1", "Y1"]
    with pytest.raises(ValueError, match="at least 1"):
        steps_due(schedule, "2025-03-10", days=0)


def test_by_step_counts_in_ladder_order():
    table = by_step(dunning_schedule(ITEMS, "2025-03-10"), "en")
    counts = dict(zip(table["step"], table["count"], strict=True))
    assert len(table) == 9  # eight steps and "not yet"
    assert counts["Friendly reminder before the due date"] == 1 and counts["Overdue reminder email"] == 1
    assert counts["Collection agency or legal action"] == 1 and counts["Not yet at the first step"] == 1
    assert table["amount"].sum() == 1_000.0 and table["step"].iloc[-1] == "Not yet at the first step"
    assert by_step(dunning_schedule(ITEMS, "2025-03-10"), "zh")["step"].iloc[-1] == "尚未到第一步"


def test_ladder_table():
    table = ladder_table("zh")
    assert table["offset"].tolist() == ["-5", "0", "+7", "+15", "+30", "+45", "+60", "+90"]
    assert table["step"].iloc[3] == "电话催收"


def test_weights_by_customer():
    customers = pd.DataFrame({"customer_id": ["A", "B"], "debtor_type": ["able_willing", "unable_unwilling"]})
    assert weights_by_customer(customers, DEFAULT_TYPE_WEIGHTS).to_dict() == {"A": 1.0, "B": 3.0}
    with pytest.raises(ValueError, match="no risk weight"):
        weights_by_customer(customers, {"able_willing": 1.0})
    with pytest.raises(ValueError, match="positive"):
        weights_by_customer(customers, {**DEFAULT_TYPE_WEIGHTS, "able_willing": 0})


def test_promises_by_status():
    promises = pd.DataFrame(
        {
            "customer_id": ["X", "X", "Y"],
            "made_on": pd.to_datetime(["2025-03-01", "2025-03-01", "2025-03-01"]),
            "promised_date": pd.to_datetime(["2025-03-05", "2025-03-20", "2025-03-05"]),
            "promised_amount": [100.0, 50.0, 80.0],
        }
    )
    payments = pd.DataFrame({"invoice_id": ["X1"], "paid_date": pd.to_datetime(["2025-03-04"]), "paid_amount": [100.0]})
    status = promise_status(promises, payments, ITEMS, "2025-03-10")
    table = promises_by_status(status, "en").set_index("code")
    # X's 100 by 03-05 kept; X's 50 by 03-20 still open (the 03-04 payment also counts: kept);
    # Y's 80 broken.
    assert table.loc["kept", "promises"] == 2 and table.loc["broken", "promises"] == 1
    assert table.loc["broken", "promised"] == 80.0 and table.loc["kept", "kept_amount"] == 150.0
    assert promises_by_status(status, "zh")["status"].tolist()[:3] == ["已兑现", "部分兑现", "未兑现(违约)"]


def test_bucket_and_type_labels():
    assert [bucket_label((30, 60), i) for i in range(4)] == ["current", "1-30", "31-60", "over 60"]
    assert [bucket_label((30, 60), i, "zh") for i in range(4)] == ["未到期", "1-30天", "31-60天", "60天以上"]
    with pytest.raises(ValueError, match="does not exist"):
        bucket_label((30,), 3)
    assert debtor_type_label("able_unwilling") == "Stalling (拖欠型)"
    assert debtor_type_label("able_unwilling", "zh") == "拖欠型"


def test_aging_report_on_a_prepared_ledger():
    invoices = pd.DataFrame(
        {
            "invoice_id": ["A", "B", "C"],
            "customer_id": ["X", "X", "Y"],
            "invoice_date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"]),
            "due_date": pd.to_datetime(["2025-01-31", "2025-03-03", "2025-03-31"]),
            "amount": [100.0, 300.0, 600.0],
        }
    )
    # As of 2025-03-31: A 59 days past due, B 28, C 0 (current).
    table = aging_report(PreparedLedger(invoices), "2025-03-31", "zh", edges=(30, 60))
    assert table["bucket"].tolist() == ["未到期", "1-30天", "31-60天", "60天以上"]
    assert table["amount"].tolist() == [600.0, 300.0, 100.0, 0.0]
    assert table["share"].tolist() == pytest.approx([60.0, 30.0, 10.0, 0.0])
