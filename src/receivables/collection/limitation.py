"""Limitation period (诉讼时效): flag claims before they can no longer be enforced.

Course topic: 未达成协议处理方案 (when no agreement is reached: escalation, legal letter,
litigation, the limitation period). Course/references.md §7 (a teaching summary):

- China Civil Code art. 188: 3 years, counted from when the creditor knew or should have
  known of the breach. The kit takes that moment to be the due date.
- art. 195: a demand for payment by the creditor, the debtor's agreement to perform
  (acknowledgement), a lawsuit or an arbitration *interrupts* the period, and it starts
  again from the interruption.

The kit's reading (a teaching tool, not legal advice):

- Years are calendar years (``pd.DateOffset(years=3)``): a clock started on 2021-03-15
  runs to 2024-03-15 inclusive (art. 201: the first day is not counted, so the period
  ends on the same date three years on; a clock from 29 February ends on 28 February).
  The claim is "expired" from the day after ``expires_on``. Holidays at the end
  (art. 203) are not modelled.
- An interrupting activity restarts the clock only if it happens while the clock runs
  (on or before the current ``expires_on``): a demand sent after the period ran out does
  not revive it.
- A debtor's acknowledgement after the period ran out restarts the clock all the same
  (``reviving_kinds``): under art. 192 a debtor who agrees to pay after expiry may not
  then plead expiry. Treating this as a fresh 3-year period is the kit's reading, not
  confirmed from a primary source (course/references.md §7);
  pass ``reviving_kinds=()`` to switch it off.
- Activities without an invoice_id apply to all of that customer's invoices; with one,
  to that invoice only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from receivables.collection._common import activities_of
from receivables.frames import dates, ids, require, timestamp
from receivables.i18n import Text

INTERRUPTING_KINDS = ("demand", "acknowledgement", "lawsuit", "arbitration")
REVIVING_KINDS = ("acknowledgement",)
#: Each status's name (texts/collection/limitation.yml: ``limitation.status.<status>``).
STATUS_LABELS: dict[str, Text] = {
    s: Text(f"limitation.status.{s.replace(' ', '_')}") for s in ("ok", "expiring soon", "expired")
}


def _as_of(open_items: pd.DataFrame, as_of: Any) -> pd.Timestamp:
    if as_of is not None:
        return timestamp(as_of)
    if "days_past_due" in open_items.columns and len(open_items):
        # Open items carry the date they were computed for: due date + days past due.
        inferred = dates(open_items["due_date"]) + pd.to_timedelta(open_items["days_past_due"], unit="D")
        if inferred.nunique() == 1:
            return inferred.iloc[0]
    raise ValueError("pass as_of: the date on which to judge the limitation period")


def _owed(open_items: pd.DataFrame) -> pd.DataFrame:
    """The open items with something owed, numbered by ``item``."""
    owed = open_items[open_items["open_amount"].astype(float) > 0]
    return pd.DataFrame(
        {
            "item": np.arange(len(owed)),
            "invoice_id": ids(owed["invoice_id"]).to_numpy(),
            "customer_id": ids(owed["customer_id"]).to_numpy(),
            "due_date": dates(owed["due_date"]).to_numpy(),
            "open_amount": owed["open_amount"].astype(float).to_numpy(),
        }
    )


def _events(items: pd.DataFrame, acts: pd.DataFrame | None) -> pd.DataFrame:
    """Per item its due date (kind "due") and the activities that apply to it: those on the
    customer without an invoice, and those on the invoice; none before the due date."""
    events = [items[["item", "due_date"]].rename(columns={"due_date": "date"}).assign(kind="due")]
    if acts is not None:
        general = acts[acts["invoice_id"].isna()].drop(columns="invoice_id")
        specific = acts[acts["invoice_id"].notna()].drop(columns="customer_id")
        events.append(items[["item", "customer_id"]].merge(general, on="customer_id")[["item", "date", "kind"]])
        events.append(items[["item", "invoice_id"]].merge(specific, on="invoice_id")[["item", "date", "kind"]])
    ev = pd.concat(events, ignore_index=True).merge(items[["item", "due_date"]], on="item")
    return ev[ev["date"] >= ev["due_date"]]


def _counted(ev: pd.DataFrame, period: pd.DateOffset, reviving: set[str]) -> pd.DataFrame:
    """The events that restart the clock: the due date and reviving kinds always, others
    only while the clock started by the events before them still runs."""
    ev = ev.assign(anchor=ev["kind"].eq("due") | ev["kind"].isin(reviving))
    # Same day: the due date first, then acknowledgements, then other kinds.
    ev["order"] = np.select([ev["kind"].eq("due"), ev["anchor"]], [0, 1], default=2)
    ev = ev.sort_values(["item", "date", "order"], kind="mergesort").reset_index(drop=True)
    previous = ev.groupby("item")["date"].shift()
    # An event breaks the chain if it comes after the running clock has expired.
    ev["late"] = (ev["date"] > previous + period).fillna(False) & ~ev["anchor"]
    segment = ev.groupby("item")["anchor"].cumsum()
    broken = ev.groupby([ev["item"], segment])["late"].cummax()
    return ev[ev["anchor"] | ~broken]


def _clocks(items: pd.DataFrame, counted: pd.DataFrame) -> pd.DataFrame:
    """``clock_start`` and ``last_event`` (the last counted event) and ``interruptions``."""
    last = counted.groupby("item").tail(1).set_index("item")
    # Every item has its due-date event, so each finds its last counted event.
    last = last[["date", "kind"]].rename(columns={"date": "clock_start", "kind": "last_event"})
    items = items.join(last, on="item")
    items["last_event"] = items["last_event"].astype("string")
    interruptions = counted[counted["kind"] != "due"].groupby("item").size().rename("interruptions")
    items = items.join(interruptions, on="item")
    items["interruptions"] = items["interruptions"].fillna(0).astype(int)
    return items


def _judge(items: pd.DataFrame, period: pd.DateOffset, as_of: pd.Timestamp, warn_days: int) -> pd.DataFrame:
    """``expires_on``, ``days_left`` and ``status``, sorted by days left."""
    items["expires_on"] = items["clock_start"] + period
    items["days_left"] = (items["expires_on"] - as_of).dt.days
    items["status"] = pd.Series(
        np.select(
            [items["days_left"] < 0, items["days_left"] <= warn_days],
            ["expired", "expiring soon"],
            default="ok",
        ),
        dtype="string",
    )
    return items.drop(columns="item").sort_values(["days_left", "invoice_id"], kind="mergesort").reset_index(drop=True)


def limitation_status(
    open_items: pd.DataFrame,
    activities: pd.DataFrame | None = None,
    as_of: Any = None,
    years: int = 3,
    warn_days: int = 180,
    interrupting_kinds: Iterable[str] = INTERRUPTING_KINDS,
    reviving_kinds: Iterable[str] = REVIVING_KINDS,
) -> pd.DataFrame:
    """Limitation clock of each open invoice: the law as the kit reads it (course/references.md
    §7). See the module docstring.

    ``activities``: customer_id, date, kind, optional invoice_id (other columns ignored);
    kinds are compared case-insensitively with ``interrupting_kinds``. Activities after
    ``as_of`` or before the due date are ignored. ``as_of`` defaults to the date the open
    items were computed for (due_date + days_past_due).

    Per open item (open_amount > 0): ``clock_start`` (the due date or the latest
    interruption that counted), ``last_event`` (its kind: "due", "demand", ...),
    ``interruptions`` (how many counted), ``expires_on`` = clock_start + ``years`` calendar
    years, ``days_left`` = expires_on - as_of, and ``status``: "expired" if days_left < 0,
    "expiring soon" if days_left <= ``warn_days``, else "ok". Sorted by days_left.
    """
    require(open_items, ["invoice_id", "customer_id", "due_date", "open_amount"], "open items")
    as_of = _as_of(open_items, as_of)
    period = pd.DateOffset(years=years)
    interrupting = {k.strip().lower() for k in interrupting_kinds}
    reviving = {k.strip().lower() for k in reviving_kinds}
    items = _owed(open_items)
    acts = activities_of(activities, interrupting, as_of) if activities is not None and len(activities) else None
    counted = _counted(_events(items, acts), period, reviving)
    return _judge(_clocks(items, counted), period, as_of, warn_days)
