"""PreparedLedger: a ledger indexed once so as-of questions for any date are fast.

Preparing sorts the invoices by invoice date (then invoice id), turns each payment's
invoice id into the integer position of its invoice and keeps the payments in invoice
order (each invoice's by paid date, then amount; readers give them so, usually: no sort).
The open balance as of a date D is then:

* the invoices issued by D: a prefix of the sorted invoices (one binary search);
* paid to date per invoice: ``np.bincount`` of the payments over invoice positions,
  those dated after D weighing 0.0 (each invoice's sum in the same order for any D).

Everything afterwards is array arithmetic, so a widget can re-age 100,000 invoices for a
new date in a few milliseconds. Build it once per ledger and ask it many dates; the
monthly history asks ``balances_on`` for all its month ends in one pass over the events
(issues and payments) instead of one snapshot per month. On a large ledger (from
``receivables.workers.PARALLEL_ROWS`` rows) some steps run two at a time, in the caller's thread and
one worker thread (``_common.alongside``), with the same results.

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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypedDict

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import _memory
from ..frames import require
from ..ledger.mapping import REQUIRED_FIELDS
from ..ledger.model import arrow_identity
from ._common import (
    NEVER,
    TOLERANCE,
    DateLike,
    alongside,
    day_numbers,
    parallel,
    ratio,
    round_or_none,
    to_day,
)
from .buckets import Buckets, resolve_buckets

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


class AgingLine(TypedDict):
    """One bucket of `AsOfSummary`'s aging: its label, open amount and open invoice count."""

    bucket: str
    amount: float | None
    count: int


class HeadlineFigures(TypedDict):
    """The headline figures as of a date, rounded (the ratios None when undefined): what a
    summary and a case's summary.json share."""

    as_of: str
    open_invoices: int
    open_balance: float | None
    overdue_balance: float | None
    aging: list[AgingLine]
    sales_90d: float | None
    dso: float | None
    best_possible_dso: float | None
    add: float | None


class AsOfSummary(HeadlineFigures):
    """What `PreparedLedger.summary` and `metrics.summary` return (a plain, JSON-ready dict):
    the headline figures, amounts rounded to 2 decimals, days and percentages to 1; the
    ratios (dso, best_possible_dso, add, pct_current, pct_over_90) None when undefined."""

    pct_current: float | None
    pct_over_90: float | None


CUBE_CELLS = 1 << 21  # balances_on: up to 127 query days go through one small cube
DAY_TABLE_DAYS = 1 << 17  # balances_on: its day table may start at day 0 up to this day (2328)


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


def _payment_query(table: np.ndarray, days: np.ndarray, inv_from: np.ndarray, code: np.ndarray) -> np.ndarray:
    """The query index each payment counts from: its day's (``table`` looked up at
    ``days``), and not before its invoice's (``inv_from``)."""
    at = np.take(table, days, mode="clip")
    np.maximum(at, inv_from[code], out=at)
    return at


def _scatter(at: np.ndarray, weights: np.ndarray, cells: int) -> np.ndarray:
    """Sum of the weights at each cell index."""
    return np.bincount(at, weights=weights, minlength=cells)


def _per_invoice(
    payments: tuple[np.ndarray, np.ndarray, np.ndarray, int | None],
    amount: np.ndarray,
    day: int,
    *,
    open_amount: bool = False,
) -> np.ndarray:
    """Paid to date as of the day per invoice issued by then (``amount``: their amounts),
    or, with ``open_amount``, the open amount (owed minus paid, 0.0 when settled).
    payments: (invoice positions in invoice order, paid days, amounts, the last paid day).

    Payments may precede their invoice (bad data or prepayment): they count, and
    those of invoices not issued by the day do not. Payments after the day weigh
    0.0, which leaves each sum as it is (x + 0.0 == x). A large ledger is done in
    two halves side by side, split at an invoice: payments are in invoice order,
    so each invoice's are summed in one half, in the same order (the same sums).
    """
    code, pay_day, weights, last_day = payments
    issued = len(amount)
    out = np.zeros(issued)
    if last_day is not None and last_day > day:
        weights = weights * (pay_day <= day)
    half = issued // 2

    def part(lo: int, hi: int) -> None:
        first, end = np.searchsorted(code, (lo, hi), side="left")
        if end > first:
            at = code[first:end] - lo if lo else code[first:end]
            out[lo:hi] = np.bincount(at, weights=weights[first:end], minlength=hi - lo)
        if open_amount:
            np.subtract(amount[lo:hi], out[lo:hi], out=out[lo:hi])
            _zero_settled(out[lo:hi])

    if not parallel(len(code)):
        part(0, issued)
        return out
    low = alongside(len(code), part, 0, half)
    part(half, issued)
    low.result()
    return out


