"""Case part 6, risk and prevention: scorecard, Altman Z'', warning signals, credit
limits and provisions, on whatever tables the ledger has.

The scorecard's factor scores are computed from the data where the data allows, by the
kit's own illustrative rules, a convention (course/references.md §5.2; set your own):

- ``payment_history`` = 100 - 1 point per day of the amount-weighted days late of the invoices due in the
  last 12 months (an unpaid part counts as paid on the as-of date: "at least this late"),
  clipped to 0-100; early payment counts as on time.
- ``relationship`` = months since the customer's first invoice / 36 x 100, capped at 100.
- ``financials`` = 90 / 60 / 20 for the latest Altman Z'' zone safe / grey / distress.
- ``enterprise_nature`` = `receivables.risk.enterprise_nature_score` of the customer's nature.

A factor the data cannot give (no financial statements, no nature column; industry and
security are never in a ledger) gets weight 0 and the others are re-weighted: the
scorecard then ranks on what is known, and says which factors it used.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from receivables.frames import clean_columns, dates, ids
from receivables.i18n import check_lang, pick, t
from receivables.metrics import MONTHLY_BUCKETS, month_ends, provision_matrix, roll_rates
from receivables.risk import (
    DEFAULT_WEIGHTS,
    SIGNALS,
    altman_z_frame,
    enterprise_nature_score,
    factor_weights,
    scorecard,
)

from .tables import name_of

ZONE_SCORES: dict[str, float] = {"safe": 90.0, "grey": 60.0, "distress": 20.0}  # illustrative (references.md §5.2)
LATE_POINTS_PER_DAY = 1.0  # illustrative (§5.2): points off the payment-history score per day late
RELATIONSHIP_FULL_MONTHS = 36  # illustrative (§5.2): a relationship this old scores 100


def days_late_by_customer(invoices: pd.DataFrame, payments: pd.DataFrame, as_of: Any, months: int = 12) -> pd.Series:
    """Amount-weighted days late per customer over invoices due in the last ``months``
    months up to as_of (credit notes left out). Paying early counts as 0 days late."""
    as_of = pd.Timestamp(as_of).normalize()
    inv = clean_columns(invoices, ["invoice_id", "customer_id", "due_date", "amount"], "invoices")
    start = as_of - pd.DateOffset(months=months)
    inv = inv[(inv["amount"] > 0) & (inv["due_date"] > start) & (inv["due_date"] <= as_of)]
    pay = clean_columns(payments, ["invoice_id", "paid_date", "paid_amount"], "payments")
    pay = pay[pay["paid_date"] <= as_of].merge(inv[["invoice_id", "due_date"]], on="invoice_id")
    late = (pay["paid_date"] - pay["due_date"]).dt.days.clip(lower=0)
    # astype(float): with no payment at all the maps below would otherwise come back as text
    paid_days = inv["invoice_id"].map((pay["paid_amount"] * late).groupby(pay["invoice_id"]).sum()).astype(float)
    paid = inv["invoice_id"].map(pay.groupby("invoice_id")["paid_amount"].sum()).astype(float).fillna(0.0)
    unpaid = (inv["amount"] - paid).clip(lower=0)
    weighted = paid_days.fillna(0.0) + unpaid * (as_of - inv["due_date"]).dt.days
    covered = paid.clip(upper=inv["amount"]) + unpaid
    g = pd.DataFrame({"customer_id": inv["customer_id"], "w": weighted, "a": covered}).groupby("customer_id")
    sums = g[["w", "a"]].sum()
    return (sums["w"] / sums["a"].where(sums["a"] > 0)).rename("days_late")


def latest_z(financials: pd.DataFrame) -> pd.DataFrame:
    """Altman Z'' per customer for its latest year, with the year before when there is one.

    Columns: ``customer_id``, ``year``, ``z``, ``zone``, ``z_previous``, ``zone_previous``.
    Working capital = current assets - current liabilities; book equity = total assets -
    total liabilities when the table has no ``book_equity``.
    """
    fin = financials.copy()
    fin["working_capital"] = fin["current_assets"] - fin["current_liabilities"]
    if "book_equity" not in fin.columns or fin["book_equity"].isna().all():
        fin["book_equity"] = fin["total_assets"] - fin["total_liabilities"]
    scored = altman_z_frame(fin)
    scored["customer_id"] = scored["customer_id"].astype(str)
    scored = scored.sort_values(["customer_id", "year"], kind="mergesort")
    last = scored.groupby("customer_id").tail(1).set_index("customer_id")
    before = scored.groupby("customer_id").nth(-2).set_index("customer_id") if len(scored) else scored
    out = last[["year", "z", "zone"]].copy()
    out["year"] = pd.to_numeric(out["year"]).round().astype("Int64")
    out["z_previous"] = before["z"].reindex(out.index)
    out["zone_previous"] = before["zone"].reindex(out.index)
    return out.reset_index()


def factor_scores(
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    as_of: Any,
    customers: pd.DataFrame | None = None,
    z_table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per customer of the ledger: the factor scores the data can give (columns
    named as in `receivables.risk.DEFAULT_WEIGHTS`; see the module docstring)."""
    as_of = pd.Timestamp(as_of).normalize()
    inv = invoices[dates(invoices["invoice_date"]) <= as_of]
    cust_ids = ids(inv["customer_id"])
    first = dates(inv["invoice_date"]).groupby(cust_ids).min()
    table = pd.DataFrame(index=pd.Index(sorted(first.index.astype(str)), name="customer_id"))
    late = days_late_by_customer(invoices, payments, as_of).reindex(table.index)
    table["payment_history"] = (100 - LATE_POINTS_PER_DAY * late).clip(0, 100)
    months = (as_of - first.reindex(table.index)).dt.days / (365 / 12)
    table["relationship"] = (months / RELATIONSHIP_FULL_MONTHS * 100).clip(0, 100)
    if z_table is not None and len(z_table):
        zones = z_table.set_index(z_table["customer_id"].astype(str))["zone"]
        table["financials"] = zones.reindex(table.index).map(ZONE_SCORES).astype(float)
    if customers is not None and "nature" in customers.columns:
        nature = customers.set_index(customers["customer_id"].astype(str))["nature"]
        nature = nature[~nature.index.duplicated()]
        table["enterprise_nature"] = enterprise_nature_score(nature.reindex(table.index).astype("string"))
    return table.reset_index()


