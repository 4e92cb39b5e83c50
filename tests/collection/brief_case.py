"""A two-customer ledger small enough to check the account brief by hand (shared by the
brief's unit tests and the account-brief widget's tests)."""

from __future__ import annotations

import pandas as pd

AS_OF = "2025-06-10"


def tiny_case() -> dict[str, pd.DataFrame]:
    customers = pd.DataFrame(
        {
            "customer_id": ["C1", "C2"],
            "name_en": ["Alpha Motors", "Beta Pumps"],
            "name_zh": ["阿尔法电机", "贝塔水泵"],
            "nature": ["民企", "国企"],
            "nature_en": ["private", "state-owned"],
            "industry": ["机械", "水务"],
            "industry_en": ["machinery", "water"],
            "city": ["苏州", "合肥"],
            "city_en": ["Suzhou", "Hefei"],
            "terms_days": [30, 60],
            "credit_limit": [100_000.0, 50_000.0],
            "contact_name": ["张伟", "李娜"],
            "contact_role": ["老板", "采购经理"],
            "contact_role_en": ["owner", "purchasing manager"],
            "phone": ["138-0000-0001", "139-0000-0002"],
            "sales_rep": ["陈静", "孙杰"],
            "debtor_type": ["able_unwilling", "able_willing"],
        }
    )
    invoices = pd.DataFrame(
        {
            "invoice_id": ["I1", "I2", "I3", "I4"],
            "customer_id": ["C1", "C1", "C1", "C2"],
            "invoice_date": pd.to_datetime(["2025-01-01", "2025-03-01", "2025-05-20", "2025-05-01"]),
            "due_date": pd.to_datetime(["2025-01-31", "2025-03-31", "2025-06-19", "2025-06-30"]),
            "amount": [1000.0, 500.0, 300.0, 2000.0],
        }
    )
    payments = pd.DataFrame(
        {
            "invoice_id": ["I1", "I2"],
            "paid_date": pd.to_datetime(["2025-02-10", "2025-04-05"]),
            "paid_amount": [400.0, 500.0],
        }
    )
    activities = pd.DataFrame(
        {
            "customer_id": ["C1", "C1", "C1", "C1", "C1", "C1"],
            "invoice_id": [None, None, "I1", "I1", None, "I1"],
            "date": pd.to_datetime(
                ["2025-01-15", "2025-02-01", "2025-03-05", "2025-04-01", "2025-05-01", "2025-07-01"]
            ),
            "kind": ["statement", "acknowledgement", "call", "call", "visit", "call"],
            "excuse_code": ["", "", "cash_flow", "cash_flow", "boss_away", ""],
            "note_en": ["Statement sent.", "Stamped.", "Cash is tight.", "Still tight.", "Boss away.", "After as_of."],
            "note_zh": ["寄出对账单。", "已盖章。", "资金紧张。", "还是紧张。", "老板不在。", "晚于截止日。"],
        }
    )
    promises = pd.DataFrame(
        {
            "customer_id": ["C1", "C1", "C1"],
            "invoice_id": ["I1", "I1", "I1"],
            "made_on": pd.to_datetime(["2025-02-05", "2025-03-05", "2025-06-01"]),
            "promised_date": pd.to_datetime(["2025-02-15", "2025-03-20", "2025-06-30"]),
            "promised_amount": [400.0, 600.0, 600.0],
            "contact": ["王芳", "王芳", "王芳"],
        }
    )
    return {
        "customers": customers,
        "invoices": invoices,
        "payments": payments,
        "activities": activities,
        "promises": promises,
    }
