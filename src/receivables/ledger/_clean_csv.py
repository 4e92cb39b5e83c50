"""Fast path for the commonest input: a clean CSV export with ISO dates.

The general reader (``reader._invoice_table``) reads every cell as text and parses
dates and amounts afterwards, which keeps the user's original text for the messages
and the rejected rows. When nothing is wrong with a file, that text is never shown:
here Arrow's CSV reader converts dates and amounts while it reads (in parallel,
without building a million strings per column), and every row rule is checked on
the converted columns. The moment anything is unusual (a value the typed reader
refuses, a row any rule would reject, a shape or header this path does not handle),
it gives up and returns None, and the general reader reads the file as text and
gives each bad row its reason. Both paths build the same Ledger.

Arrow accepts a subset of what the general reader does, with the same values: dates
only as YYYY-MM-DD (what "%Y-%m-%d" and the inference's first format read, to the
same day), numbers through the same parser as ``_parse.parse_amounts`` (spaces around
a value are trimmed, as the general reader trims them); "nan" and "inf", which Arrow
reads but the rules refuse, send the file to the general reader.
"""

from __future__ import annotations

import contextlib
import mmap
import os
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ._io import RawTable, _check_file, _clean_names, _csv_header, _prepare_text, file_kind
from ._parse import repeats
from .errors import LedgerError, MappingError
from .mapping import INVOICE_FIELDS, Mapping

ISO_FORMATS = (None, "", "%Y-%m-%d")
DATE_FIELDS = ("invoice_date", "due_date", "paid_date")
NUMBER_FIELDS = ("amount", "paid_amount")
PARALLEL_ROWS = 200_000  # below this, threads cost more than they save
_NANOS_PER_DAY = 86_400 * 10**9
# Plausible dates, as in _parse: 1900-01-01 up to 2199-12-31, in days since 1970.
_LOW_DAYS = int(np.datetime64("1900-01-01", "D").astype(np.int64))
_HIGH_DAYS = int(np.datetime64("2200-01-01", "D").astype(np.int64))


class _NotClean(Exception):
    """Raised inside the fast path: leave this file to the general reader."""


def read_clean_invoices(
    path: Path, m: Mapping, encoding: str | None, currency: str | None, resolve
) -> tuple[dict, RawTable] | None:
    """The invoice table of a clean CSV, or None (then read it the general way).

    resolve: reader._resolve (mapped field -> source column, with its messages).
    Returns ({"invoices", "payments", "positions"}, an empty RawTable with the file's
    column names for the empty rejected frames).
    """
    if m.date_format not in ISO_FORMATS or currency is not None:
        return None
    try:
        head = _check_file(path)
        if file_kind(path, head) != "csv":
            return None
        with path.open("rb") as fh:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        try:
            table, names = _read_typed(data, path.name, m, encoding, resolve)
        finally:
            with contextlib.suppress(BufferError):  # still referenced: left to the GC
                data.close()
        return table, names
    except (_NotClean, LedgerError, MappingError, UnicodeError, pa.ArrowException):
        return None