def case_scorecard(
    factors: pd.DataFrame, weights: Mapping[str, float] | None = None
) -> tuple[pd.DataFrame, dict[str, float]]:
    """Score, grade and action per customer from the factors present; returns the table
    and the weights used (factors without data at weight 0). A customer missing the score
    of a used factor gets 50 for it, the scale's middle: neither rewarded nor punished
    for data nobody has."""
    weights = dict(DEFAULT_WEIGHTS) if weights is None else factor_weights(weights)
    used = {k: (float(w) if k in factors.columns and factors[k].notna().any() else 0.0) for k, w in weights.items()}
    if sum(used.values()) <= 0:
        raise ValueError("no factor score can be computed from this ledger")
    filled = factors.copy()
    for k, w in used.items():
        if w > 0:
            filled[k] = filled[k].fillna(50.0)
    return scorecard(filled, used), used


def signal_names(flags: str, lang: str = "en") -> str:
    """Comma-separated signal codes -> their names in ``lang``, joined with "; "."""
    check_lang(lang)
    codes = [c.strip() for c in str(flags or "").split(",") if c.strip()]
    return "; ".join(pick(SIGNALS[c], lang) if c in SIGNALS else c for c in codes)


def roll_rate_provisions(prepared, as_of: Any, months: int = 12, write_off_rate: float = 1.0):
    """Provision matrix (`receivables.metrics.provision_matrix`) from the weighted roll
    rates of the last ``months`` month ends up to as_of, applied to today's aging in
    one-month buckets. None when a rate is undefined (a bucket held nothing in that
    history): too little history for a matrix.

    Rates are capped at 100 %: no more than all of a balance can roll on. A ratio can
    pass it only where month lengths let an item skip a bucket, or credit notes shrink
    the balance it is divided by.
    """
    ends = month_ends(as_of, months)
    if len(ends) < 2:
        return None
    rates = roll_rates(prepared, None, ends, MONTHLY_BUCKETS)
    if not np.isfinite(rates["rate"].to_numpy(dtype=float)).all():
        return None
    rates = rates.assign(rate=rates["rate"].clip(upper=1.0))
    today = prepared.aging(as_of, MONTHLY_BUCKETS)
    return provision_matrix(today, rates, write_off_rate=write_off_rate)


