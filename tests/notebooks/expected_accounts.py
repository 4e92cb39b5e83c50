"""Expected figures of the accounts part: 04.00 Before the meeting, 05.03 Protecting the
claim, 06.00 Key accounts. Plain pandas on the case CSVs and hand-computed constants."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

CASE = Path(__file__).resolve().parents[2] / "datasets" / "electromech"
AS_OF = pd.Timestamp("2025-12-31")  # the notebooks' `as_of` default


def _csv(name: str, dates: tuple[str, ...] = ()) -> pd.DataFrame:
    return pd.read_csv(CASE / f"{name}.csv", dtype=str, keep_default_na=False).astype(
        {d: "datetime64[ns]" for d in dates}
    )


def _open_items() -> pd.DataFrame:
    """Open amount, days past due and customer of each invoice as of AS_OF (credit notes kept)."""
    inv = _csv("invoices", ("invoice_date", "due_date")).astype({"amount": float})
    pay = _csv("payments", ("paid_date",)).astype({"paid_amount": float})
    paid = pay[pay["paid_date"] <= AS_OF].groupby("invoice_id")["paid_amount"].sum()
    inv = inv[inv["invoice_date"] <= AS_OF].copy()
    inv["open"] = inv["amount"] - inv["invoice_id"].map(paid).fillna(0.0)
    inv["dpd"] = (AS_OF - inv["due_date"]).dt.days
    return inv[inv["open"].abs() > 0.005]


def _before_the_meeting(fig: dict, lang: str) -> None:
    items = _open_items()
    mine = items[items["customer_id"] == "C0040"]
    overdue = mine[(mine["open"] > 0) & (mine["dpd"] > 0)]
    assert fig["customer"] == fig["widget_customer"] == "C0040"
    assert math.isclose(fig["open_balance"], mine["open"].sum(), abs_tol=0.01)
    assert math.isclose(fig["open_balance"], 1_512_911.80, abs_tol=0.01)  # README: CNY 1.51 million
    assert math.isclose(fig["widget_open_balance"], fig["open_balance"], abs_tol=0.01)
    assert math.isclose(fig["overdue_balance"], overdue["open"].sum(), abs_tol=0.01)
    assert fig["open_invoices"] == (mine["open"] > 0).sum()
    assert fig["overdue_invoices"] == len(overdue) and fig["oldest_days_past_due"] == overdue["dpd"].max()
    promises = _csv("promises")
    promises = promises[promises["customer_id"] == "C0040"]
    assert fig["promises"] == len(promises) == 9  # README: 5 broken, 2 partly kept, 2 kept
    assert fig["promises_broken"] == (promises["status_reference"] == "broken").sum() == 5
    acts = _csv("activities", ("date",))
    acts = acts[(acts["customer_id"] == "C0040") & (acts["date"] <= AS_OF)]
    assert fig["last_acknowledgement"] is None and "acknowledgement" not in set(acts["kind"])
    # Every open invoice was due before the account-level demand of the lawyer's letter,
    # which restarts all their clocks: the first runs out three years after the last demand.
    demands = acts[acts["kind"].isin(["demand", "acknowledgement"]) & (acts["invoice_id"] == "")]
    assert overdue["due_date"].max() < demands["date"].max()
    assert fig["limitation_expires_on"] == str((demands["date"].max() + pd.DateOffset(years=3)).date())
    # Checklist: no acknowledgement at all (statement ⚠) and broken promises (⚠); the limitation
    # date is 3 years away: two lines to act on.
    assert fig["checklist_act"] == 2
    # The payment contact, a finance manager, prepares payments; the only person on file.
    assert fig["people"] == 1 and fig["gaps"] == ["decides", "influences"]
    roles = _csv("customers")["contact_role"].value_counts()
    assert fig["contacts_by_part"] == {
        "decides": roles["老板"] + roles["总经理"] + roles["财务总监"],
        "pays": roles["财务经理"] + roles["出纳"],
        "influences": roles["采购经理"],
    }
    kinds = _csv("activities")["kind"].value_counts()
    assert (fig["visits"], fig["calls"]) == (kinds["visit"], kinds["call"])


def _protecting_the_claim(fig: dict, lang: str) -> None:
    items = _open_items()
    owed = items[items["open"] > 0]
    assert math.isclose(fig["open_owed"], owed["open"].sum(), abs_tol=0.01)
    # Written confirmations of the last 365 days (the ✏️ default): a stamped statement covers the
    # invoices dated on or before it, an acknowledgement naming an invoice covers that invoice.
    acts = _csv("activities", ("date",))
    acks = acts[
        (acts["kind"] == "acknowledgement") & (acts["date"] <= AS_OF) & (acts["date"] >= AS_OF - pd.Timedelta(days=365))
    ]
    account = acks[acks["invoice_id"] == ""].groupby("customer_id")["date"].max()
    own = acks[acks["invoice_id"] != ""].groupby("invoice_id")["date"].max()
    covered = (owed["invoice_date"] <= owed["customer_id"].map(account)) | (
        owed["invoice_id"].map(own) >= owed["invoice_date"]
    )
    confirmed = owed.loc[covered, "open"].sum()
    assert math.isclose(fig["confirmed"], confirmed, abs_tol=0.01)
    assert math.isclose(fig["confirmed_share"], confirmed / owed["open"].sum() * 100, abs_tol=0.005)
    per_customer = owed.assign(c=covered).groupby("customer_id")["c"].any()
    assert fig["customers_owing"] == len(per_customer)
    assert fig["customers_unconfirmed"] == (~per_customer).sum()
    pay = _csv("payments", ("paid_date",)).astype({"paid_amount": float})
    year = pay[(pay["paid_date"] >= "2025-01-01") & (pay["paid_date"] <= AS_OF)]
    by_method = year.groupby("method")["paid_amount"].sum() / year["paid_amount"].sum() * 100
    assert math.isclose(fig["received_12m"], year["paid_amount"].sum(), abs_tol=0.01)
    assert math.isclose(fig["bank_bill_share"], by_method["bank_acceptance_bill"], abs_tol=0.005)
    assert math.isclose(fig["commercial_bill_share"], by_method["commercial_acceptance_bill"], abs_tol=0.005)
    # Overdue invoices whose clock no demand or acknowledgement has restarted since the due date.
    overdue = owed[owed["due_date"] < AS_OF]
    restarts = acts[acts["kind"].isin(["demand", "acknowledgement"]) & (acts["date"] <= AS_OF)]
    by_account = overdue.merge(restarts[restarts["invoice_id"] == ""][["customer_id", "date"]], on="customer_id")
    by_invoice = overdue.merge(restarts[restarts["invoice_id"] != ""][["invoice_id", "date"]], on="invoice_id")
    touched = pd.concat([by_account, by_invoice])
    touched = set(touched.loc[touched["date"] >= touched["due_date"], "invoice_id"])
    assert fig["open_invoices"] == len(owed) and fig["overdue_invoices"] == len(overdue)
    assert fig["clocks_from_due_date"] == len(set(overdue["invoice_id"]) - touched)
    # README: only INV2023000001 (C0025) expires within the warning window, on 2026-02-22, 53 days on.
    assert fig["claims_at_risk"] == ["INV2023000001"] and fig["days_left"] == [53]
    # A demand on 2026-01-15 (✏️ default), inside the period: three more years from that day.
    assert fig["what_if_expires_on"] == "2029-01-15" and fig["what_if_status"] == "ok"


def _key_accounts(fig: dict, lang: str) -> None:
    inv = _csv("invoices", ("invoice_date", "due_date")).astype({"amount": float})
    sales = inv[inv["amount"] > 0]
    items = _open_items()
    cust = _csv("customers").astype({"credit_limit": float}).set_index("customer_id")
    balance = items.groupby("customer_id")["open"].sum().reindex(cust.index, fill_value=0.0)
    key = sales[sales["customer_id"] == "C0021"]
    assert fig["key_account"] == "C0021"
    assert math.isclose(fig["key_invoiced"], key["amount"].sum(), abs_tol=0.01)
    assert math.isclose(fig["key_invoiced"], 67_843_200.00, abs_tol=0.01)  # README: 91 invoices, CNY 67.8 million
    assert math.isclose(fig["key_sales_share"], key["amount"].sum() / sales["amount"].sum() * 100, abs_tol=1e-4)
    assert math.isclose(fig["key_open_balance"], balance["C0021"], abs_tol=0.01)
    assert math.isclose(fig["key_open_share"], balance["C0021"] / 38_089_773.10 * 100, abs_tol=1e-4)  # README 20.1 %
    assert fig["key_rank"] == 1 and balance.idxmax() == "C0021"
    assert math.isclose(fig["key_utilisation"], balance["C0021"] / 12_000_000 * 100, abs_tol=1e-4)
    # Overdue share per sales rep: open invoices past due / open invoices (credit notes left out).
    owed = items[items["open"] > 0].assign(rep=lambda f: f["customer_id"].map(cust["sales_rep"]))
    share = owed[owed["dpd"] > 0].groupby("rep")["open"].sum() / owed.groupby("rep")["open"].sum() * 100
    assert fig["reps"] == cust["sales_rep"].nunique()
    assert fig["worst_rep"] == share.idxmax()
    assert math.isclose(fig["worst_rep_overdue_share"], share.max(), abs_tol=1e-4)
    assert fig["over_limit"] == (balance > cust["credit_limit"]).sum()
    # ABC tiers at 50 / 80 % (✏️ defaults): a customer is A while the customers before it hold < 50 %.
    ranked = balance.sort_values(ascending=False, kind="mergesort")
    before = (ranked.cumsum() - ranked) / ranked.sum() * 100
    tier = pd.Series("C", index=ranked.index)
    tier[(before < 80) & (ranked > 0)] = "B"
    tier[(before < 50) & (ranked > 0)] = "A"
    assert fig["tier_counts"] == {k: int((tier == k).sum()) for k in "ABC"}
    for k in "ABC":
        assert math.isclose(fig["tier_shares"][k], ranked[tier == k].sum() / ranked.sum() * 100, abs_tol=1e-4)
    assert fig["key_tier"] == "A"
    overdue_share = (
        owed[owed["dpd"] > 0].groupby("customer_id")["open"].sum() / owed.groupby("customer_id")["open"].sum() * 100
    )
    watched = set(overdue_share[overdue_share >= 50].index)
    assert fig["watched"] == {k: len(watched & set(tier[tier == k].index)) for k in "ABC"}
    assert fig["review_agenda"] == len(watched | set(tier[tier == "A"].index))
    # Late interest at LPR 3.0 % + 50 % = 4.5 % a year, no grace, on invoices past due.
    late = owed[owed["dpd"] > 0]
    assert fig["interest_rate"] == 4.5
    assert math.isclose(fig["late_interest"], (late["open"] * 0.045 * late["dpd"] / 365).sum(), abs_tol=0.01)
    # The key account's settled invoices: days late = the completing payment's date - due date.
    pay = _csv("payments", ("paid_date",)).astype({"paid_amount": float})
    per = (
        pay[pay["paid_date"] <= AS_OF].groupby("invoice_id").agg(paid=("paid_amount", "sum"), last=("paid_date", "max"))
    )
    done = key.join(per, on="invoice_id", how="inner")
    done = done[done["paid"] >= done["amount"] - 0.005]
    days_late = (done["last"] - done["due_date"]).dt.days
    assert fig["key_settled"] == len(done)
    assert math.isclose(fig["key_on_time"], (days_late <= 0).mean() * 100, abs_tol=1e-4)
    assert math.isclose(fig["key_mean_days_late"], days_late.mean(), abs_tol=1e-4)
    assert fig["key_max_days_late"] == days_late.max()


EXPECTED = {
    "course/06.00-Key-Accounts.ipynb": _key_accounts,
    "course/05.03-Protecting-The-Claim.ipynb": _protecting_the_claim,
    "course/04.00-Before-The-Meeting.ipynb": _before_the_meeting,
}
