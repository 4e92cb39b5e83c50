"""Recorded figures of the case notebooks 03-06, against plain pandas on datasets/electromech/*.csv
(never the package function under test) and hand-computed constants."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..case_by_hand import CASE, EDGES, read_ledger


def _frames():
    inv, pay = read_ledger()
    cust = pd.read_csv(CASE / "customers.csv", dtype=str, keep_default_na=False)
    as_of = max(inv["invoice_date"].max(), pay["paid_date"].max())
    paid = pay[pay["paid_date"] <= as_of].groupby("invoice_id")["paid_amount"].sum()
    inv = inv[inv["invoice_date"] <= as_of].copy()
    inv["open"] = inv["amount"] - inv["invoice_id"].map(paid).fillna(0.0)
    inv["dpd"] = (as_of - inv["due_date"]).dt.days
    inv = inv.merge(cust[["customer_id", "debtor_type"]], on="customer_id", how="left")
    open_ = inv[inv["open"].abs() > 0.005].copy()
    return inv, open_, pay, cust, as_of


def _who_owes(fig: dict, lang: str) -> None:
    _, open_, _, cust, as_of = _frames()
    assert fig["lang"] == lang and fig["as_of"] == str(as_of.date())
    by = open_.groupby("customer_id")["open"].sum().reset_index()
    by = by.sort_values(["open", "customer_id"], ascending=[False, True])
    assert fig["top_debtors"] == by["customer_id"].head(10).tolist()
    assert fig["top_debtors"][0] == "C0021"  # README: the key account holds the largest balance
    assert math.isclose(fig["top_debtor_balance"], by["open"].iloc[0], abs_tol=0.01)
    over = open_[(open_["dpd"] > 0) & (open_["open"] > 0)]
    assert math.isclose(fig["top_debtor_overdue"], over.loc[over["customer_id"] == "C0021", "open"].sum(), abs_tol=0.01)
    assert math.isclose(fig["top5_share"], by["open"].head(5).sum() / by["open"].sum() * 100, abs_tol=0.0001)
    assert fig["customers_by_type"] == cust["debtor_type"].value_counts().to_dict()
    # balances_by_type nets credit notes past their (same-day) due date into "overdue".
    overdue_by = open_[open_["dpd"] > 0].groupby("debtor_type")["open"].sum()
    for code, value in fig["overdue_by_type"].items():
        assert math.isclose(value, overdue_by.get(code, 0.0), abs_tol=0.01), code
    assert fig["fishbone_causes"] == 18  # 6 bones x 3 causes
    excuses = pd.read_csv(CASE / "activities.csv", dtype=str, keep_default_na=False)["excuse_code"]
    counts = excuses[excuses != ""].value_counts()
    assert fig["excuses"] == counts.sum() == 438  # README
    assert fig["top_excuse"] == counts.index[0]


def _profit_impact(fig: dict, lang: str) -> None:
    _, open_, _, _, as_of = _frames()
    assert fig["lang"] == lang and fig["as_of"] == str(as_of.date())
    assert (fig["net_margin"], fig["cost_of_funds"]) == (0.05, 0.045)  # the parameters cell's defaults
    pos = open_[open_["open"] > 0]
    dpd = pos["dpd"].clip(lower=0)
    # Survey curve by hand: linear between (0, 100 %), (3, 73 %), (6, 50 %), (12, 25 %), (24, 10 %) months.
    p = np.interp(dpd / (365 / 12), [0, 3, 6, 12, 24], [1.0, 0.73, 0.50, 0.25, 0.10])
    loss = pos["open"] * (1 - p)
    carry = pos["open"] * 0.045 * dpd / 365
    assert math.isclose(fig["open_balance"], open_["open"].sum(), abs_tol=0.01)
    # As in summary.json and the aging table: credit notes past their date netted.
    assert math.isclose(fig["overdue_balance"], open_.loc[open_["dpd"] > 0, "open"].sum(), abs_tol=0.01)
    assert math.isclose(fig["expected_loss"], loss.sum(), abs_tol=0.01)
    assert math.isclose(fig["carrying_cost"], carry.sum(), abs_tol=0.01)
    assert math.isclose(fig["sales_to_replace_loss"], loss.sum() / 0.05, abs_tol=0.1)
    for value, (_, lo, hi) in zip(fig["loss_by_bucket"], EDGES, strict=True):
        sel = (pos["dpd"] >= lo) & (pos["dpd"] <= hi)
        assert math.isclose(value, loss[sel].sum(), abs_tol=0.01)
    assert fig["loss_by_bucket"][0] == 0.0  # not yet due: fully collectable on the curve
    worst = pos.assign(loss=loss).sort_values(["loss", "invoice_id"], ascending=[False, True])
    assert fig["largest_loss_invoice"] == worst["invoice_id"].iloc[0]


def _collection_plan(fig: dict, lang: str) -> None:
    _, open_, pay, cust, as_of = _frames()
    assert fig["lang"] == lang and fig["as_of"] == str(as_of.date())
    # Worklist: sum of open x days past due over overdue items, x the weight of the type (parameters cell).
    weights = {"able_willing": 1.0, "able_unwilling": 1.5, "unable_willing": 2.0, "unable_unwilling": 3.0}
    over = open_[(open_["dpd"] > 0) & (open_["open"] > 0)]
    priority = (over["open"] * over["dpd"] * over["debtor_type"].map(weights)).groupby(over["customer_id"]).sum()
    assert fig["worklist_customers"] == over["customer_id"].nunique()
    assert fig["worklist_top"] == priority.idxmax()
    assert math.isclose(fig["worklist_top_priority"], priority.max(), rel_tol=1e-9)
    # Dunning: the last step reached is the largest ladder offset <= days past due.
    offsets = {
        -5: "reminder",
        0: "due_notice",
        7: "email",
        15: "call",
        30: "statement",
        45: "final_notice",
        60: "credit_hold",
        90: "agency_legal",
    }
    pos = open_[open_["open"] > 0]
    reached = pos["dpd"].map(lambda d: max([o for o in offsets if o <= d], default=None))
    counts = reached.map(offsets).fillna("before").value_counts().to_dict()
    assert {k: v for k, v in fig["stage_invoices"].items() if v} == counts
    soon = pos["dpd"].map(lambda d: min([o for o in offsets if o > d], default=None)) - pos["dpd"]
    assert fig["next_steps"] == int(soon.between(0, 7).sum())
    assert fig["approach_rows"] == 10
    # Promises: payments on the customer's invoices (or the named one) from made_on to the promised date.
    prom = pd.read_csv(
        CASE / "promises.csv", dtype={"customer_id": str, "invoice_id": str}, parse_dates=["made_on", "promised_date"]
    )
    inv_owner = pd.read_csv(CASE / "invoices.csv", dtype=str)[["invoice_id", "customer_id"]]
    pays = pay.merge(inv_owner, on="invoice_id")
    pays = pays[pays["paid_date"] <= as_of]
    pairs = prom.reset_index().merge(pays, on="customer_id", how="left", suffixes=("", "_paid"))
    hit = (
        (pairs["paid_date"] >= pairs["made_on"])
        & (pairs["paid_date"] <= pairs["promised_date"])
        & (pairs["invoice_id"].isna() | (pairs["invoice_id"] == pairs["invoice_id_paid"]))
    )
    paid = pairs["paid_amount"].where(hit, 0.0).groupby(pairs["index"]).sum().reindex(prom.index, fill_value=0.0)
    kept = paid >= prom["promised_amount"] - 0.005
    status = np.select([kept, prom["promised_date"] >= as_of, paid > 0.005], ["kept", "open", "partly kept"], "broken")
    assert fig["promise_status"] == pd.Series(status).value_counts().to_dict()
    assert fig["promise_status"] == prom["status_reference"].str.replace("_", " ").value_counts().to_dict()  # README
    matured = status != "open"
    rate = np.minimum(paid, prom["promised_amount"])[matured].sum() / prom["promised_amount"][matured].sum()
    assert math.isclose(fig["promise_kept_rate"], rate, rel_tol=1e-9)
    # README: only INV2023000001 expires soon, on 2026-02-22, 53 days after the end date.
    assert fig["limitation_flagged"] == ["INV2023000001"] and fig["limitation_days_left"] == [53]


def _open_with_days_past_due(inv: pd.DataFrame, pay: pd.DataFrame, end: pd.Timestamp) -> tuple[pd.Series, pd.Series]:
    paid = pay[pay["paid_date"] <= end].groupby("invoice_id")["paid_amount"].sum()
    sub = inv[inv["invoice_date"] <= end]
    open_ = sub["amount"] - sub["invoice_id"].map(paid).fillna(0.0)
    keep = open_.abs() > 0.005
    return open_[keep], (end - sub["due_date"]).dt.days[keep]


def _month_end_buckets(inv: pd.DataFrame, pay: pd.DataFrame, end: pd.Timestamp) -> pd.Series:
    """Open amount per one-month bucket (current, 1-30, ..., 151-180, over 180) at a month end."""
    open_, dpd = _open_with_days_past_due(inv, pay, end)
    labels = ["current", "1-30", "31-60", "61-90", "91-120", "121-150", "151-180", "over 180"]
    bucket = pd.cut(dpd, [-(10**9), 0, 30, 60, 90, 120, 150, 180, 10**9], labels=labels)
    return open_.groupby(bucket, observed=False).sum().reindex(labels, fill_value=0.0)


def _crossed_180(inv: pd.DataFrame, pay: pd.DataFrame, before: pd.Timestamp, end: pd.Timestamp) -> float:
    """Open at `end` and past 180 days only since `before`: what rolled into 'over 180'."""
    open_, dpd = _open_with_days_past_due(inv, pay, end)
    return float(open_[(dpd > 180) & (dpd <= 180 + (end - before).days)].sum())


def _risk_and_prevention(fig: dict, lang: str) -> None:
    inv, open_, pay, cust, as_of = _frames()
    assert fig["lang"] == lang and fig["as_of"] == str(as_of.date())
    assert fig["factors_used"] == ["payment_history", "financials", "enterprise_nature", "relationship"]
    assert sum(fig["grades"].values()) == inv["customer_id"].nunique()
    # Scorecard by hand: the module's illustrative factor rules, default weights 30/25/15/10 (industry, security unknown).
    due = inv[(inv["amount"] > 0) & (inv["due_date"] > as_of - pd.DateOffset(months=12)) & (inv["due_date"] <= as_of)]
    p = pay[pay["paid_date"] <= as_of].merge(due[["invoice_id", "due_date"]], on="invoice_id")
    p["w"] = p["paid_amount"] * (p["paid_date"] - p["due_date"]).dt.days.clip(lower=0)
    paid = due["invoice_id"].map(p.groupby("invoice_id")["paid_amount"].sum()).fillna(0.0)
    unpaid = (due["amount"] - paid).clip(lower=0)
    w = (
        due["invoice_id"].map(p.groupby("invoice_id")["w"].sum()).fillna(0.0)
        + unpaid * (as_of - due["due_date"]).dt.days
    )
    covered = paid.clip(upper=due["amount"]) + unpaid
    late = w.groupby(due["customer_id"]).sum() / covered.groupby(due["customer_id"]).sum()
    ids_ = sorted(inv["customer_id"].unique())
    history = (100 - late).clip(0, 100).reindex(ids_).fillna(50.0)
    months = (as_of - inv.groupby("customer_id")["invoice_date"].min()).dt.days / (365 / 12)
    relation = (months / 36 * 100).clip(upper=100).reindex(ids_)
    fin_all = pd.read_csv(CASE / "financials.csv", dtype={"customer_id": str}).sort_values("year")
    last = fin_all.groupby("customer_id").tail(1).set_index("customer_id")
    z_last = (
        6.56 * (last["current_assets"] - last["current_liabilities"]) / last["total_assets"]
        + 3.26 * last["retained_earnings"] / last["total_assets"]
        + 6.72 * last["ebit"] / last["total_assets"]
        + 1.05 * (last["total_assets"] - last["total_liabilities"]) / last["total_liabilities"]
    )
    financial = (
        pd.Series(np.select([z_last > 2.60, z_last >= 1.10], [90.0, 60.0], 20.0), index=last.index)
        .reindex(ids_)
        .fillna(50.0)
    )
    nature = (
        cust.set_index("customer_id")["nature"]
        .map({"国企": 80.0, "外企": 75.0, "民企": 60.0, "个体": 40.0})
        .reindex(ids_)
        .fillna(50.0)
    )
    score = (30 * history + 25 * financial + 15 * nature + 10 * relation) / 80
    grades = pd.cut(score, [-np.inf, 55, 70, 85, np.inf], right=False, labels=["D", "C", "B", "A"])
    assert fig["grades"] == {g: int(n) for g, n in grades.value_counts().items() if n}
    owing = open_.groupby("customer_id")["open"].sum()
    owing_scores = score[owing[owing > 0].index].reset_index()
    owing_scores.columns = ["customer_id", "score"]
    assert fig["riskiest"] == owing_scores.sort_values(["score", "customer_id"])["customer_id"].iloc[0]
    # Altman Z'' of the latest year, by hand.
    fin = pd.read_csv(CASE / "financials.csv", dtype={"customer_id": str})
    fin = fin.sort_values("year").groupby("customer_id").tail(1)
    z = (
        6.56 * (fin["current_assets"] - fin["current_liabilities"]) / fin["total_assets"]
        + 3.26 * fin["retained_earnings"] / fin["total_assets"]
        + 6.72 * fin["ebit"] / fin["total_assets"]
        + 1.05 * (fin["total_assets"] - fin["total_liabilities"]) / fin["total_liabilities"]
    )
    zone = np.select([z > 2.60, z >= 1.10], ["safe", "grey"], "distress")
    assert fig["z_zones"] == pd.Series(zone).value_counts().to_dict()
    assert fig["z_distress"] == sorted(fin.loc[zone == "distress", "customer_id"])
    assert {"C0040", "C0025"} <= set(fig["z_distress"]) and "C0037" not in fig["z_distress"]  # README stories
    assert "C0040" in fig["flagged"]  # README: warning signals months before default
    # Over the credit limit: open balance (credit notes netted) above the limit.
    bal = open_.groupby("customer_id")["open"].sum()
    limit = cust.set_index("customer_id")["credit_limit"].astype(float)
    assert fig["over_limit"] == sorted(bal[bal > limit.reindex(bal.index)].index)
    assert "C0040" in fig["over_limit"] and "C0021" not in fig["over_limit"]  # README: C0040 far over, C0021 under
    # Limits the rules of thumb give (10 % of net worth, 10 % of working capital, monthly purchases x terms / 30).
    fin_last = (
        pd.read_csv(CASE / "financials.csv", dtype={"customer_id": str})
        .sort_values("year")
        .groupby("customer_id")
        .tail(1)
    )
    fin_last = fin_last.set_index("customer_id")
    recent = inv[inv["invoice_date"] > as_of - pd.DateOffset(months=12)]
    purchases = (
        recent.groupby("customer_id")["amount"].sum()
        / 12
        * cust.set_index("customer_id")["terms_days"].astype(float)
        / 30
    )
    rules = pd.DataFrame(
        {
            "worth": ((fin_last["total_assets"] - fin_last["total_liabilities"]) * 0.10).clip(lower=0),
            "capital": ((fin_last["current_assets"] - fin_last["current_liabilities"]) * 0.10).clip(lower=0),
            "purchases": purchases.clip(lower=0),
        }
    ).min(axis=1)
    assert list(fig["limit_review"]) == fig["over_limit"]
    for customer, value in fig["limit_review"].items():
        assert math.isclose(value, rules[customer], abs_tol=0.01), customer
    assert fig["limit_review"]["C0040"] == 0.0  # README: negative working capital in 2025, no credit on that basis
    # Aging method on invoice age in years: 5 / 10 / 30 / 50 / 80 / 100 %.
    age = (as_of - open_["invoice_date"]).dt.days
    years = pd.cut(age, [-(10**9), 365, 730, 1095, 1460, 1825, 10**9], labels=False)
    by_year = open_["open"].groupby(years).sum().clip(lower=0)
    rates = [0.05, 0.10, 0.30, 0.50, 0.80, 1.00]
    assert math.isclose(fig["aging_allowance"], sum(by_year.get(k, 0.0) * r for k, r in enumerate(rates)), abs_tol=0.01)
    # Provision matrix: weighted roll rates over the last 12 month ends, capped at 100 %, write-off 100 %.
    ends = pd.date_range(end=as_of, periods=12, freq="ME")
    table = pd.DataFrame([_month_end_buckets(inv, pay, e) for e in ends]).to_numpy()
    rolled = table[1:, 1:].copy()
    # Into the open-ended last bucket only what crossed 180 days that month rolled.
    rolled[:, -1] = [_crossed_180(inv, pay, a, b) for a, b in zip(ends, ends[1:], strict=False)]
    roll = np.minimum(rolled.sum(axis=0) / table[:-1, :-1].sum(axis=0), 1.0)
    loss = np.cumprod(np.append(roll, 1.0)[::-1])[::-1]
    today = _month_end_buckets(inv, pay, as_of).to_numpy().clip(min=0)
    assert math.isclose(fig["matrix_expected_loss"], (today * loss).sum(), abs_tol=0.02)


EXPECTED = {
    "cases/03.00-Who-Owes-And-Why.ipynb": _who_owes,
    "cases/04.00-Profit-Impact.ipynb": _profit_impact,
    "cases/05.00-Collection-Plan.ipynb": _collection_plan,
    "cases/06.00-Risk-And-Prevention.ipynb": _risk_and_prevention,
}
