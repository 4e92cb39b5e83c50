"""What the aging explorer shows, as plain functions of a PreparedLedger.

The explorer (widgets.aging_explorer) lets a learner pick an as-of date, type bucket
edges, sort customers by what is overdue and open one customer's invoices. These
functions do the work; the widget only draws. Buckets are on days past due and always
start with "current" (not yet due, days past due <= 0): the learner types the upper
bounds of the overdue buckets, e.g. ``"30, 60, 90"`` -> current, 1-30, 31-60, 61-90,
over 90.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any, TypedDict

import numpy as np
import pandas as pd

from ._common import DateLike, to_timestamp
from .aging import aging, aging_by_customer
from .buckets import Buckets, make_buckets
from .prepared import PreparedLedger

SORT_KEYS = ("overdue", "total", "customer_id")
MAX_EDGE_DAYS = 36_500  # a hundred years: anything beyond is a typing slip


def parse_edges(value: str | Sequence[Any]) -> tuple[int, ...]:
    """Upper bounds of the overdue buckets, from text or a list: ``"30, 60, 90"`` -> (30, 60, 90).

    Separators: commas (also the Chinese ","、), semicolons or spaces. The bounds must be
    whole, positive and strictly increasing days; a bad entry raises ValueError with one
    line saying what is wrong.
    """
    if isinstance(value, str):
        parts = [p for p in re.split(r"[\s,;,、;]+", value.strip()) if p]
    else:
        parts = list(value)
    if not parts:
        raise ValueError("type at least one bucket edge in days, e.g. 30, 60, 90")
    edges = []
    for part in parts:
        try:
            number = float(part)
        except (TypeError, ValueError):
            raise ValueError(f"bucket edge {part!r} is not a number of days") from None
        if not np.isfinite(number) or number != int(number):
            raise ValueError(f"bucket edge {part!r} must be a whole number of days")
        if number <= 0:
            raise ValueError(
                f"bucket edge {part!r} must be positive (current, not yet due, is always the first bucket)"
            )
        if number > MAX_EDGE_DAYS:
            raise ValueError(f"bucket edge {part!r} is more than {MAX_EDGE_DAYS} days")
        edges.append(int(number))
    for a, b in zip(edges, edges[1:], strict=False):
        if b <= a:
            raise ValueError(f"bucket edges must increase: {b} follows {a}")
    return tuple(edges)


def explorer_buckets(edges: str | Sequence[Any]) -> Buckets:
    """Buckets on days past due: current, then one bucket per typed upper bound, then over."""
    return make_buckets((0, *parse_edges(edges)))


def customer_aging(
    prepared: PreparedLedger, as_of: DateLike, edges: str | Sequence[Any], sort_by: str = "overdue"
) -> pd.DataFrame:
    """Aging by customer with an ``overdue`` column (total minus current), sorted.

    Columns: customer_id, customer_name (when the ledger has names), one per bucket (its
    label), total, overdue. ``sort_by``: "overdue" or "total" (largest first, ties by
    customer id) or "customer_id". Customers with nothing open are left out.
    """
    if sort_by not in SORT_KEYS:
        raise ValueError(f"sort_by must be one of {', '.join(SORT_KEYS)}, not {sort_by!r}")
    buckets = explorer_buckets(edges)
    table = aging_by_customer(prepared.open_items(as_of), buckets)
    table["overdue"] = table["total"] - table[buckets.labels[0]]
    if sort_by == "customer_id":
        table = table.sort_values("customer_id", kind="mergesort")
    else:
        table = table.sort_values([sort_by, "customer_id"], ascending=[False, True], kind="mergesort")
    return table.reset_index(drop=True)


def customer_invoices(
    prepared: PreparedLedger,
    as_of: DateLike,
    customer_id: str,
    edges: str | Sequence[Any],
    known: Collection[str] | None = None,
) -> pd.DataFrame:
    """One customer's open invoices as of a date, most overdue first, with their bucket.

    The open-items columns (see metrics.open_items) plus ``bucket``. ``known``: the
    ledger's customer ids; a customer not among them raises ValueError (a typing slip),
    while a known customer with nothing open gives an empty frame.
    """
    customer_id = str(customer_id)
    if known is not None and customer_id not in known:
        raise ValueError(f"no customer {customer_id!r} in the ledger")
    buckets = explorer_buckets(edges)
    items = prepared.open_items(as_of)
    items = items[items["customer_id"] == customer_id].copy()
    labels = np.asarray(buckets.labels, dtype=object)
    items["bucket"] = pd.array(labels[buckets.index(items["days_past_due"].to_numpy(np.int64))], dtype="str")
    items = items.sort_values(["days_past_due", "invoice_id"], ascending=[False, True], kind="mergesort")
    return items.reset_index(drop=True)


def month_row(history: pd.DataFrame, as_of: DateLike) -> pd.Series:
    """The monthly-history row evaluated on ``as_of`` (a month end, or the history's last date)."""
    when = to_timestamp(as_of)
    hit = history[pd.to_datetime(history["period_end"]) == when]
    if hit.empty:
        first, last = history["period_end"].iloc[[0, -1]]
        raise ValueError(f"{when.date()} is not a month end of the history ({first.date()} to {last.date()})")
    return hit.iloc[0]


class ExplorerResult(TypedDict):
    """What `explore` returns (a plain dict): the choice (as_of, edges, labels, customer),
    the tables (aging, by_customer, invoices), the totals of the aging shown and the
    month's figures from the monthly history (None when undefined)."""

    as_of: str
    edges: tuple[int, ...]
    labels: tuple[str, ...]
    aging: pd.DataFrame
    by_customer: pd.DataFrame
    invoices: pd.DataFrame
    customer: str
    open_balance: float
    overdue_balance: float
    open_invoices: int
    dso: float | None
    best_possible_dso: float | None
    add: float | None
    cei: float | None
    pct_current: float | None


def explore(
    prepared: PreparedLedger,
    history: pd.DataFrame,
    as_of: DateLike,
    edges: str | Sequence[Any],
    customer: str = "",
    sort_by: str = "overdue",
    known: Collection[str] | None = None,
) -> ExplorerResult:
    """Everything the explorer shows for one choice of date, edges, customer and order.

    Keys: as_of ("YYYY-MM-DD"), edges (tuple), labels (bucket labels), aging (bucket,
    amount, count: the whole ledger, or ``customer``'s when given), by_customer (see
    `customer_aging`), invoices (``customer``'s open invoices, empty without one),
    customer, open_balance, overdue_balance, open_invoices (of the aging shown), and the
    month's figures from ``history`` (monthly_history rows, month-based): dso,
    best_possible_dso, add, cei, pct_current (None when undefined). ``known``: see
    `customer_invoices`.
    """
    when = to_timestamp(as_of)
    row = month_row(history, when)
    buckets = explorer_buckets(edges)
    by_customer = customer_aging(prepared, when, edges, sort_by)
    if customer:
        invoices = customer_invoices(prepared, when, customer, edges, known)
        table = aging(invoices, buckets)
    else:
        invoices = prepared.open_items(when).iloc[0:0].assign(bucket=pd.Series([], dtype="str"))
        table = prepared.aging(when, buckets)

    def figure(name: str) -> float | None:
        value = row[name]
        return None if pd.isna(value) else float(value)

    return {
        "as_of": str(when.date()),
        "edges": buckets.edges[1:],
        "labels": buckets.labels,
        "aging": table,
        "by_customer": by_customer,
        "invoices": invoices,
        "customer": str(customer),
        "open_balance": float(table["amount"].sum()),
        "overdue_balance": float(table["amount"].iloc[1:].sum()),
        "open_invoices": int(table["count"].sum()),
        "dso": figure("dso"),
        "best_possible_dso": figure("best_possible_dso"),
        "add": figure("add"),
        "cei": figure("cei"),
        "pct_current": figure("pct_current"),
    }
