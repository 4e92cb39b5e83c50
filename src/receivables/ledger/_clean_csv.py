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

import codecs
import contextlib
import mmap
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..workers import PARALLEL_ROWS, SerialExecutor
from ._io import (
    HEAD_BYTES,
    RawTable,
    _canonical_codec,
    _check_file,
    _clean_names,
    _csv_header,
    _prepare_text,
    file_kind,
)
from ._parse import repeats
from .errors import LedgerError, MappingError
from .mapping import INVOICE_FIELDS, ColumnMapping

ISO_FORMATS = (None, "", "%Y-%m-%d")
DATE_FIELDS = ("invoice_date", "due_date", "paid_date")
NUMBER_FIELDS = ("amount", "paid_amount")
_NANOS_PER_DAY = 86_400 * 10**9
# Plausible dates, as in _parse: 1900-01-01 up to 2199-12-31, in days since 1970.
_LOW_DAYS = int(np.datetime64("1900-01-01", "D").astype(np.int64))
_HIGH_DAYS = int(np.datetime64("2200-01-01", "D").astype(np.int64))


class _NotClean(Exception):
    """Raised inside the fast path: leave this file to the general reader."""


def read_clean_invoices(
    path: Path, m: ColumnMapping, encoding: str | None, currency: str | None, resolve
) -> tuple[dict, RawTable] | None:
    """The invoice table of a clean CSV, or None (then read it the general way).

    resolve: reader._resolve (mapped field -> source column, with its messages).
    Returns ({"invoices", "payments", "positions"}, an empty RawTable with the file's
    column names for the empty rejected frames).
    """
    if (
        m.date_format not in ISO_FORMATS
        or currency is not None
        or not m.number_format.default
        or m.header_row is not None
    ):
        return None
    try:
        head = _check_file(path)
        if file_kind(path, head) != "csv":
            return None
        if _streamable(head, encoding):
            return _read_typed_stream(path, m, resolve)
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


def _streamable(head: bytes, encoding: str | None) -> bool:
    """Whether the file is UTF-8 text as ``_prepare_text`` would pass it on untouched
    (a UTF-8 BOM, UTF-8 given, or nothing given and a head that reads as UTF-8): then
    Arrow reads it from the file block by block. Other encodings are converted whole."""
    if head.startswith(codecs.BOM_UTF8):
        return True
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if encoding is not None:
        return _canonical_codec(encoding, "") == "utf-8"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _read_typed_stream(path: Path, m: ColumnMapping, resolve) -> tuple[dict, RawTable]:
    """``_read_typed`` of a UTF-8 file, read from disk in Arrow's blocks: the whole file
    is never in memory at once (a memory map of it counts in the process's memory, as
    much as the table read from it). Arrow skips a UTF-8 BOM itself."""
    with path.open("rb") as fh:
        start = fh.read(3 + HEAD_BYTES + 1)
    start = start[3:] if start.startswith(codecs.BOM_UTF8) else start
    # The header is read from the same first bytes as from the whole text.
    head = pa.py_buffer(start)

    def has_quotes() -> bool:
        with path.open("rb") as fh:
            return any(b'"' in block for block in iter(lambda: fh.read(1 << 20), b""))

    return _typed_table(head, lambda: pa.OSFile(str(path)), has_quotes, path.name, m, resolve)


def _read_typed(data, name: str, m: ColumnMapping, encoding: str | None, resolve):
    buf, _, _, note = _prepare_text(data, encoding, name)
    if note is not None:  # the general reader passes the note on
        raise _NotClean
    return _typed_table(buf, lambda: pa.BufferReader(buf), lambda: data.find(b'"') >= 0, name, m, resolve)


def _typed_table(head: pa.Buffer, source, has_quotes, name: str, m: ColumnMapping, resolve):
    """head: the text's first bytes (at least HEAD_BYTES + 1 of them, or all); source():
    a new Arrow input of the text; has_quotes(): whether the text holds a quote."""
    header, delimiter, _ = _csv_header(head)
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
    if "currency" in cols or "open_amount" in cols or ("paid_amount" in cols and "paid_date" not in cols):
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

    def read(newlines_in_values: bool) -> pa.Table:
        return pacsv.read_csv(
            source(),
            read_options=pacsv.ReadOptions(column_names=keys, skip_rows=1),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=newlines_in_values),
            convert_options=pacsv.ConvertOptions(
                column_types=types,
                null_values=[""],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )

    try:
        # Quoted values spanning lines are rare: read as if there were none, without a
        # pass over the file to look for quotes. Arrow's parser reads quoted line breaks
        # either way, and stops with an error when one falls across the blocks Arrow
        # splits the file into; then, if the file has quotes, it is read again allowing
        # them (slower, in one block at a time).
        table = read(False)
    except pa.ArrowInvalid:
        if not has_quotes():
            raise
        table = read(True)
    n = table.num_rows
    if n == 0:
        raise _NotClean
    column = {c: table.column(keys[index[c]]) for c in names}
    return _build(column, cols, n), empty_raw


