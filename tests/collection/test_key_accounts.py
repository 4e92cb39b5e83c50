"""Key accounts: a customer's weight, its payment habits, late interest and the collection
KPI per sales rep, checked by hand on small ledgers."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.collection.key_accounts import (
    account_weight,
    challenges_table,
    collection_by_rep,
    coordination_table,
    late_interest,
    payment_habits,
    value_roles_table,
)

AS_OF = "2025-03-31"


def _invoices():
    return pd.DataFrame(
        {
            "invoice_id": ["I1", "I2", "I3", "J1", "CN"],
            "customer_id": ["C1", "C1", "C1", "C2", "C2"],
            "invoice_date": pd.to_datetime(["2025-01-01", "2025-01-29", "2025-03-01", "2025-01-15", "2025-02-01"]),
            "due_date": pd.to_datetime(["2025-01-31", "2025-02-28", "2025-03-31", "2025-02-14", "2025-02-01"]),
            "amount": [100.0, 300.0, 50.0, 600.0, -50.0],
        }
    )


def _payments():
    return pd.DataFrame(
        {
            "invoice_id": ["I1", "I1", "I2", "I3", "J1"],
            "paid_date": pd.to_datetime(["2025-01-10", "2025-02-05", "2025-02-25", "2025-03-10", "2025-04-02"]),
            "paid_amount": [60.0, 40.0, 300.0, 20.0, 600.0],
            "method": ["bank_transfer", "bank_acceptance_bill", "bank_transfer", "bank_acceptance_bill", "cash"],
        }
    )


def _open_items():
    from receivables.metrics import open_items

    return open_items(_invoices(), _payments(), AS_OF)


def test_account_weight_by_hand():
    # Open on 2025-03-31: C1 owes I3's 30; C2 owes J1's 600 (paid after as_of) less the credit note 50.
    w = account_weight(_invoices(), _open_items(), "C1", credit_limit=60)
    assert (w["invoices"], w["invoiced"]) == (3, 450)
    assert w["sales_share"] == pytest.approx(450 / 1050 * 100)
    assert w["open_balance"] == pytest.approx(30) and w["open_share"] == pytest.approx(30 / 580 * 100)
    assert w["rank"] == 2 and w["utilisation"] == pytest.approx(50)
    assert account_weight(_invoices(), _open_items(), "C2")["rank"] == 1
    with pytest.raises(ValueError, match="no invoice of customer 'C9'"):
        account_weight(_invoices(), _open_items(), "C9")


def test_payment_habits_by_hand():
    h = payment_habits(_invoices(), _payments(), "C1", AS_OF)
    # I1 completed on 2025-02-05, 5 days after its due date; I2 paid 3 days early; I3 still open.
    assert h["settled"] == 2 and h["on_time"] == 50
    assert (h["mean_days_late"], h["median_days_late"], h["max_days_late"]) == (1, 1, 5)
    days = h["pay_days"].set_index("day")["payments"]
    assert days.index[0] == 10 and days[10] == 2 and days[5] == 1 and days[25] == 1
    methods = h["methods"].set_index("method")["share"]
    assert methods["bank_transfer"] == pytest.approx(360 / 420 * 100)
    assert methods["bank_acceptance_bill"] == pytest.approx(60 / 420 * 100)
    # Only what was settled from February on: I1 (02-05) and I2 (02-25).
    later = payment_habits(_invoices(), _payments(), "C1", AS_OF, since="2025-02-10")
    assert later["settled"] == 1 and later["max_days_late"] == -3


def test_late_interest_by_hand():
    items = pd.DataFrame(
        {
            "customer_id": ["A", "A", "B", "A"],
            "open_amount": [1000.0, 500.0, 2000.0, -100.0],
            "days_past_due": [73, -5, 10, 20],
        }
    )
    table = late_interest(items, 0.10).set_index("customer_id")
    assert table.at["A", "interest"] == pytest.approx(1000 * 0.10 * 73 / 365)  # = 20
    assert table.at["B", "interest"] == pytest.approx(2000 * 0.10 * 10 / 365)
    assert table.at["A", "overdue"] == 1000 and table.at["A", "overdue_invoices"] == 1
    assert list(table.index) == ["A", "B"]
    graced = late_interest(items, 0.10, grace_days=10).set_index("customer_id")
    assert graced.at["A", "interest"] == pytest.approx(1000 * 0.10 * 63 / 365) and graced.at["B", "interest"] == 0
    assert late_interest(items, 0.10, day_count=360).at[0, "interest"] == pytest.approx(1000 * 0.10 * 73 / 360)
    with pytest.raises(ValueError, match="day_count"):
        late_interest(items, 0.10, day_count=300)
    with pytest.raises(ValueError, match="annual_rate"):
        late_interest(items, -0.01)


def test_collection_by_rep_by_hand():
    customers = pd.DataFrame({"customer_id": ["C1", "C2", "C3"], "sales_rep": ["王", "李", "李"]})
    table = collection_by_rep(_invoices(), _payments(), _open_items(), customers, "2025-02-01", AS_OF)
    table = table.set_index("sales_rep")
    # 王 (C1): invoiced I3 50 in the period; collected 40 + 300 + 20; owes I3's 30, not yet past due.
    assert table.at["王", "invoiced"] == 50 and table.at["王", "collected"] == 360
    assert table.at["王", "open_balance"] == 30 and table.at["王", "overdue"] == 0
    # 李 (C2, C3): the credit note -50 in the period; J1's payment comes after as_of;
    # owes 600 - 50; J1 is 45 days past due: all of the 600 on invoices is overdue, none over 90.
    assert table.at["李", "customers"] == 2 and table.at["李", "invoiced"] == -50
    assert table.at["李", "collected"] == 0 and table.at["李", "open_balance"] == 550
    assert table.at["李", "overdue_share"] == 100 and table.at["李", "over_90"] == 0
    assert list(table.index) == ["李", "王"]


def test_authored_tables_in_both_languages():
    assert len(challenges_table("en")) == len(challenges_table("zh")) == 5
    assert "信息不透明" in set(challenges_table("zh")["challenge"])
    assert list(coordination_table("zh").columns) == ["工作", "销售", "财务", "法务", "管理层"]
    assert value_roles_table("en").at[0, "role"] == "Cash-flow artery (资金周转之脉)"
