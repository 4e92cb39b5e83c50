"""Dunning ladder (催收节奏): which collection step each open invoice has reached.

Course topic: 建立合理应收流程 (a sound receivables process). Domain reference 6,
"dunning ladder" [C]: steps at offsets (in days) from the due date, by default
-5 reminder, 0 due-day notice, +7 email, +15 call, +30 statement, +45 final notice,
+60 credit hold, +90 agency or legal. The ladder is a parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from receivables.frames import dates, ids, require, timestamp


class DunningStep(NamedTuple):
    offset: int  # days from the due date (negative = before it)
    code: str
    en: str
    zh: str


#: The kit's default ladder. [C] Domain reference 6.
DEFAULT_DUNNING_LADDER: tuple[DunningStep, ...] = (
    DunningStep(-5, "reminder", "Friendly reminder before the due date", "到期前友好提醒"),
    DunningStep(0, "due_notice", "Due-date notice", "到期日付款通知"),
    DunningStep(7, "email", "Overdue reminder email", "逾期提醒邮件"),
    DunningStep(15, "call", "Phone call", "电话催收"),
    DunningStep(30, "statement", "Statement of account for confirmation", "寄送对账单并请客户确认"),
    DunningStep(45, "final_notice", "Final notice (written demand)", "最后催款通知(书面催告)"),
    DunningStep(60, "credit_hold", "Credit hold: stop shipments", "暂停发货(冻结信用)"),
    DunningStep(90, "agency_legal", "Collection agency or legal action", "委托催收机构或采取法律行动"),
)


def ladder_frame(ladder: Sequence[Any] | pd.DataFrame | None = None) -> pd.DataFrame:
    """The ladder as a DataFrame (offset, code, en, zh), sorted by offset.

    Accepts `DunningStep` tuples, dicts or a DataFrame with those columns. Offsets must be
    distinct whole days.
    """
    if ladder is None:
        ladder = DEFAULT_DUNNING_LADDER
    if isinstance(ladder, pd.DataFrame):
        frame = ladder.copy()
    else:
        frame = pd.DataFrame([s._asdict() if isinstance(s, DunningStep) else dict(s) for s in ladder])
    require(frame, ["offset", "code"], "ladder steps")
    if frame.empty:
        raise ValueError("the ladder needs at least one step")
    for col in ("en", "zh"):
        if col not in frame.columns:
            frame[col] = frame["code"]
    frame["offset"] = frame["offset"].astype(int)
    if frame["offset"].duplicated().any():
        raise ValueError("two ladder steps share the same offset")
    return frame[["offset", "code", "en", "zh"]].sort_values("offset").reset_index(drop=True)


def dunning_schedule(
    open_items: pd.DataFrame, as_of: Any, ladder: Sequence[Any] | pd.DataFrame | None = None
) -> pd.DataFrame:
    """Where each open invoice stands on the ladder as of a date. [C] Domain reference 6.

    For every open item with open_amount > 0: ``days_past_due`` = as_of - due_date (from
    the column when ``as_of`` is None); the *last step reached* is the step with the
    largest offset <= days past due (a step is reached on its own day); the *next step*
    follows it, due on ``due_date + offset``; ``days_to_next`` counts days from as_of.
    Before the first step, last step is missing; after the last, next step is missing.
    The schedule says where the invoice should be by the calendar, not what was done.
    Columns: invoice_id, customer_id, due_date, open_amount, days_past_due, last_step,
    last_step_en, last_step_zh, last_step_date, next_step, next_step_en, next_step_zh,
    next_step_date, days_to_next. Sorted by days past due (most overdue first).
    """
    steps = ladder_frame(ladder)
    require(open_items, ["invoice_id", "customer_id", "due_date", "open_amount"], "open items")
    as_of = timestamp(as_of)
    items = open_items[open_items["open_amount"].astype(float) > 0]
    due = dates(items["due_date"])
    if as_of is not None:
        dpd = (as_of - due).dt.days.to_numpy(dtype=float)
    else:
        require(items, ["days_past_due"], "open items")
        dpd = items["days_past_due"].to_numpy(dtype=float)
    offsets = steps["offset"].to_numpy()
    # side="right": an offset equal to the days past due counts as reached.
    last = np.searchsorted(offsets, dpd, side="right") - 1
    nxt = last + 1
    has_last = last >= 0
    has_next = nxt < len(steps)
    out = pd.DataFrame(
        {
            "invoice_id": ids(items["invoice_id"]).to_numpy(),
            "customer_id": ids(items["customer_id"]).to_numpy(),
            "due_date": due.to_numpy(),
            "open_amount": items["open_amount"].astype(float).to_numpy(),
            "days_past_due": dpd,
        }
    )

    def pick(column: str, index: np.ndarray, valid: np.ndarray) -> pd.Series:
        values = steps[column].to_numpy(dtype=object)[np.clip(index, 0, len(steps) - 1)]
        return pd.Series(np.where(valid, values, None), dtype="string")

    for prefix, index, valid in (("last_step", last, has_last), ("next_step", nxt, has_next)):
        out[prefix] = pick("code", index, valid)
        out[f"{prefix}_en"] = pick("en", index, valid)
        out[f"{prefix}_zh"] = pick("zh", index, valid)
        offset_days = np.where(valid, offsets[np.clip(index, 0, len(steps) - 1)], np.nan)
        out[f"{prefix}_date"] = out["due_date"] + pd.to_timedelta(offset_days, unit="D")
    if as_of is not None:
        out["days_to_next"] = (out["next_step_date"] - as_of).dt.days
    else:
        out["days_to_next"] = np.where(has_next, offsets[np.clip(nxt, 0, len(steps) - 1)] - dpd, np.nan)
    return out.sort_values(["days_past_due", "invoice_id"], ascending=[False, True], kind="mergesort").reset_index(
        drop=True
    )
