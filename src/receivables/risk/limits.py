"""Per-customer credit limits and their utilisation. (信用额度)

Course topic: 信用评估的技术与方法 (credit assessment techniques). The per-customer credit
limit is a convention (course/references.md §4.4): each method below is a rule of thumb; the kit shows all
of them side by side and recommends the most prudent (the smallest).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

import numpy as np
import pandas as pd

from receivables.i18n import Text


def _is_missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


#: Each method's name (texts/risk/limits.yml: ``risk.limit_method.<method>``).
METHOD_LABELS: dict[str, Text] = {
    m: Text(f"risk.limit_method.{m}") for m in ("net_worth", "working_capital", "purchases", "concentration")
}


class LimitOptions(TypedDict):
    """What `credit_limit_options` returns (a plain dict): the limit by each rule (None
    without its inputs), the recommended one and the rule that set it."""

    net_worth: float | None
    working_capital: float | None
    purchases: float | None
    concentration: float | None
    recommended: float | None
    basis: str | None


def credit_limit_options(
    tangible_net_worth: float | None = None,
    working_capital: float | None = None,
    monthly_purchases: float | None = None,
    terms_days: float | None = None,
    grace_days: float = 0,
    own_annual_sales: float | None = None,
    net_worth_share: float = 0.10,
    working_capital_share: float = 0.10,
    concentration_share: float = 0.10,
) -> LimitOptions:
    """Credit limit by each rule of thumb, and the smallest as the recommendation (convention,
    course/references.md §4.4).

    The rules of course/references.md §4.4:

    - ``net_worth`` = 10 % x the customer's tangible net worth
    - ``working_capital`` = 10 % x the customer's working capital
    - ``purchases`` = expected monthly purchases x (terms_days + grace_days) / 30
    - ``concentration`` = 10 % x our own annual sales (no customer above that)

    A method whose inputs are not given is None. Negative net worth or working capital
    gives a limit of 0 (such a customer earns no credit on that basis). ``recommended``
    is the minimum of the available methods (None if none is available) and ``basis``
    names the method that set it. The shares are parameters.
    """
    options: dict[str, float | None] = {
        "net_worth": None if _is_missing(tangible_net_worth) else max(0.0, net_worth_share * float(tangible_net_worth)),
        "working_capital": None
        if _is_missing(working_capital)
        else max(0.0, working_capital_share * float(working_capital)),
        "purchases": None
        if _is_missing(monthly_purchases) or _is_missing(terms_days)
        else max(0.0, float(monthly_purchases) * (float(terms_days) + float(grace_days)) / 30),
        "concentration": None
        if _is_missing(own_annual_sales)
        else max(0.0, concentration_share * float(own_annual_sales)),
    }
    available = {k: v for k, v in options.items() if v is not None}
    basis = min(available, key=available.get) if available else None
    return LimitOptions(**options, recommended=available[basis] if basis else None, basis=basis)


def _by_customer(values: Any, name: str) -> pd.Series:
    """A Series indexed by customer_id from a dict, a Series or a two-column frame."""
    if isinstance(values, pd.DataFrame):
        if "customer_id" not in values.columns or name not in values.columns:
            raise ValueError(f"a DataFrame of {name}s needs customer_id and {name} columns")
        values = values.set_index("customer_id")[name]
    series = pd.Series(values, dtype=float) if isinstance(values, Mapping) else values.astype(float)
    series.index = series.index.astype(str)
    if series.index.has_duplicates:
        raise ValueError(f"more than one {name} for the same customer")
    return series.rename(name)


def utilisation(open_items: pd.DataFrame, limits: Mapping[str, float] | pd.Series | pd.DataFrame) -> pd.DataFrame:
    """Balance against credit limit for each customer (额度使用率; course/references.md §4.4).

    ``balance`` = sum of open_amount over the customer's open items (not yet due items
    included, credit notes netted), ``utilisation_pct`` = balance / limit x 100,
    ``available`` = limit - balance, ``over_limit`` = balance > limit.
    Customers in ``limits`` without open items appear with balance 0; customers without a
    limit get NaN limit and utilisation and over_limit False. A zero limit gives NaN
    utilisation (undefined) and over_limit True as soon as anything is owed.
    Sorted by utilisation, highest first (customers without a limit last).
    ``limits`` as a frame: customer_id and ``limit``, or ``credit_limit`` as the customers
    table names it (the frame's other columns are ignored).
    """
    if isinstance(limits, pd.DataFrame) and "limit" not in limits.columns and "credit_limit" in limits.columns:
        limits = limits[["customer_id", "credit_limit"]].rename(columns={"credit_limit": "limit"})
    lim = _by_customer(limits, "limit")
    balance = (
        open_items.assign(customer_id=open_items["customer_id"].astype(str))
        .groupby("customer_id")["open_amount"]
        .sum()
        .astype(float)
        .rename("balance")
    )
    table = pd.concat([balance, lim], axis=1)
    table["balance"] = table["balance"].fillna(0.0)
    limit = table["limit"].to_numpy(dtype=float)
    bal = table["balance"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        table["utilisation_pct"] = np.where(limit > 0, bal / limit * 100, np.nan)
    table["available"] = table["limit"] - table["balance"]
    table["over_limit"] = bal > np.nan_to_num(limit, nan=np.inf)
    table.index.name = "customer_id"
    table = table.reset_index().sort_values(
        ["utilisation_pct", "balance", "customer_id"],
        ascending=[False, False, True],
        na_position="last",
    )
    return table.reset_index(drop=True)


def credit_limit_frame(
    inputs: pd.DataFrame,
    own_annual_sales: float | None = None,
    grace_days: float = 0,
    net_worth_share: float = 0.10,
    working_capital_share: float = 0.10,
    concentration_share: float = 0.10,
) -> pd.DataFrame:
    """`credit_limit_options` for many customers at once (vectorised; convention,
    course/references.md §4.4).

    ``inputs``: one row per customer with any of tangible_net_worth, working_capital,
    monthly_purchases and terms_days (a missing column or value leaves that method out).
    Returns a copy with net_worth, working_capital_limit, purchases, concentration,
    recommended (the smallest available) and basis (the method that set it) appended.
    """
    n = len(inputs)

    def column(name: str) -> np.ndarray:
        if name not in inputs.columns:
            return np.full(n, np.nan)
        return pd.to_numeric(inputs[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)

    def floor0(values: np.ndarray) -> np.ndarray:
        return np.where(np.isnan(values), np.nan, np.maximum(values, 0.0))

    methods = {
        "net_worth": floor0(net_worth_share * column("tangible_net_worth")),
        "working_capital": floor0(working_capital_share * column("working_capital")),
        "purchases": floor0(column("monthly_purchases") * (column("terms_days") + float(grace_days)) / 30),
        "concentration": np.full(
            n, np.nan if _is_missing(own_annual_sales) else max(0.0, concentration_share * float(own_annual_sales))
        ),
    }
    table = pd.DataFrame(methods, index=inputs.index)
    result = inputs.copy()
    for name, values in methods.items():
        result["working_capital_limit" if name == "working_capital" else name] = values
    available = table.notna().any(axis=1)
    result["recommended"] = table.min(axis=1, skipna=True).where(available)
    # idxmin takes the first of equal minima, in the order of METHOD_LABELS (as the scalar function).
    result["basis"] = table.where(available, 0.0).fillna(np.inf).idxmin(axis=1).where(available)
    return result


def case_limit_inputs(tables: Mapping[str, pd.DataFrame], as_of: Any, months: int = 12) -> pd.DataFrame:
    """Each case customer's inputs to the limit rules, its current limit and balance
    (course/references.md §4.4).

    From `receivables.datasets.read_dataset` tables: tangible_net_worth = book equity of
    the latest fiscal year up to ``as_of`` (the case's accounts show no intangibles, so
    book equity stands for tangible net worth); working_capital = current assets - current
    liabilities; monthly_purchases = what the customer was invoiced over the last ``months``
    months / ``months`` (credit notes netted); terms_days and credit_limit from the
    customer master; balance = open amount at ``as_of``.
    """
    as_of = pd.Timestamp(as_of).normalize()
    customers, fin, inv, pay = (tables[k] for k in ("customers", "financials", "invoices", "payments"))
    fin = fin[fin["year"].astype(int) <= as_of.year].assign(customer_id=fin["customer_id"].astype(str))
    latest = fin.sort_values("year").groupby("customer_id").tail(1).set_index("customer_id")
    inv = inv.assign(
        customer_id=inv["customer_id"].astype(str),
        invoice_id=inv["invoice_id"].astype(str),
        invoice_date=pd.to_datetime(inv["invoice_date"]),
    )
    inv = inv[inv["invoice_date"] <= as_of]
    window = inv[inv["invoice_date"] > as_of - pd.DateOffset(months=months)]
    purchases = window.groupby("customer_id")["amount"].sum() / months
    paid = pay[pd.to_datetime(pay["paid_date"]) <= as_of].assign(invoice_id=pay["invoice_id"].astype(str))
    paid = paid.groupby("invoice_id")["paid_amount"].sum()
    owed = (inv["amount"] - inv["invoice_id"].map(paid).fillna(0.0)).groupby(inv["customer_id"]).sum().round(2)
    out = pd.DataFrame(
        {
            "customer_id": customers["customer_id"].astype(str).to_numpy(),
            "name_en": customers["name_en"].to_numpy(),
            "name_zh": customers["name_zh"].to_numpy(),
            "terms_days": customers["terms_days"].astype(float).to_numpy(),
            "credit_limit": customers["credit_limit"].astype(float).to_numpy(),
        }
    )
    out["tangible_net_worth"] = out["customer_id"].map(latest["book_equity"])
    out["working_capital"] = out["customer_id"].map(latest["current_assets"] - latest["current_liabilities"])
    out["monthly_purchases"] = out["customer_id"].map(purchases).fillna(0.0)
    out["balance"] = out["customer_id"].map(owed).fillna(0.0)
    return out


def own_sales(invoices: pd.DataFrame, as_of: Any, months: int = 12) -> float:
    """What we invoiced in the last ``months`` months up to ``as_of`` (credit notes netted),
    scaled to a year: the base of the concentration rule."""
    as_of = pd.Timestamp(as_of).normalize()
    dates = pd.to_datetime(invoices["invoice_date"])
    window = (dates > as_of - pd.DateOffset(months=months)) & (dates <= as_of)
    return float(invoices.loc[window, "amount"].astype(float).sum()) * 12 / months
