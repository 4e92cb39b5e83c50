"""Factor scores (0-100) of the risk scorecard, from what a seller knows about its customers.

Course topic: 识别客户风险等级 (grading customer risk: 企业性质, 行业特征, 财务因素).
The scorecard's factors and weights are an illustrative convention (course/references.md
§5.2); how each factor is turned into a 0-100 score here is the kit's own teaching convention, set out
per function so a company can replace any of them:

- payment history (付款记录): 100 minus one point per day of the customer's
  amount-weighted days late over the last 12 months (payments received in the window,
  at their days past due, and what is still overdue at ``as_of``, at its days past due;
  early payment counts as on time), floored at 0;
- financials (财务状况): Altman Z'' of the latest fiscal year, mapped piecewise linearly
  through the zone edges: Z'' 0 -> 0, 1.10 -> 40, 2.60 -> 70, 5.0 and above -> 100;
- enterprise nature (企业性质): `ENTERPRISE_NATURE_SCORES` of `receivables.risk.scorecard`;
- industry (行业特征): `INDUSTRY_SCORES` below, the kit's illustrative view;
- relationship and size (合作关系与规模): the customer's annual sales on a log scale,
  CNY 1 million -> 30, CNY 1 billion -> 90 (a bigger firm has more to lose and more to pay with);
- security (担保措施): what the seller holds (guarantee, deposit, collateral); the case
  records none, so it is a single number the user sets (default 0).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from receivables.frames import clean_columns, ids, name_column, require, timestamp
from receivables.i18n import pick, t
from receivables.risk import factor_tables
from receivables.risk.altman import DISTRESS_BELOW, SAFE_ABOVE, ZONE_LABELS, altman_z_frame
from receivables.risk.scorecard import (
    DEFAULT_WEIGHTS,
    ENTERPRISE_NATURE_SCORES,
    FACTOR_LABELS,
    GRADE_ACTIONS,
    GRADE_THRESHOLDS,
    enterprise_nature_score,
)

#: Industry scores (0-100), keyed by the case's Chinese industry names, with the English
#: names (``en``): the kit's own ILLUSTRATIVE view of how each industry pays in China, not
#: survey data (risk/factor_scores.yml, read on first use; `receivables.risk.factor_tables`).
INDUSTRY_SCORES = factor_tables.INDUSTRY_SCORES
#: Score of an industry the table does not know.
UNKNOWN_INDUSTRY_SCORE = 55.0

#: Z'' -> financial score: straight lines through these points (the zone edges 1.10 and 2.60).
Z_POINTS = (0.0, DISTRESS_BELOW, SAFE_ABOVE, 5.0)
Z_SCORES = (0.0, 40.0, 70.0, 100.0)


def industry_score(
    industry: pd.Series, table: Mapping[str, Mapping[str, Any]] | None = None, unknown: float = UNKNOWN_INDUSTRY_SCORE
) -> pd.Series:
    """Industry factor score from the Chinese or English industry name (illustrative, §5.2)."""
    table = INDUSTRY_SCORES if table is None else table
    lookup = {}
    for key, entry in table.items():
        for alias in (key, entry.get("en")):
            if alias:
                lookup[str(alias).strip().lower()] = float(entry["score"])
    return industry.astype("string").str.strip().str.lower().map(lookup).astype(float).fillna(unknown)


def financial_score(z: pd.Series) -> pd.Series:
    """Financial factor score from Altman Z'' (piecewise linear, see module docstring; §5.2)."""
    values = pd.to_numeric(z, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    scores = np.interp(values, Z_POINTS, Z_SCORES)
    return pd.Series(np.where(np.isnan(values), np.nan, scores), index=z.index, name="financials")


def size_score(annual_sales: pd.Series) -> pd.Series:
    """Relationship-and-size score from annual sales: log10 CNY 6 -> 30, 9 -> 90, clamped (§5.2)."""
    sales = pd.to_numeric(annual_sales, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log10(np.where(sales > 0, sales, np.nan))
    scores = np.interp(logs, (6.0, 9.0), (30.0, 90.0))
    return pd.Series(np.where(np.isnan(logs), np.nan, scores), index=annual_sales.index, name="relationship")


def days_late_12m(invoices: pd.DataFrame, payments: pd.DataFrame, as_of: Any, months: int = 12) -> pd.Series:
    """Amount-weighted days late per customer over the last ``months`` (module docstring;
    the kit's convention, course/references.md §5.2).

    Payments dated in (as_of - months, as_of] count at max(paid_date - due_date, 0) days,
    weighted by the amount paid; the unpaid part of every invoice past due at ``as_of``
    counts at its days past due. Credit notes are left out. NaN for a customer with neither.
    """
    inv = clean_columns(invoices, ["invoice_id", "customer_id", "invoice_date", "due_date", "amount"], "invoices")
    pay = clean_columns(payments, ["invoice_id", "paid_date", "paid_amount"], "payments")
    as_of = timestamp(as_of)
    start = as_of - pd.DateOffset(months=months)
    inv = inv[(inv["invoice_date"] <= as_of) & (inv["amount"] > 0)]
    pay = pay[pay["paid_date"] <= as_of].merge(inv[["invoice_id", "customer_id", "due_date"]], on="invoice_id")
    paid_to_date = pay.groupby("invoice_id")["paid_amount"].sum()
    recent = pay[pay["paid_date"] > start]
    paid_part = pd.DataFrame(
        {
            "customer_id": recent["customer_id"],
            "weight": recent["paid_amount"],
            "days": (recent["paid_date"] - recent["due_date"]).dt.days.clip(lower=0),
        }
    )
    unpaid = (inv["amount"] - inv["invoice_id"].map(paid_to_date).fillna(0.0)).round(2)
    overdue = inv[(unpaid > 0).to_numpy() & (inv["due_date"] < as_of).to_numpy()]
    open_part = pd.DataFrame(
        {
            "customer_id": overdue["customer_id"],
            "weight": unpaid[overdue.index],
            "days": (as_of - overdue["due_date"]).dt.days,
        }
    )
    both = pd.concat([paid_part, open_part], ignore_index=True)
    both["weighted"] = both["weight"] * both["days"]
    sums = both.groupby("customer_id")[["weighted", "weight"]].sum()
    late = (sums["weighted"] / sums["weight"].where(sums["weight"] > 0)).rename("days_late")
    return late.reindex(pd.Index(inv["customer_id"].unique(), name="customer_id"))


def case_factor_scores(
    tables: Mapping[str, pd.DataFrame],
    as_of: Any,
    security: float = 0.0,
    industry_table: Mapping[str, Mapping[str, Any]] | None = None,
) -> pd.DataFrame:
    """One row per customer: its facts and the six factor scores of `DEFAULT_WEIGHTS`
    (convention, course/references.md §5.2).

    ``tables`` as `receivables.datasets.read_dataset` gives them (customers, financials,
    invoices, payments); financials of the latest fiscal year not after ``as_of``'s year.
    Columns: customer_id, name_en, name_zh, nature, nature_en, industry_name, industry_en,
    days_late, sales, z, zone, then the factors payment_history, financials,
    enterprise_nature, industry, relationship, security (the scorecard's factor names; the
    customer's industry itself is in ``industry_name``).
    """
    if not 0 <= security <= 100:
        raise ValueError("security must be a score between 0 and 100")
    customers, financials = tables["customers"], tables["financials"]
    require(customers, ["customer_id", "name_en", "name_zh", "nature", "industry"], "customers")
    as_of = timestamp(as_of)
    fin = financials[financials["year"].astype(int) <= as_of.year].assign(customer_id=ids(financials["customer_id"]))
    latest = fin.sort_values("year").groupby("customer_id").tail(1)
    latest = latest.assign(working_capital=latest["current_assets"] - latest["current_liabilities"])
    z = altman_z_frame(latest).set_index("customer_id")[["year", "sales", "z", "zone"]]
    out = pd.DataFrame(
        {
            "customer_id": ids(customers["customer_id"]).to_numpy(),
            "name_en": customers["name_en"].to_numpy(),
            "name_zh": customers["name_zh"].to_numpy(),
            "nature": customers["nature"].to_numpy(),
            "nature_en": customers.get("nature_en", customers["nature"]).to_numpy(),
            "industry_name": customers["industry"].to_numpy(),
            "industry_en": customers.get("industry_en", customers["industry"]).to_numpy(),
        }
    )
    out = out.join(days_late_12m(tables["invoices"], tables["payments"], as_of), on="customer_id").join(
        z, on="customer_id"
    )
    out["payment_history"] = (100 - out["days_late"]).clip(lower=0, upper=100)
    out["financials"] = financial_score(out["z"])
    out["enterprise_nature"] = enterprise_nature_score(out["nature"])
    out["industry"] = industry_score(out["industry_name"], industry_table)
    out["relationship"] = size_score(out["sales"])
    out["security"] = float(security)
    return out


def financial_inputs(financials: pd.DataFrame, customer_id: str, year: int | None = None) -> dict[str, float]:
    """The six inputs of Altman Z'' for one customer and fiscal year (the latest if None),
    from a financials table like the case's (working capital = current assets - current liabilities)."""
    require(
        financials,
        [
            "customer_id",
            "year",
            "total_assets",
            "total_liabilities",
            "current_assets",
            "current_liabilities",
            "retained_earnings",
            "ebit",
            "book_equity",
        ],
        "financials",
    )
    rows = financials[ids(financials["customer_id"]) == str(customer_id)]
    if year is not None:
        rows = rows[rows["year"].astype(int) == int(year)]
    if rows.empty:
        raise ValueError(f"no financials for customer {customer_id}" + ("" if year is None else f" in {year}"))
    row = rows.sort_values("year").iloc[-1]
    return {
        "working_capital": float(row["current_assets"] - row["current_liabilities"]),
        "retained_earnings": float(row["retained_earnings"]),
        "ebit": float(row["ebit"]),
        "total_assets": float(row["total_assets"]),
        "book_equity": float(row["book_equity"]),
        "total_liabilities": float(row["total_liabilities"]),
    }


def group_profile(factors: pd.DataFrame, open_items: pd.DataFrame, by: str, lang: str = "en") -> pd.DataFrame:
    """The case's customers grouped by ``by`` ("nature" or "industry_name"): how many, what
    they owe, how much of it is overdue, how late they pay, and the group's factor score.

    Columns: group (in ``lang``), customers, open_balance, overdue_share (% of the open
    balance past due), days_late (median of the customers' 12-month days late), z_median,
    factor_score (enterprise_nature or industry). Sorted by factor score, best first.
    """
    label = {"nature": ("nature", "nature_en"), "industry_name": ("industry_name", "industry_en")}
    if by not in label:
        raise ValueError('by must be "nature" or "industry_name"')
    factor = "enterprise_nature" if by == "nature" else "industry"
    name = label[by][0] if lang == "zh" else label[by][1]
    items = open_items[open_items["open_amount"].astype(float) > 0]
    owed = (
        items.assign(
            customer_id=ids(items["customer_id"]), overdue=items["open_amount"].where(items["days_past_due"] > 0, 0.0)
        )
        .groupby("customer_id")[["open_amount", "overdue"]]
        .sum()
    )
    table = factors.join(owed, on="customer_id").fillna({"open_amount": 0.0, "overdue": 0.0})
    out = table.groupby(by).agg(
        group=(name, "first"),
        customers=("customer_id", "size"),
        open_balance=("open_amount", "sum"),
        overdue=("overdue", "sum"),
        days_late=("days_late", "median"),
        z_median=("z", "median"),
        factor_score=(factor, "first"),
    )
    out["overdue_share"] = out["overdue"] / out["open_balance"].where(out["open_balance"] > 0) * 100
    out = out.sort_values(["factor_score", "customers"], ascending=[False, False]).reset_index(drop=True)
    return out[["group", "customers", "open_balance", "overdue_share", "days_late", "z_median", "factor_score"]]


def z_by_year(
    financials: pd.DataFrame, customers: pd.DataFrame, customer_ids: list[str], lang: str = "en"
) -> pd.DataFrame:
    """Altman Z'' of the chosen customers in every fiscal year: one row per customer
    (``customer`` named in ``lang``), one column per year, and ``zone`` of the last year (in ``lang``)."""
    fin = financials.assign(customer_id=ids(financials["customer_id"]))
    fin = fin[fin["customer_id"].isin([str(c) for c in customer_ids])]
    fin = altman_z_frame(fin.assign(working_capital=fin["current_assets"] - fin["current_liabilities"]))
    table = fin.pivot(index="customer_id", columns="year", values="z").reindex([str(c) for c in customer_ids])
    table.columns = [str(c) for c in table.columns]
    last = fin.sort_values("year").groupby("customer_id")["zone"].last()
    name = name_column(lang)
    names = customers.assign(customer_id=ids(customers["customer_id"])).set_index("customer_id")[name]
    table.insert(0, "customer", [f"{names.get(c, c)} ({c})" for c in table.index])
    table["zone"] = last.reindex(table.index).map(lambda z: pick(ZONE_LABELS[z], lang) if isinstance(z, str) else None)
    return table.reset_index()


def zone_counts(factors: pd.DataFrame) -> dict[str, int]:
    """How many customers' latest Z'' falls in each zone (safe, grey, distress)."""
    return {zone: int((factors["zone"] == zone).sum()) for zone in ("safe", "grey", "distress")}


def scorecard_guide(weights: Mapping[str, float] | None = None, lang: str = "en") -> pd.DataFrame:
    """The scorecard's factors, their weights and how the kit scores each (columns factor, weight, how)."""
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    sep = "," if lang == "zh" else ", "
    points = {
        "financials": sep.join(f"{z:.2f} → {v:.0f}" for z, v in zip(Z_POINTS, Z_SCORES, strict=True)),
        "enterprise_nature": sep.join(
            f"{e['zh' if lang == 'zh' else 'en']} {e['score']:.0f}" for e in ENTERPRISE_NATURE_SCORES.values()
        ),
    }
    how = [t(f"risk.how.{f}", lang).format(points=points.get(f, "")) for f in weights]
    return pd.DataFrame(
        {"factor": [FACTOR_LABELS[f][lang] for f in weights], "weight": list(weights.values()), "how": how}
    )


def grade_table(lang: str = "en") -> pd.DataFrame:
    """Grades, the lowest score of each, and the action (columns grade, from, action)."""
    return pd.DataFrame(
        {
            "grade": list(GRADE_THRESHOLDS),
            "from": [max(v, 0.0) for v in GRADE_THRESHOLDS.values()],
            "action": [GRADE_ACTIONS[g][lang] for g in GRADE_THRESHOLDS],
        }
    )


def customer_line(factors: pd.DataFrame, customer_id: str, lang: str = "en") -> str:
    """One markdown sentence on a customer: nature, industry, 12-month days late, Z'' and zone."""
    rows = factors[ids(factors["customer_id"]) == str(customer_id)]
    if rows.empty:
        raise ValueError(f"no customer {customer_id} in the factor table")
    row = rows.iloc[0]
    zh = lang == "zh"
    return t("risk.grade.customer_line", lang).format(
        name=row[name_column(lang)],
        customer_id=row["customer_id"],
        nature=row["nature" if zh else "nature_en"],
        industry=row["industry_name" if zh else "industry_en"],
        days=row["days_late"],
        z=row["z"],
        zone=pick(ZONE_LABELS[row["zone"]], lang) if isinstance(row["zone"], str) else "—",
    )
