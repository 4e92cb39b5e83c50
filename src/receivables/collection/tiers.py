"""Tiered management of customers (分级管理): ABC tiers by open balance, with a risk flag.

Key-account module (seed 001, 催收策略: 分级管理 — different collection strategies by the
customer's grade and payment history, high-risk customers watched most closely). The
kit's construct, a convention (course/references.md §8.5):

- **Tier by balance (ABC, Pareto)**: sort customers by open balance, largest first, and
  accumulate their shares of the total open balance. A customer is **A** while the share
  of the customers *before* it is below ``a_share`` %: the few largest accounts that
  together make up the first ``a_share`` % (the largest customer is always A). **B** while
  the share before it is below ``b_share`` %, **C** for the rest and for customers owing
  nothing (zero or a net credit). Shares of a total are scale-free, so the same thresholds
  work on any company's ledger.
- **Risk flag (watch, 重点关注)**: a customer is watched when its overdue share (open
  amount past due ÷ open amount, both on invoices only: credit notes are left out so an
  unapplied credit does not hide a late invoice) is at least ``watch_pct`` %.

The collection approach of each tier and of a watched customer (`TIER_APPROACH`,
`WATCH_APPROACH`) is *authored for this kit* from common credit-management practice.
"""

from __future__ import annotations

from typing import TypedDict

import numpy as np
import pandas as pd

from receivables.frames import ids, require
from receivables.i18n import Text, check_lang, pick, t

TIERS = ("A", "B", "C")
DEFAULT_A_SHARE = 50.0
DEFAULT_B_SHARE = 80.0
DEFAULT_WATCH_PCT = 50.0

#: How to collect from each tier. (Authored for this kit.)
TIER_APPROACH: dict[str, Text] = {tier: Text(f"tiers.collect.{tier.lower()}") for tier in TIERS}
WATCH_APPROACH: Text = Text("tiers.collect.watch")


def check_thresholds(a_share: float, b_share: float, watch_pct: float = DEFAULT_WATCH_PCT) -> None:
    """0 < a_share < b_share <= 100 and 0 <= watch_pct <= 100, or a one-line ValueError."""
    if not 0 < a_share < 100:
        raise ValueError(f"a_share must be between 0 and 100 (exclusive), not {a_share}")
    if not a_share < b_share <= 100:
        raise ValueError(f"b_share must be above a_share ({a_share}) and at most 100, not {b_share}")
    if not 0 <= watch_pct <= 100:
        raise ValueError(f"watch_pct must be between 0 and 100, not {watch_pct}")


def tier_customers(
    open_items: pd.DataFrame,
    customers: pd.DataFrame | None = None,
    a_share: float = DEFAULT_A_SHARE,
    b_share: float = DEFAULT_B_SHARE,
    watch_pct: float = DEFAULT_WATCH_PCT,
) -> pd.DataFrame:
    """The tier of every customer (see the module docstring), largest balance first.

    ``open_items`` as from `receivables.metrics.open_items` (customer_id, open_amount,
    days_past_due). ``customers`` (optional: customer_id, name_en, name_zh) adds the
    customers who owe nothing (tier C) and their names.

    Columns: ``customer_id``, ``name_en``, ``name_zh`` (when given), ``balance`` (net open
    amount), ``share`` (% of the total open balance), ``cumulative`` (% up to and
    including this customer), ``invoiced_open`` (open amount on invoices, credit notes
    left out), ``overdue`` (of it, past due), ``overdue_share`` (%, NaN when nothing is
    owed on invoices), ``tier`` and ``watch`` (bool).
    """
    check_thresholds(a_share, b_share, watch_pct)
    require(open_items, ["customer_id", "open_amount", "days_past_due"], "open items")
    amount = open_items["open_amount"].astype(float)
    frame = pd.DataFrame(
        {
            "customer_id": ids(open_items["customer_id"]).to_numpy(),
            "balance": amount.to_numpy(),
            "invoiced_open": amount.clip(lower=0).to_numpy(),
            "overdue": amount.where((amount > 0) & (open_items["days_past_due"] > 0), 0.0).to_numpy(),
        }
    )
    table = frame.groupby("customer_id").sum()
    if customers is not None:
        require(customers, ["customer_id"], "customers")
        names = customers.assign(customer_id=ids(customers["customer_id"])).set_index("customer_id")
        table = table.reindex(table.index.union(names.index), fill_value=0.0)
        for column in ("name_en", "name_zh"):
            if column in names.columns:
                table[column] = names[column].reindex(table.index)
    table = table.reset_index().sort_values(["balance", "customer_id"], ascending=[False, True], kind="mergesort")
    total = table["balance"].clip(lower=0).sum()
    positive = table["balance"].clip(lower=0)
    table["share"] = table["balance"] / total * 100 if total > 0 else 0.0
    table["cumulative"] = positive.cumsum() / total * 100 if total > 0 else 0.0
    before = table["cumulative"] - (positive / total * 100 if total > 0 else 0.0)
    # Rounding: a customer starting exactly at the threshold belongs to the next tier.
    before = before.round(9)
    table["tier"] = np.select([table["balance"] <= 0, before < a_share, before < b_share], ["C", "A", "B"], default="C")
    with np.errstate(divide="ignore", invalid="ignore"):
        table["overdue_share"] = np.where(
            table["invoiced_open"] > 0, table["overdue"] / table["invoiced_open"] * 100, np.nan
        )
    table["watch"] = (table["overdue_share"] >= watch_pct).fillna(False).astype(bool)
    columns = [
        "customer_id",
        *[c for c in ("name_en", "name_zh") if c in table.columns],
        "balance",
        "share",
        "cumulative",
        "invoiced_open",
        "overdue",
        "overdue_share",
        "tier",
        "watch",
    ]
    return table[columns].reset_index(drop=True)


