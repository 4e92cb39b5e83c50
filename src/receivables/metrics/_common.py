"""Small helpers shared by the metrics modules: dates as day numbers, safe ratios."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import pandas as pd

from receivables.workers import PARALLEL_ROWS, SerialExecutor

# Open amounts smaller than half a cent are treated as settled: float sums of partial
# payments rarely cancel exactly (0.1 + 0.2 != 0.3).
TOLERANCE = 0.005

# Day number given to a missing invoice date: later than any as-of date, so the invoice
# never counts as issued.
NEVER = np.iinfo(np.int64).max

NANOS_PER_DAY = 86_400 * 10**9

DateLike = str | dt.date | dt.datetime | pd.Timestamp | np.datetime64


def to_timestamp(value: DateLike) -> pd.Timestamp:
    """A date-like value as a midnight, timezone-naive Timestamp."""
    ts = pd.Timestamp(value)
    if ts is pd.NaT:
        raise ValueError(f"not a date: {value!r}")
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts.normalize()


def to_day(value: DateLike) -> int:
    """A date-like value as whole days since 1970-01-01."""
    return int(np.datetime64(to_timestamp(value).date(), "D").astype(np.int64))


def day_to_timestamp(day: int) -> pd.Timestamp:
    return pd.Timestamp(np.datetime64(int(day), "D"))


def day_numbers(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A date column as int64 day numbers plus a mask of missing values.

    Accepts datetime64 of any unit (time of day is dropped), timezone-aware values
    (their local date is used) and, for convenience in notebooks, date strings.
    """
    if values.dtype == "datetime64[ns]":  # the usual case: integer division is quicker
        nanos = values.to_numpy().view(np.int64)
        missing = nanos == np.iinfo(np.int64).min
        return nanos // NANOS_PER_DAY, missing
    if not pd.api.types.is_datetime64_any_dtype(values):
        values = pd.to_datetime(values)
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_localize(None)
    days = values.to_numpy(dtype="datetime64[D]")
    missing = np.isnat(days)
    return days.astype(np.int64), missing


def ratio(numerator: float | None, denominator: float | None, scale: float = 1.0) -> float | None:
    """numerator / denominator * scale, or None when it is undefined.

    Undefined means a missing input or a denominator that is not positive: a DSO on zero
    (or net negative) sales, a share of a zero balance, has no meaning.
    """
    if numerator is None or denominator is None:
        return None
    if not math.isfinite(numerator) or not math.isfinite(denominator) or denominator <= 0:
        return None
    return float(numerator) / float(denominator) * scale


def round_or_none(value: float | None, digits: int) -> float | None:
    if value is None:
        return None
    rounded = round(float(value), digits)
    return 0.0 if rounded == 0 else rounded  # no "-0.0" in reports


_WORKER: ThreadPoolExecutor | None = None


def parallel(rows: int) -> bool:
    """Whether a ledger of ``rows`` rows is large enough for steps side by side."""
    return rows >= PARALLEL_ROWS


def alongside(rows: int, fn: Callable, /, *args) -> Future:
    """``fn(*args)`` in a worker thread when a ledger has ``rows`` >= PARALLEL_ROWS, so that
    the caller's own next step goes on beside it (numpy and Arrow release the GIL in
    their array loops; on a machine with two cores, two steps take the time of the
    longer). Smaller ledgers: at once, in the caller's thread. The result (or the
    exception) through the returned Future; the worker is one thread kept for the process.
    """
    global _WORKER
    if not parallel(rows):
        return SerialExecutor().submit(fn, *args)
    if _WORKER is None:
        _WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="receivables-metrics")
    return _WORKER.submit(fn, *args)
