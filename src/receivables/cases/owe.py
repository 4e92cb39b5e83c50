"""Case part 3, who owes and why: top debtors and the four debtor types.

(The fishbone and the excuse log come from `receivables.collection.causes` and
`receivables.collection.excuses`.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from receivables.collection.debtor_types import DEBTOR_TYPES, TYPE_CODES
from receivables.i18n import check_lang, t

from .tables import name_of


def top_debtors(open_items: pd.DataFrame, names: pd.Series | None = None, n: int = 10) -> pd.DataFrame:
    """The customers owing most, as of the open items' date.

    Columns: ``rank``, ``customer_id``, ``name``, ``open_balance`` (credit notes netted),
    ``overdue_balance`` (items past due with a positive open amount), ``oldest_days_past_due``
    (NaN with nothing overdue), ``share`` and ``cumulative_share`` (% of the total open
    balance). Ties go to the customer id, so the order does not depend on row order.
    """
    items = open_items.assign(customer_id=open_items["customer_id"].astype(str))
    overdue = (items["days_past_due"] > 0) & (items["open_amount"] > 0)
    items = items.assign(
        overdue=items["open_amount"].where(overdue, 0.0),
        overdue_dpd=items["days_past_due"].where(overdue),
    )
    g = items.groupby("customer_id")
    table = pd.DataFrame(
        {
            "open_balance": g["open_amount"].sum(),
            "overdue_balance": g["overdue"].sum(),
            "oldest_days_past_due": g["overdue_dpd"].max(),
        }
    ).reset_index()
    total = table["open_balance"].sum()
    table = table.sort_values(["open_balance", "customer_id"], ascending=[False, True], kind="mergesort").reset_index(
        drop=True
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        table["share"] = table["open_balance"] / total * 100 if total else np.nan
    table["cumulative_share"] = table["share"].cumsum()
    table["rank"] = np.arange(1, len(table) + 1)
    table["name"] = name_of(table["customer_id"], names).to_numpy()
    columns = [
        "rank",
        "customer_id",
        "name",
        "open_balance",
        "overdue_balance",
        "oldest_days_past_due",
        "share",
        "cumulative_share",
    ]
    return table[columns].head(n).reset_index(drop=True)


def draw_top_debtors(table: pd.DataFrame, lang: str = "en", currency: str | None = "CNY"):
    """Horizontal bars: open balance of each top debtor, its overdue part in red, in the
    ledger's currency (`receivables.cases.figures.money_unit`: CNY in 10k)."""
    import matplotlib.pyplot as plt

    from receivables.i18n import setup_plots
    from receivables.i18n.fonts import readable

    from .figures import money_unit

    check_lang(lang)
    setup_plots()
    scale, unit = money_unit(currency, lang)
    data = table.iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(data) + 1.4))
    labels = data["name"].astype(str).str.slice(0, 22)
    ax.barh(labels, data["open_balance"] / scale, color="#2f6feb", label=t("cases.open_balance", lang))
    ax.barh(labels, data["overdue_balance"] / scale, color="#b42318", label=t("cases.overdue_balance", lang))
    ax.set_xlabel(unit)
    ax.set_title(t("cases.top_debtors_chart", lang))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="lower right")
    fig.tight_layout()
    return readable(fig)


def debtor_types_overview(lang: str = "en") -> pd.DataFrame:
    """The four types (ability x willingness): name, who they are, the first step to take."""
    check_lang(lang)
    rows = []
    for code in TYPE_CODES:
        kind = DEBTOR_TYPES[code]
        rows.append(
            {
                "code": code,
                "type": kind.name(lang),
                "ability": t("debtor.able" if kind.able else "debtor.unable", lang),
                "willingness": t("debtor.willing" if kind.willing else "debtor.unwilling", lang),
                "summary": kind.summary(lang),
                "first_step": kind.approach(lang)[0],
            }
        )
    return pd.DataFrame(rows)


def top_sentence(top: pd.DataFrame, lang: str = "en") -> str:
    """The largest debtor and the share of the top five (or of all, when fewer), from
    `top_debtors`."""
    from .tables import money, pct

    if top.empty:
        return t("cases.s.nothing_open", lang)
    first = top.iloc[0]
    return t("cases.s.top", lang).format(
        name=first["name"],
        balance=money(first["open_balance"]),
        share=pct(first["share"]),
        k=min(5, len(top)),
        top5=pct(top["share"].head(5).sum()),
    )


def types_sentence(by_type: pd.DataFrame, lang: str = "en") -> str:
    """Share of all overdue owed by the unwilling and by the unable types (from
    `receivables.collection.debtor_types.balances_by_type`)."""
    from .tables import pct

    share = by_type.set_index("code")["overdue_share"]
    unwilling = sum(share.get(c, 0.0) for c in TYPE_CODES if c.endswith("_unwilling"))
    unable = sum(share.get(c, 0.0) for c in TYPE_CODES if c.startswith("unable_"))
    return t("cases.s.types", lang).format(unwilling=pct(unwilling), unable=pct(unable))


def excuses_sentence(summary: pd.DataFrame, activities: pd.DataFrame, lang: str = "en") -> str:
    """How many excuses, from how many customers, and the most frequent (from
    `receivables.collection.excuses.excuse_summary`)."""
    from receivables.collection.excuses import excuse_log

    log = excuse_log(activities)
    return t("cases.s.excuses", lang).format(
        n=int(summary["times"].sum()),
        customers=log["customer_id"].nunique(),
        top=summary["excuse"].iloc[0],
        times=int(summary["times"].iloc[0]),
    )
