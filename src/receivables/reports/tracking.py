"""The tracking tools of a sales team's week (应收账款跟踪管理, 应收账款管理工具).

Small, pure shapers over the collection and metrics functions, so a notebook shows each
tool in a few lines: risk weights by debtor type for the worklist, this week's dunning
steps, open invoices by the step they have reached, promises by status. Catalogue keys
are prefixed ``tracking.``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from receivables.collection.debtor_types import DEBTOR_TYPES, debtor_type_weights
from receivables.collection.dunning import ladder_frame
from receivables.collection.promises import STATUS_LABELS, STATUSES
from receivables.i18n import check_lang, t


def bucket_label(edges: tuple[int, ...], index: int, lang: str = "en") -> str:
    """Label of bucket ``index`` on days past due for the overdue upper bounds ``edges``
    (current first): (30, 60) -> current, 1-30, 31-60, over 60 / 未到期, 1-30天, 31-60天, 60天以上."""
    check_lang(lang)
    bounds = (0, *edges)
    if not 0 <= index <= len(bounds):
        raise ValueError(f"bucket {index} does not exist for edges {list(edges)}")
    if index == 0:
        return t("tracking.bucket_current", lang)
    if index == len(bounds):
        return t("tracking.bucket_over", lang).format(a=bounds[-1])
    return t("tracking.bucket_range", lang).format(a=bounds[index - 1] + 1, b=bounds[index])


def debtor_type_label(code: str, lang: str = "en") -> str:
    """The four debtor types' short name in ``lang`` (02.02): "Stalling" / "拖欠型"; unknown codes as given."""
    check_lang(lang)
    if code not in DEBTOR_TYPES:
        return str(code)
    kind = DEBTOR_TYPES[code]
    return kind.short("zh") if lang == "zh" else f"{kind.short('en')} ({kind.short('zh')})"


def aging_report(
    ledger: Any, as_of: Any, lang: str = "en", edges: Sequence[int] = (30, 60, 90, 180, 365)
) -> pd.DataFrame:
    """The aging report of a `PreparedLedger` on days past due: bucket (label in ``lang``),
    amount, count, share (% of the open balance). ``edges``: upper bounds of the overdue
    buckets (current, not yet due, comes first)."""
    check_lang(lang)
    edges = tuple(int(e) for e in edges)
    table = ledger.aging(as_of, (0, *edges))
    table["bucket"] = [bucket_label(edges, i, lang) for i in range(len(table))]
    total = table["amount"].sum()
    table["share"] = table["amount"] / total * 100 if total else float("nan")
    return table


def weights_by_customer(customers: pd.DataFrame, type_weights: Mapping[str, float]) -> pd.Series:
    """Risk weight per customer_id from its ``debtor_type`` (customers.csv); unknown types
    or missing weights raise ValueError; weights must be positive. A type is named by its
    code or its English or Chinese name (拖欠型, 有能力、无意愿, "Stalling")."""
    type_weights = debtor_type_weights(type_weights)
    bad = {k: v for k, v in type_weights.items() if not float(v) > 0}
    if bad:
        raise ValueError(f"risk weights must be positive: {bad}")
    types = customers["debtor_type"].astype(str)
    missing = sorted(set(types) - set(type_weights))
    if missing:
        raise ValueError(f"no risk weight for debtor type(s): {', '.join(missing)}")
    return pd.Series(
        types.map(type_weights).astype(float).to_numpy(), index=customers["customer_id"].astype(str).to_numpy()
    )


def ladder_table(lang: str = "en", ladder: Any = None) -> pd.DataFrame:
    """The dunning ladder as the process calendar: offset (e.g. "-5", "0", "+7") and step."""
    check_lang(lang)
    steps = ladder_frame(ladder)
    return pd.DataFrame(
        {
            "offset": [f"{o:+d}" if o else "0" for o in steps["offset"]],
            "step": steps["zh" if lang == "zh" else "en"],
        }
    )


def steps_due(schedule: pd.DataFrame, as_of: Any, days: int = 7) -> pd.DataFrame:
    """Rows of a `dunning_schedule` whose next step falls due after ``as_of`` and within
    ``days`` days (the week's to-do list), soonest first, then largest amount."""
    if days < 1:
        raise ValueError("days must be at least 1")
    start = pd.Timestamp(as_of).normalize()
    due = schedule["next_step_date"]
    week = schedule[(due > start) & (due <= start + pd.Timedelta(days=days))]
    return week.sort_values(["next_step_date", "open_amount"], ascending=[True, False], kind="mergesort").reset_index(
        drop=True
    )


def by_step(schedule: pd.DataFrame, lang: str = "en", ladder: Any = None) -> pd.DataFrame:
    """Open invoices by the ladder step they have reached (in ladder order, then those not
    yet at the first step): step, count, amount."""
    check_lang(lang)
    steps = ladder_frame(ladder)
    order = [*steps["code"], None]
    names = [*steps["zh" if lang == "zh" else "en"], t("tracking.not_yet", lang)]
    reached = schedule["last_step"].astype(object).where(schedule["last_step"].notna(), None)
    rows = []
    for code, name in zip(order, names, strict=True):
        mask = reached.isna() if code is None else reached == code
        rows.append({"step": name, "count": int(mask.sum()), "amount": float(schedule.loc[mask, "open_amount"].sum())})
    return pd.DataFrame(rows)


def promises_by_status(status: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """`promise_status` output counted by status (kept, partly kept, broken, open): status
    (in ``lang``), promises, promised, kept_amount."""
    check_lang(lang)
    rows = []
    for code in STATUSES:
        mine = status[status["status"] == code]
        rows.append(
            {
                "status": STATUS_LABELS[code][lang],
                "code": code,
                "promises": int(len(mine)),
                "promised": float(mine["promised_amount"].sum()),
                "kept_amount": float(mine["kept_amount"].sum()),
            }
        )
    return pd.DataFrame(rows)