def _days(values: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray | None]:
    """(int32 days since 1970, missing mask or None when none is missing; a missing
    date's day is 1900-01-01's); out-of-range dates are not clean."""
    days = values.cast(pa.int32())  # date32 is days since 1970: no copy
    missing = None
    if values.null_count:
        missing = values.is_null().to_numpy(zero_copy_only=False)
        days = pc.fill_null(days, _LOW_DAYS)  # within the range: the check stays true
    out = days.to_numpy()
    # numpy's min and max: several times quicker than Arrow's min_max.
    if len(out) and (out.min() < _LOW_DAYS or out.max() >= _HIGH_DAYS):
        raise _NotClean
    return out, missing


def _datetimes(days: np.ndarray, missing: np.ndarray | None = None) -> np.ndarray:
    nanos = np.multiply(days, _NANOS_PER_DAY, dtype=np.int64)
    if missing is not None and missing.any():
        nanos[missing] = np.iinfo(np.int64).min  # NaT
    return nanos.view("datetime64[ns]")


def _numbers(values: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray | None]:
    """(float64 with NaN where empty, empty mask or None when none is empty);
    inf and nan are not clean."""
    if pc.all(pc.is_finite(values)).as_py() is False:  # nulls are skipped
        raise _NotClean
    out = values.to_numpy()  # nulls become NaN
    # "454.844" may be 454,844 written with a thousands point: the general reader
    # looks at such amounts (at most three digits, then exactly three decimals).
    small = (out < 1000) & (out > -1000)  # |out| < 1000 without an array of |out|
    if small.any():
        x = out[small] * 1000
        if ((np.abs(x - np.round(x)) < 1e-6) & (np.abs(x / 10 - np.round(x / 10)) > 1e-7)).any():
            raise _NotClean
    if not values.null_count:
        return out, None
    return out, values.is_null().to_numpy(zero_copy_only=False)


def _text(values: pa.ChunkedArray, *, trim: bool) -> pd.Series:
    if trim and not _plain(values):
        values = pc.utf8_trim_whitespace(values)
    return _series(values)


def _required_text(values: pa.ChunkedArray) -> pd.Series:
    """Trimmed text of a required field; not clean when a value is empty."""
    if _plain(values):
        return _series(values)
    trimmed = pc.utf8_trim_whitespace(values)
    if pc.any(pc.equal(trimmed, "")).as_py():
        raise _NotClean  # an empty value (or a blank row)
    return _series(trimmed)


def _plain(values: pa.ChunkedArray) -> bool:
    """True when trimming cannot change a value and no value is empty: none starts or
    ends with a byte that may be whitespace (ASCII up to the space, or any non-ASCII
    byte: Unicode spaces are multi-byte). The text's bytes at once (printable ASCII
    only, the usual ids and codes), else each value's first and last byte: several
    times cheaper than trimming. False only means "trim to find out"."""
    if values.type != pa.string() or values.null_count:
        return False
    for chunk in values.chunks:
        if len(chunk) == 0:
            continue
        _, offsets, data = chunk.buffers()
        if data is None:
            return False  # only empty values
        ends = np.frombuffer(offsets, np.int32, len(chunk) + 1, chunk.offset * 4)
        if np.diff(ends).min() <= 0:
            return False  # an empty value
        text = np.frombuffer(data, np.uint8)
        used = text[ends[0] : ends[-1]]
        if used.min() >= 33 and used.max() <= 126:
            continue  # printable ASCII only, no space at all: the usual ids and codes
        first, last = ends[:-1], ends[1:] - 1
        for edge in (text[first], text[last]):
            # 33..126 (printable ASCII, not the space) maps to 0..93; the rest above.
            edge -= 33
            if (edge > 93).any():
                return False
    return True


def _series(values: pa.ChunkedArray) -> pd.Series:
    """Arrow text as a pandas "str" column, without copying the strings."""
    return pd.Series(values.to_pandas(), dtype="str", copy=False)


