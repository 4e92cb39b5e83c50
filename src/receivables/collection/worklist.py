"""Prioritised collection worklist: whom to call first. (催收优先级)

Course topics: 应收账款跟踪管理 (tracking receivables) and the key-account module's
分级管理 (tiered collection by grade and history). The priority score is the kit's
convention: past-due balance x days past due x risk weight; or the standard expected loss
(exposure x probability of default x loss given default). Course/references.md §8.3.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from receivables.collection._common import by_customer
from receivables.frames import dates, ids, require, timestamp

WORKLIST_COLUMNS = [
    "rank",
    "customer_id",
    "overdue_balance",
    "open_balance",
    "overdue_invoices",
    "oldest_days_past_due",
    "avg_days_past_due",
    "risk_weight",
    "priority",
    "pd",
    "lgd",
    "expected_loss",
]


def _check(by: str, probability_of_default: Any) -> None:
    if by not in ("priority", "expected_loss"):
        raise ValueError('by must be "priority" or "expected_loss"')
    if by == "expected_loss" and probability_of_default is None:
        raise ValueError("ranking by expected loss needs a probability of default (probability_of_default)")


def _items(open_items: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """customer_id, open_amount and days past due (``dpd``: the column, or recomputed
    from due_date when ``as_of`` is given), with the overdue parts."""
    require(open_items, ["customer_id", "open_amount"], "open items")
    as_of = timestamp(as_of)
    if as_of is not None:
        require(open_items, ["due_date"], "open items")
        dpd = (as_of - dates(open_items["due_date"])).dt.days
    else:
        require(open_items, ["days_past_due"], "open items")
        dpd = open_items["days_past_due"]
    items = pd.DataFrame(
        {
            "customer_id": ids(open_items["customer_id"]).to_numpy(),
            "open_amount": open_items["open_amount"].astype(float).to_numpy(),
            "dpd": dpd.astype(float).to_numpy(),
        }
    )
    overdue = (items["dpd"] > 0) & (items["open_amount"] > 0)
    items["overdue_amount"] = items["open_amount"].where(overdue, 0.0)
    items["amount_days"] = items["overdue_amount"] * items["dpd"].where(overdue, 0.0)
    items["overdue_dpd"] = items["dpd"].where(overdue)
    items["is_overdue"] = overdue.astype(int)
    return items


def _by_customer(items: pd.DataFrame) -> pd.DataFrame:
    """Balances, overdue invoices, oldest and amount-weighted average days past due."""
    g = items.groupby("customer_id", sort=False)
    return pd.DataFrame(
        {
            "overdue_balance": g["overdue_amount"].sum(),
            "open_balance": g["open_amount"].sum(),
            "overdue_invoices": g["is_overdue"].sum().astype(int),
            "oldest_days_past_due": g["overdue_dpd"].max(),
            "amount_days": g["amount_days"].sum(),
        }
    ).reset_index()


def _average_days(table: pd.DataFrame) -> None:
    with np.errstate(divide="ignore", invalid="ignore"):
        table["avg_days_past_due"] = np.where(
            table["overdue_balance"] > 0, table["amount_days"] / table["overdue_balance"], np.nan
        )


def _expected_loss(table: pd.DataFrame, probability_of_default: Any, loss_given_default: Any) -> None:
    """``pd``, ``lgd`` and ``expected_loss`` (all NaN without a probability of default)."""
    if probability_of_default is None:
        table["pd"] = np.nan
        table["lgd"] = np.nan
        table["expected_loss"] = np.nan
        return
    table["pd"] = by_customer(probability_of_default, "probability of default", np.nan)(table["customer_id"])
    table["lgd"] = by_customer(loss_given_default, "loss given default", 1.0)(table["customer_id"])
    table["expected_loss"] = table["open_balance"].clip(lower=0) * table["pd"] * table["lgd"]


def _ranked(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Most urgent first by ``by``; ties to the larger overdue balance, then customer_id."""
    table = table.sort_values(
        [by, "overdue_balance", "customer_id"],
        ascending=[False, False, True],
        na_position="last",
        kind="mergesort",
    ).reset_index(drop=True)
    table["rank"] = np.arange(1, len(table) + 1)
    return table[WORKLIST_COLUMNS]


def worklist(
    open_items: pd.DataFrame,
    risk_weight: Any = None,
    as_of: Any = None,
    *,
    probability_of_default: Any = None,
    loss_given_default: Any = 1.0,
    by: str = "priority",
    include_current: bool = False,
) -> pd.DataFrame:
    """One row per customer, most urgent first (convention, course/references.md §8.3).

    An open item is *overdue* when days_past_due > 0 and open_amount > 0. Days past due
    come from the ``days_past_due`` column, or are recomputed as ``as_of - due_date``
    when ``as_of`` is given. Per customer:

    - ``overdue_balance`` = sum of overdue open amounts; ``open_balance`` = all open
      amounts (not yet due and credit notes included); ``overdue_invoices`` = count;
      ``oldest_days_past_due`` = max days past due among overdue items.
    - ``priority`` = sum over overdue items of (open_amount x days_past_due) x risk_weight,
      i.e. overdue balance x its amount-weighted ``avg_days_past_due`` x risk weight.
      ``risk_weight`` is a dict or Series by customer_id (or one number); default 1.
    - ``expected_loss`` = exposure x PD x LGD with exposure = max(open_balance, 0), when
      ``probability_of_default`` (dict/Series by customer_id, or one number) is given;
      customers it omits get NaN. ``loss_given_default`` likewise; default 1.0 (nothing
      recovered, the kit's prudent default, course/references.md §8.3).

    ``by`` = "priority" or "expected_loss" chooses the ranking; ties go to the larger
    overdue balance, then customer_id, so the result does not depend on row order.
    Customers with nothing overdue are left out unless ``include_current``.
    """
    _check(by, probability_of_default)
    table = _by_customer(_items(open_items, as_of))
    if not include_current:
        table = table[table["overdue_balance"] > 0]
    _average_days(table)
    table["risk_weight"] = by_customer(risk_weight, "risk weight", 1.0)(table["customer_id"])
    table["priority"] = table["amount_days"] * table["risk_weight"]
    _expected_loss(table, probability_of_default, loss_given_default)
    return _ranked(table, by)