def _read_typed(data, name: str, m: Mapping, encoding: str | None, resolve):
    quoted = data.find(b'"') >= 0
    buf, _, _ = _prepare_text(data, encoding, name)
    header, delimiter = _csv_header(buf)
    if not header or any(not str(h).strip() for h in header):
        raise _NotClean  # unnamed columns: the general reader names or drops them
    names = _clean_names(header, len(header))
    empty_raw = RawTable(
        pd.DataFrame({c: pd.Series([], dtype="str") for c in names}),
        np.empty(0, dtype=np.int64),
        name,
        "csv",
    )
    fields = INVOICE_FIELDS
    if m.payments is not None:
        fields = [f for f in INVOICE_FIELDS if f not in ("paid_date", "paid_amount")]
        if any(f in m.columns for f in ("paid_date", "paid_amount")):
            raise _NotClean  # the general reader explains the conflict
    cols = resolve(empty_raw, m.columns, fields, fields[:5])
    if "currency" in cols or ("paid_amount" in cols and "paid_date" not in cols):
        raise _NotClean
    if len(set(cols.values())) < len(cols):
        raise _NotClean  # one column read as two fields: only as text
    index = {c: i for i, c in enumerate(names)}
    keys = [f"c{i}" for i in range(len(names))]
    types = dict.fromkeys(keys, pa.string())
    for fld in DATE_FIELDS:
        if fld in cols:
            types[keys[index[cols[fld]]]] = pa.date32()
    for fld in NUMBER_FIELDS:
        if fld in cols:
            types[keys[index[cols[fld]]]] = pa.float64()
    table = pacsv.read_csv(
        pa.BufferReader(buf),
        read_options=pacsv.ReadOptions(column_names=keys, skip_rows=1),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=quoted),
        convert_options=pacsv.ConvertOptions(
            column_types=types,
            null_values=[""],
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    n = table.num_rows
    if n == 0:
        raise _NotClean
    column = {c: table.column(keys[index[c]]) for c in names}
    return _build(column, cols, n), empty_raw


def _days(values: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """(int32 days since 1970, missing mask); out-of-range dates are not clean."""
    missing = values.is_null().to_numpy(zero_copy_only=False)
    days = pc.fill_null(values.cast(pa.int32()), 0).to_numpy(zero_copy_only=False)
    filled = days[~missing] if missing.any() else days
    if len(filled) and (filled.min() < _LOW_DAYS or filled.max() >= _HIGH_DAYS):
        raise _NotClean
    return days, missing


def _datetimes(days: np.ndarray, missing: np.ndarray) -> np.ndarray:
    nanos = days.astype(np.int64)
    nanos *= _NANOS_PER_DAY
    if missing.any():
        nanos[missing] = np.iinfo(np.int64).min  # NaT
    return nanos.view("datetime64[ns]")


def _numbers(values: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """(float64 with NaN where empty, empty mask); inf and nan are not clean."""
    out = values.to_numpy()  # nulls become NaN
    missing = values.is_null().to_numpy(zero_copy_only=False)
    if values.null_count:
        if not np.isfinite(out[~missing]).all():
            raise _NotClean
    elif not np.isfinite(out).all():
        raise _NotClean
    return out, missing


def _text(values: pa.ChunkedArray, *, trim: bool) -> pd.Series:
    return _series(pc.utf8_trim_whitespace(values) if trim else values)


def _series(values: pa.ChunkedArray) -> pd.Series:
    """Arrow text as a pandas "str" column, without copying the strings."""
    return pd.Series(values.to_pandas(), dtype="str", copy=False)


def _ids(values: pa.ChunkedArray) -> tuple[pd.Series, bool]:
    """(trimmed ids, whether they are strictly increasing: no repeats, in id order)."""
    ids = _text(values, trim=True)
    arrow = ids.array.__arrow_array__()
    if pc.any(pc.equal(arrow, "")).as_py():
        raise _NotClean  # an empty id (or a blank row)
    increasing = len(arrow) < 2 or bool(pc.all(pc.greater(arrow[1:], arrow[:-1])).as_py())
    if not increasing and repeats(ids)[0].any():
        raise _NotClean
    return ids, increasing


def _customers(values: pa.ChunkedArray) -> pd.Series:
    customers = _text(values, trim=True)
    if pc.any(pc.equal(customers.array._pa_array, "")).as_py():
        raise _NotClean
    return customers


def _invoice_numbers(column: dict, cols: dict) -> tuple:
    inv_day, inv_missing = _days(column[cols["invoice_date"]])
    due_day, due_missing = _days(column[cols["due_date"]])
    if inv_missing.any() or due_missing.any() or (due_day < inv_day).any():
        raise _NotClean
    amount, amount_missing = _numbers(column[cols["amount"]])
    if amount_missing.any():
        raise _NotClean
    return _datetimes(inv_day, inv_missing), _datetimes(due_day, due_missing), amount


def _paid(column: dict, cols: dict) -> tuple:
    paid_day, unpaid = _days(column[cols["paid_date"]])
    paid_amount = no_amount = None
    if "paid_amount" in cols:
        paid_amount, no_amount = _numbers(column[cols["paid_amount"]])
        if (unpaid & ~no_amount & (paid_amount != 0)).any():
            raise _NotClean  # a paid amount without its date
    paid = ~unpaid
    return paid, _datetimes(paid_day[paid], unpaid[paid]), paid_amount, no_amount


class _Now(Executor):
    """Runs jobs at once in the caller's thread (small files need no threads)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to whoever calls .result()
            future.set_exception(exc)
        return future


def _build(column: dict[str, pa.ChunkedArray], cols: dict[str, str], n: int) -> dict:
    """Every row rule on the converted columns; _NotClean at the first rejection.

    Columns are converted side by side on big files: Arrow and numpy release the GIL.
    """
    parallel = n >= PARALLEL_ROWS and (os.cpu_count() or 1) > 1
    with ThreadPoolExecutor(max_workers=2) if parallel else _Now() as pool:
        ids_job = pool.submit(_ids, column[cols["invoice_id"]])
        numbers_job = pool.submit(_invoice_numbers, column, cols)
        paid_job = pool.submit(_paid, column, cols) if "paid_date" in cols else None
        customers = _customers(column[cols["customer_id"]])
        names = _text(column[cols["customer_name"]], trim=True) if "customer_name" in cols else None
        ids, increasing = ids_job.result()
        inv_dates, due_dates, amount = numbers_job.result()
        paid_parts = paid_job.result() if paid_job is not None else None

    rows = np.arange(1, n + 1, dtype=np.int64)
    out = {
        "invoice_id": ids,
        "customer_id": customers,
        "invoice_date": inv_dates,
        "due_date": due_dates,
        "amount": amount,
    }
    if names is not None:
        out["customer_name"] = names
    out["row"] = rows
    sources = set(cols.values())
    for c, values in column.items():  # the file's other columns ride along as text
        if c not in sources and c not in out and c not in INVOICE_FIELDS:
            out[c] = _text(values, trim=False)

    payments = positions = None
    if paid_parts is not None:
        paid, paid_dates, paid_amount, no_amount = paid_parts
        full = amount if paid_amount is None else np.where(no_amount, amount, paid_amount)
        positions = np.flatnonzero(paid)
        # Own arrays, never shared with the invoices: a change to one frame must not
        # show in the other.
        payments = {
            "invoice_id": _filter(ids, paid),
            "paid_date": paid_dates,
            "paid_amount": full[paid],
            "row": rows[paid],
        }
    return {
        "invoices": out,
        "payments": payments,
        "positions": positions,
        "ids_increasing": increasing,
    }


def _filter(values: pd.Series, mask: np.ndarray) -> pd.Series:
    return _series(pc.filter(pa.chunked_array(pa.array(values.array)), pa.array(mask)))