def tier_summary(tiered: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One row per tier A, B, C (all three, even if empty): ``tier``, ``customers``,
    ``balance``, ``share`` (% of the total open balance), ``overdue``, ``overdue_share``
    (% of the tier's open invoices), ``watched`` (customers) and ``approach`` in ``lang``."""
    check_lang(lang)
    groups = tiered.groupby("tier")
    sums = groups[["balance", "invoiced_open", "overdue"]].sum().reindex(list(TIERS), fill_value=0.0)
    counts = groups.size().reindex(list(TIERS), fill_value=0)
    watched = groups["watch"].sum().reindex(list(TIERS), fill_value=0)
    total = tiered["balance"].clip(lower=0).sum()
    out = pd.DataFrame(
        {
            "tier": list(TIERS),
            "customers": counts.to_numpy(dtype=int),
            "balance": sums["balance"].to_numpy(),
            "share": sums["balance"].to_numpy() / total * 100 if total > 0 else 0.0,
            "overdue": sums["overdue"].to_numpy(),
            "overdue_share": (
                sums["overdue"] / sums["invoiced_open"].where(sums["invoiced_open"] > 0) * 100
            ).to_numpy(),
            "watched": watched.to_numpy(dtype=int),
            "approach": [pick(TIER_APPROACH[tier], lang) for tier in TIERS],
        }
    )
    return out


def watch_approach(lang: str = "en") -> str:
    return pick(WATCH_APPROACH, lang)


class TiersResult(TypedDict):
    """What `tiers_result` returns (a plain dict): the thresholds, the tables, and per tier
    (A, B, C) the counts, shares (%), watched counts and member ids."""

    a_share: float
    b_share: float
    watch_pct: float
    customers: pd.DataFrame
    summary: pd.DataFrame
    counts: dict[str, int]
    shares: dict[str, float]
    watched: dict[str, int]
    members: dict[str, list[str]]


def tiers_result(
    open_items: pd.DataFrame,
    customers: pd.DataFrame | None = None,
    a_share: float = DEFAULT_A_SHARE,
    b_share: float = DEFAULT_B_SHARE,
    watch_pct: float = DEFAULT_WATCH_PCT,
    lang: str = "en",
) -> TiersResult:
    """What the tiered-management widget shows: the ``customers`` table (`tier_customers`),
    the ``summary`` per tier (`tier_summary`), and plain figures ``counts``, ``shares`` (%)
    and ``watched`` per tier, ``members`` (customer ids per tier) and the thresholds."""
    tiered = tier_customers(open_items, customers, a_share, b_share, watch_pct)
    summary = tier_summary(tiered, lang)
    by_tier = summary.set_index("tier")
    return TiersResult(
        a_share=float(a_share),
        b_share=float(b_share),
        watch_pct=float(watch_pct),
        customers=tiered,
        summary=summary,
        counts={k: int(v) for k, v in by_tier["customers"].items()},
        shares={k: float(v) for k, v in by_tier["share"].items()},
        watched={k: int(v) for k, v in by_tier["watched"].items()},
        members={tier: list(tiered.loc[tiered["tier"] == tier, "customer_id"]) for tier in TIERS},
    )


SUMMARY_HEADERS = {
    "tier": "tiers.tier",
    "customers": "tiers.customers",
    "balance": "tiers.balance",
    "share": "tiers.share",
    "overdue": "tiers.overdue",
    "overdue_share": "tiers.overdue_share",
    "watched": "tiers.watched",
    "approach": "tiers.approach",
}


def draw_tiers(tiered: pd.DataFrame, a_share: float, b_share: float, lang: str = "en"):
    """Pareto chart: each customer's open balance as a bar coloured by tier (hatched when
    watched), the cumulative share as a line, the two thresholds as dashed lines."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from receivables.i18n import setup_plots
    from receivables.i18n.fonts import MAX_WIDTH_IN, readable

    setup_plots()
    colours = {"A": "#b42318", "B": "#dd8a00", "C": "#8c959f"}
    shown = tiered[tiered["balance"] > 0]
    x = np.arange(len(shown))
    fig, ax = plt.subplots(figsize=(MAX_WIDTH_IN, 5.2))
    heights = (shown["balance"] / 1e4).to_numpy()
    ax.bar(x, heights, color=shown["tier"].map(colours).tolist(), edgecolor="white")
    watched = shown["watch"].to_numpy(dtype=bool)
    # Watched customers: a hatched overlay on their bars.
    ax.bar(x[watched], heights[watched], color="none", edgecolor="black", hatch="///", linewidth=0)
    ax.set_xticks(x, shown["customer_id"], rotation=90)
    ax.set_ylabel(t("tiers.chart_y", lang))
    ax.set_title(t("tiers.chart", lang))
    ax2 = ax.twinx()
    ax2.plot(x, shown["cumulative"], color="#1f2328", marker=".", linewidth=1)
    for level in (a_share, b_share):
        ax2.axhline(level, color="#1f2328", linestyle="--", linewidth=0.8)
        ax2.text(len(shown) - 0.5, level, f" {level:.0f} %", va="bottom", ha="right")
    ax2.set_ylim(0, 105)
    ax2.set_ylabel(t("tiers.chart_y2", lang))
    handles = [Patch(color=colours[tier], label=t("tiers.members", lang).format(tier=tier)) for tier in TIERS]
    handles.append(Patch(facecolor="white", edgecolor="black", hatch="///", label=t("tiers.watch", lang)))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=4, frameon=False)
    ax.spines[["top"]].set_visible(False)
    fig.tight_layout()
    return readable(fig)
