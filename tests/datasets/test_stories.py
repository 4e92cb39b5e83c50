"""Each planted story can be found in the data by a simple computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from receivables.datasets import (
    DISPUTE_WITHHOLD,
    DRIFT_DEFAULT,
    KEY_ACCOUNT,
    LIMITATION_CLAIM,
    SOE_SLOW_SURE,
    STORIES,
    generate,
)

from .conftest import END


def _z(fin: pd.DataFrame) -> pd.Series:
    """Altman Z'' (6.56 X1 + 3.26 X2 + 6.72 X3 + 1.05 X4), indexed by year."""
    ta = fin["total_assets"]
    z = (
        6.56 * (fin["current_assets"] - fin["current_liabilities"]) / ta
        + 3.26 * fin["retained_earnings"] / ta
        + 6.72 * fin["ebit"] / ta
        + 1.05 * fin["book_equity"] / fin["total_liabilities"]
    )
    return pd.Series(z.to_numpy(), index=fin["year"].to_numpy())


def _payments(case) -> pd.DataFrame:
    pay = case["payments"].merge(case["invoices"][["invoice_id", "customer_id", "due_date"]], on="invoice_id")
    pay["days_late"] = (pay["paid_date"] - pay["due_date"]).dt.days
    return pay


def test_each_story_has_its_debtor_type(case, story_ids):
    c = case["customers"].set_index("customer_id")
    for code, (debtor_type, _) in STORIES.items():
        assert c.loc[story_ids[code], "debtor_type"] == debtor_type


def test_soe_always_pays_in_full_30_to_60_days_late(case, story_ids, open_items):
    cid = story_ids[SOE_SLOW_SURE]
    assert case["customers"].set_index("customer_id").loc[cid, "nature"] == "国企"
    pay = _payments(case)
    pay = pay[pay["customer_id"] == cid]
    assert pay["days_late"].between(30, 60).all()
    assert pay.groupby("invoice_id").size().max() == 1  # one payment, the full amount
    items = open_items[open_items["customer_id"] == cid]
    paid = items[items["paid"] > 0]
    assert (paid["open"] == 0).all()
    unpaid = items[items["paid"] == 0]
    assert ((END - unpaid["due_date"]).dt.days < 61).all()  # not yet 60 days late
    assert len(paid) >= 30
    assert _z(case["financials"][case["financials"]["customer_id"] == cid]).min() >= 1.1


def test_drift_days_late_grow_then_payments_stop(case, story_ids, open_items):
    cid = story_ids[DRIFT_DEFAULT]
    pay = _payments(case)
    pay = pay[pay["customer_id"] == cid]
    month = pay["paid_date"].dt.to_period("M")
    months = sorted(month.unique())
    first = pay.loc[month.isin(months[:6]), "days_late"].mean()
    last = pay.loc[month.isin(months[-6:]), "days_late"].mean()
    assert last - first > 30
    quiet = (END - pay["paid_date"].max()).days
    assert 120 <= quiet <= 185  # nothing paid in the last 4-6 months
    items = open_items[open_items["customer_id"] == cid]
    assert ((items["paid"] > 0) & (items["open"] > 0)).sum() >= 2  # partial payments
    assert items["open"].sum() > 500_000
    prom = case["promises"]
    status = prom.loc[prom["customer_id"] == cid, "status_reference"]
    assert (status == "broken").sum() >= 2
    z = _z(case["financials"][case["financials"]["customer_id"] == cid])
    assert z.iloc[0] > 2.6 and z.iloc[-1] < 1.1  # safe -> distress


def test_key_account_holds_at_least_15_percent_of_open_ar(story_ids, open_items):
    share = open_items.loc[open_items["customer_id"] == story_ids[KEY_ACCOUNT], "open"].sum() / open_items["open"].sum()
    assert share >= 0.15
    by_customer = open_items.groupby("customer_id")["open"].sum()
    assert by_customer.idxmax() == story_ids[KEY_ACCOUNT]


def test_dispute_customer_is_able_but_withholds(case, story_ids, open_items):
    cid = story_ids[DISPUTE_WITHHOLD]
    assert (_z(case["financials"][case["financials"]["customer_id"] == cid]) > 2.6).all()
    act = case["activities"]
    excuses = act.loc[act["customer_id"] == cid, "excuse_code"]
    assert excuses.isin(["quality_dispute", "not_received_invoice"]).sum() >= 3
    items = open_items[open_items["customer_id"] == cid]
    last_paid = _payments(case).groupby("invoice_id")["paid_date"].max()
    settled = items["invoice_id"].map(last_paid)
    very_late = np.where(items["open"] > 0, (END - items["due_date"]).dt.days, (settled - items["due_date"]).dt.days)
    assert (very_late > 120).sum() >= 3
    assert ((items["open"] > 0) & ((END - items["due_date"]).dt.days > 180)).any()


def test_limitation_claim_is_about_to_expire(case, story_ids, open_items):
    cid = story_ids[LIMITATION_CLAIM]
    items = open_items[(open_items["customer_id"] == cid) & (open_items["open"] > 0)]
    assert len(items) == 1
    claim = items.iloc[0]
    months_ago = (END - claim["due_date"]).days / 30.44
    assert 33 <= months_ago < 36
    assert claim["paid"] == 0
    act = case["activities"]
    since = act[(act["customer_id"] == cid) & (act["date"] > claim["due_date"])]
    assert not since["kind"].isin(["demand", "acknowledgement"]).any()
    prom = case["promises"]
    assert not (prom["customer_id"] == cid).any()  # a promise would acknowledge the debt
    pay = _payments(case)
    assert not ((pay["customer_id"] == cid) & (pay["paid_date"] > claim["due_date"])).any()
    assert (_z(case["financials"][case["financials"]["customer_id"] == cid]) < 1.1).all()


def test_excuse_log_has_several_excuses_per_troubled_customer(case, story_ids):
    act = case["activities"]
    for code in (DRIFT_DEFAULT, DISPUTE_WITHHOLD, SOE_SLOW_SURE):
        mine = act[(act["customer_id"] == story_ids[code]) & (act["excuse_code"] != "")]
        assert len(mine) >= 5, code
    assert act.loc[act["excuse_code"] != "", "excuse_code"].nunique() >= 7


@pytest.mark.parametrize("seed", [1, 99, 31337])
def test_stories_hold_for_other_seeds(seed):
    d = generate(seed=seed)
    inv = d["invoices"]
    paid = d["payments"].groupby("invoice_id")["paid_amount"].sum()
    inv = inv.assign(open=inv["amount"] - inv["invoice_id"].map(paid).fillna(0))
    c = d["customers"].set_index("story")["customer_id"]
    share = inv.loc[inv["customer_id"] == c[KEY_ACCOUNT], "open"].sum() / inv["open"].sum()
    assert share >= 0.15
    pay = _payments(d)
    pay = pay[pay["customer_id"] == c[DRIFT_DEFAULT]]
    month = pay["paid_date"].dt.to_period("M")
    months = sorted(month.unique())
    assert (
        pay.loc[month.isin(months[-6:]), "days_late"].mean() - pay.loc[month.isin(months[:6]), "days_late"].mean()
    ) > 30