def _ids(values: pa.ChunkedArray, paid: pa.ChunkedArray | None) -> tuple[pd.Series, bool, pd.Series | None]:
    """(trimmed ids, whether they are strictly increasing: no repeats, in id order,
    the ids of the rows in the Arrow mask ``paid`` or None)."""
    ids = _required_text(values)
    arrow = ids.array.__arrow_array__()
    increasing = len(arrow) < 2 or bool(pc.all(pc.greater(arrow[1:], arrow[:-1])).as_py())
    if not increasing and repeats(ids)[0].any():
        raise _NotClean
    return ids, increasing, None if paid is None else _series(pc.filter(arrow, paid))


def _customers(values: pa.ChunkedArray) -> pd.Series:
    return _required_text(values)


def _invoice_numbers(column: dict, cols: dict) -> tuple:
    required = [column[cols[f]] for f in ("invoice_date", "due_date", "amount")]
    if any(values.null_count for values in required):
        raise _NotClean  # an empty required field
    inv_day, _ = _days(required[0])
    due_day, _ = _days(required[1])
    if (due_day < inv_day).any():
        raise _NotClean
    amount, _ = _numbers(required[2])
    return _datetimes(inv_day), _datetimes(due_day), amount


def _paid(column: dict, cols: dict) -> tuple:
    """(positions of the paid rows, their paid dates, their paid amounts or None when
    the file has none, which of those are empty or None when none is: paid in full)."""
    paid_day, unpaid = _days(column[cols["paid_date"]])
    paid_amount = no_amount = None
    if "paid_amount" in cols:
        paid_amount, no_amount = _numbers(column[cols["paid_amount"]])
        if unpaid is not None and no_amount is not None:
            if (unpaid & ~no_amount & (paid_amount != 0)).any():
                raise _NotClean  # a paid amount without its date
        elif unpaid is not None and (paid_amount[unpaid] != 0).any():
            raise _NotClean
    if unpaid is None:
        positions = np.arange(len(paid_day))
        paid_dates = _datetimes(paid_day)
    else:
        positions = np.flatnonzero(~unpaid)
        paid_dates = _datetimes(paid_day[positions])
    # Own arrays, never shared with the invoices: a change to one frame must not show
    # in the other.
    amounts = in_full = None
    if paid_amount is not None:
        amounts = paid_amount if unpaid is None else paid_amount[positions]
        if no_amount is not None:
            in_full = no_amount if unpaid is None else no_amount[positions]
            if not in_full.any():
                in_full = None
    return positions, paid_dates, amounts, in_full


_POOL: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    """Two worker threads kept for the life of the process: starting threads anew for
    every file costs milliseconds on a busy machine."""
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="receivables-csv")
    return _POOL


def _build(column: dict[str, pa.ChunkedArray], cols: dict[str, str], n: int) -> dict:
    """Every row rule on the converted columns; _NotClean at the first rejection.

    Columns are converted side by side on big files: Arrow and numpy release the GIL.
    """
    parallel = n >= PARALLEL_ROWS and (os.cpu_count() or 1) > 1
    pool = _pool() if parallel else SerialExecutor()
    # Two jobs in the workers, the ids (and the payments' ids) in this thread.
    jobs = [
        pool.submit(_paid, column, cols) if "paid_date" in cols else None,
        pool.submit(_invoice_numbers, column, cols),
    ]
    try:
        customers = _customers(column[cols["customer_id"]])
        names = _text(column[cols["customer_name"]], trim=True) if "customer_name" in cols else None
        paid = column[cols["paid_date"]].is_valid() if "paid_date" in cols else None
        ids, increasing, paid_ids = _ids(column[cols["invoice_id"]], paid)
        paid_parts = jobs[0].result() if jobs[0] is not None else None
        inv_dates, due_dates, amount = jobs[1].result()
    finally:
        for job in jobs:  # none left running when this file is given up
            if job is not None:
                job.cancel() or job.exception()

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
        positions, paid_dates, full, in_full = paid_parts
        # Empty paid amount with a date: paid in full.
        if full is None:
            full = amount[positions]
        elif in_full is not None:
            full[in_full] = amount[positions[in_full]]
        payments = {
            "invoice_id": paid_ids,
            "paid_date": paid_dates,
            "paid_amount": full,
            "row": positions + 1,  # rows[positions]
        }
    return {
        "invoices": out,
        "payment_dates": "paid_date" in cols,
        "payments": payments,
        "positions": positions,
        "ids_increasing": increasing,
    }