def _masked_sum(values: np.ndarray, mask: np.ndarray) -> float:
    return float(values[mask].sum())


def _zero_settled(values: np.ndarray) -> None:
    """Set the values within the tolerance of zero to 0.0, in place: a multiplication by
    the mask of the others, several times quicker than a masked assignment when most
    are settled (as most invoices of a ledger are). Adding 0.0 turns the -0.0 of a
    settled negative value into 0.0, as the assignment would."""
    keep = (values >= TOLERANCE) | (values <= -TOLERANCE)
    np.multiply(values, keep, out=values)
    values += 0.0


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


def _read_payments(
    payments: pd.DataFrame, inv_ids: pa.ChunkedArray, hint: np.ndarray | None, checked: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(each payment's invoice as a row position of the input invoices, -1: none; paid
    day numbers; missing day mask; amounts, NaN where missing, possibly the column's
    own array, read-only)."""
    where = _payment_positions(inv_ids, _arrow_text(_as_str(payments["invoice_id"])), hint, checked=checked)
    pay_day, pay_missing = day_numbers(payments["paid_date"])
    return where, pay_day, pay_missing, _floats(payments["paid_amount"], np.nan, own=False)


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


def _payment_order(
    code: np.ndarray, day: np.ndarray, amount: np.ndarray, n_invoices: int
) -> tuple[np.ndarray | None, bool]:
    """(positions of the payments in invoice order, each invoice's by paid date then
    amount, None when they are in that order already; whether no invoice has several).

    The order within an invoice is the order its paid to date is summed in, so that it
    does not depend on the input's row order. Readers give payments in invoice order,
    one each, usually: known after one comparison pass.
    """
    if len(code) < 2 or bool((code[1:] > code[:-1]).all()):
        return None, True
    by_invoice = _in_order(code, n_invoices)  # one payment each: a scatter, no sort
    if by_invoice is not None:
        return by_invoice, True
    order = np.argsort(code, kind="stable")
    # Invoices paid in parts: their runs ordered by paid date, then amount.
    ordered = code[order]
    same = ordered[1:] == ordered[:-1]
    in_run = np.zeros(len(order), dtype=bool)
    in_run[1:] |= same
    in_run[:-1] |= same
    where = np.flatnonzero(in_run)
    rows = order[where]
    order[where] = rows[np.lexsort((amount[rows], day[rows], code[rows]))]
    return order, False


def _running_paid(code: np.ndarray, amount: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """(paid to date after, and before, each payment), summed per invoice in the
    payments' order from 0.0, exactly as ``np.bincount`` sums them in ``snapshot``.

    The payments are in invoice order (each invoice's together). Before is None when no
    invoice has several payments (then it is 0.0 for each).
    """
    after = amount + 0.0  # 0.0 + the first payment, as bincount adds it
    if len(code) < 2:
        return after, None
    starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
    if len(starts) == len(code):
        return after, None
    sizes = np.diff(np.r_[starts, len(code)])
    part = np.arange(len(code)) - np.repeat(starts, sizes)  # 0: an invoice's first payment
    # Invoices paid in parts: accumulate part by part (a loop over part numbers, not
    # over payments); a part's previous one is the row before it.
    later = np.flatnonzero(part)
    later = later[np.argsort(part[later], kind="stable")]
    bounds = np.searchsorted(part[later], np.arange(1, part.max() + 2))
    before = np.zeros(len(code))
    for j in range(len(bounds) - 1):
        rows = later[bounds[j] : bounds[j + 1]]
        before[rows] = after[rows - 1]
        after[rows] = before[rows] + amount[rows]
    return after, before


def _payment_changes(
    code: np.ndarray, paid: np.ndarray, amount: np.ndarray, first: np.ndarray, one_each: bool
) -> tuple[np.ndarray, np.ndarray]:
    """(open amount before, change in it) at each payment: paid to date summed as
    ``snapshot`` sums it, the tolerance applied before and after, as there."""
    if one_each:  # paid to date after it: the payment itself
        paid_after, paid_before = paid, None
    else:
        paid_after, paid_before = _running_paid(code, paid)
    after = amount[code]  # owed, then open after the payment
    after -= paid_after
    _zero_settled(after)
    if paid_before is None:  # one payment per invoice: before it, all owed
        before = first[code]
    else:
        before = amount[code] - paid_before
        _zero_settled(before)
    after -= before  # now the change at the payment
    return before, after


class _Events:
    """Issues and payments placed among sorted query days q (k of them), for
    ``balances_on``: each event counts from a query index on (its own day's, and a
    payment not before its invoice's), towards "overdue" from the first query after
    its invoice's due date, towards "over 90" from the first query more than 90 days
    after it. ``sums(weights)`` gives, for every query, the sum of the weights of the
    events counting (open), of those counting as overdue, and as over 90.

    Up to 127 query days, one scatter per group of events into a small cube indexed by
    (the query the event counts from, the first query past due, the first more than 90
    days past due), built with as few passes over the events as possible (that is the
    cost here); the three balances are then sums over corners of the cube. More query
    days: one scatter per balance instead.
    """

    def __init__(
        self,
        q: np.ndarray,
        due_day: np.ndarray,
        first: np.ndarray,
        inv_runs: np.ndarray,
        code: np.ndarray | None,
        pay_day: np.ndarray,
    ) -> None:
        """first: each invoice's open amount once issued (the issues' changes); code: each
        payment's invoice (None: no payment; their changes come through ``add``)."""
        k = self.k = len(q)
        self.cube = (k + 1) ** 3 <= CUBE_CELLS
        # First query index on or after a day: table[day - base], from a table over the
        # days to 91 after the last query rather than a binary search per event; beyond
        # either end of it, the same answer as at the end (np.take's mode="clip"). It
        # starts at day 0 (1970-01-01) when no query is earlier and it stays small: day
        # numbers then index it as they are, without an array of offsets.
        lo, hi = int(q[0]) - 92, int(q[-1]) + 91
        base = 0 if lo >= 0 and hi < DAY_TABLE_DAYS else lo
        table = np.searchsorted(q, np.arange(base, hi + 1), side="left")
        width = int(q[-1]) - base + 1

        def offsets(days: np.ndarray) -> np.ndarray:
            return days if base == 0 else days - base

        due_at = offsets(due_day)
        # Query index each invoice counts from (the cube's fit in a byte: k + 1 <= 128).
        index_type = np.uint8 if self.cube else np.intp
        inv_from = np.repeat(np.arange(k + 1, dtype=index_type), np.diff(inv_runs))
        # Open amount before each event, per group (None: 0.0 for each, an issue's).
        self.before: list[np.ndarray | None] = [None]
        self.changes = [first]  # change in it at each event, per group
        pay_from = None  # the payments' query indexes, computed beside the rest
        if code is not None:
            pay_from = alongside(
                len(code), _payment_query, table.astype(index_type, copy=False), offsets(pay_day), inv_from, code
            )
        if self.cube:
            # table[1 + d]: first query after day base + d; table[91 + d]: more than 90 after.
            tail_of_day = table[1 : 1 + width] * (k + 1) + table[91 : 91 + width]
            inv_at = np.take(tail_of_day, due_at, mode="clip")
            self.at = [inv_at]
            if pay_from is not None:
                pay_at = inv_at[code]  # before inv_at gets its query index added below
                pay_at += np.multiply(pay_from.result(), (k + 1) ** 2, dtype=np.intp)
                self.at.append(pay_at)
            for j in range(1, k + 1):
                inv_at[inv_runs[j] : inv_runs[j + 1]] += j * (k + 1) ** 2
        else:
            past_due_from = np.take(table[1 : 1 + width], due_at, mode="clip")
            over_90_from = np.take(table[91 : 91 + width], due_at, mode="clip")
            self.starts = [(inv_from, past_due_from, over_90_from)]
            if pay_from is not None:
                self.starts.append((pay_from.result(), past_due_from[code], over_90_from[code]))

    def add(self, before: np.ndarray, change: np.ndarray) -> None:
        """The payments' open amount before each and change in it."""
        self.before.append(before)
        self.changes.append(change)

    def sums(self, weights: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(open, overdue, over 90) at each query: sums of the events' weights, a weight
        array per group of events."""
        if self.cube:
            return self._cube_sums(weights)
        k = self.k
        out = []
        for part in range(3):  # counting at all, as overdue, as over 90
            total = np.zeros(k + 1)
            for (start, *limits), weight in zip(self.starts, weights, strict=True):
                at = start if part == 0 else np.maximum(start, limits[part - 1])
                total += np.bincount(at, weights=weight, minlength=k + 1)
            out.append(np.cumsum(total)[:k])
        return out[0], out[1], out[2]

    def _cube_sums(self, weights: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        k = self.k
        cells = (k + 1) ** 3
        # One scatter per group, the later ones beside the first (added in order).
        later = [
            alongside(len(at), _scatter, at, weight, cells) for at, weight in zip(self.at[1:], weights[1:], strict=True)
        ]
        cube = np.zeros(cells)
        cube += _scatter(self.at[0], weights[0], cells)
        for scattered in later:
            cube += scattered.result()
        cube = cube.reshape(k + 1, k + 1, k + 1)

        def from_both(plane: np.ndarray) -> np.ndarray:  # sum where both indexes <= j
            return np.diagonal(plane.cumsum(axis=0).cumsum(axis=1))[:k].copy()

        return np.cumsum(cube.sum(axis=(1, 2)))[:k], from_both(cube.sum(axis=2)), from_both(cube.sum(axis=1))

    def without_residue(
        self, open_: np.ndarray, current: np.ndarray, over_90: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The balances, exactly zero where no item is open.

        A balance with no open item is exactly zero, as a snapshot's sum of settled
        (0.0) amounts is; a float sum of amounts added and taken away may leave a
        residue. Counting open items settles it, only when some balance is that small.
        """
        if min(np.abs(v).min() for v in (open_, current, over_90)) >= TOLERANCE:
            return open_, current, over_90
        counts = [
            (change != 0.0).astype(np.float64)
            if before is None
            else ((before + change) != 0.0).astype(np.float64) - (before != 0.0)
            for before, change in zip(self.before, self.changes, strict=True)
        ]
        n_open, n_overdue, n_over_90 = self.sums(counts)
        return tuple(
            np.where(np.round(n) == 0, 0.0, v)
            for v, n in ((open_, n_open), (current, n_open - n_overdue), (over_90, n_over_90))
        )


@dataclass(frozen=True)
class Snapshot:
    """Array view of the ledger as of one day; positions follow the prepared order."""

    day: int
    issued: int  # invoices issued by the day: positions 0 .. issued-1
    open: np.ndarray  # open amount per issued invoice (0.0 when settled)
    invoice_day: np.ndarray = field(repr=False)  # day number of each issued invoice
    due_day: np.ndarray = field(repr=False)  # due day number of each issued invoice
    paid_to_date: Callable[[], np.ndarray] = field(repr=False)  # computes ``paid``

    # Computed when first asked for: the headline figures need none of them for every
    # invoice (only for the open ones), and every array of a million invoices costs
    # time to fill.
    @cached_property
    def paid(self) -> np.ndarray:
        """Paid to date per issued invoice (open_items shows it; the figures do not)."""
        return _shared(self.paid_to_date())

    @cached_property
    def days_past_due(self) -> np.ndarray:
        return _shared(self.day - self.due_day)

    @cached_property
    def age_days(self) -> np.ndarray:
        return _shared(self.day - self.invoice_day)

    @cached_property
    def is_open(self) -> np.ndarray:
        return _shared(self.open != 0.0)

    @cached_property
    def open_positions(self) -> np.ndarray:
        """Positions of the open items (usually a small share of the invoices)."""
        return _shared(np.flatnonzero(self.is_open))

    def current_mask(self) -> np.ndarray:
        """Invoices not yet past due (days past due <= 0), without the days past due."""
        return self.due_day >= self.day

    def over_90_mask(self) -> np.ndarray:
        """Invoices more than 90 days past due."""
        return self.due_day < self.day - 90


def _shared(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False  # shared through a cache
    return array


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
        require(invoices, REQUIRED_FIELDS, "invoices")
        if payments is not None and len(payments) == 0:
            payments = None
        if payments is not None:
            require(payments, PAYMENT_REQUIRED, "payments")
        ids = _as_str(invoices["invoice_id"])
        n = len(ids)
        _memory.for_rows(n)
        inv_ids = _arrow_text(ids)
        inv_dates = invoices["invoice_date"]
        due_dates = invoices["due_date"]
        if not pd.api.types.is_datetime64_any_dtype(inv_dates):
            inv_dates = pd.to_datetime(inv_dates)
        if not pd.api.types.is_datetime64_any_dtype(due_dates):
            due_dates = pd.to_datetime(due_dates)
        # The due dates and the payments' columns are read beside the invoice dates and
        # amounts (a worker thread for a large ledger, see _common.alongside).
        due = alongside(n, day_numbers, due_dates)
        read = None
        if payments is not None:
            read = alongside(
                n + len(payments), _read_payments, payments, inv_ids, payment_positions, _positions_checked
            )
        # Id order: a tie-break independent of row order.
        by_id = _id_order(inv_ids, known_increasing=_ids_increasing)

        inv_day, inv_missing = day_numbers(inv_dates)
        amount = _floats(invoices["amount"], 0.0)
        due_day, due_missing = due.result()
        if due_missing.any():
            due_day[due_missing] = inv_day[due_missing]  # no due date: due on receipt
            due_dates = due_dates.where(~due_missing, inv_dates)
        inv_day[inv_missing] = NEVER

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

        if read is None:
            self._prepare_payments(None)
        else:
            where, pay_day, pay_missing, pay_amount = read.result()
            if order is None:
                code = where  # -1: no such invoice
            else:
                position_of_input = np.empty(n + 1, dtype=np.intp)
                position_of_input[order] = np.arange(n)
                position_of_input[n] = -1  # where == -1: no such invoice
                code = position_of_input[where]
            self._prepare_payments((code, pay_day, pay_missing, pay_amount), own_code=code is not payment_positions)
        self._cached: Snapshot | None = None

    def _prepare_payments(
        self, read: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None, *, own_code: bool = True
    ) -> None:
        """Payments as (day, invoice position, amount) arrays in invoice order, from their
        columns as read (invoice position, day, day missing, amount; None: no payments).

        own_code: whether the positions were made here (else they are the caller's:
        copied when the caller can still change them)."""
        self._one_payment_each = True
        if read is None:
            self.pay_day = np.empty(0, dtype=np.int64)
            self.pay_code = np.empty(0, dtype=np.intp)
            self.pay_amount = np.empty(0, dtype=np.float64)
            self._last_pay_day: int | None = None
            return
        code, pay_day, pay_missing, pay_amount = read  # pay_amount: copied below
        # Usually every payment is usable: learnt without building a mask.
        if len(code) and (code.min() < 0 or pay_missing.any() or not np.isfinite(pay_amount.sum())):
            keep = (code >= 0) & ~pay_missing & np.isfinite(pay_amount)
            code, pay_day, pay_amount = code[keep], pay_day[keep], pay_amount[keep]
            own_code = True
        # Invoice order, each invoice's payments by paid date then amount: the order
        # snapshot sums them in, whatever the input's row order. "Paid by D" is a mask
        # (an invoice's payments by D come first among its own).
        order, self._one_payment_each = _payment_order(code, pay_day, pay_amount, self.n_invoices)
        if order is None:  # in order already: own arrays, not the caller's
            self.pay_day = pay_day
            self.pay_amount = pay_amount if pay_amount.flags.writeable else pay_amount.copy()
            self.pay_code = code if own_code or not code.flags.writeable else code.copy()
        else:
            self.pay_day, self.pay_code, self.pay_amount = pay_day[order], code[order], pay_amount[order]
        self.pay_code = self.pay_code.astype(np.intp, copy=False)
        self._last_pay_day = int(self.pay_day.max()) if len(self.pay_day) else None

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
            and made_for[0] is arrow_identity(ledger.invoices["invoice_id"])
            and made_for[1] is arrow_identity(payments["invoice_id"])
        )
        increasing_of = getattr(ledger, "increasing_ids_of", None)
        return cls(
            ledger.invoices,
            payments,
            payment_positions=positions,
            _positions_checked=unchanged,
            _ids_increasing=increasing_of is not None
            and increasing_of is arrow_identity(ledger.invoices["invoice_id"]),
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
        if self._last_pay_day is not None:
            candidates.append(self._last_pay_day)
        return max(candidates) if candidates else None

    # -- the as-of core ----------------------------------------------------------------

    def snapshot(self, as_of: DateLike | int) -> Snapshot:
        """Open amounts of every invoice issued by ``as_of`` (int = day number)."""
        day = as_of if isinstance(as_of, int | np.integer) else to_day(as_of)
        day = int(day)
        if self._cached is not None and self._cached.day == day:
            return self._cached
        issued = int(np.searchsorted(self.inv_day, day, side="right"))
        # The payments as they are now (a snapshot keeps no reference to the ledger).
        payments = (self.pay_code, self.pay_day, self.pay_amount, self._last_pay_day)
        amount = self.amount[:issued]
        snap = Snapshot(
            day=day,
            issued=issued,
            open=_shared(_per_invoice(payments, amount, day, open_amount=True)),
            invoice_day=_shared(self.inv_day[:issued]),
            due_day=_shared(self.due_day[:issued]),
            paid_to_date=lambda: _per_invoice(payments, amount, day),
        )
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
        idx = snap.open_positions
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
            days_past_due=snap.day - snap.due_day[idx],
            age_days=snap.day - snap.invoice_day[idx],
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
        items = snap.open_positions  # open items are few: positions, not masks
        if self.unapplied is not None:  # credits on account: their own line, no bucket
            items = items[~self.unapplied[items]]
        first = snap.due_day if buckets.basis == "days_past_due" else snap.invoice_day
        where = buckets.index(snap.day - first[items])
        amounts = np.bincount(where, weights=snap.open[items], minlength=len(buckets))
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
        current, over_90 = snap.current_mask(), snap.over_90_mask()
        unapplied = None if self.unapplied is None else self.unapplied[: snap.issued]
        if unapplied is not None:
            # Unapplied credits are never overdue: they count with "current" (open minus
            # current stays the overdue balance, the sum of the past-due buckets).
            current |= unapplied
            over_90 &= ~unapplied
        current_sum = alongside(snap.issued, _masked_sum, snap.open, current)  # beside the rest
        over_90_sum = _masked_sum(snap.open, over_90)
        return {
            "open": float(snap.open.sum()),
            "current": current_sum.result(),
            "over_90": over_90_sum,
            "count": len(snap.open_positions),
            "unapplied": 0.0 if unapplied is None else float(snap.open[unapplied].sum()),
            "unapplied_count": 0 if unapplied is None else int(np.count_nonzero(snap.is_open & unapplied)),
        }

    def unapplied_credits(self, as_of: DateLike | int) -> tuple[float, int]:
        """(amount, count) of the unapplied credits open as of a date: payments and credit
        memos without an invoice number, on the customer's account; in no aging bucket."""
        bal = self.balances(as_of)
        return bal["unapplied"], bal["unapplied_count"]

    def balances_on(self, days: Sequence[int] | np.ndarray) -> dict[str, np.ndarray]:
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
        events = self._events(query[rank])
        open_, overdue, over_90 = events.sums(events.changes)
        open_, current, over_90 = events.without_residue(open_, open_ - overdue, over_90)
        unsort = np.empty(k, dtype=np.intp)
        unsort[rank] = np.arange(k)
        return {"open": open_[unsort], "current": current[unsort], "over_90": over_90[unsort]}

    def _events(self, q: np.ndarray) -> _Events:
        """The ledger's events placed among the sorted query days ``q``: each invoice ever
        issued, and each payment of one."""
        issued = int(np.searchsorted(self.inv_day, NEVER, side="left"))
        amount = self.amount[:issued]
        # Open amount of each invoice once issued, before any payment ...
        first = amount  # never written to
        tiny = _settled(amount)
        if tiny.any():
            first = amount.copy()
            first[tiny] = 0.0
        # Invoices are in invoice date order: those counting from query j are a run.
        inv_runs = np.r_[0, np.searchsorted(self.inv_day[:issued], q, side="right"), issued]
        # ... and its change at each payment (payments are in invoice order: those of
        # issued invoices come first), computed beside the events' places.
        paid = int(np.searchsorted(self.pay_code, issued, side="left"))
        code = self.pay_code[:paid]
        changes = None
        if paid:
            changes = alongside(
                issued + paid, _payment_changes, code, self.pay_amount[:paid], amount, first, self._one_payment_each
            )
        due = self.due_day[:issued]
        if self.unapplied is not None and self.unapplied[:issued].any():
            # An unapplied credit is never past due (as in ``balances``): due after the last query.
            due = np.where(self.unapplied[:issued], int(q[-1]) + 92, due)
        events = _Events(q, due, first, inv_runs, code if paid else None, self.pay_day[:paid])
        if changes is not None:
            events.add(*changes.result())
        return events

    def summary(self, as_of: DateLike, edges: Buckets | Sequence[int] | None = None) -> AsOfSummary:
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
            "open_invoices": int(bal["count"]),
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