def scorecard_sentence(card: pd.DataFrame, used: Mapping[str, float], lang: str = "en") -> str:
    """Which factors (with their weights) the scorecard used, and customers per grade."""
    from receivables.risk import FACTOR_LABELS

    check_lang(lang)
    factors = ", ".join(f"{FACTOR_LABELS[k][lang]} {w:g}" for k, w in used.items() if w > 0)
    counts = card["grade"].value_counts()
    grades = ", ".join(f"{g} {int(counts.get(g, 0))}" for g in ("A", "B", "C", "D"))
    return t("cases.s.scorecard", lang).format(factors=factors, grades=grades)


def z_sentence(z_table: pd.DataFrame, balances: pd.Series, lang: str = "en") -> str:
    """Customers per latest Z'' zone and what those in distress owe (``balances``:
    customer_id -> open balance)."""
    from .tables import money

    zones = z_table["zone"].value_counts()
    distress = z_table.loc[z_table["zone"] == "distress", "customer_id"].astype(str)
    owed = balances.reindex(distress).fillna(0.0).sum()
    return t("cases.s.z", lang).format(
        n=len(z_table),
        safe=int(zones.get("safe", 0)),
        grey=int(zones.get("grey", 0)),
        distress=int(zones.get("distress", 0)),
        owed=money(owed),
    )


def draw_balance_by_zone(z_table: pd.DataFrame, balances: pd.Series, lang: str = "en", currency: str | None = "CNY"):
    """Bars: open balance of the customers in each latest Z'' zone, and of those without
    statements, in the ledger's currency (`receivables.cases.figures.money_unit`)."""
    import matplotlib.pyplot as plt

    from receivables.i18n import setup_plots
    from receivables.i18n.fonts import readable
    from receivables.risk.altman import ZONE_LABELS

    from .figures import money_unit

    check_lang(lang)
    setup_plots()
    scale, unit = money_unit(currency, lang)
    zone = z_table.set_index(z_table["customer_id"].astype(str))["zone"]
    by_zone = balances.groupby(zone.reindex(balances.index).fillna("none")).sum()
    order = ["safe", "grey", "distress", "none"]
    labels = [pick(ZONE_LABELS[z], lang) if z in ZONE_LABELS else t("cases.no_zone", lang) for z in order]
    values = [by_zone.get(z, 0.0) / scale for z in order]
    fig, ax = plt.subplots(figsize=(6.5, 3.2))
    ax.bar(labels, values, color=["#1a7f37", "#d4a72c", "#b42318", "#8c959f"])
    ax.set_ylabel(unit)
    ax.set_title(t("cases.z_chart", lang))
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return readable(fig)


def limits_sentence(util: pd.DataFrame, lang: str = "en") -> str:
    """How many customers owe more than their limit, and by how much together."""
    from .tables import money

    over = util[util["over_limit"]]
    return t("cases.s.limits", lang).format(n=len(over), over=money((over["balance"] - over["limit"].fillna(0)).sum()))


