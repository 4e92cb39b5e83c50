"""PreparedLedger: a ledger indexed once so as-of questions for any date are fast.

Preparing sorts the invoices by invoice date (then invoice id) and the payments by paid
date, and turns each payment's invoice id into the integer position of its invoice. The
open balance as of a date D is then:

* the invoices issued by D: a prefix of the sorted invoices (one binary search);
* the payments dated by D: a prefix of the sorted payments (one binary search);
* paid to date per invoice: ``np.bincount`` of that payment prefix over invoice positions.

Everything afterwards is array arithmetic, so a widget can re-age 100,000 invoices for a
new date in a few milliseconds. Build it once per ledger and ask it many dates; the
monthly history asks ``balances_on`` for all its month ends in one pass over the events
(issues and payments) instead of one snapshot per month.

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
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import _memory
from ..frames import require
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
CUBE_CELLS = 1 << 21  # balances_on: up to 127 query days go through one small cube


def _as_str(values: pd.Series) -> pd.Series:
    # One string dtype on both sides, whatever each frame came with (str, string, ints).
    return values.astype("str")


def _arrow_text(values: pd.Series) -> pa.ChunkedArray:
    """Text column as one Arrow large_string array (no copy for Arrow-backed str)."""
    try:
        arr = pa.chunked_array(pa.array(values.array))
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        arr = pa.chunked_array([pa.array(values.to_numpy(dtype=object), from_pandas=True)])
    if arr.type != pa.large_string():
        arr = arr.cast(pa.large_string())
    return arr


def _settled(values: np.ndarray) -> np.ndarray:
    """Where ``|values| < TOLERANCE``: compared both ways, without building the
    absolute values (an array as big as the ledger's, for a mask an eighth of it)."""
    return (values < TOLERANCE) & (values > -TOLERANCE)


def _floats(values: pd.Series, missing: float, *, own: bool = True) -> np.ndarray:
    """A numeric column as float64, missing values as ``missing``; an array of its own,
    or (own=False) possibly the column's, read-only, for a caller that copies anyway."""
    if values.dtype == np.float64:
        out = values.to_numpy()
        if np.isnan(out.sum()):  # one pass to learn that nothing is missing, usually
            out = np.where(np.isnan(out), missing, out)
        elif own:
            out = out.copy()
        elif out.flags.writeable:
            out = out.view()
            out.flags.writeable = False
        return out
    return values.to_numpy(dtype=np.float64, na_value=missing)


def _arrow_identity(values: pd.Series):
    """The Arrow array behind an Arrow-backed column, None otherwise (see from_ledger)."""
    array = values.array
    return array.__arrow_array__() if hasattr(array, "__arrow_array__") else None


def _id_order(ids: pa.ChunkedArray, *, known_increasing: bool = False) -> np.ndarray | None:
    """Positions of the invoice ids in sorted (code point) order (None: as they are);
    raises on missing or repeated ids.

    Ledgers are usually numbered in row order: a strictly increasing column is in
    order already, known after one comparison pass. Otherwise Arrow sorts the ids
    (several times faster than a sorted factorization).
    """
    n = len(ids)
    if ids.null_count:
        raise ValueError("invoice_id is missing on some invoices")
    if n < 2 or known_increasing or pc.all(pc.greater(ids[1:], ids[:-1])).as_py():
        return None  # already in id order
    order = pc.sort_indices(ids).to_numpy()
    in_order = ids.take(order)
    same = pc.equal(in_order[1:], in_order[:-1]).to_numpy(zero_copy_only=False)
    if same.any():
        repeated = pc.unique(in_order.filter(pa.array(np.append(same, False))))
        raise ValueError(f"invoice_id must be unique; repeated: {repeated[:5].to_pylist()}")
    return order.astype(np.intp)


def _payment_positions(
    inv_ids: pa.ChunkedArray,
    pay_ids: pa.ChunkedArray,
    hint: np.ndarray | None,
    *,
    checked: bool = False,
) -> np.ndarray:
    """Position of each payment's invoice in the input invoices (-1: none).

    hint: positions the caller already knows (the reader knows which invoice row each
    payment came from); used only when every hinted invoice has the payment's id, which
    is compared unless ``checked`` says the ids are those the hint was made for.
    """
    n = len(inv_ids)
    if hint is not None:
        hint = np.asarray(hint)
        if (
            hint.dtype.kind in "iu"
            and hint.shape == (len(pay_ids),)
            and (len(hint) == 0 or (hint.min() >= 0 and hint.max() < n))
            and pay_ids.null_count == 0
            and (checked or pc.all(pc.equal(inv_ids.take(hint), pay_ids)).as_py())
        ):
            return hint.astype(np.intp, copy=False)
    where = pc.index_in(pay_ids, value_set=inv_ids.combine_chunks())
    return pc.fill_null(where, -1).to_numpy(zero_copy_only=False).astype(np.intp)


def _in_order(values: np.ndarray, size: int) -> np.ndarray | None:
    """Positions of ``values`` (integers in 0..size-1) in increasing order of value,
    by scattering instead of sorting; None when some values repeat."""
    slots = np.full(size, -1, dtype=np.intp)
    slots[values] = np.arange(len(values))
    filled = slots >= 0
    if np.count_nonzero(filled) != len(values):
        return None
    return slots if len(values) == size else slots[filled]


def _by_day(days: np.ndarray, first: np.ndarray | None) -> np.ndarray | None:
    """Positions ``first`` (an order among equal days; None: 0..n-1) stably sorted by day;
    None when that is 0..n-1 itself (``first`` None and the days already in order).

    Days of a ledger span a few thousand at most: as 16-bit offsets Arrow sorts them
    with a counting sort, in linear time (stable, as numpy's radix sort, and faster).
    NEVER (no date) sorts last.
    """
    day = days if first is None else days[first]
    if len(day) == 0:
        return None if first is None else first
    if len(day) < 2 or bool((day[1:] >= day[:-1]).all()):
        return first  # ledgers are often written in date order: nothing to sort
    issued = day != NEVER
    every = bool(issued.all())
    low = int(day.min()) if every else (int(day[issued].min()) if issued.any() else 0)
    high = int(day.max()) if every else (int(day[issued].max()) if issued.any() else low)
    span = high - low + 1
    small = span < np.iinfo(np.uint16).max
    # Straight into 16 bits when they suffice (one pass, a quarter of the memory).
    offset = np.subtract(day, low, out=np.empty(len(day), np.uint16 if small else np.int64), casting="unsafe")
    if not every:
        offset[~issued] = span
    order = pc.array_sort_indices(pa.array(offset)).to_numpy().view(np.intp)
    return order if first is None else first[order]


def _ties_by(order: np.ndarray, keys: tuple[np.ndarray, ...], tie_break: np.ndarray) -> np.ndarray:
    """Reorder runs of ``order`` with equal keys by tie_break (the rare same-day payments
    of one invoice), so the float sums do not depend on the input's row order."""
    if len(order) < 2:
        return order
    same = np.ones(len(order) - 1, dtype=bool)
    for key in keys:
        ordered = key[order]
        same &= ordered[1:] == ordered[:-1]
    if same.any():
        in_run = np.zeros(len(order), dtype=bool)
        in_run[1:] |= same
        in_run[:-1] |= same
        where = np.flatnonzero(in_run)
        rows = order[where]
        order = order.copy()
        order[where] = rows[np.lexsort((tie_break[rows], *[k[rows] for k in reversed(keys)]))]
    return order


def _running_paid(
    code: np.ndarray, amount: np.ndarray, n_invoices: int, single: bool = False
) -> tuple[np.ndarray, np.ndarray | None]:
    """(paid to date after, and before, each payment), summed per invoice in the
    payments' order from 0.0, exactly as ``np.bincount`` sums them in ``snapshot``.

    Before is None when no invoice has several payments (then it is 0.0 for each);
    single: the caller knows it is so.
    """
    after = amount + 0.0  # 0.0 + the first payment, as bincount adds it
    if single:
        return after, None
    counts = np.bincount(code, minlength=n_invoices)
    if counts.max(initial=0) <= 1:
        return after, None
    before = np.zeros(len(code))
    several = np.flatnonzero(counts[code] > 1)
    # Invoices paid in parts: accumulate part by part (a loop over part numbers, not
    # over payments), in the payments' order within each invoice.
    grouped = several[np.argsort(code[several], kind="stable")]
    group_code = code[grouped]
    group_start = np.flatnonzero(np.r_[True, group_code[1:] != group_code[:-1]])
    sizes = np.diff(np.r_[group_start, len(grouped)])
    part = np.arange(len(grouped)) - np.repeat(group_start, sizes)
    by_part = np.argsort(part, kind="stable")
    bounds = np.searchsorted(part[by_part], np.arange(part.max() + 2))
    paid = np.zeros(n_invoices)
    for j in range(len(bounds) - 1):
        rows = grouped[by_part[bounds[j] : bounds[j + 1]]]
        before[rows] = paid[code[rows]]
        paid[code[rows]] = before[rows] + amount[rows]
        after[rows] = paid[code[rows]]
    return after, before


@dataclass(frozen=True)
class Snapshot:
    """Array view of the ledger as of one day; positions follow the prepared order."""

    day: int
    issued: int  # invoices issued by the day: positions 0 .. issued-1
    paid: np.ndarray  # paid to date per issued invoice
    open: np.ndarray  # open amount per issued invoice (0.0 when settled)
    days_past_due: np.ndarray
    invoice_day: np.ndarray = field(repr=False)  # day number of each issued invoice

    # Computed when first asked for: the headline figures need neither, and every
    # array of a million invoices costs time to fill.
    @cached_property
    def age_days(self) -> np.ndarray:
        age = self.day - self.invoice_day
        age.flags.writeable = False  # shared through the cache
        return age

    @cached_property
    def is_open(self) -> np.ndarray:
        is_open = self.open != 0.0
        is_open.flags.writeable = False
        return is_open


class PreparedLedger:
    """Invoices and payments indexed once for fast as-of questions.

    >>> prepared = PreparedLedger(invoices, payments)        # doctest: +SKIP
    >>> prepared.summary("2024-06-30")["open_balance"]       # doctest: +SKIP
    """

    def __init__(
        self,
        invoices: pd.DataFrame,
        payments: pd.DataFrame | None = None,
        *,
        payment_positions: np.ndarray | None = None,
        _positions_checked: bool = False,
        _ids_increasing: bool = False,
    ) -> None:
        """payment_positions: optional, each payment's invoice as a row position of
        ``invoices`` (a reader that knows it saves a join); checked against the ids,
        ignored when it does not match."""
        require(invoices, INVOICE_REQUIRED, "invoices")
        if payments is not None and len(payments) == 0:
            payments = None
        if payments is not None:
            require(payments, PAYMENT_REQUIRED, "payments")
        ids = _as_str(invoices["invoice_id"])
        n = len(ids)
        _memory.for_rows(n)
        inv_ids = _arrow_text(ids)
        # Id order: a tie-break independent of row order.
        by_id = _id_order(inv_ids, known_increasing=_ids_increasing)

        inv_dates = invoices["invoice_date"]
        due_dates = invoices["due_date"]
        if not pd.api.types.is_datetime64_any_dtype(inv_dates):
            inv_dates = pd.to_datetime(inv_dates)
        if not pd.api.types.is_datetime64_any_dtype(due_dates):
            due_dates = pd.to_datetime(due_dates)
        inv_day, inv_missing = day_numbers(inv_dates)
        due_day, due_missing = day_numbers(due_dates)
        if due_missing.any():
            due_day[due_missing] = inv_day[due_missing]  # no due date: due on receipt
            due_dates = due_dates.where(~due_missing, inv_dates)
        inv_day[inv_missing] = NEVER
        amount = _floats(invoices["amount"], 0.0)

        # Invoice date order makes "issued by D" a prefix; the id breaks ties so the
        # order (and every float sum) does not depend on the input's row order: the
        # positions in id order, then stably sorted by day.
        order = _by_day(inv_day, by_id)  # None: the input order is that order
        self.n_invoices = n
        if order is None:
            self.inv_day, self.due_day, self.amount = inv_day, due_day, amount
        else:
            self.inv_day = inv_day[order]
            self.due_day = due_day[order]
            self.amount = amount[order]
        # Unapplied credits (payments or credit memos without an invoice, column
        # ``unapplied``): in the balance, in no aging bucket. None when there are none.
        self.unapplied: np.ndarray | None = None
        if "unapplied" in invoices.columns:
            flags = invoices["unapplied"].fillna(False).to_numpy(dtype=bool)
            if flags.any():
                self.unapplied = flags if order is None else flags[order]
        # Text and date columns are only needed for open_items: kept in input order and
        # taken lazily, through ``_order``.
        self._order = order
        self._source = {
            "invoice_id": ids.array,
            "customer_id": _as_str(invoices["customer_id"]).array,
            "invoice_date": inv_dates.array,
            "due_date": due_dates.array,
        }
        if "customer_name" in invoices.columns:
            self._source["customer_name"] = invoices["customer_name"].array
        self._taken: dict[str, Any] = {}

        if payments is None:
            self._prepare_payments(None, np.empty(0, dtype=np.intp))
        else:
            where = _payment_positions(
                inv_ids,
                _arrow_text(_as_str(payments["invoice_id"])),
                payment_positions,
                checked=_positions_checked,
            )
            if order is None:
                code = where  # -1: no such invoice
            else:
                position_of_input = np.empty(n + 1, dtype=np.intp)
                position_of_input[order] = np.arange(n)
                position_of_input[n] = -1  # where == -1: no such invoice
                code = position_of_input[where]
            self._prepare_payments(payments, code)
        self._cached: Snapshot | None = None

    def _prepare_payments(self, payments: pd.DataFrame | None, code: np.ndarray) -> None:
        self._one_payment_each = True
        if payments is None:
            self.pay_day = np.empty(0, dtype=np.int64)
            self.pay_code = np.empty(0, dtype=np.intp)
            self.pay_amount = np.empty(0, dtype=np.float64)
            return
        pay_day, pay_missing = day_numbers(payments["paid_date"])
        pay_amount = _floats(payments["paid_amount"], np.nan, own=False)  # copied below
        # Usually every payment is usable: learnt without building a mask.
        if len(code) and (code.min() < 0 or pay_missing.any() or not np.isfinite(pay_amount.sum())):
            keep = (code >= 0) & ~pay_missing & np.isfinite(pay_amount)
            code, pay_day, pay_amount = code[keep], pay_day[keep], pay_amount[keep]
        # Paid date order makes "paid by D" a prefix; invoice, then amount, break ties
        # so the float sums are the same whatever the input's row order.
        if len(code) < 2 or bool((code[1:] > code[:-1]).all()):
            by_invoice = None  # in invoice order, one payment each (a reader's usual)
        else:
            by_invoice = _in_order(code, self.n_invoices)  # when no invoice has several
            if by_invoice is None:
                self._one_payment_each = False
                by_invoice = np.argsort(code, kind="stable")
        order = _by_day(pay_day, by_invoice)
        if not self._one_payment_each:
            order = _ties_by(order, (pay_day, code), pay_amount)
        if order is None:  # in order already: own arrays, not the caller's
            self.pay_day = pay_day
            self.pay_amount = pay_amount if pay_amount.flags.writeable else pay_amount.copy()
            self.pay_code = code.copy() if code.flags.writeable else code
        else:
            self.pay_day, self.pay_code, self.pay_amount = pay_day[order], code[order], pay_amount[order]
        self.pay_code = self.pay_code.astype(np.intp, copy=False)

    def _column(self, name: str, positions: np.ndarray | None = None):
        """An invoice text/date column in prepared order, or at prepared positions."""
        source = self._source[name]
        if self._order is None:  # prepared order = input order
            return source if positions is None else source.take(positions)
        if positions is not None:
            return source.take(self._order[positions])
        if name not in self._taken:
            self._taken[name] = source.take(self._order)
        return self._taken[name]

    @property
    def _ids(self):
        return self._column("invoice_id")

    @property
    def _customer_ids(self):
        return self._column("customer_id")

    @property
    def _customer_names(self):
        return self._column("customer_name") if "customer_name" in self._source else None

    @classmethod
    def from_ledger(cls, ledger: Any) -> PreparedLedger:
        """From anything with ``invoices`` and ``payments`` frames (a ledger.Ledger)."""
        payments = getattr(ledger, "payments", None)
        positions = getattr(ledger, "payment_positions", None)
        made_for = getattr(ledger, "payment_positions_of", None)
        # The reader's positions hold as long as both id columns are the very Arrow
        # arrays they were made for (Arrow arrays are immutable; any change to a column
        # gives it a new one). Otherwise they are checked against the ids.
        unchanged = (
            made_for is not None
            and payments is not None
            and None not in made_for
            and made_for[0] is _arrow_identity(ledger.invoices["invoice_id"])
            and made_for[1] is _arrow_identity(payments["invoice_id"])
        )
        increasing_of = getattr(ledger, "increasing_ids_of", None)
        return cls(
            ledger.invoices,
            payments,
            payment_positions=positions,
            _positions_checked=unchanged,
            _ids_increasing=increasing_of is not None
            and increasing_of is _arrow_identity(ledger.invoices["invoice_id"]),
        )

    # -- dates of the data -------------------------------------------------------------

    @property
    def has_customer_names(self) -> bool:
        return "customer_name" in self._source

    def first_day(self) -> int | None:
        """Day number of the earliest invoice, None without dated invoices."""
        # Sorted by day, undated (NEVER) last.
        return int(self.inv_day[0]) if len(self.inv_day) and self.inv_day[0] != NEVER else None

    def last_day(self) -> int | None:
        """Day number of the latest invoice or payment date, None without any."""
        issued = int(np.searchsorted(self.inv_day, NEVER, side="left"))
        candidates = [int(self.inv_day[issued - 1])] if issued else []
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
        open_[_settled(open_)] = 0.0
        snap = Snapshot(
            day=day,
            issued=issued,
            paid=paid,
            open=open_,
            days_past_due=day - self.due_day[:issued],
            invoice_day=self.inv_day[:issued],
        )
        for array in (snap.paid, snap.open, snap.days_past_due, snap.invoice_day):
            array.flags.writeable = False  # shared through the cache
        self._cached = snap
        return snap

    def sales_between(self, first_day: int, last_day: int) -> float:
        """Amount invoiced from first_day to last_day, both included (net of credits)."""
        lo = np.searchsorted(self.inv_day, first_day, side="left")
        hi = np.searchsorted(self.inv_day, last_day, side="right")
        if hi <= lo:
            return 0.0
        if self.unapplied is None:
            return float(self.amount[lo:hi].sum())
        # An unapplied payment or credit is no sale: left out of sales.
        return float(np.where(self.unapplied[lo:hi], 0.0, self.amount[lo:hi]).sum())

    def open_items(self, as_of: DateLike) -> pd.DataFrame:
        """Invoices issued by ``as_of`` with an open amount; see metrics.open_items."""
        snap = self.snapshot(as_of)
        idx = np.flatnonzero(snap.is_open)
        columns: dict[str, Any] = {
            "invoice_id": self._column("invoice_id", idx),
            "customer_id": self._column("customer_id", idx),
        }
        if self.has_customer_names:
            columns["customer_name"] = self._column("customer_name", idx)
        if self.unapplied is not None:
            columns["unapplied"] = self.unapplied[idx]
        columns.update(
            invoice_date=self._column("invoice_date", idx),
            due_date=self._column("due_date", idx),
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
        if self.unapplied is not None:  # credits on account: their own line, no bucket
            is_open = is_open & ~self.unapplied[: snap.issued]
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
        unapplied = np.zeros(snap.issued, dtype=bool) if self.unapplied is None else self.unapplied[: snap.issued]
        # Unapplied credits are never overdue: they count with "current" (open minus
        # current stays the overdue balance, the sum of the past-due buckets).
        return {
            "open": float(snap.open.sum()),
            "current": float(snap.open[(dpd <= 0) | unapplied].sum()),
            "over_90": float(snap.open[(dpd > 90) & ~unapplied].sum()),
            "count": int(np.count_nonzero(snap.is_open)),
            "unapplied": float(snap.open[unapplied].sum()),
            "unapplied_count": int(np.count_nonzero(snap.is_open & unapplied)),
        }

    def unapplied_credits(self, as_of: DateLike | int) -> tuple[float, int]:
        """(amount, count) of the unapplied credits open as of a date: payments and credit
        memos without an invoice number, on the customer's account; in no aging bucket."""
        bal = self.balances(as_of)
        return bal["unapplied"], bal["unapplied_count"]

    def balances_on(self, days: Sequence[int] | np.ndarray) -> dict[str, np.ndarray]:  # noqa: C901 - to split (issue 16)
        """Unrounded open, current and over-90 balances as of many days (day numbers).

        The figures of ``balances`` for each day, from one pass over the ledger's events
        instead of one snapshot per day: an invoice's open amount only changes when it is
        issued and at each of its payments. Each event (the change in the invoice's open
        amount, with the tolerance applied as in ``snapshot``) counts towards the days
        from its date on, and towards "overdue" (open but not current) and "over 90"
        from the days when the invoice is past due or more than 90 days past due.
        """
        query = np.asarray(days, dtype=np.int64)
        k = len(query)
        if k == 0:
            return {name: np.empty(0) for name in ("open", "current", "over_90")}
        rank = np.argsort(query, kind="stable")
        q = query[rank]
        issued = int(np.searchsorted(self.inv_day, NEVER, side="left"))  # ever issued
        inv_day, due_day = self.inv_day[:issued], self.due_day[:issued]
        amount = self.amount[:issued]

        # First query index on or after a day, from a table over the queried range (a
        # few hundred days) rather than a binary search per event.
        lo, hi = int(q[0]) - 92, int(q[-1]) + 91
        table = np.searchsorted(q, np.arange(lo, hi + 1), side="left")
        # Invoices are in invoice date order: the query each counts from is a run.
        issued_by = np.searchsorted(inv_day, q, side="right")
        inv_runs = np.r_[0, issued_by, issued]  # invoices counting from query j: a slice
        # Where a due date falls among the queries: beyond either end, the same answer.
        due_at = np.clip(due_day, lo, int(q[-1]))
        due_at -= lo

        # Open amount of each invoice once issued, before any payment ...
        tiny = _settled(amount)
        first = amount  # never written to
        if tiny.any():
            first = amount.copy()
            first[tiny] = 0.0
        before_after = [(np.zeros(issued), first)]  # (open before, change) per event
        # ... and its change at each payment, paid to date summed as snapshot() sums.
        code, pay_day, pay_amount = self.pay_code, self.pay_day, self.pay_amount
        if len(code) and code.max() >= issued:  # payments of invoices never issued
            keep = code < issued
            code, pay_day, pay_amount = code[keep], pay_day[keep], pay_amount[keep]
        change = pay_runs = None
        if len(code):
            if self._one_payment_each:  # paid to date after it: the payment itself
                paid_after, paid_before = pay_amount, None
            else:
                paid_after, paid_before = _running_paid(code, pay_amount, issued)
            after = amount[code]  # owed, then open after the payment
            after -= paid_after
            after[_settled(after)] = 0.0
            if paid_before is None:  # one payment per invoice: before it, all owed
                before = first[code]
            else:
                before = amount[code] - paid_before
                before[_settled(before)] = 0.0
            # Payments are in paid date order too: the query each counts from is a run
            # (or its invoice's, when paid before the invoice date: the later of the two).
            pay_runs = np.r_[0, np.searchsorted(pay_day, q, side="right"), len(pay_day)]
            after -= before  # now the change at the payment
            change = after
            before_after.append((before, change))

        def runs_index(runs: np.ndarray, dtype) -> np.ndarray:
            return np.repeat(np.arange(k + 1, dtype=dtype), np.diff(runs))

        cells = (k + 1) ** 3
        if cells <= CUBE_CELLS:
            # One scatter per group of events into a small cube indexed by (the query the
            # event counts from, the first query past due, the first more than 90 days
            # past due); the three balances are then sums over corners of the cube.
            # Index = from * (k+1)^2 + past_due_from * (k+1) + over_90_from, built with as
            # few passes over the events as possible (that is the cost here).
            width = int(q[-1]) - lo + 1
            # table[1 + d]: first query after day lo + d; table[91 + d]: more than 90 after.
            tail_of_day = table[1 : 1 + width] * (k + 1) + table[91 : 91 + width]
            inv_at = tail_of_day[due_at]
            cube_at = [inv_at]
            if change is not None:
                pay_at = inv_at[code]  # before inv_at gets its query index added below
                # k + 1 <= 128 here: the query indexes fit in a byte.
                counts_from = runs_index(inv_runs, np.uint8)[code]
                for j in range(1, k + 1):
                    run = counts_from[pay_runs[j] : pay_runs[j + 1]]
                    np.maximum(run, j, out=run)
                pay_at += np.multiply(counts_from, (k + 1) ** 2, dtype=np.intp)
                cube_at.append(pay_at)
            for j in range(1, k + 1):
                inv_at[inv_runs[j] : inv_runs[j + 1]] += j * (k + 1) ** 2

            def sums(weights: list[np.ndarray]) -> tuple[np.ndarray, ...]:
                cube = np.zeros(cells)
                for at, weight in zip(cube_at, weights, strict=True):
                    cube += np.bincount(at, weights=weight, minlength=cells)
                cube = cube.reshape(k + 1, k + 1, k + 1)

                def from_both(plane: np.ndarray) -> np.ndarray:  # sum where both indexes <= j
                    return np.diagonal(plane.cumsum(axis=0).cumsum(axis=1))[:k].copy()

                return (
                    np.cumsum(cube.sum(axis=(1, 2)))[:k],
                    from_both(cube.sum(axis=2)),
                    from_both(cube.sum(axis=1)),
                )
        else:  # very many query days: one scatter per balance instead
            inv_start = runs_index(inv_runs, np.intp)
            past_due_from = table[1:][due_at]  # first query after the due date
            over_90_from = table[91:][due_at]  # first query more than 90 days after it
            events = [(inv_start, None)]
            if change is not None:
                start = runs_index(pay_runs, np.intp)
                np.maximum(start, inv_start[code], out=start)
                events.append((start, code))

            def sums(weights: list[np.ndarray]) -> tuple[np.ndarray, ...]:
                out = []
                for limit in (None, past_due_from, over_90_from):
                    total = np.zeros(k + 1)
                    for (start, rows), weight in zip(events, weights, strict=True):
                        at = start
                        if limit is not None:
                            at = np.maximum(start, limit if rows is None else limit[rows])
                        total += np.bincount(at, weights=weight, minlength=k + 1)
                    out.append(np.cumsum(total)[:k])
                return tuple(out)

        open_, overdue, over_90 = sums([change for _, change in before_after])
        current = open_ - overdue
        # A balance with no open item is exactly zero, as a snapshot's sum of settled
        # (0.0) amounts is; a float sum of amounts added and taken away may leave a
        # residue. Counting open items settles it, only when some balance is that small.
        if min(np.abs(v).min() for v in (open_, current, over_90)) < TOLERANCE:
            counts = [
                ((before + change) != 0.0).astype(np.float64) - (before != 0.0) for before, change in before_after
            ]
            n_open, n_overdue, n_over_90 = sums(counts)
            open_, current, over_90 = (
                np.where(np.round(n) == 0, 0.0, v)
                for v, n in ((open_, n_open), (current, n_open - n_overdue), (over_90, n_over_90))
            )
        unsort = np.empty(k, dtype=np.intp)
        unsort[rank] = np.arange(k)
        return {"open": open_[unsort], "current": current[unsort], "over_90": over_90[unsort]}

    def summary(self, as_of: DateLike, edges: Buckets | Sequence[int] | None = None) -> dict[str, Any]:
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
