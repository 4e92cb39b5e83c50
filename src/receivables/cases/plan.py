"""Case part 5, the collection plan: whom first, which dunning step, which approach.

Thin glue over `receivables.collection` (worklist, dunning, promises, limitation) that
adds names, debtor types and the opening line of a call for each type.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from receivables.collection import dunning_schedule, ladder_frame, worklist
from receivables.collection.debtor_types import DEBTOR_TYPES, DEFAULT_TYPE_WEIGHTS, debtor_type_weights
from receivables.collection.promises import STATUSES
from receivables.i18n import check_lang, t

from .tables import name_of


def customer_types(customers: pd.DataFrame | None) -> pd.Series:
    """customer_id -> debtor type code (known codes only; empty without a type column)."""
    if customers is None or "debtor_type" not in customers.columns:
        return pd.Series(dtype="string")
    codes = customers["debtor_type"].astype("string").str.strip()
    known = codes.isin(list(DEBTOR_TYPES))
    series = pd.Series(codes[known].to_numpy(), index=customers.loc[known, "customer_id"].astype(str).to_numpy())
    return series[~series.index.duplicated()]


def case_worklist(
    open_items: pd.DataFrame,
    names: pd.Series,
    types: pd.Series,
    weights: Mapping[str, float] | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """The prioritised worklist (`receivables.collection.worklist`) with ``name``,
    ``type_code`` and ``type`` (name in ``lang``; "" when unknown). Customers of a known
    type get its weight (``weights`` by type code, default `DEFAULT_TYPE_WEIGHTS`), others 1."""
    check_lang(lang)
    weights = DEFAULT_TYPE_WEIGHTS if weights is None else debtor_type_weights(weights)
    per_customer = types.map(weights).dropna().astype(float) if len(types) else None
    table = worklist(open_items, risk_weight=per_customer if per_customer is not None and len(per_customer) else None)
    table["name"] = name_of(table["customer_id"], names).to_numpy()
    table["type_code"] = table["customer_id"].astype(str).map(types).astype("string")
    names_by_code = {code: kind.name(lang) for code, kind in DEBTOR_TYPES.items()}
    table["type"] = table["type_code"].map(names_by_code).fillna("").astype(str)
    return table


def approach_table(work: pd.DataFrame, lang: str = "en", n: int = 10) -> pd.DataFrame:
    """For the first ``n`` customers of the worklist with a known type: their type, the
    approach (first two steps) and the call's opening line (``script``). [Authored]"""
    check_lang(lang)
    rows = work[work["type_code"].notna()].head(n)
    first_steps = rows["type_code"].map({c: " ".join(k.approach(lang)[:2]) for c, k in DEBTOR_TYPES.items()})
    scripts = rows["type_code"].map({c: t(f"cases.script.{c}", lang) for c in DEBTOR_TYPES})
    return pd.DataFrame(
        {
            "rank": rows["rank"].to_numpy(),
            "name": rows["name"].to_numpy(),
            "type": rows["type"].to_numpy(),
            "overdue_balance": rows["overdue_balance"].to_numpy(),
            "approach": first_steps.to_numpy(),
            "script": scripts.to_numpy(),
        }
    )


def dunning_stages(open_items: pd.DataFrame, as_of, ladder=None, lang: str = "en") -> pd.DataFrame:
    """How many open invoices (and how much) stand at each step of the dunning ladder, in
    ladder order, with a first row for items before the first step. Columns ``code``,
    ``step`` (in ``lang``), ``offset``, ``invoices``, ``amount``."""
    check_lang(lang)
    steps = ladder_frame(ladder)
    schedule = dunning_schedule(open_items, as_of, ladder)
    reached = schedule["last_step"].fillna("").astype(str)
    sums = schedule.groupby(reached)["open_amount"].agg(["size", "sum"])
    rows = [{"code": "", "step": t("cases.before_ladder", lang), "offset": None}]
    rows += [
        {"code": s.code, "step": s.zh if lang == "zh" else s.en, "offset": int(s.offset)} for s in steps.itertuples()
    ]
    table = pd.DataFrame(rows)
    table["invoices"] = table["code"].map(sums["size"]).fillna(0).astype(int)
    table["amount"] = table["code"].map(sums["sum"]).fillna(0.0).astype(float)
    return table


def next_steps(
    open_items: pd.DataFrame, as_of, names: pd.Series, days: int = 7, lang: str = "en", ladder=None
) -> pd.DataFrame:
    """The dunning steps falling due in the next ``days`` days (from as_of, inclusive),
    soonest first: invoice, customer name, open amount, step (in ``lang``), its date."""
    check_lang(lang)
    schedule = dunning_schedule(open_items, as_of, ladder)
    soon = schedule[schedule["days_to_next"].between(0, days)].sort_values(
        ["next_step_date", "open_amount"], ascending=[True, False], kind="mergesort"
    )
    return pd.DataFrame(
        {
            "invoice_id": soon["invoice_id"].to_numpy(),
            "name": name_of(soon["customer_id"], names).to_numpy(),
            "open_amount": soon["open_amount"].to_numpy(),
            "days_past_due": soon["days_past_due"].to_numpy(),
            "step": soon["next_step_zh" if lang == "zh" else "next_step_en"].to_numpy(),
            "date": soon["next_step_date"].dt.date.to_numpy(),
        }
    )


def promise_counts(status: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Promises by status (kept, partly kept, broken, open): count and amount promised."""
    from receivables.collection.promises import STATUS_LABELS

    check_lang(lang)
    g = status.groupby("status")["promised_amount"].agg(["size", "sum"])
    return pd.DataFrame(
        {
            "code": list(STATUSES),
            "status": [STATUS_LABELS[s][lang] for s in STATUSES],
            "promises": [int(g["size"].get(s, 0)) for s in STATUSES],
            "promised": [float(g["sum"].get(s, 0.0)) for s in STATUSES],
        }
    )


def worklist_sentence(work: pd.DataFrame, lang: str = "en") -> str:
    """How many customers are overdue and whom to call first (from `case_worklist`)."""
    from .tables import money

    if work.empty:
        return t("cases.s.worklist_none", lang)
    first = work.iloc[0]
    return t("cases.s.worklist", lang).format(
        n=len(work),
        name=first["name"],
        overdue=money(first["overdue_balance"]),
        days=int(first["oldest_days_past_due"]),
    )


def promises_sentence(counts: pd.DataFrame, overall: float | None, lang: str = "en") -> str:
    """Promises by status and the kept rate (from `promise_counts` and
    `receivables.collection.promise_kept_rate`)."""
    from .tables import pct

    n = counts.set_index("code")["promises"]
    return t("cases.s.promises", lang).format(
        n=int(n.sum()),
        kept=int(n["kept"]),
        partly=int(n["partly kept"]),
        broken=int(n["broken"]),
        open=int(n["open"]),
        rate=pct(None if overall is None else overall * 100),
    )


def limitation_sentence(status: pd.DataFrame, warn_days: int, lang: str = "en") -> str:
    """How many open invoices near or past the end of the limitation period, and how much
    (from `receivables.collection.limitation_status`)."""
    from .tables import money

    soon = status[status["status"] == "expiring soon"]
    gone = status[status["status"] == "expired"]
    return t("cases.s.limitation", lang).format(
        soon=len(soon),
        soon_amount=money(soon["open_amount"].sum()),
        warn=warn_days,
        expired=len(gone),
        expired_amount=money(gone["open_amount"].sum()),
    )