def scorecard_view(
    card: pd.DataFrame, used: Mapping[str, float], names: pd.Series, balances: pd.Series, lang: str = "en", n: int = 15
) -> pd.DataFrame:
    """The customers who owe something, lowest score first, for display: name, open
    balance, the factor scores used, score, grade and action, headers in ``lang``."""
    from receivables.risk import FACTOR_LABELS

    check_lang(lang)
    ids_ = card["customer_id"].astype(str)
    view = card.assign(
        name=name_of(ids_, names).to_numpy(),
        balance=ids_.map(balances).astype(float).fillna(0.0),
        action=card["action_zh" if lang == "zh" else "action_en"],
    )
    view = view[view["balance"] > 0].sort_values(["score", "customer_id"], kind="mergesort").head(n)
    factors = [k for k, w in used.items() if w > 0]
    columns = {"name": t("cases.customer", lang), "balance": t("cases.open_balance", lang)}
    columns.update({k: FACTOR_LABELS[k][lang] for k in factors})
    columns.update(
        {"score": t("cases.score", lang), "grade": t("cases.grade", lang), "action": t("cases.action", lang)}
    )
    return view[["customer_id", *columns]].rename(columns=columns).reset_index(drop=True)


def limit_review(
    util: pd.DataFrame,
    invoices: pd.DataFrame,
    as_of: Any,
    customers: pd.DataFrame | None = None,
    financials: pd.DataFrame | None = None,
    months: int = 12,
) -> pd.DataFrame:
    """What limit the rules of thumb would give each customer over its limit (convention,
    course/references.md §4.4).

    The rules of `receivables.risk.credit_limit_options`, vectorised over customers:
    10 % of tangible net worth (total assets - total liabilities, latest year) and 10 %
    of working capital (current assets - current liabilities) when statements exist, and
    the average monthly purchases of the last ``months`` months x terms_days / 30 when
    the customer table gives terms. ``recommended`` is the smallest available (NaN if none).
    Columns: customer_id, limit, balance, net_worth, working_capital, purchases, recommended.
    """
    over = util.loc[util["over_limit"], ["customer_id", "limit", "balance"]].copy()
    over["customer_id"] = over["customer_id"].astype(str)
    key = over["customer_id"]
    nan = pd.Series(np.nan, index=over.index)
    over["net_worth"] = nan
    over["working_capital"] = nan
    if financials is not None and len(financials):
        last = financials.assign(customer_id=financials["customer_id"].astype(str)).sort_values("year")
        last = last.groupby("customer_id").tail(1).set_index("customer_id")
        worth = (last["total_assets"] - last["total_liabilities"]).clip(lower=0) * 0.10
        capital = (last["current_assets"] - last["current_liabilities"]).clip(lower=0) * 0.10
        over["net_worth"] = key.map(worth).astype(float).to_numpy()
        over["working_capital"] = key.map(capital).astype(float).to_numpy()
    over["purchases"] = nan
    if customers is not None and "terms_days" in customers.columns:
        as_of = pd.Timestamp(as_of).normalize()
        recent = invoices[
            (dates(invoices["invoice_date"]) > as_of - pd.DateOffset(months=months))
            & (dates(invoices["invoice_date"]) <= as_of)
        ]
        monthly = recent["amount"].astype(float).groupby(ids(recent["customer_id"]).astype(str)).sum() / months
        terms = customers.assign(customer_id=customers["customer_id"].astype(str)).drop_duplicates("customer_id")
        terms = terms.set_index("customer_id")["terms_days"].astype(float)
        over["purchases"] = (
            (key.map(monthly).astype(float) * key.map(terms).astype(float) / 30).clip(lower=0).to_numpy()
        )
    over["recommended"] = over[["net_worth", "working_capital", "purchases"]].min(axis=1, skipna=True)
    return over.reset_index(drop=True)
