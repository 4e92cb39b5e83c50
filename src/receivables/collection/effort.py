"""The management cost of overdue accounts (账款逾期带来的损失: 管理成本增加), from a
collection log: how many calls, visits and letters, and what the time costs.

Cost = number of activities x minutes each / 60 x hourly cost. The minutes per activity
(`DEFAULT_MINUTES`) and the hourly cost are **authored teaching figures**, not survey
data: every team should put in its own.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from receivables.i18n import check_lang, t
from receivables.i18n.choices import resolve_keys

#: Minutes of staff time per activity, travel included. (Authored teaching figures.)
DEFAULT_MINUTES: dict[str, float] = {
    "call": 10,
    "email": 5,
    "letter": 20,
    "statement": 15,
    "acknowledgement": 20,
    "demand": 30,
    "visit": 240,
}

#: Cost of one hour of a salesperson's or clerk's time, CNY. (Authored teaching figure.)
DEFAULT_HOURLY_COST = 100.0


def kind_name(kind: str, lang: str = "en") -> str:
    try:
        return t(f"kind.{kind}", lang)
    except KeyError:
        return kind


def kinds_by_code(minutes: Mapping[str, float]) -> dict[str, float]:
    """Minutes keyed by the activity's code, English or Chinese name (电话, "Phone call", call)."""
    names = {k: [t(f"kind.{k}", "en"), t(f"kind.{k}", "zh")] for k in DEFAULT_MINUTES}
    return resolve_keys(minutes, names, "minutes")


def collection_effort(
    activities: pd.DataFrame,
    minutes: Mapping[str, float] | None = None,
    hourly_cost: float = DEFAULT_HOURLY_COST,
    lang: str = "en",
) -> pd.DataFrame:
    """Time and money spent on the log's activities, one row per kind of activity.

    Columns: ``kind`` (code), ``activity`` (name in ``lang``), ``count``, ``minutes``
    (each), ``hours``, ``cost``. Kinds missing from ``minutes`` count 0 minutes (say so
    by adding them). Rows in the order of ``minutes``, then any other kinds.
    """
    check_lang(lang)
    if hourly_cost < 0:
        raise ValueError("hourly_cost must be 0 or more")
    minutes = dict(DEFAULT_MINUTES if minutes is None else kinds_by_code(minutes))
    counts = activities["kind"].astype(str).value_counts()
    kinds = [k for k in minutes if k in counts.index] + [k for k in counts.index if k not in minutes]
    rows = []
    for kind in kinds:
        each = float(minutes.get(kind, 0.0))
        hours = int(counts[kind]) * each / 60
        rows.append(
            {
                "kind": kind,
                "activity": kind_name(kind, lang),
                "count": int(counts[kind]),
                "minutes": each,
                "hours": hours,
                "cost": hours * float(hourly_cost),
            }
        )
    return pd.DataFrame(rows, columns=["kind", "activity", "count", "minutes", "hours", "cost"])
