"""Protecting the company's claim (公司债权保障方案): evidence, security, and time.

Course topic: 公司债权保障方案 (合同、发票、收货单、对账单……). A claim is only as good as
what proves it, what secures it, and the time left to enforce it:

- `MEASURES`: the documents and securities the kit teaches, what each proves or protects.
  *Authored for this kit* from common practice and China's Civil Code (articles cited);
  a teaching summary, not legal advice.
- `confirmation_coverage`: how much of each customer's open balance the customer has
  confirmed in writing (an ``acknowledgement`` activity, e.g. a stamped statement) recently.
- `claims_at_risk`: open invoices whose limitation period (诉讼时效, Civil Code art. 188,
  3 years, restarted by a provable demand or an acknowledgement, art. 195) runs out within
  a warning window, from `receivables.collection.limitation.limitation_status`.
- `demand_what_if`: the same invoice's clock if a provable demand were sent on a date.
- `payment_security`: how the money came in, by payment method: a bank acceptance bill is
  a bank's promise, a commercial acceptance bill only the customer's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

import numpy as np
import pandas as pd

from receivables.collection._common import activities_of
from receivables.collection.effort import kind_name
from receivables.collection.limitation import STATUS_LABELS, limitation_status
from receivables.frames import dates, ids, name_column, require, timestamp
from receivables.i18n import Text, check_lang, keyed, named, pick, t


@dataclass(frozen=True)
class Measure:
    """A way to protect a claim: what it proves or protects, and how to use it.
    *Authored for this kit*; article numbers are those of China's Civil Code (民法典)."""

    code: str
    name: Text
    protects: Text
    how: Text


MEASURES: tuple[Measure, ...] = tuple(
    Measure(code, *keyed(f"protect.measures.{code}", "name", "protects", "how"))
    for code in ("contract", "invoice", "receipt", "statement", "guarantee", "title", "bill", "limitation")
)


MEASURE_HEADERS = {"measure": "protect.measure", "protects": "protect.protects", "how": "protect.how"}
COVERAGE_HEADERS = {
    "customer_id": "protect.customer_id",
    "customer": "protect.customer",
    "open_balance": "protect.open_balance",
    "confirmed": "protect.confirmed",
    "unconfirmed": "protect.unconfirmed",
    "confirmed_share": "protect.confirmed_share",
    "last_acknowledgement": "protect.last_acknowledgement",
}
RISK_HEADERS = {
    "invoice_id": "protect.invoice_id",
    "customer": "protect.customer",
    "due_date": "protect.due_date",
    "open_amount": "protect.open_amount",
    "last_event": "protect.last_event",
    "clock_start": "protect.clock_start",
    "expires_on": "protect.expires_on",
    "days_left": "protect.days_left",
    "status": "protect.status",
}
SECURITY_HEADERS = {
    "method": "protect.method",
    "who_pays": "protect.who_pays",
    "payments": "protect.payments",
    "amount": "protect.amount",
    "share": "protect.share",
}
#: What a payment by each method leaves in our hands: money, or a bill someone must still pay.
BACKING = {
    "bank_transfer": "money",
    "cash": "money",
    "bank_acceptance_bill": "bank",
    "letter_of_credit": "bank",
    "commercial_acceptance_bill": "customer",
}


def measures_table(lang: str = "en") -> pd.DataFrame:
    """`MEASURES` for display in ``lang``: measure, what it protects, how to use it."""
    check_lang(lang)
    return pd.DataFrame(
        [
            {
                "code": m.code,
                "measure": named(m.name, lang),
                "protects": pick(m.protects, lang),
                "how": pick(m.how, lang),
            }
            for m in MEASURES
        ]
    )


def _names(customers: pd.DataFrame | None, lang: str) -> pd.Series:
    if customers is None:
        return pd.Series(dtype="string")
    column = name_column(lang)
    if column not in customers.columns:
        column = next((c for c in ("name_zh", "name_en", "name") if c in customers.columns), None)
    if column is None:
        return pd.Series(dtype="string")
    return pd.Series(customers[column].to_numpy(), index=ids(customers["customer_id"]).to_numpy())


