"""PreparedLedger: a ledger indexed once so as-of questions for any date are fast.

Preparing sorts the invoices by invoice date (then invoice id) and the payments by paid
date, and turns each payment's invoice id into the integer position of its invoice. The
open balance as of a date D is then:

* the invoices issued by D: a prefix of the sorted invoices (one binary search);
* the payments dated by D: a prefix of the sorted payments (one binary search);
* paid to date per invoice: ``np.bincount`` of that payment prefix over invoice positions.

Everything afterwards is array arithmetic, so a widget can re-age 100,000 invoices for a
new date in a few milliseconds. Build it once per ledger and ask it many dates.

Conventions (shared by every function of this package):

* An invoice counts from its invoice date; payments count from their paid date; both
  inclusive of the as-of date.
* Open amounts within half a cent of zero count as settled (float sums of partial
  payments rarely cancel exactly). Negative open amounts (credit notes, overpayments)
  are kept.
* A missing due date is read as due on the invoice date; an invoice without an invoice
  date is never issued; payments without a date, without an amount or for an invoice id
  not in the invoices are ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._common import NEVER, TOLERANCE, DateLike, day_numbers, ratio, round_or_none, to_day
from .buckets import Buckets, resolve_buckets

INVOICE_REQUIRED = ("invoice_id", "customer_id", "invoice_date", "due_date", "amount")
PAYMENT_REQUIRED = ("invoice_id", "paid_date", "paid_amount")

OPEN_ITEM_COLUMNS = (
    "invoice_id",
    "customer_id",
    "customer_name",
    "invoice_date",
    "due_date",
    "amount",
    "paid_to_date",
    "open_amount",
    "days_past_due",
    "age_days",
)

SALES_WINDOW_DAYS = 90  # the summary's DSO looks at the sales of the last 90 days


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} lack column(s) {missing}; they have {list(frame.columns)}")


def _as_str(values: pd.Series) -> pd.Series:
    # One string dtype on both sides, whatever each frame came with (str, string, ints).
    return values.astype("str")


def _sort_key(days: np.ndarray, rank: np.ndarray, n_ranks: int) -> np.ndarray:
    """One int64 key ordering by day, then rank (0 <= rank < n_ranks)."""
    if len(days) == 0:
        return np.empty(0, dtype=np.int64)
    issued = days != NEVER
    first = days[issued].min() if issued.any() else 0
    span = np.where(issued, days - first, (days[issued].max() - first + 1) if issued.any() else 0)
    return span.astype(np.int64) * max(n_ranks, 1) + rank


def _order_with_ties_by(key: np.ndarray, tie_break: np.ndarray) -> np.ndarray:
    """argsort of key; equal keys ordered by tie_break.

    Same result as np.lexsort((tie_break, key)), but only the (rare) runs of equal keys
    pay for the second key.
    """
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    same = sorted_key[1:] == sorted_key[:-1]
    if same.any():
        in_run = np.zeros(len(key), dtype=bool)
        in_run[1:] |= same
        in_run[:-1] |= same
        where = np.flatnonzero(in_run)
        rows = order[where]
        order[where] = rows[np.lexsort((tie_break[rows], key[rows]))]
    return order


@dataclass(frozen=True)
class Snapshot:
    """Array view of the ledger as of one day; positions follow the prepared order."""

    day: int
    issued: int  # invoices issued by the day: positions 0 .. issued-1
    paid: np.ndarray  # paid to date per issued invoice
    open: np.ndarray  # open amount per issued invoice (0.0 when settled)
    days_past_due: np.ndarray
    age_days: np.ndarray

    @property
    def is_open(self) -> np.ndarray:
        return self.open != 0.0


class PreparedLedger:
    """Invoices and payments indexed once for fast as-of questions.

    >>> prepared = PreparedLedger(invoices, payments)        # doctest: +SKIP
    >>> prepared.summary("2024-06-30")["open_balance"]       # doctest: +SKIP
    """

    def __init__(self, invoices: pd.DataFrame, payments: pd.DataFrame | None = None) -> None:
        _require(invoices, INVOICE_REQUIRED, "invoices")
        if payments is not None and len(payments) == 0:
            payments = None
        if payments is not None:
            _require(payments, PAYMENT_REQUIRED, "payments")
        ids = _as_str(invoices["invoice_id"])
        n = len(ids)
        # One sorted factorization of invoice and payment ids together: the codes rank
        # invoices by id (a tie-break independent of row order) and link each payment to
        # its invoice without a hash lookup per payment.
        both = (
            ids
            if payments is None
            else pd.concat([ids, _as_str(payments["invoice_id"])], ignore_index=True)
        )
        codes, uniques = pd.factorize(both, sort=True)
        inv_rank, pay_rank = codes[:n], codes[n:]
        if (inv_rank < 0).any():
            raise ValueError("invoice_id is missing on some invoices")
        repeats = np.bincount(inv_rank, minlength=len(uniques)) > 1
        if repeats.any():
            dup = np.asarray(uniques, dtype=object)[repeats][:5].tolist()
            raise ValueError(f"invoice_id must be unique; repeated: {dup}")

        inv_dates = invoices["invoice_date"]
        due_dates = invoices["due_date"]
        if not pd.api.types.is_datetime64_any_dtype(inv_dates):
            inv_dates = pd.to_datetime(inv_dates)
        if not pd.api.types.is_datetime64_any_dtype(due_dates):
            due_dates = pd.to_datetime(due_dates)
        inv_day, inv_missing = day_numbers(inv_dates)
        due_day, due_missing = day_numbers(due_dates)
        due_day[due_missing] = inv_day[due_missing]  # no due date: due on receipt
        due_dates = due_dates.where(~due_missing, inv_dates)
        inv_day[inv_missing] = NEVER
        amount = invoices["amount"].to_numpy(dtype=np.float64, na_value=0.0)

        # Invoice date order makes "issued by D" a prefix; the id breaks ties so the
        # order (and every float sum) does not depend on the input's row order. One
        # integer key (day, then id rank) sorts faster than a two-key lexsort.
        order = np.argsort(_sort_key(inv_day, inv_rank, len(uniques)))
        self.n_invoices = n
        self.inv_day = inv_day[order]
        self.due_day = due_day[order]
        self.amount = amount[order]
        self._ids = ids.array.take(order)
        self._customer_ids = _as_str(invoices["customer_id"]).array.take(order)
        self._customer_names = (
            invoices["customer_name"].array.take(order)
            if "customer_name" in invoices.columns
            else None
        )
        self._inv_dates = inv_dates.array.take(order)
        self._due_dates = due_dates.array.take(order)

        position_of_rank = np.full(len(uniques), -1, dtype=np.intp)
        position_of_rank[inv_rank[order]] = np.arange(n)
        self._prepare_payments(payments, position_of_rank, pay_rank)
        self._cached: Snapshot | None = None

    def _prepare_payments(
        self, payments: pd.DataFrame | None, position_of_rank: np.ndarray, pay_rank: np.ndarray
    ) -> None:
        if payments is None:
            self.pay_day = np.empty(0, dtype=np.int64)
            self.pay_code = np.empty(0, dtype=np.intp)
            self.pay_amount = np.empty(0, dtype=np.float64)
            return
        code = np.where(pay_rank >= 0, position_of_rank[pay_rank], -1)
        pay_day, pay_missing = day_numbers(payments["paid_date"])
        pay_amount = payments["paid_amount"].to_numpy(dtype=np.float64, na_value=np.nan)
        keep = (code >= 0) & ~pay_missing & np.isfinite(pay_amount)
        code, pay_day, pay_amount = code[keep], pay_day[keep], pay_amount[keep]
        # Paid date order makes "paid by D" a prefix; invoice, then amount, break ties
        # so the float sums are the same whatever the input's row order.
        order = _order_with_ties_by(_sort_key(pay_day, code, self.n_invoices), pay_amount)
        self.pay_day = pay_day[order]
        self.pay_code = code[order].astype(np.intp)
        self.pay_amount = pay_amount[order]

    @classmethod
    def from_ledger(cls, ledger: Any) -> PreparedLedger:
        """From anything with ``invoices`` and ``payments`` frames (a ledger.Ledger)."""
        return cls(ledger.invoices, getattr(ledger, "payments", None))

    # -- dates of the data -------------------------------------------------------------

    @property
    def has_customer_names(self) -> bool:
        return self._customer_names is not None

    def first_day(self) -> int | None:
        """Day number of the earliest invoice, None without dated invoices."""
        issued = self.inv_day[self.inv_day != NEVER]
        return int(issued[0]) if len(issued) else None

    def last_day(self) -> int | None:
        """Day number of the latest invoice or payment date, None without any."""
        issued = self.inv_day[self.inv_day != NEVER]
        candidates = [int(issued[-1])] if len(issued) else []
        if len(self.pay_day):
            candidates.append(int(self.pay_day[-1]))
        return max(candidates) if candidates else None

    # -- the as-of core ----------------------------------------------------------------

    def snapshot(self, as_of: DateLike | int) -> Snapshot:
        """Open amounts of every invoice issued by ``as_of`` (int = day number)."""
        day = as_of if isinstance(as_of, int | np.integer) else to_day(as_of)
        day = int(day)
        if self._cached is not None and self._cached.day == day:
            return self._cached
        issued = int(np.searchsorted(self.inv_day, day, side="right"))
        dated = int(np.searchsorted(self.pay_day, day, side="right"))
        # Payments may precede their invoice (bad data or prepayment): the bincount runs
        # over all invoices and is cut to the issued ones.
        paid = np.bincount(
            self.pay_code[:dated],
            weights=self.pay_amount[:dated],
            minlength=self.n_invoices,
        )[:issued]
        open_ = self.amount[:issued] - paid
        open_[np.abs(open_) < TOLERANCE] = 0.0
        snap = Snapshot(
            day=day,
            issued=issued,
            paid=paid,
            open=open_,
            days_past_due=day - self.due_day[:issued],
            age_days=day - self.inv_day[:issued],
        )
        for array in (snap.paid, snap.open, snap.days_past_due, snap.age_days):
            array.flags.writeable = False  # shared through the cache
        self._cached = snap
        return snap

    def sales_between(self, first_day: int, last_day: int) -> float:
        """Amount invoiced from first_day to last_day, both included (net of credits)."""
        lo = np.searchsorted(self.inv_day, first_day, side="left")
        hi = np.searchsorted(self.inv_day, last_day, side="right")
        return float(self.amount[lo:hi].sum()) if hi > lo else 0.0

    def open_items(self, as_of: DateLike) -> pd.DataFrame:
        """Invoices issued by ``as_of`` with an open amount; see metrics.open_items."""
        snap = self.snapshot(as_of)
        idx = np.flatnonzero(snap.is_open)
        columns: dict[str, Any] = {
            "invoice_id": self._ids.take(idx),
            "customer_id": self._customer_ids.take(idx),
        }
        if self._customer_names is not None:
            columns["customer_name"] = self._customer_names.take(idx)
        columns.update(
            invoice_date=self._inv_dates.take(idx),
            due_date=self._due_dates.take(idx),
            amount=self.amount[idx],
            paid_to_date=snap.paid[idx],
            open_amount=snap.open[idx],
            days_past_due=snap.days_past_due[idx],
            age_days=snap.age_days[idx],
        )
        return pd.DataFrame(columns)

    def bucket_totals(
        self,
        as_of: DateLike | int,
        edges: Buckets | Sequence[int] | None = None,
        basis: str | None = None,
    ) -> tuple[Buckets, np.ndarray, np.ndarray]:
        """(buckets, open amount per bucket, open item count per bucket) as of a date."""
        buckets = resolve_buckets(edges, basis)
        snap = self.snapshot(as_of)
        is_open = snap.is_open
        days = snap.days_past_due if buckets.basis == "days_past_due" else snap.age_days
        where = buckets.index(days[is_open])
        amounts = np.bincount(where, weights=snap.open[is_open], minlength=len(buckets))
        counts = np.bincount(where, minlength=len(buckets))
        return buckets, amounts, counts

    def aging(
        self,
        as_of: DateLike,
        edges: Buckets | Sequence[int] | None = None,
        basis: str | None = None,
    ) -> pd.DataFrame:
        """Open amount and item count per bucket, every bucket in order (zeros too)."""
        buckets, amounts, counts = self.bucket_totals(as_of, edges, basis)
        return pd.DataFrame(
            {
                "bucket": pd.array(buckets.labels, dtype="str"),
                "amount": amounts,
                "count": counts.astype(np.int64),
            }
        )

    def aging_by_customer(
        self,
        as_of: DateLike,
        edges: Buckets | Sequence[int] | None = None,
        basis: str | None = None,
    ) -> pd.DataFrame:
        from .aging import aging_by_customer

        return aging_by_customer(self.open_items(as_of), edges, basis)

    def balances(self, as_of: DateLike | int) -> dict[str, float]:
        """Unrounded balances as of a date: open, current (not yet due), over 90 days."""
        snap = self.snapshot(as_of)
        dpd = snap.days_past_due
        return {
            "open": float(snap.open.sum()),
            "current": float(snap.open[dpd <= 0].sum()),
            "over_90": float(snap.open[dpd > 90].sum()),
            "count": int(np.count_nonzero(snap.is_open)),
        }

    def summary(
        self, as_of: DateLike, edges: Buckets | Sequence[int] | None = None
    ) -> dict[str, Any]:
        """Headline figures as of a date; see metrics.summary."""
        day = to_day(as_of)
        bal = self.balances(day)
        buckets, amounts, counts = self.bucket_totals(day, edges)
        sales = self.sales_between(day - SALES_WINDOW_DAYS + 1, day)
        dso = ratio(bal["open"], sales, SALES_WINDOW_DAYS)
        bpdso = ratio(bal["current"], sales, SALES_WINDOW_DAYS)
        add = None if dso is None or bpdso is None else dso - bpdso
        # A share of a zero (or net credit) balance is undefined.
        open_for_share = bal["open"] if abs(bal["open"]) >= TOLERANCE else 0.0
        return {
            "as_of": str(np.datetime64(day, "D")),
            "open_invoices": bal["count"],
            "open_balance": round_or_none(bal["open"], 2),
            "overdue_balance": round_or_none(bal["open"] - bal["current"], 2),
            "aging": [
                {"bucket": label, "amount": round_or_none(a, 2), "count": int(c)}
                for label, a, c in zip(buckets.labels, amounts, counts, strict=True)
            ],
            "sales_90d": round_or_none(sales, 2),
            "dso": round_or_none(dso, 1),
            "best_possible_dso": round_or_none(bpdso, 1),
            "add": round_or_none(add, 1),
            "pct_current": round_or_none(ratio(bal["current"], open_for_share, 100.0), 1),
            "pct_over_90": round_or_none(ratio(bal["over_90"], open_for_share, 100.0), 1),
        }

    def monthly_history(self, end: DateLike | None = None, months: int = 24) -> pd.DataFrame:
        from .history import history_from_prepared

        return history_from_prepared(self, end=end, months=months)
