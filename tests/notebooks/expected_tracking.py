"""Expected figures of the case, warning-signal and tracking-tools notebooks (03.00, 05.01,
05.02): plain pandas on datasets/electromech/*.csv and constants from its README, never the
package functions under test."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..case_by_hand import CASE, open_as_of, read_ledger

END = "2025-12-31"  # the case's end date, the notebooks' default `as_of`


def _read():
    inv, pay = read_ledger()
    cust = pd.read_csv(CASE / "customers.csv", dtype=str, keep_default_na=False)
    return inv, pay, cust


def _month(inv, pay, month_end: str) -> dict:
    """DSO, best possible DSO and CEI of the calendar month ending on month_end."""
    end = pd.Timestamp(month_end)
    start = end.replace(day=1)
    opening = open_as_of(inv, pay, start - pd.Timedelta(days=1))["open"].sum()
    items = open_as_of(inv, pay, end)
    closing, current = items["open"].sum(), items.loc[items["dpd"] <= 0, "open"].sum()
    sales = inv.loc[inv["invoice_date"].between(start, end), "amount"].sum()
    days = (end - start).days + 1
    return {
        "dso": closing / sales * days,
        "bpdso": current / sales * days,
        "cei": (opening + sales - closing) / (opening + sales - current) * 100,
    }


def _the_case(fig: dict, lang: str) -> None:
    inv, pay, cust = _read()
    items = open_as_of(inv, pay, END)
    assert fig["lang"] == lang and fig["as_of"] == END
    sales = inv[inv["amount"] > 0]
    assert fig["invoices"] == len(sales)
    assert math.isclose(fig["invoiced"], sales["amount"].sum(), abs_tol=0.01)
    assert fig["customers"] == inv["customer_id"].nunique() == 40
    assert math.isclose(fig["open_balance"], 38_089_773.10, abs_tol=0.02)  # README
    assert math.isclose(fig["overdue_balance"], items.loc[items["dpd"] > 0, "open"].sum(), abs_tol=0.02)
    stories = cust.loc[cust["story"] != "", "customer_id"]
    by_customer = items.groupby("customer_id")["open"].sum()
    assert set(fig["story_open"]) == set(stories) == {"C0007", "C0021", "C0025", "C0037", "C0040"}
    for cid, value in fig["story_open"].items():
        assert math.isclose(value, by_customer.get(cid, 0.0), abs_tol=0.02), cid
    assert math.isclose(fig["story_open"]["C0025"], 48_590.00, abs_tol=0.005)  # README: the one unpaid invoice
    assert math.isclose(fig["key_account_share"], by_customer["C0021"] / items["open"].sum() * 100, abs_tol=0.005)
    assert fig["key_account_share"] >= 15  # README
    # The explorer at its defaults: the end date, buckets current, 1-30, 31-60, 61-90, 91-180, 181-365, over 365.
    assert fig["explorer_as_of"] == END
    bins = [-np.inf, 0, 30, 60, 90, 180, 365, np.inf]
    buckets = items.groupby(pd.cut(items["dpd"], bins, labels=False))["open"].sum().reindex(range(7), fill_value=0.0)
    assert len(fig["explorer_buckets"]) == 7
    for got, want in zip(fig["explorer_buckets"], buckets, strict=True):
        assert math.isclose(got, want, abs_tol=0.02)
    overdue = items[items["dpd"] > 0].groupby("customer_id")["open"].sum()
    assert fig["explorer_top_overdue"] == overdue.idxmax()
    month = _month(inv, pay, END)
    assert math.isclose(fig["explorer_dso"], month["dso"], abs_tol=0.006)
    assert math.isclose(fig["explorer_cei"], month["cei"], abs_tol=0.006)


def _signals_by_pandas(inv, pay, prom, as_of: str, months: int = 6) -> pd.DataFrame:
    """warning_signals' documented measures, recomputed: per customer days late before and
    recently, drift, trend, partial payments, promises made and broken, and the flags."""
    day = pd.Timestamp(as_of)
    start = day - pd.DateOffset(months=months)
    base = start - pd.DateOffset(months=months)
    customers = inv.loc[inv["invoice_date"] <= day, "customer_id"].unique()
    inv = inv[(inv["invoice_date"] <= day) & (inv["amount"] > 0)].copy()
    pay = pay[pay["paid_date"] <= day].merge(inv[["invoice_id", "customer_id", "due_date", "amount"]], on="invoice_id")
    pay["w"] = pay["paid_amount"] * (pay["paid_date"] - pay["due_date"]).dt.days
    per = pay.groupby("invoice_id")[["paid_amount", "w"]].sum()
    inv = inv.join(per, on="invoice_id").fillna({"paid_amount": 0.0, "w": 0.0})
    unpaid = (inv["amount"] - inv["paid_amount"]).clip(lower=0)
    unpaid = unpaid.where(unpaid > 0.005, 0.0)
    late_now = (inv["due_date"] < day) & (unpaid > 0)
    extra = (unpaid * (day - inv["due_date"]).dt.days).where(late_now, 0.0)
    inv["late"] = ((inv["w"] + extra) / (inv["paid_amount"] + unpaid.where(late_now, 0.0))).where(
        (unpaid == 0) | late_now
    )
    inv["recent"] = inv["invoice_date"] > start
    inv["earlier"] = (inv["invoice_date"] > base) & ~inv["recent"]
    pay = pay.sort_values(["invoice_id", "paid_date"], kind="mergesort")
    pay["partial"] = pay.groupby("invoice_id")["paid_amount"].cumsum() < pay["amount"] - 0.005
    pay["in_window"] = pay["paid_date"] > start
    prom = prom[prom["made_on"] <= day].copy()
    rows = []
    for cid in customers:
        mine = inv[inv["customer_id"] == cid]
        recent = mine.loc[mine["recent"], "late"].dropna()
        earlier = mine.loc[mine["earlier"], "late"].dropna()
        both = mine[(mine["recent"] | mine["earlier"]) & mine["late"].notna()]
        x = (both["invoice_date"] - day).dt.days / 30.0
        slope = np.polyfit(x, both["late"], 1)[0] if len(both) >= 2 and x.nunique() > 1 else np.nan
        p = pay[pay["customer_id"] == cid]
        partial, recent_pays = int((p["partial"] & p["in_window"]).sum()), int(p["in_window"].sum())
        made = prom[prom["customer_id"] == cid]
        paid_by = pay[pay["customer_id"] == cid]
        broken = 0
        for _, pr in made[made["promised_date"] > start].iterrows():
            hits = paid_by[(paid_by["paid_date"] >= pr["made_on"]) & (paid_by["paid_date"] <= pr["promised_date"])]
            if isinstance(pr["invoice_id"], str):
                hits = hits[hits["invoice_id"] == pr["invoice_id"]]
            kept = hits["paid_amount"].sum() >= pr["promised_amount"] - 0.005
            broken += int(not kept and day > pr["promised_date"])
        drift = recent.mean() - earlier.mean()
        flags = []
        if drift >= 10 and len(recent) >= 3 and len(earlier) >= 3:
            flags.append("PAYING_LATER")
        if slope >= 2 and len(both) >= 3:
            flags.append("LATE_TREND")
        if partial >= 2 and recent_pays and partial / recent_pays >= 0.3:
            flags.append("PARTIAL_PAYMENTS")
        if broken >= 1:
            flags.append("BROKEN_PROMISES")
        if (made["made_on"] > start).sum() >= 3:
            flags.append("MANY_PROMISES")
        rows.append(
            {
                "customer_id": cid,
                "days_late_earlier": earlier.mean(),
                "days_late_recent": recent.mean(),
                "drift_days": drift,
                "payments_recent": recent_pays,
                "partial_payments": partial,
                "promises_recent": int((made["made_on"] > start).sum()),
                "broken_promises": broken,
                "flags": ", ".join(flags),
            }
        )
    return pd.DataFrame(rows).set_index("customer_id")


def _behaviour(pay_rows: pd.DataFrame, months: int = 6) -> tuple[float, float]:
    month = pay_rows["paid_date"].dt.to_period("M")
    seen = sorted(month.unique())

    def weighted(chosen):
        part = pay_rows[month.isin(chosen)]
        return (part["paid_amount"] * part["days_late"]).sum() / part["paid_amount"].sum()

    return weighted(seen[:months]), weighted(seen[-months:])


def _warning_signals(fig: dict, lang: str) -> None:
    inv, pay, _ = _read()
    prom = pd.read_csv(
        CASE / "promises.csv", dtype={"customer_id": str, "invoice_id": str}, parse_dates=["made_on", "promised_date"]
    )
    assert fig["lang"] == lang and (fig["as_of"], fig["end"], fig["window_months"]) == ("2025-03-31", END, 6)
    table = _signals_by_pandas(inv, pay, prom, fig["as_of"])
    assert fig["customers"] == len(table)
    assert fig["flagged"] == int((table["flags"] != "").sum())
    for who, cid in (("drifting", "C0040"), ("steady", "C0007")):
        for key, got in fig[who].items():
            want = table.loc[cid, key]
            if isinstance(want, str):
                assert set(got.split(", ")) == set(want.split(", ")), (who, key, got, want)
            else:
                assert math.isclose(got, want, abs_tol=1e-6), (who, key, got, want)
    assert "PAYING_LATER" in fig["drifting"]["flags"] and "BROKEN_PROMISES" in fig["drifting"]["flags"]
    assert "PAYING_LATER" not in fig["steady"]["flags"] and fig["steady"]["broken_promises"] == 0
    # Behaviour over the whole case: payments with days late, first against last six payment months.
    paid = pay.merge(inv[["invoice_id", "customer_id", "due_date", "amount"]], on="invoice_id")
    paid["days_late"] = (paid["paid_date"] - paid["due_date"]).dt.days
    paid = paid.sort_values(["invoice_id", "paid_date"], kind="mergesort")
    paid["partial"] = paid.groupby("invoice_id")["paid_amount"].cumsum() < paid["amount"] - 0.005
    c40, c07 = paid[paid["customer_id"] == "C0040"], paid[paid["customer_id"] == "C0007"]
    first, last = _behaviour(c40)
    assert math.isclose(fig["drift_first"], first, abs_tol=0.006) and math.isclose(
        fig["drift_last"], last, abs_tol=0.006
    )
    assert abs(first - 8) < 1 and abs(last - 55) < 1 and last - first > 30  # README: about 8, about 55
    assert fig["drift_last_payment"] == str(c40["paid_date"].max().date()) == "2025-08-05"  # README
    assert fig["drift_partial"] == int(c40["partial"].sum())
    first, last = _behaviour(c07)
    assert math.isclose(fig["steady_first"], first, abs_tol=0.006) and math.isclose(
        fig["steady_last"], last, abs_tol=0.006
    )
    assert c07["days_late"].between(30, 60).all() and fig["steady_partial"] == 0  # README: 30-60 days, in full
    then = open_as_of(inv, pay, fig["as_of"])
    now = open_as_of(inv, pay, END)
    assert math.isclose(fig["open_then"], then.loc[then["customer_id"] == "C0040", "open"].sum(), abs_tol=0.02)
    assert math.isclose(fig["open_end"], now.loc[now["customer_id"] == "C0040", "open"].sum(), abs_tol=0.02)
    log = pd.read_csv(CASE / "activities.csv", dtype=str, keep_default_na=False)
    assert fig["log_rows"] == int(
        ((log["customer_id"] == "C0040") & (log["date"] <= fig["as_of"]) & (log["note_en"] != "")).sum()
    )


LADDER = (-5, 0, 7, 15, 30, 45, 60, 90)  # the kit's default dunning ladder, course/references.md §8.1


def _tracking_tools(fig: dict, lang: str) -> None:
    inv, pay, cust = _read()
    assert fig["lang"] == lang and fig["as_of"] == END
    day = pd.Timestamp(END)
    items = open_as_of(inv, pay, END)
    balance = items["open"].sum()
    bins = [-np.inf, 0, 30, 60, 90, 180, 365, np.inf]
    buckets = items.groupby(pd.cut(items["dpd"], bins, labels=False))["open"].sum().reindex(range(7), fill_value=0.0)
    for got, want in zip(fig["aging"], buckets, strict=True):
        assert math.isclose(got, want, abs_tol=0.02)
    assert math.isclose(fig["open_balance"], 38_089_773.10, abs_tol=0.02)  # README
    current = items.loc[items["dpd"] <= 0, "open"].sum()
    assert math.isclose(fig["pct_current"], current / balance * 100, abs_tol=0.051)
    assert math.isclose(fig["pct_over_90"], items.loc[items["dpd"] > 90, "open"].sum() / balance * 100, abs_tol=0.051)
    sales = inv.loc[inv["invoice_date"] > day - pd.Timedelta(days=90), "amount"].sum()
    assert math.isclose(fig["dso"], balance / sales * 90, abs_tol=0.051)
    assert math.isclose(fig["best_possible_dso"], current / sales * 90, abs_tol=0.051)
    assert math.isclose(fig["add"], (balance - current) / sales * 90, abs_tol=0.051)
    assert fig["months"] == ["2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12"]
    for month, got in zip(fig["months"], fig["cei"], strict=True):
        end = pd.Period(month).to_timestamp(how="end").normalize()
        assert math.isclose(got, _month(inv, pay, str(end.date()))["cei"], abs_tol=0.006), month
    # Worklist: sum of open x days past due over overdue items, x the weight of the debtor type.
    weights = cust.set_index("customer_id")["debtor_type"].map(fig["type_weights"])
    assert fig["type_weights"] == {
        "able_willing": 1.0,
        "able_unwilling": 1.5,
        "unable_willing": 2.0,
        "unable_unwilling": 3.0,
    }
    late = items[(items["dpd"] > 0) & (items["open"] > 0)]
    priority = (late["open"] * late["dpd"]).groupby(late["customer_id"]).sum() * weights
    priority = priority.dropna().sort_values(ascending=False)
    assert fig["worklist_top"] == list(priority.index[:3])
    assert math.isclose(fig["worklist_top_priority"], priority.iloc[0], rel_tol=1e-9)
    # Dunning: each open invoice's next step on the ladder, due within a week of the date.
    owed = items[items["open"] > 0]
    offsets = np.array(LADDER)
    nxt = np.searchsorted(offsets, owed["dpd"].to_numpy(), side="right")
    has_next = nxt < len(offsets)
    due_next = owed["due_date"][has_next] + pd.to_timedelta(offsets[nxt[has_next]], unit="D")
    in_week = (due_next > day) & (due_next <= day + pd.Timedelta(days=7))
    assert fig["week_steps"] == int(in_week.sum()) == fig["week_invoices"]
    reached = np.searchsorted(offsets, owed["dpd"].to_numpy(), side="right") - 1
    counts = [int((reached == k).sum()) for k in range(len(offsets))] + [int((reached < 0).sum())]
    assert fig["by_step"] == counts
    # Promises at the end date: the generator's own status column (README, promises.csv).
    ref = pd.read_csv(CASE / "promises.csv", dtype=str)["status_reference"].str.replace("_", " ").value_counts()
    assert fig["promises"] == {k: int(ref.get(k, 0)) for k in ("kept", "partly kept", "broken", "open")}
    prom = pd.read_csv(
        CASE / "promises.csv", dtype={"customer_id": str, "invoice_id": str}, parse_dates=["made_on", "promised_date"]
    )
    paid = pay.merge(inv[["invoice_id", "customer_id"]], on="invoice_id")
    matured = prom[prom["promised_date"] < day].reset_index(drop=True)
    pairs = matured.reset_index().merge(paid, on="customer_id", suffixes=("", "_paid"))
    counts_ok = (
        (pairs["paid_date"] >= pairs["made_on"])
        & (pairs["paid_date"] <= pairs["promised_date"])
        & (pairs["invoice_id"].isna() | (pairs["invoice_id"] == pairs["invoice_id_paid"]))
    )
    got = pairs[counts_ok].groupby("index")["paid_amount"].sum().reindex(matured.index, fill_value=0.0)
    kept = np.minimum(got, matured["promised_amount"]).sum()
    assert math.isclose(fig["kept_rate"], kept / matured["promised_amount"].sum(), abs_tol=1e-6)


EXPECTED = {
    "course/03.00-The-Case.ipynb": _the_case,
    "course/05.02-Tracking-Tools.ipynb": _tracking_tools,
    "course/05.01-Warning-Signals.ipynb": _warning_signals,
}