def confirmation_coverage(
    open_items: pd.DataFrame,
    activities: pd.DataFrame | None,
    as_of: Any,
    within_days: int = 365,
    customers: pd.DataFrame | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """How much of each customer's open balance the customer has confirmed in writing.

    An open invoice (open_amount > 0) counts as *confirmed* when an ``acknowledgement``
    activity dated on or before ``as_of`` and at most ``within_days`` before it covers it:
    an account-level acknowledgement (no invoice_id, e.g. a stamped statement) covers the
    customer's invoices dated on or before it; one naming an invoice covers that invoice
    if dated on or after the invoice date. Credit notes are left out.

    One row per customer with something owed, largest unconfirmed balance first:
    ``customer_id``, ``customer`` (name in ``lang`` when ``customers`` is given),
    ``open_balance``, ``confirmed``, ``unconfirmed``, ``confirmed_share`` (%) and
    ``last_acknowledgement`` (any date, NaT if never).
    """
    check_lang(lang)
    require(open_items, ["invoice_id", "customer_id", "invoice_date", "open_amount"], "open items")
    if within_days < 0:
        raise ValueError("within_days must be 0 or more")
    as_of = timestamp(as_of)
    owed = open_items[open_items["open_amount"].astype(float) > 0]
    items = pd.DataFrame(
        {
            "invoice_id": ids(owed["invoice_id"]).to_numpy(),
            "customer_id": ids(owed["customer_id"]).to_numpy(),
            "invoice_date": dates(owed["invoice_date"]).to_numpy(),
            "open_amount": owed["open_amount"].astype(float).to_numpy(),
        }
    )
    confirmed = np.zeros(len(items), dtype=bool)
    last_any = pd.Series(dtype="datetime64[ns]")
    if activities is not None and len(activities):
        acks = activities_of(activities, {"acknowledgement"}, as_of)
        last_any = acks.groupby("customer_id")["date"].max()
        recent = acks[acks["date"] >= as_of - pd.Timedelta(days=within_days)]
        account = recent[recent["invoice_id"].isna()].groupby("customer_id")["date"].max()
        by_invoice = recent[recent["invoice_id"].notna()].groupby("invoice_id")["date"].max()
        # reindex, not map: Series.map fails on an empty datetime Series
        account_date = pd.Series(account.reindex(items["customer_id"]).to_numpy(), index=items.index)
        invoice_date = pd.Series(by_invoice.reindex(items["invoice_id"]).to_numpy(), index=items.index)
        confirmed = (
            (items["invoice_date"] <= account_date).fillna(False)
            | (invoice_date >= items["invoice_date"]).fillna(False)
        ).to_numpy(dtype=bool)
    items["confirmed"] = np.where(confirmed, items["open_amount"], 0.0)
    table = items.groupby("customer_id").agg(open_balance=("open_amount", "sum"), confirmed=("confirmed", "sum"))
    table["unconfirmed"] = table["open_balance"] - table["confirmed"]
    table["confirmed_share"] = table["confirmed"] / table["open_balance"] * 100
    table["last_acknowledgement"] = pd.to_datetime(last_any.reindex(table.index).to_numpy())
    table = table.reset_index()
    table.insert(1, "customer", table["customer_id"].map(_names(customers, lang)))
    return table.sort_values(["unconfirmed", "customer_id"], ascending=[False, True], kind="mergesort").reset_index(
        drop=True
    )


def _event_name(kind: str, lang: str) -> str:
    return t("protect.event.due", lang) if kind == "due" else kind_name(kind, lang)


def claims_at_risk(
    open_items: pd.DataFrame,
    activities: pd.DataFrame | None,
    as_of: Any,
    warn_days: int = 180,
    customers: pd.DataFrame | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """Open invoices whose limitation period has run out or runs out within ``warn_days``.

    `limitation_status` rows with status "expired" or "expiring soon", soonest first, plus
    ``customer`` (name in ``lang`` when ``customers`` is given), ``last_event`` and
    ``status`` shown in ``lang`` (the codes stay in ``last_event_code`` and ``status_code``).
    """
    check_lang(lang)
    if warn_days < 0:
        raise ValueError("warn_days must be 0 or more")
    status = limitation_status(open_items, activities, as_of, warn_days=warn_days)
    risky = status[status["status"] != "ok"].copy()
    risky["customer"] = risky["customer_id"].map(_names(customers, lang))
    risky["last_event_code"] = risky["last_event"]
    risky["last_event"] = [_event_name(k, lang) for k in risky["last_event_code"]]
    risky["status_code"] = risky["status"]
    risky["status"] = [STATUS_LABELS[s][lang] for s in risky["status_code"]]
    for column in ("due_date", "clock_start", "expires_on"):
        risky[column] = risky[column].dt.strftime("%Y-%m-%d")
    return risky.reset_index(drop=True)


class LimitationOverview(TypedDict):
    """What `limitation_overview` returns (a plain dict)."""

    invoices: int
    overdue: int
    by_status: dict[str, int]
    amount_by_status: dict[str, float]
    from_due_date: int
    from_due_date_amount: float
    restarted: int


def limitation_overview(
    open_items: pd.DataFrame, activities: pd.DataFrame | None, as_of: Any, warn_days: int = 180
) -> LimitationOverview:
    """The limitation clocks of all open invoices in a few numbers: how many invoices and
    how much money per status; of the overdue ones (due before ``as_of``), how many clocks
    still run from the due date alone (no demand or acknowledgement has restarted them)."""
    status = limitation_status(open_items, activities, as_of, warn_days=warn_days)
    counts = status["status"].value_counts()
    amounts = status.groupby("status")["open_amount"].sum()
    overdue = status["due_date"] < timestamp(as_of)
    from_due = overdue & (status["last_event"] == "due")
    return LimitationOverview(
        invoices=int(len(status)),
        overdue=int(overdue.sum()),
        by_status={s: int(counts.get(s, 0)) for s in STATUS_LABELS},
        amount_by_status={s: round(float(amounts.get(s, 0.0)), 2) for s in STATUS_LABELS},
        from_due_date=int(from_due.sum()),
        from_due_date_amount=round(float(status.loc[from_due, "open_amount"].sum()), 2),
        restarted=int((status["last_event"] != "due").sum()),
    )


class DemandWhatIf(TypedDict):
    """What `demand_what_if` returns (a plain dict)."""

    invoice_id: str
    demand_on: pd.Timestamp
    expires_before: pd.Timestamp
    expires_on: pd.Timestamp
    days_left: int
    status: str


def demand_what_if(
    open_items: pd.DataFrame,
    activities: pd.DataFrame | None,
    invoice_id: str,
    demand_on: Any,
) -> DemandWhatIf:
    """The limitation clock of one open invoice, judged on ``demand_on``, if a provable
    written demand for it is sent that day.

    A demand sent while the period runs restarts it (art. 195): the claim then runs to
    ``demand_on`` + 3 years. Sent after the period ran out, it changes nothing: the claim
    stays expired. Returns ``invoice_id``, ``demand_on``, ``expires_before`` (without the
    demand), ``expires_on``, ``days_left`` and ``status`` (codes of `limitation_status`).
    """
    demand_on = timestamp(demand_on)
    invoice_id = str(invoice_id)
    item = open_items[ids(open_items["invoice_id"]) == invoice_id]
    if item.empty:
        raise ValueError(f"no open invoice {invoice_id!r}")
    before = limitation_status(item, activities, demand_on)
    demand = pd.DataFrame(
        {
            "customer_id": ids(item["customer_id"]).iloc[:1].to_numpy(),
            "invoice_id": [invoice_id],
            "date": [demand_on],
            "kind": ["demand"],
        }
    )
    acts = (
        demand
        if activities is None or activities.empty
        else pd.concat([activities[["customer_id", "invoice_id", "date", "kind"]], demand], ignore_index=True)
    )
    after = limitation_status(item, acts, demand_on).iloc[0]
    return DemandWhatIf(
        invoice_id=invoice_id,
        demand_on=demand_on,
        expires_before=before["expires_on"].iloc[0],
        expires_on=after["expires_on"],
        days_left=int(after["days_left"]),
        status=str(after["status"]),
    )


def payment_security(payments: pd.DataFrame, since: Any = None, until: Any = None, lang: str = "en") -> pd.DataFrame:
    """Money received by payment method (``method``), largest first: ``payments``, ``amount``,
    ``share`` (% of the amount), and ``who_pays``, what the payment leaves in our hands
    (`BACKING`): money (transfer, cash), a bank's promise (bank acceptance bill, letter of
    credit) or the customer's own promise (commercial acceptance bill, and any method not
    listed). ``since``/``until`` bound ``paid_date`` (inclusive)."""
    check_lang(lang)
    require(payments, ["paid_date", "paid_amount", "method"], "payments")
    paid = dates(payments["paid_date"])
    keep = pd.Series(True, index=payments.index)
    if since is not None:
        keep &= paid >= timestamp(since)
    if until is not None:
        keep &= paid <= timestamp(until)
    chosen = payments[keep]
    table = (
        chosen.groupby(chosen["method"].astype(str))
        .agg(payments=("paid_amount", "size"), amount=("paid_amount", "sum"))
        .reset_index()
    )
    total = table["amount"].sum()
    table["share"] = table["amount"] / total * 100 if total else 0.0
    table = table.rename(columns={"method": "code"}).sort_values(["amount", "code"], ascending=[False, True])
    names = []
    for code in table["code"]:
        try:
            names.append(t(f"protect.method.{code}", lang))
        except KeyError:
            names.append(code)
    table.insert(1, "method", names)
    table.insert(2, "who_pays", [t(f"protect.backing.{BACKING.get(c, 'customer')}", lang) for c in table["code"]])
    return table.reset_index(drop=True)
