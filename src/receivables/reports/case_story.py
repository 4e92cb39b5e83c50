"""The case company in short (案例分析:机电公司应收欠款): what it sold, and the customers
whose stories the course follows, with what they owe on a date.

The case and its stories are authored for this kit (datasets/electromech/README.md); the
figures come from the ledger, so the same table works on a regenerated case.
"""

from __future__ import annotations

import pandas as pd

from receivables.i18n import check_lang, t
from receivables.i18n.catalog import CATALOG, register

_TEXTS = {
    "casestory.story": ("Story in the course", "课程中的故事"),
    "casestory.customer": ("Customer", "客户"),
    "casestory.nature": ("Ownership", "企业性质"),
    "casestory.terms": ("Terms (days)", "账期(天)"),
    "casestory.open": ("Open (CNY)", "未收余额(元)"),
    "casestory.overdue": ("Overdue (CNY)", "逾期金额(元)"),
    "casestory.share": ("Share of all open", "占全部应收比例"),
    "casestory.soe_slow_sure": ("Slow but sure: always pays, always late", "慢但稳:总会付,总是晚"),
    "casestory.drift_default": ("Pays later and later, then stops", "越付越晚,最后停付"),
    "casestory.key_account": ("The key account that concentrates the risk", "风险集中的大客户"),
    "casestory.dispute_withhold": ("Able, but withholds behind disputes", "有钱,却以纠纷为由拒付"),
    "casestory.limitation_claim": ("A claim about to expire", "即将过诉讼时效的欠款"),
    "casestory.facts": (
        "From {first} to {last} the company issued **{invoices:,} invoices** worth **CNY {amount:,.0f}** to "
        "**{customers} customers**. On {as_of} they owe **CNY {open:,.0f}**, of which **CNY {overdue:,.0f}** "
        "is overdue.",
        "{first} 至 {last},公司向 **{customers} 家客户**开出 **{invoices:,} 张发票**,共 **{amount:,.0f} 元**。"
        "截至 {as_of},客户尚欠 **{open:,.0f} 元**,其中 **{overdue:,.0f} 元**已逾期。",
    ),
}
if not set(_TEXTS) <= set(CATALOG):
    register(_TEXTS)

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


def case_facts(invoices: pd.DataFrame, open_items: pd.DataFrame) -> dict:
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
    stories = stories.assign(_order=stories["story"].map(order).fillna(len(order))).sort_values(["_order", "customer_id"])
    name = "name_zh" if lang == "zh" else "name_en"
    nature = "nature" if lang == "zh" else "nature_en"
    open_balance = stories["customer_id"].map(open_by).fillna(0.0)
    return pd.DataFrame({
        "customer_id": stories["customer_id"],
        "customer": stories["customer_id"] + " " + stories[name].astype(str),
        "nature": stories[nature].astype(str),
        "story_code": stories["story"].astype(str),
        "story": [t(f"casestory.{code}", lang) if f"casestory.{code}" in CATALOG else code for code in stories["story"]],
        "terms_days": stories["terms_days"].astype(int),
        "open_balance": open_balance,
        "overdue_balance": stories["customer_id"].map(overdue_by).fillna(0.0),
        "share": open_balance / total * 100 if total else float("nan"),
    }).reset_index(drop=True)
