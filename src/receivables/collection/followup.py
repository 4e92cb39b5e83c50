"""After the meeting (面谈后:跟进工作): the facts of one claim, where the open invoices
stand on the escalation ladder, and the claims nearest to their limitation date.

Tables for chapter 04.02, built on `dunning_schedule` and `limitation_status`.
"""

from __future__ import annotations

from typing import Any, TypedDict

import pandas as pd

from receivables.collection.dunning import dunning_schedule, ladder_frame
from receivables.collection.limitation import INTERRUPTING_KINDS, STATUS_LABELS
from receivables.frames import dates, ids, name_column, require, timestamp
from receivables.i18n import t

#: Catalogue keys naming what last started a limitation clock.
EVENT_KEYS = {
    "due": "risk.lim.due_date",
    "demand": "risk.lim.demand",
    "acknowledgement": "risk.lim.acknowledgement",
    "lawsuit": "risk.lim.lawsuit",
    "arbitration": "risk.lim.arbitration",
}


class ClaimFacts(TypedDict):
    """What `claim_facts` returns (a plain dict)."""

    invoice_id: str
    customer_id: str
    name_en: str
    name_zh: str
    open_amount: float
    due_date: str
    days_past_due: int
    activities_since_due: int
    interrupting_since_due: int


def claim_facts(
    open_items: pd.DataFrame, customers: pd.DataFrame, activities: pd.DataFrame | None, invoice_id: str
) -> ClaimFacts:
    """One open invoice: who owes it, how much, since when, and what was done since its due date.

    ``activities_since_due`` counts the customer's logged activities (for this invoice or
    for the customer as a whole) dated on or after the due date; ``interrupting_since_due``
    counts those of them whose kind interrupts the limitation period (`INTERRUPTING_KINDS`).
    """
    require(open_items, ["invoice_id", "customer_id", "due_date", "open_amount", "days_past_due"], "open items")
    row = open_items[ids(open_items["invoice_id"]) == str(invoice_id)]
    if row.empty or float(row["open_amount"].iloc[0]) <= 0:
        raise ValueError(f"invoice {invoice_id} is not an open item on this date")
    item = row.iloc[0]
    customer_id = str(item["customer_id"])
    names = customers[ids(customers["customer_id"]) == customer_id]
    due = pd.Timestamp(item["due_date"]).normalize()
    facts = ClaimFacts(
        invoice_id=str(invoice_id),
        customer_id=customer_id,
        name_en=str(names["name_en"].iloc[0]) if len(names) else customer_id,
        name_zh=str(names["name_zh"].iloc[0]) if len(names) else customer_id,
        open_amount=float(item["open_amount"]),
        due_date=str(due.date()),
        days_past_due=int(item["days_past_due"]),
        activities_since_due=0,
        interrupting_since_due=0,
    )
    if activities is not None and len(activities):
        acts = activities[ids(activities["customer_id"]) == customer_id]
        invoice = ids(acts["invoice_id"]) if "invoice_id" in acts.columns else pd.Series(pd.NA, index=acts.index)
        mine = acts[
            (invoice.isna() | (invoice == str(invoice_id))).to_numpy() & (dates(acts["date"]) >= due).to_numpy()
        ]
        facts["activities_since_due"] = int(len(mine))
        facts["interrupting_since_due"] = int(
            mine["kind"].astype(str).str.strip().str.lower().isin(INTERRUPTING_KINDS).sum()
        )
    return facts


def ladder_counts(open_items: pd.DataFrame, as_of: Any, lang: str = "en", ladder: Any = None) -> pd.DataFrame:
    """How many open invoices, and how much, have reached each step of the ladder (as last step).

    Columns: offset, code, step (in ``lang``), invoices, amount; every step listed, 0 where none.
    """
    steps = ladder_frame(ladder)
    schedule = dunning_schedule(open_items, timestamp(as_of), ladder)
    reached = (
        schedule.dropna(subset=["last_step"])
        .groupby("last_step")
        .agg(invoices=("invoice_id", "size"), amount=("open_amount", "sum"))
    )
    table = steps.join(reached, on="code")
    table["invoices"] = table["invoices"].fillna(0).astype(int)
    table["amount"] = table["amount"].fillna(0.0)
    table["step"] = table["zh" if lang == "zh" else "en"]
    return table[["offset", "code", "step", "invoices", "amount"]]


def limitation_watchlist(status: pd.DataFrame, customers: pd.DataFrame, lang: str = "en", top: int = 5) -> pd.DataFrame:
    """The ``top`` claims with the fewest days left (from `limitation_status`), with the
    customer's name, the status and what started the clock in ``lang``."""
    name = name_column(lang)
    names = customers.assign(customer_id=ids(customers["customer_id"])).set_index("customer_id")[name]
    out = status.nsmallest(top, "days_left").copy()
    out["customer"] = ids(out["customer_id"]).map(names).fillna(out["customer_id"])
    out["status_label"] = out["status"].map({k: v[lang] for k, v in STATUS_LABELS.items()})
    out["last_event_label"] = (
        out["last_event"].map({k: t(v, lang) for k, v in EVENT_KEYS.items()}).fillna(out["last_event"])
    )
    for column in ("due_date", "clock_start", "expires_on"):
        out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out.reset_index(drop=True)
