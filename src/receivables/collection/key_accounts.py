"""Key accounts (大客户应收账款管理, seed 001): what a key account weighs, how it pays,
what late interest the contract could claim, and collection as every salesperson's KPI.

- `account_weight`: one customer's sales and open balance against the whole ledger (价值与意义).
- `payment_habits`: how a customer pays: on time or late, on which days of the month, by
  which method (收款准备: preparing with the customer's payment process).
- `late_interest`: interest a late-payment clause would give on overdue invoices (合同条款).
- `collection_by_rep`: invoiced, collected, open and overdue per sales rep (收款纳入销售KPI).
- `CHALLENGES`, `COORDINATION`: the seed's five challenges and cross-department work, with
  the kit's own examples and split of tasks (*authored* where marked).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

import numpy as np
import pandas as pd

from receivables.frames import dates, ids, require, timestamp
from receivables.i18n import Text, check_lang, keyed, named, pick, t


@dataclass(frozen=True)
class Challenge:
    """One of the five challenges (深度洞察) the seed names, with what it looks like in the
    case. (The challenges are the seed's; the case examples are the kit's.)"""

    code: str
    name: Text
    in_case: Text


@dataclass(frozen=True)
class Task:
    """协同合作: who does what for one task, one letter code per department of `DEPARTMENTS`
    (R = does it, A = answers for it, C = consulted, I = informed). (The seed names
    information sharing, joint strategy and regular reviews; the split is the kit's.)"""

    code: str
    name: Text
    roles: tuple[str, str, str, str]


@dataclass(frozen=True)
class ValueRole:
    """价值与意义: one of the five roles of receivables management the seed names (its words,
    translated)."""

    code: str
    name: Text
    meaning: Text


CHALLENGES: tuple[Challenge, ...] = tuple(
    Challenge(code, *keyed(f"ka.challenges.{code}", "name", "in_case"))
    for code in ("opaque", "communication", "legal", "relationship", "coordination")
)
COORDINATION: tuple[Task, ...] = tuple(
    Task(code, Text(f"ka.tasks.{code}"), roles)
    for code, roles in (
        ("credit_limit", ("C", "A/R", "C", "I")),
        ("contract", ("R", "C", "A", "I")),
        ("statement", ("C", "A/R", "", "")),
        ("reminders", ("A/R", "R", "", "")),
        ("visit", ("A/R", "C", "", "I")),
        ("credit_hold", ("I", "A/R", "", "C")),
        ("demand", ("C", "R", "A", "I")),
        ("review", ("R", "R", "C", "A")),
    )
)
DEPARTMENTS = ("sales", "finance", "legal", "management")


def challenges_table(lang: str = "en") -> pd.DataFrame:
    check_lang(lang)
    return pd.DataFrame([{"challenge": named(c.name, lang), "in_case": pick(c.in_case, lang)} for c in CHALLENGES])


def coordination_table(lang: str = "en") -> pd.DataFrame:
    """`COORDINATION` with the departments as columns named in ``lang``."""
    check_lang(lang)
    rows = [{"task": pick(task.name, lang), **dict(zip(DEPARTMENTS, task.roles, strict=True))} for task in COORDINATION]
    return (
        pd.DataFrame(rows)
        .rename(columns={d: t(f"ka.dept.{d}", lang) for d in DEPARTMENTS})
        .rename(columns={"task": t("ka.task", lang)})
    )


class _Weight(TypedDict):
    customer_id: str
    invoices: int
    invoiced: float
    sales_share: float
    open_balance: float
    open_share: float
    rank: int


class AccountWeight(_Weight, total=False):
    """What `account_weight` returns (a plain dict); ``credit_limit`` and ``utilisation``
    only when a credit limit is given."""

    credit_limit: float
    utilisation: float


def account_weight(
    invoices: pd.DataFrame, open_items: pd.DataFrame, customer_id: str, credit_limit: float | None = None
) -> AccountWeight:
    """What one customer weighs: ``invoices`` and ``invoiced`` (sales invoices, credit notes
    left out), ``sales_share`` (% of all invoiced), ``open_balance``, ``open_share`` (% of the
    total open balance), ``rank`` by open balance (1 = largest), and with ``credit_limit``
    the ``utilisation`` (% of the limit)."""
    require(invoices, ["customer_id", "amount"], "invoices")
    require(open_items, ["customer_id", "open_amount"], "open items")
    customer_id = str(customer_id)
    sales = invoices[invoices["amount"].astype(float) > 0]
    mine = sales[ids(sales["customer_id"]) == customer_id]
    if mine.empty:
        raise ValueError(f"no invoice of customer {customer_id!r}")
    balances = open_items.groupby(ids(open_items["customer_id"]))["open_amount"].sum()
    balance = float(balances.get(customer_id, 0.0))
    total = float(balances.sum())
    out = AccountWeight(
        customer_id=customer_id,
        invoices=int(len(mine)),
        invoiced=float(mine["amount"].sum()),
        sales_share=float(mine["amount"].sum() / sales["amount"].sum() * 100),
        open_balance=balance,
        open_share=balance / total * 100 if total else float("nan"),
        rank=int((balances > balance).sum() + 1),
    )
    if credit_limit:
        out["credit_limit"] = float(credit_limit)
        out["utilisation"] = balance / float(credit_limit) * 100
    return out


def settled_invoices(
    invoices: pd.DataFrame, payments: pd.DataFrame, as_of: Any, tolerance: float = 0.005
) -> pd.DataFrame:
    """Invoices fully paid by ``as_of`` (credit notes left out), with ``settled_on`` (the
    date of the payment that completed them) and ``days_late`` = settled_on - due_date
    (negative = early)."""
    require(invoices, ["invoice_id", "customer_id", "due_date", "amount"], "invoices")
    require(payments, ["invoice_id", "paid_date", "paid_amount"], "payments")
    as_of = timestamp(as_of)
    pays = payments.assign(invoice_id=ids(payments["invoice_id"]), paid_date=dates(payments["paid_date"]))
    pays = pays[pays["paid_date"] <= as_of]
    per_invoice = pays.groupby("invoice_id").agg(paid=("paid_amount", "sum"), settled_on=("paid_date", "max"))
    sales = invoices[invoices["amount"].astype(float) > 0].assign(invoice_id=lambda f: ids(f["invoice_id"]))
    done = sales.join(per_invoice, on="invoice_id", how="inner")
    done = done[done["paid"] >= done["amount"].astype(float) - tolerance].copy()
    done["days_late"] = (done["settled_on"] - dates(done["due_date"])).dt.days
    return done


class PaymentHabits(TypedDict):
    """What `payment_habits` returns (a plain dict)."""

    customer_id: str
    settled: int
    on_time: float
    mean_days_late: float
    median_days_late: float
    max_days_late: int
    pay_days: pd.DataFrame
    methods: pd.DataFrame


def payment_habits(
    invoices: pd.DataFrame, payments: pd.DataFrame, customer_id: str, as_of: Any, since: Any = None
) -> PaymentHabits:
    """How one customer pays (收款准备), from its invoices settled by ``as_of`` (settled on or
    after ``since``, if given) and the payments on them.

    ``settled``: invoices fully paid; ``on_time`` (% settled by the due date);
    ``mean_days_late`` / ``median_days_late`` / ``max_days_late``; ``pay_days``: the days of
    the month payments arrive on, most frequent first (DataFrame: day, payments);
    ``methods``: amount share by payment method (DataFrame: method, payments, share).
    """
    customer_id = str(customer_id)
    mine = invoices[ids(invoices["customer_id"]) == customer_id]
    if mine.empty:
        raise ValueError(f"no invoice of customer {customer_id!r}")
    done = settled_invoices(mine, payments, as_of)
    if since is not None:
        done = done[done["settled_on"] >= timestamp(since)]
    pays = payments.assign(invoice_id=ids(payments["invoice_id"]), paid_date=dates(payments["paid_date"]))
    pays = pays[pays["invoice_id"].isin(ids(mine["invoice_id"])) & (pays["paid_date"] <= timestamp(as_of))]
    if since is not None:
        pays = pays[pays["paid_date"] >= timestamp(since)]
    days = pays["paid_date"].dt.day.value_counts().rename_axis("day").reset_index(name="payments")
    days = days.sort_values(["payments", "day"], ascending=[False, True]).reset_index(drop=True)
    methods = (
        pays.groupby(pays["method"].astype(str) if "method" in pays else "")
        .agg(payments=("paid_amount", "size"), amount=("paid_amount", "sum"))
        .rename_axis("method")
        .reset_index()
    )
    methods["share"] = methods["amount"] / methods["amount"].sum() * 100 if len(methods) else []
    late = done["days_late"]
    return PaymentHabits(
        customer_id=customer_id,
        settled=int(len(done)),
        on_time=float((late <= 0).mean() * 100) if len(done) else float("nan"),
        mean_days_late=float(late.mean()) if len(done) else float("nan"),
        median_days_late=float(late.median()) if len(done) else float("nan"),
        max_days_late=int(late.max()) if len(done) else 0,
        pay_days=days,
        methods=methods.sort_values("amount", ascending=False).reset_index(drop=True),
    )


def late_interest(
    open_items: pd.DataFrame, annual_rate: float, grace_days: int = 0, day_count: int = 365
) -> pd.DataFrame:
    """Late interest a contract clause would give on each customer's overdue invoices, as of
    the open items' date: open amount x ``annual_rate`` (a fraction) x max(days past due -
    ``grace_days``, 0) / ``day_count``, summed per customer (course/references.md §3.5; the
    rate is the contract's or, without one, the court practice, which is not confirmed from a
    primary source).

    One row per customer with something overdue, most interest first: ``customer_id``,
    ``overdue``, ``overdue_invoices``, ``avg_days_past_due`` (amount-weighted), ``interest``.
    """
    require(open_items, ["customer_id", "open_amount", "days_past_due"], "open items")
    if annual_rate < 0 or grace_days < 0:
        raise ValueError("annual_rate and grace_days must be 0 or more")
    if day_count not in (360, 365):
        raise ValueError("day_count must be 360 or 365")
    amount = open_items["open_amount"].astype(float)
    days = open_items["days_past_due"].astype(float)
    late = open_items[(amount > 0) & (days > 0)]
    a, d = late["open_amount"].astype(float), late["days_past_due"].astype(float)
    frame = pd.DataFrame(
        {
            "customer_id": ids(late["customer_id"]).to_numpy(),
            "overdue": a.to_numpy(),
            "weighted_days": (a * d).to_numpy(),
            "interest": (a * annual_rate * np.maximum(d - grace_days, 0) / day_count).to_numpy(),
        }
    )
    table = frame.groupby("customer_id").agg(
        overdue=("overdue", "sum"),
        overdue_invoices=("overdue", "size"),
        weighted_days=("weighted_days", "sum"),
        interest=("interest", "sum"),
    )
    table["avg_days_past_due"] = table["weighted_days"] / table["overdue"]
    table = table.drop(columns="weighted_days").reset_index()
    return table.sort_values(["interest", "customer_id"], ascending=[False, True]).reset_index(drop=True)[
        ["customer_id", "overdue", "overdue_invoices", "avg_days_past_due", "interest"]
    ]


def collection_by_rep(
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    open_items: pd.DataFrame,
    customers: pd.DataFrame,
    since: Any,
    as_of: Any,
) -> pd.DataFrame:
    """Collection figures per sales rep (收款纳入销售KPI): what each rep's customers were
    invoiced and paid from ``since`` to ``as_of`` (inclusive), and owe on ``as_of``.

    ``customers`` maps customer_id to ``sales_rep``. Columns: ``sales_rep``, ``customers``,
    ``invoiced``, ``collected``, ``open_balance``, ``overdue`` (open invoices past due),
    ``overdue_share`` (% of the open invoices), ``over_90`` (% of the open invoices more
    than 90 days past due). Sorted by overdue share, worst first.
    """
    require(customers, ["customer_id", "sales_rep"], "customers")
    since, as_of = timestamp(since), timestamp(as_of)
    reps = pd.Series(customers["sales_rep"].astype(str).to_numpy(), index=ids(customers["customer_id"]).to_numpy())
    inv = invoices.assign(
        customer_id=ids(invoices["customer_id"]),
        invoice_id=ids(invoices["invoice_id"]),
        invoice_date=dates(invoices["invoice_date"]),
    )
    in_period = inv[(inv["invoice_date"] >= since) & (inv["invoice_date"] <= as_of)]
    invoiced = in_period.groupby(in_period["customer_id"].map(reps))["amount"].sum()
    owner = inv.set_index("invoice_id")["customer_id"]
    pays = payments.assign(paid_date=dates(payments["paid_date"]), invoice_id=ids(payments["invoice_id"]))
    pays = pays[(pays["paid_date"] >= since) & (pays["paid_date"] <= as_of)]
    collected = pays.groupby(pays["invoice_id"].map(owner).map(reps))["paid_amount"].sum()
    items = open_items.assign(rep=ids(open_items["customer_id"]).map(reps))
    amount = items["open_amount"].astype(float)
    positive = items[amount > 0]
    open_balance = items.groupby("rep")["open_amount"].sum()
    gross = positive.groupby("rep")["open_amount"].sum()
    overdue = positive[positive["days_past_due"] > 0].groupby("rep")["open_amount"].sum()
    over_90 = positive[positive["days_past_due"] > 90].groupby("rep")["open_amount"].sum()
    table = pd.DataFrame({"customers": reps.value_counts()})
    table["invoiced"] = invoiced
    table["collected"] = collected
    table["open_balance"] = open_balance
    table["overdue"] = overdue
    table = table.fillna(0.0)
    base = gross.reindex(table.index)
    table["overdue_share"] = table["overdue"] / base * 100
    table["over_90"] = over_90.reindex(table.index).fillna(0.0) / base * 100
    table.index.name = "sales_rep"
    table = table.reset_index()
    table["customers"] = table["customers"].astype(int)
    return table.sort_values(["overdue_share", "sales_rep"], ascending=[False, True]).reset_index(drop=True)


REP_HEADERS = {
    "sales_rep": "ka.sales_rep",
    "customers": "ka.customers",
    "invoiced": "ka.invoiced",
    "collected": "ka.collected",
    "open_balance": "ka.open_balance",
    "overdue": "ka.overdue",
    "overdue_share": "ka.overdue_share",
    "over_90": "ka.over_90",
}
INTEREST_HEADERS = {
    "customer_id": "ka.customer_id",
    "customer": "ka.customer",
    "overdue": "ka.overdue",
    "overdue_invoices": "ka.overdue_invoices",
    "avg_days_past_due": "ka.avg_days",
    "interest": "ka.interest",
}
CHALLENGE_HEADERS = {"challenge": "ka.challenge", "in_case": "ka.in_case"}

VALUE_ROLES: tuple[ValueRole, ...] = tuple(
    ValueRole(code, *keyed(f"ka.value_roles.{code}", "name", "meaning"))
    for code in ("cash_flow", "risk", "relationship", "process", "management")
)


def value_roles_table(lang: str = "en") -> pd.DataFrame:
    check_lang(lang)
    return pd.DataFrame([{"role": named(r.name, lang), "meaning": pick(r.meaning, lang)} for r in VALUE_ROLES])


VALUE_HEADERS = {"role": "ka.role", "meaning": "ka.meaning"}
