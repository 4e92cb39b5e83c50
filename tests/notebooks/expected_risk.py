"""Expected figures of the follow-up and customer-risk notebooks (04.02, 05.00, 05.04),
computed independently: plain pandas on the case CSVs and hand-computed constants, never
the package functions under test."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

CASE = Path(__file__).resolve().parents[2] / "datasets" / "electromech"
AS_OF = pd.Timestamp("2025-12-31")  # the notebooks' `as_of` default


def _open_invoices() -> pd.DataFrame:
    inv = pd.read_csv(
        CASE / "invoices.csv", dtype={"invoice_id": str, "customer_id": str}, parse_dates=["invoice_date", "due_date"]
    )
    pay = pd.read_csv(CASE / "payments.csv", dtype={"invoice_id": str}, parse_dates=["paid_date"])
    paid = pay[pay["paid_date"] <= AS_OF].groupby("invoice_id")["paid_amount"].sum()
    inv = inv[inv["invoice_date"] <= AS_OF].copy()
    inv["open"] = (inv["amount"] - inv["invoice_id"].map(paid).fillna(0.0)).round(2)
    return inv[inv["open"] > 0.005]


def _after_the_meeting(fig: dict, lang: str) -> None:
    owed = _open_invoices()
    claim = owed.set_index("invoice_id").loc["INV2023000001"]
    assert fig["lang"] == lang and fig["claim"] == "INV2023000001"
    assert math.isclose(fig["claim_amount"], claim["open"], abs_tol=0.005)
    assert fig["claim_due"] == str(claim["due_date"].date()) == "2023-02-22"
    assert fig["claim_days_past_due"] == (AS_OF - claim["due_date"]).days
    acts = pd.read_csv(CASE / "activities.csv", dtype=str, parse_dates=["date"])
    mine = acts[(acts["customer_id"] == "C0025") & (acts["date"] >= claim["due_date"])]
    assert fig["claim_interrupting"] == mine["kind"].isin(["demand", "acknowledgement"]).sum() == 0
    # the default plan by hand: 48,590.00 in 6 monthly instalments without interest, from 2026-01-31
    assert fig["plan_total"] == 48_590.0 and fig["plan_interest"] == 0.0
    assert fig["plan_first_payment"] == 8_098.33  # 48,590 / 6 rounded down to the cent
    assert fig["plan_last_due"] == "2026-06-30"
    # the ladder's last step: 90 days or more past due
    past_90 = owed[(AS_OF - owed["due_date"]).dt.days >= 90]
    assert fig["ladder_last_step_invoices"] == len(past_90)
    assert math.isclose(fig["ladder_last_step_amount"], past_90["open"].sum(), abs_tol=0.02)
    # limitation: the clock restarts at the latest demand/acknowledgement (for the invoice or the
    # whole customer) between the due date and as_of; three calendar years; warn 180 days ahead
    interrupting = acts[acts["kind"].isin(["demand", "acknowledgement"]) & (acts["date"] <= AS_OF)]
    general = owed.merge(interrupting[interrupting["invoice_id"].isna()][["customer_id", "date"]], on="customer_id")
    specific = owed.merge(interrupting[interrupting["invoice_id"].notna()][["invoice_id", "date"]], on="invoice_id")
    events = pd.concat([general, specific])
    events = events[events["date"] >= events["due_date"]]
    start = events.groupby("invoice_id")["date"].max().reindex(owed["invoice_id"]).to_numpy()
    start = pd.Series(np.where(pd.isna(start), owed["due_date"].to_numpy(), start), index=owed.index)
    expires = pd.to_datetime(start) + pd.DateOffset(years=3)
    days_left = (expires - AS_OF).dt.days
    assert fig["open_invoices"] == len(owed)
    assert fig["expired"] == int((days_left < 0).sum()) == 0
    assert fig["expiring_soon"] == int(((days_left >= 0) & (days_left <= 180)).sum()) == 1
    # the C0025 claim: 2023-02-22 + 3 years = 2026-02-22, 31 + 22 days after 2025-12-31
    assert (fig["claim_expires_on"], fig["claim_days_left"], fig["claim_status"]) == ("2026-02-22", 53, "expiring soon")


def _z(fin: pd.DataFrame) -> pd.Series:
    ta = fin["total_assets"]
    return (
        6.56 * (fin["current_assets"] - fin["current_liabilities"]) / ta
        + 3.26 * fin["retained_earnings"] / ta
        + 6.72 * fin["ebit"] / ta
        + 1.05 * fin["book_equity"] / fin["total_liabilities"]
    )


def _days_late_12m() -> pd.Series:
    """Amount-weighted days late per customer: payments of the last 12 months (early = 0) and
    what is still overdue at AS_OF, at its days past due."""
    inv = pd.read_csv(
        CASE / "invoices.csv", dtype={"invoice_id": str, "customer_id": str}, parse_dates=["invoice_date", "due_date"]
    )
    inv = inv[inv["amount"] > 0]
    pay = pd.read_csv(CASE / "payments.csv", dtype={"invoice_id": str}, parse_dates=["paid_date"]).merge(
        inv, on="invoice_id"
    )
    recent = pay[(pay["paid_date"] > AS_OF - pd.DateOffset(years=1)) & (pay["paid_date"] <= AS_OF)]
    paid_part = pd.DataFrame(
        {
            "customer_id": recent["customer_id"],
            "w": recent["paid_amount"],
            "d": (recent["paid_date"] - recent["due_date"]).dt.days.clip(lower=0),
        }
    )
    unpaid = inv["amount"] - inv["invoice_id"].map(pay.groupby("invoice_id")["paid_amount"].sum()).fillna(0)
    overdue = inv[(unpaid.round(2) > 0) & (inv["due_date"] < AS_OF)]
    open_part = pd.DataFrame(
        {"customer_id": overdue["customer_id"], "w": unpaid[overdue.index], "d": (AS_OF - overdue["due_date"]).dt.days}
    )
    both = pd.concat([paid_part, open_part])
    return (both["w"] * both["d"]).groupby(both["customer_id"]).sum() / both.groupby("customer_id")["w"].sum()


def _grading(fig: dict, lang: str) -> None:
    customers = pd.read_csv(CASE / "customers.csv", dtype=str).set_index("customer_id")
    fin = pd.read_csv(CASE / "financials.csv", dtype={"customer_id": str})
    fin["z"] = _z(fin)
    latest = fin[fin["year"] == 2025].set_index("customer_id")
    zones = pd.cut(latest["z"], [-np.inf, 1.10 - 1e-12, 2.60, np.inf], labels=["distress", "grey", "safe"])
    assert fig["lang"] == lang and fig["customers"] == len(customers) == 40
    assert fig["zones"] == {z: int((zones == z).sum()) for z in ("safe", "grey", "distress")}
    c40 = fin[fin["customer_id"] == "C0040"].set_index("year")["z"]
    assert fig["z_by_year"] == pytest.approx({str(y): v for y, v in c40.items()}, abs=1e-4)
    assert math.isclose(fig["z"], c40[2025], abs_tol=1e-4) and fig["z_zone"] == "distress"
    assert c40[2023] > 2.60 and 1.10 <= c40[2024] <= 2.60 and c40[2025] < 1.10  # the planted drift
    # the scorecard by hand, default weights 30/25/15/15/10/5 and security 0
    late = _days_late_12m().reindex(customers.index)
    scores = pd.DataFrame(
        {
            "payment_history": (100 - late).clip(0, 100),
            "financials": np.interp(latest["z"].reindex(customers.index), [0, 1.10, 2.60, 5.0], [0, 40, 70, 100]),
            "enterprise_nature": customers["nature"].map({"国企": 80, "外企": 75, "民企": 60, "个体": 40}),
            "industry": customers["industry"].map(
                {
                    "电力工程": 70,
                    "自动化": 70,
                    "水务环保": 65,
                    "物流装备": 65,
                    "化工": 60,
                    "机械制造": 60,
                    "新能源": 55,
                    "矿山": 55,
                    "冶金": 50,
                    "机电安装": 50,
                    "设备经销": 45,
                    "建筑工程": 40,
                }
            ),
            "relationship": np.interp(np.log10(latest["sales"].reindex(customers.index)), [6, 9], [30, 90]),
        }
    )
    total = (
        30 * scores["payment_history"]
        + 25 * scores["financials"]
        + 15 * scores["enterprise_nature"]
        + 15 * scores["industry"]
        + 10 * scores["relationship"]
    ) / 100
    grades = pd.cut(total, [-np.inf, 55, 70, 85, np.inf], right=False, labels=["D", "C", "B", "A"])
    counts = {g: int((grades == g).sum()) for g in "ABCD"}
    assert fig["grade_counts"] == counts == fig["widget_grade_counts"]
    assert math.isclose(fig["customer_days_late"], late["C0007"], abs_tol=0.01)
    assert 30 <= late["C0007"] <= 60  # the state-owned customer pays 30-60 days late
    assert (
        math.isclose(fig["customer_score"], total["C0007"], abs_tol=0.01) and fig["customer_grade"] == grades["C0007"]
    )
    # the widget rounds factor scores to 0.1: its score may differ by a few hundredths
    assert math.isclose(fig["widget_score"], total["C0007"], abs_tol=0.1) and fig["widget_grade"] == grades["C0007"]
    medians = late.groupby(customers["nature"]).median()
    assert fig["nature_days_late"] == pytest.approx(medians.round(2).to_dict(), abs=0.01)


def _credit_assessment(fig: dict, lang: str) -> None:
    customers = pd.read_csv(CASE / "customers.csv", dtype={"customer_id": str}).set_index("customer_id")
    inv = pd.read_csv(
        CASE / "invoices.csv", dtype={"invoice_id": str, "customer_id": str}, parse_dates=["invoice_date"]
    )
    pay = pd.read_csv(CASE / "payments.csv", dtype={"invoice_id": str}, parse_dates=["paid_date"])
    inv = inv[inv["invoice_date"] <= AS_OF]
    paid = pay[pay["paid_date"] <= AS_OF].groupby("invoice_id")["paid_amount"].sum()
    balance = (
        (inv["amount"] - inv["invoice_id"].map(paid).fillna(0))
        .groupby(inv["customer_id"])
        .sum()
        .reindex(customers.index)
        .fillna(0)
    )
    limit = customers["credit_limit"]
    used = balance / limit * 100
    over = balance > limit
    assert fig["lang"] == lang and fig["customers"] == 40
    assert fig["over_limit"] == int(over.sum())
    assert math.isclose(fig["over_limit_excess"], (balance - limit)[over].sum(), abs_tol=0.05)
    assert fig["top_utilisation_customer"] == used.idxmax()
    assert math.isclose(fig["top_utilisation_pct"], used.max(), abs_tol=0.01)
    assert math.isclose(fig["customer_utilisation_pct"], used["C0040"], abs_tol=0.01)
    # the rules of thumb, by hand on the CSVs
    year = inv[inv["invoice_date"] > AS_OF - pd.DateOffset(years=1)]
    own = year["amount"].sum()
    assert math.isclose(fig["own_sales"], own, abs_tol=0.05)
    fin = pd.read_csv(CASE / "financials.csv", dtype={"customer_id": str})
    fin = fin[fin["year"] == 2025].set_index("customer_id").reindex(customers.index)
    rules = pd.DataFrame(
        {
            "net_worth": (0.10 * fin["book_equity"]).clip(lower=0),
            "working_capital": (0.10 * (fin["current_assets"] - fin["current_liabilities"])).clip(lower=0),
            "purchases": (
                year.groupby("customer_id")["amount"].sum().reindex(customers.index).fillna(0)
                / 12
                * customers["terms_days"]
                / 30
            ).clip(lower=0),
            "concentration": 0.10 * own,
        }
    )
    c40 = rules.loc["C0040"]
    assert c40["working_capital"] == 0.0  # Shunchang's working capital is negative in 2025
    assert (
        fig["widget_recommended"] == 0.0
        and fig["widget_basis"] == "working_capital"
        and fig["widget_over_limit"] is True
    )
    assert math.isclose(fig["widget_purchases"], c40["purchases"], abs_tol=0.01)
    assert math.isclose(fig["widget_net_worth"], c40["net_worth"], abs_tol=0.01)
    recommended = rules.min(axis=1)
    above = limit > recommended
    assert fig["limits_above_rules"] == int(above.sum())
    assert fig["largest_excess_customer"] == (limit - recommended)[above].idxmax() == "C0021"


EXPECTED = {
    "course/04.02-After-The-Meeting.ipynb": _after_the_meeting,
    "course/05.00-Grading-Customer-Risk.ipynb": _grading,
    "course/05.04-Credit-Assessment.ipynb": _credit_assessment,
}
