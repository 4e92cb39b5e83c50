"""Payment behaviour over time (risk.payment_behaviour), on hand-made payments."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

from receivables.risk.payment_behaviour import (
    behaviour_summary,
    days_to_pay_by_month,
    draw_days_to_pay,
    flags_text,
    payment_days,
    signal_checklist,
)

matplotlib.use("Agg")

INVOICES = pd.DataFrame(
    {
        "invoice_id": ["A1", "A2", "B1", "CN"],
        "customer_id": ["A", "A", "B", "A"],
        "invoice_date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-01-10", "2025-02-05"]),
        "due_date": pd.to_datetime(["2025-01-31", "2025-03-03", "2025-02-09", "2025-02-05"]),
        "amount": [1_000.0, 3_000.0, 500.0, -200.0],
    }
)
# A1: paid 02-10 in full (10 days late). A2: 1,000 on 03-13 (10 late, partial), 2,000 on
# 03-23 (20 late, settles). B1: 500 on 02-04 (5 days early). One payment on an unknown invoice.
PAYMENTS = pd.DataFrame(
    {
        "invoice_id": ["A2", "A1", "A2", "B1", "ZZ"],
        "paid_date": pd.to_datetime(["2025-03-23", "2025-02-10", "2025-03-13", "2025-02-04", "2025-03-01"]),
        "paid_amount": [2_000.0, 1_000.0, 1_000.0, 500.0, 99.0],
    }
)


def test_payment_days_by_hand():
    pays = payment_days(INVOICES, PAYMENTS)
    assert pays["invoice_id"].tolist() == ["B1", "A1", "A2", "A2"]  # by paid date; ZZ dropped
    assert pays["days_late"].tolist() == [-5, 10, 10, 20]
    assert pays["partial"].tolist() == [False, False, True, False]
    assert payment_days(INVOICES, PAYMENTS, as_of="2025-03-15")["invoice_id"].tolist() == ["B1", "A1", "A2"]


def test_days_to_pay_by_month_is_amount_weighted():
    table = days_to_pay_by_month(INVOICES, PAYMENTS)
    a = table[table["customer_id"] == "A"].set_index("month")
    assert a.loc[pd.Timestamp("2025-02-01"), "days_late"] == 10
    # March: (1,000 x 10 + 2,000 x 20) / 3,000 = 16.67 days, one partial payment.
    assert a.loc[pd.Timestamp("2025-03-01"), "days_late"] == pytest.approx(50_000 / 3_000)
    assert a.loc[pd.Timestamp("2025-03-01"), ["payments", "partial_payments"]].tolist() == [2, 1]
    assert days_to_pay_by_month(INVOICES, PAYMENTS, customers=["B", "A"])["customer_id"].tolist() == ["B", "A", "A"]
    only_b = days_to_pay_by_month(INVOICES, PAYMENTS, customers=["B"])
    assert only_b["customer_id"].tolist() == ["B"] and only_b["days_late"].tolist() == [-5]


def test_chart_lines_and_marker():
    table = days_to_pay_by_month(INVOICES, PAYMENTS)
    fig = draw_days_to_pay(table, "zh", names={"A": "甲公司"}, as_of="2025-03-01")
    ax = fig.axes[0]
    assert ax.get_title() == "客户付款逾期天数(按月)"
    labels = [line.get_label() for line in ax.get_lines()]
    assert "A 甲公司" in labels and "B" in labels and "当月有部分付款" in labels
    a_line = ax.get_lines()[labels.index("A 甲公司")]
    assert list(a_line.get_ydata()) == pytest.approx([10, 50_000 / 3_000])


def test_checklist_and_flag_names():
    en = signal_checklist("en")
    assert len(en) == 12 and (en["code"] != "").sum() == 5
    assert en["signal"].iloc[0] == "Days-to-pay drifting later (付款天数越拖越长)"
    zh = signal_checklist("zh")
    assert zh["where"].iloc[-1] == "靠销售人员观察"
    assert flags_text("PAYING_LATER, BROKEN_PROMISES", "zh") == "付款越来越晚、付款承诺未兑现"
    assert flags_text("", "en") == "none"


def test_behaviour_summary_first_and_last_months():
    # Customer A pays in February (10 days late) and March (16.67, one partial).
    s = behaviour_summary(INVOICES, PAYMENTS, "A", months=1)
    assert (s["payments"], s["partial_payments"]) == (3, 1)
    assert (s["first_payment"], s["last_payment"]) == ("2025-02-10", "2025-03-23")
    assert s["days_late_first"] == 10 and s["days_late_last"] == pytest.approx(50_000 / 3_000)
    assert s["drift"] == pytest.approx(50_000 / 3_000 - 10)
    both = behaviour_summary(INVOICES, PAYMENTS, "A", months=6)  # fewer months than asked: all of them
    assert both["days_late_first"] == both["days_late_last"] == pytest.approx(60_000 / 4_000)
    assert behaviour_summary(INVOICES, PAYMENTS, "Q")["last_payment"] is None
    with pytest.raises(ValueError, match="at least 1"):
        behaviour_summary(INVOICES, PAYMENTS, "A", months=0)
