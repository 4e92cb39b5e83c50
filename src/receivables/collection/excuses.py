"""Customers' excuses for not paying (客户拒付借口有哪些), read from a collection log.

The log is an activities table like the case data's ``activities.csv``: one row per
call, visit, letter …, with an ``excuse_code`` when the customer gave an excuse ("" or
missing when not) and the note in both languages (``note_zh``, ``note_en``).

*Authored for this kit*: the course names the topic only. The excuse codes and lines of
the case data are authored (see ``datasets/electromech/README.md``), and so is
`CHECK_FIRST`, what a salesperson checks first when hearing each excuse. The course's
answers to the typical pretexts (四大托词及应对方案) come in chapter 04.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from receivables.collection.debtor_types import DEBTOR_TYPES, TYPE_CODES
from receivables.frames import dates, ids, require, timestamp
from receivables.i18n import Text, check_lang, pick, t

#: The excuse codes of the case data, in the order the kit shows them.
EXCUSE_CODES: tuple[str, ...] = (
    "waiting_approval",
    "cash_flow",
    "boss_away",
    "paid_already",
    "quality_dispute",
    "unreachable",
    "not_received_invoice",
    "no_budget",
)

#: What to check first when a customer gives each excuse. (Authored for this kit.)
CHECK_FIRST: dict[str, Text] = {code: Text(f"excuse.check_first.{code}") for code in EXCUSE_CODES}


def excuse_name(code: str, lang: str = "en") -> str:
    """The excuse's name from the catalogue (an unknown code is shown as it is)."""
    try:
        return t(f"excuse.{code}", lang)
    except KeyError:
        return code


def excuse_log(activities: pd.DataFrame) -> pd.DataFrame:
    """The activities that carry an excuse."""
    code = activities["excuse_code"].fillna("").astype(str).str.strip()
    return activities[code != ""].assign(excuse_code=code[code != ""])


def excuses_heard(activities: pd.DataFrame, customer_id: str, as_of: Any = None) -> pd.Series:
    """How many times one customer gave each excuse (up to ``as_of`` when given), most
    often first: a Series of counts by excuse code, empty when none was heard."""
    require(activities, ["customer_id", "excuse_code"], "activities")
    log = excuse_log(activities[ids(activities["customer_id"]) == str(customer_id)])
    day = timestamp(as_of)
    if day is not None and len(log):
        log = log[dates(log["date"]) <= day]
    return log["excuse_code"].value_counts()


def heard_line(heard: pd.Series, lang: str = "en") -> str:
    """`excuses_heard` as one line in ``lang``: "Cash flow × 3; Boss away × 1" ("—" for none)."""
    check_lang(lang)
    return "; ".join(f"{excuse_name(code, lang)} × {n}" for code, n in heard.items()) or "—"


def excuse_summary(activities: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One row per excuse heard, most frequent first.

    Columns: ``code``, ``excuse`` (name in ``lang``), ``times``, ``share`` (% of all
    excuses), ``customers`` (how many gave it), ``example`` (the line heard most often,
    in ``lang``) and ``check_first`` (authored advice, in ``lang``).
    """
    check_lang(lang)
    log = excuse_log(activities)
    note = "note_zh" if lang == "zh" else "note_en"
    total = len(log)
    rows = []
    for code, group in log.groupby("excuse_code", sort=False):
        example = group[note].value_counts().index[0] if note in group and len(group) else ""
        rows.append(
            {
                "code": code,
                "excuse": excuse_name(code, lang),
                "times": len(group),
                "share": len(group) / total * 100,
                "customers": group["customer_id"].nunique(),
                "example": example,
                "check_first": pick(CHECK_FIRST[code], lang) if code in CHECK_FIRST else "",
            }
        )
    columns = ["code", "excuse", "times", "share", "customers", "example", "check_first"]
    table = pd.DataFrame(rows, columns=columns)
    order = {c: i for i, c in enumerate(EXCUSE_CODES)}
    table["_order"] = table["code"].map(order).fillna(len(order))
    return table.sort_values(["times", "_order"], ascending=[False, True]).drop(columns="_order").reset_index(drop=True)


def excuses_by_type(activities: pd.DataFrame, customers: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """How often each debtor type gave each excuse: excuses as rows (names in ``lang``),
    the four types as columns (short names in ``lang``), in matrix order."""
    check_lang(lang)
    log = excuse_log(activities).merge(customers[["customer_id", "debtor_type"]], on="customer_id", how="left")
    table = pd.crosstab(log["excuse_code"], log["debtor_type"])
    table = table.reindex(columns=list(TYPE_CODES), fill_value=0)
    codes = [c for c in EXCUSE_CODES if c in table.index] + [c for c in table.index if c not in EXCUSE_CODES]
    table = table.loc[codes]
    table.index = [excuse_name(c, lang) for c in table.index]
    table.index.name = t("excuse.excuse", lang)
    table.columns = [DEBTOR_TYPES[c].short(lang) for c in table.columns]
    return table


def draw_excuses(summary: pd.DataFrame, lang: str = "en"):
    """A horizontal bar chart of how often each excuse was heard (from `excuse_summary`)."""
    import matplotlib.pyplot as plt

    from receivables.i18n import setup_plots
    from receivables.i18n.fonts import readable

    setup_plots()
    data = summary.iloc[::-1]
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(data) + 1.2))
    ax.barh(data["excuse"], data["times"], color="#2f6feb")
    for y, v in enumerate(data["times"]):
        ax.text(v, y, f" {v}", va="center")
    ax.set_xlabel(t("excuse.times", lang))
    ax.set_title(t("excuse.chart", lang))
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return readable(fig)
