"""Dunning ladder (催收节奏): which collection step each open invoice has reached.

Course topic: 建立合理应收流程 (a sound receivables process). The dunning ladder is the
kit's convention (course/references.md §8.1): steps at offsets (in days) from the due date, by default
-5 reminder, 0 due-day notice, +7 email, +15 call, +30 statement, +45 final notice,
+60 credit hold, +90 agency or legal. The ladder is a parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from receivables.frames import dates, ids, require, timestamp
from receivables.i18n import Text, check_lang


class DunningStep(NamedTuple):
    """A step of a ladder: its day from the due date, its code and its name.

    The kit's steps name themselves by a `Text` (texts/collection/dunning.yml:
    ``dunning.step.<code>``, Chinese in receivables.po). A step you write gives its English
    and its Chinese as strings: ``DunningStep(10, "call", "Call the buyer", "给采购打电话")``
    (without the Chinese, the code stands in for it, as for a dict without ``zh``).
    """

    offset: int  # days from the due date (negative = before it)
    code: str
    name: Text | str  # a Text (both languages), or the English of a step you write
    zh: str | None = None  # the Chinese of a step you write

    def label(self, lang: str = "en") -> str:
        """The step's name in ``lang``."""
        if isinstance(self.name, Text):
            return self.name(lang)
        if check_lang(lang) == "zh":
            return self.code if self.zh is None else self.zh
        return self.name

    def row(self) -> dict[str, Any]:
        """The step as a row of `ladder_frame`: offset, code, en, zh."""
        return {"offset": self.offset, "code": self.code, "en": self.label("en"), "zh": self.label("zh")}


def _step(offset: int, code: str) -> DunningStep:
    return DunningStep(offset, code, Text(f"dunning.step.{code}"))


#: The kit's default ladder: a convention (course/references.md §8.1).
DEFAULT_DUNNING_LADDER: tuple[DunningStep, ...] = (
    _step(-5, "reminder"),
    _step(0, "due_notice"),
    _step(7, "email"),
    _step(15, "call"),
    _step(30, "statement"),
    _step(45, "final_notice"),
    _step(60, "credit_hold"),
    _step(90, "agency_legal"),
)


def ladder_frame(ladder: Sequence[Any] | pd.DataFrame | None = None) -> pd.DataFrame:
    """The ladder as a DataFrame (offset, code, en, zh), sorted by offset.

    Accepts `DunningStep` tuples, dicts or a DataFrame with those columns (``en`` and ``zh``
    may be left out: the code stands in). Offsets must be distinct whole days.
    """
    if ladder is None:
        ladder = DEFAULT_DUNNING_LADDER
    if isinstance(ladder, pd.DataFrame):
        frame = ladder.copy()
    else:
        frame = pd.DataFrame([s.row() if isinstance(s, DunningStep) else dict(s) for s in ladder])
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
    """Where each open invoice stands on the ladder as of a date (convention,
    course/references.md §8.1).

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
