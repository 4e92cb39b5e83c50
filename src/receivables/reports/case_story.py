"""The case company in short (案例分析:机电公司应收欠款): what it sold, and the customers
whose stories the course follows, with what they owe on a date.

The case and its stories are authored for this kit (datasets/electromech/README.md); the
figures come from the ledger, so the same table works on a regenerated case.
"""

from __future__ import annotations

from typing import TypedDict

import pandas as pd

from receivables.frames import name_column
from receivables.i18n import check_lang, t
from receivables.i18n.catalog import has

STORY_ORDER = ("key_account", "drift_default", "soe_slow_sure", "dispute_withhold", "limitation_claim")
STORY_HEADERS = {
    "customer": "casestory.customer",
    "nature": "casestory.nature",
    "story": "casestory.story",
    "terms_days": "casestory.terms",
    "open_balance": "casestory.open",
    "overdue_balance": "casestory.overdue",
    "share": "casestory.share",
}


class CaseFacts(TypedDict):
    """What `case_facts` returns (a plain dict): sales invoices (count, amount, first and
    last invoice date "YYYY-MM-DD"), customers, open and overdue balance."""

    invoices: int
    amount: float
    first: str
    last: str
    customers: int
    open: float
    overdue: float


def case_facts(invoices: pd.DataFrame, open_items: pd.DataFrame) -> CaseFacts:
    """Headline facts: invoices (credit notes excluded), their amount and dates, customers,
    open and overdue balance (open items as from `receivables.metrics.open_items`)."""
    sales = invoices[invoices["amount"] > 0]
    dates = pd.to_datetime(sales["invoice_date"])
    return {
        "invoices": int(len(sales)),
        "amount": float(sales["amount"].sum()),
        "first": str(dates.min().date()),
        "last": str(dates.max().date()),
        "customers": int(invoices["customer_id"].astype(str).nunique()),
        "open": float(open_items["open_amount"].sum()),
        "overdue": float(open_items.loc[open_items["days_past_due"] > 0, "open_amount"].sum()),
    }


def story_customers(customers: pd.DataFrame, open_items: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One row per customer with a planted story (customers' ``story`` column), in the
    course's order: customer_id, customer (name in ``lang``), nature, story code and label,
    terms_days, open_balance, overdue_balance (days past due > 0) and share (% of all open)."""
    check_lang(lang)
    stories = customers[customers["story"].astype(str) != ""].copy()
    stories["customer_id"] = stories["customer_id"].astype(str)
    items = open_items.assign(customer_id=open_items["customer_id"].astype(str))
    open_by = items.groupby("customer_id")["open_amount"].sum()
    overdue_by = items[items["days_past_due"] > 0].groupby("customer_id")["open_amount"].sum()
    total = float(items["open_amount"].sum())
    order = {code: i for i, code in enumerate(STORY_ORDER)}
    stories = stories.assign(_order=stories["story"].map(order).fillna(len(order))).sort_values(
        ["_order", "customer_id"]
    )
    name = name_column(lang)
    nature = "nature" if lang == "zh" else "nature_en"
    open_balance = stories["customer_id"].map(open_by).fillna(0.0)
    return pd.DataFrame(
        {
            "customer_id": stories["customer_id"],
            "customer": stories["customer_id"] + " " + stories[name].astype(str),
            "nature": stories[nature].astype(str),
            "story_code": stories["story"].astype(str),
            "story": [t(f"casestory.{code}", lang) if has(f"casestory.{code}") else code for code in stories["story"]],
            "terms_days": stories["terms_days"].astype(int),
            "open_balance": open_balance,
            "overdue_balance": stories["customer_id"].map(overdue_by).fillna(0.0),
            "share": open_balance / total * 100 if total else float("nan"),
        }
    ).reset_index(drop=True)
