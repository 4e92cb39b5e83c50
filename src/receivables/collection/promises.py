"""Promises to pay (付款承诺): status of each promise and the kept rate.

Course topic: 面谈后 跟进工作 (follow-up after the meeting: written commitment, tracking).
Standard definition (course/references.md §8.2): status open / kept / partly kept / broken;
kept rate = amount paid by the promised date / amount promised; a broken promise escalates.

Matching rule (the kit's convention, course/references.md §8.2): a payment counts toward a promise when it is
from the same customer, dated on or after the day the promise was made (``made_on``) and
on or before ``promised_date`` (both ends inclusive: paying on the promised date keeps the
promise). When the promise names an ``invoice_id``, only payments on that invoice count.
Each promise sees every matching payment: two promises open at the same time for the same
customer (and no invoice) share the same payments.
"""

from __future__ import annotations

from typing import Any, TypedDict

import numpy as np
import pandas as pd

from receivables.collection._common import optional_ids, with_customer
from receivables.frames import dates, ids, require, timestamp
from receivables.i18n import Text

STATUSES = ("kept", "partly kept", "broken", "open")
#: Each status's name (texts/collection/promises.yml: ``promise.status.<status>``).
STATUS_LABELS: dict[str, Text] = {s: Text(f"promise.status.{s.replace(' ', '_')}") for s in STATUSES}
PROMISE_COLUMNS = ["customer_id", "promised_date", "promised_amount", "made_on"]


def promise_status(
    promises: pd.DataFrame,
    payments: pd.DataFrame,
    invoices: pd.DataFrame | None = None,
    as_of: Any = None,
    tolerance: float = 0.005,
) -> pd.DataFrame:
    """Status of each promise to pay (the kit's convention, course/references.md §8.2).

    ``payments`` are ledger payments (invoice_id, paid_date, paid_amount); if they have no
    customer_id, pass ``invoices`` (or open items) to find each payment's customer.
    Payments after ``as_of`` are ignored. Per promise:

    - ``paid_by_date`` = sum of matching payments (see module docstring)
    - ``kept_amount`` = min(paid_by_date, promised_amount); ``shortfall`` = promised - kept
    - ``status``: "kept" if paid_by_date >= promised_amount (within ``tolerance``);
      otherwise "open" while ``as_of`` <= promised_date (the day is not over); otherwise
      "partly kept" if something was paid, else "broken". Without ``as_of`` every promise
      is judged as at its promised date (none is open).

    Returns the promises (same order and index) with those columns added; a status the
    input already had is kept as ``status_recorded``.
    """
    require(promises, PROMISE_COLUMNS, "promises")
    require(payments, ["invoice_id", "paid_date", "paid_amount"], "payments")
    as_of = timestamp(as_of)
    result = promises.copy()
    if "status" in result.columns:
        result = result.rename(columns={"status": "status_recorded"})
    made_on = dates(result["made_on"])
    due = dates(result["promised_date"])
    promised = result["promised_amount"].astype(float)
    key = pd.DataFrame(
        {
            "promise": np.arange(len(result)),
            "customer_id": ids(result["customer_id"]).to_numpy(),
            "promise_invoice": optional_ids(result, "invoice_id").to_numpy(),
            "made_on": made_on.to_numpy(),
            "promised_date": due.to_numpy(),
        }
    )
    pays = with_customer(payments, invoices)
    pays = pays.assign(paid_date=dates(pays["paid_date"]), invoice_id=ids(pays["invoice_id"]))
    if as_of is not None:
        pays = pays[pays["paid_date"] <= as_of]
    pairs = key.merge(pays[["customer_id", "invoice_id", "paid_date", "paid_amount"]], on="customer_id")
    counts = (
        (pairs["paid_date"] >= pairs["made_on"])
        & (pairs["paid_date"] <= pairs["promised_date"])
        & (pairs["promise_invoice"].isna() | (pairs["promise_invoice"] == pairs["invoice_id"]).fillna(False))
    )
    paid = (
        pairs.loc[counts.astype(bool)].groupby("promise")["paid_amount"].sum().reindex(key["promise"], fill_value=0.0)
    ).to_numpy(dtype=float)
    amount = promised.to_numpy(dtype=float)
    kept = paid >= amount - tolerance
    still_open = np.zeros(len(result), dtype=bool) if as_of is None else (as_of <= due).to_numpy()
    status = np.select([kept, still_open, paid > tolerance], ["kept", "open", "partly kept"], default="broken")
    result["paid_by_date"] = paid
    result["kept_amount"] = np.minimum(paid, amount)
    result["shortfall"] = amount - result["kept_amount"]
    result["status"] = pd.Series(status, index=result.index, dtype="string")
    return result


class KeptRate(TypedDict):
    """What `promise_kept_rate` returns (a plain dict)."""

    promises: pd.DataFrame
    by_customer: pd.DataFrame
    overall: float | None


def promise_kept_rate(
    promises: pd.DataFrame,
    payments: pd.DataFrame,
    invoices: pd.DataFrame | None = None,
    as_of: Any = None,
    tolerance: float = 0.005,
) -> KeptRate:
    """Kept rate of promises to pay, per customer and overall: the formula is the standard
    definition, the matching of payments the kit's convention (course/references.md §8.2).

    kept rate = amount paid by the promised date / amount promised,
    over promises that are no longer open. Each promise contributes at most its promised
    amount (an overpayment does not lift the rate above 100 %). Returns a dict:

    - ``promises``: `promise_status` output (one row per promise)
    - ``by_customer``: customer_id, promises, kept, partly kept, broken, open (counts),
      promised and kept_amount (matured promises only), kept_rate (NaN if nothing matured)
    - ``overall``: the kept rate over all customers (None if no promise has matured)
    """
    status = promise_status(promises, payments, invoices, as_of, tolerance)
    frame = pd.DataFrame(
        {
            "customer_id": ids(status["customer_id"]).to_numpy(),
            "status": status["status"].to_numpy(),
            "promised": status["promised_amount"].astype(float).to_numpy(),
            "kept_amount": status["kept_amount"].to_numpy(),
        }
    )
    matured = frame["status"] != "open"
    frame.loc[~matured, ["promised", "kept_amount"]] = 0.0
    counts = pd.crosstab(frame["customer_id"], frame["status"]).reindex(columns=list(STATUSES), fill_value=0)
    sums = frame.groupby("customer_id")[["promised", "kept_amount"]].sum()
    by_customer = pd.concat([counts.sum(axis=1).rename("promises"), counts, sums], axis=1)
    by_customer.columns.name = None
    with np.errstate(divide="ignore", invalid="ignore"):
        by_customer["kept_rate"] = np.where(
            by_customer["promised"] > 0,
            by_customer["kept_amount"] / by_customer["promised"],
            np.nan,
        )
    by_customer = by_customer.rename_axis("customer_id").reset_index()
    total = frame.loc[matured, "promised"].sum()
    overall = float(frame.loc[matured, "kept_amount"].sum() / total) if total > 0 else None
    return KeptRate(promises=status, by_customer=by_customer, overall=overall)
