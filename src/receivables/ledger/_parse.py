"""Vectorized parsing of amounts and dates from text columns.

Amounts accepted (after trimming spaces):
  plain numbers          1234.56  -1234.56  +5  .5  1.5e3
  thousands commas       1,234.56  (groups of exactly three digits)
  currency signs         ¥ ￥ $ € £ before the number, before or after the minus sign
                         (-¥5, ¥-5), and 元 after it (1,234.56元)
  accounting negatives   (1,234.56) and trailing minus 1234.56- (SAP style)
Not accepted (rejected as "not a number", never guessed): decimal commas (1 234,56,
1.234,56), spaces between digits, currency codes (CNY 5), full-width digits, several
signs at once, inf / nan.

Dates: a mapping's date_format is used as given (in Excel files, real date cells
and serial day numbers are accepted besides). Otherwise each column's format is
chosen among DATE_FORMATS (plus Excel serial day numbers) as the one that parses the
most of its non-empty values; ties go to the format that wins over all date columns
of the file, then to the order below. A trailing time of day is ignored (dates are
kept at midnight). Dates outside 1900-2199 are treated as not dates (typos such as
0213 for 2013).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# ------------------------------------------------------------------------- amounts

_AMOUNT_RE = (
    r"^(?P<open>\()?\s*(?P<s1>[-+−])?\s*(?P<cur>[¥￥$€£])?\s*(?P<s2>[-+−])?\s*"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
    r"\s*(?:元)?\s*(?P<s3>-)?\s*(?P<close>\))?$"
)


def _arrow(values: pd.Series) -> pa.Array:
    return pa.array(values, type=pa.large_string(), from_pandas=True)


def parse_amounts(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(float64 values, empty mask) for raw text; NaN where empty or not an amount."""
    arr = _arrow(values)
    empty = pc.equal(arr, "")
    as_null = pc.if_else(empty, pa.scalar(None, pa.large_string()), arr)
    try:  # fast path: every non-empty value is a plain number without spaces
        out = pc.cast(as_null, pa.float64()).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:
        arr = pc.utf8_trim_whitespace(arr)
        empty = pc.equal(arr, "")
        trimmed = pd.Series(arr.to_pandas(), dtype="str")
        out = pd.to_numeric(trimmed.where(trimmed != ""), errors="coerce").to_numpy(
            dtype="float64", na_value=np.nan
        )
    empty_np = empty.to_numpy(zero_copy_only=False)
    out = np.where(np.isfinite(out), out, np.nan)
    odd = np.isnan(out) & ~empty_np
    if odd.any():
        idx = np.flatnonzero(odd)
        out[idx] = _parse_formatted(arr.take(pa.array(idx)))
    return out, empty_np


def _parse_formatted(arr: pa.Array) -> np.ndarray:
    """Amounts with separators, currency signs or accounting negatives."""
    parts = pc.extract_regex(arr, _AMOUNT_RE)
    matched = parts.is_valid().to_numpy(zero_copy_only=False)

    def group(name: str) -> np.ndarray:
        col = pc.fill_null(pc.struct_field(parts, name), "")
        return col.to_numpy(zero_copy_only=False).astype(str)

    s1, s2, s3 = group("s1"), group("s2"), group("s3")
    opened, closed = group("open") != "", group("close") != ""
    signs = (s1 != "").astype(int) + (s2 != "") + (s3 != "") + opened
    negative = np.isin(s1, ["-", "−"]) | np.isin(s2, ["-", "−"]) | (s3 != "") | opened
    ok = matched & (opened == closed) & (signs <= 1)
    numbers = pd.to_numeric(
        pd.Series(np.char.replace(group("num"), ",", "")), errors="coerce"
    ).to_numpy(dtype="float64", na_value=np.nan)
    return np.where(ok, np.where(negative, -numbers, numbers), np.nan)


# --------------------------------------------------------------------------- dates

DATE_FORMATS = [
    ("%Y-%m-%d", "YYYY-MM-DD"),
    ("%Y/%m/%d", "YYYY/MM/DD"),
    ("%m/%d/%Y", "M/D/YYYY"),
    ("%d/%m/%Y", "D/M/YYYY"),
    ("%Y年%m月%d日", "YYYY年M月D日"),
    ("%Y%m%d", "YYYYMMDD"),
    ("%Y.%m.%d", "YYYY.MM.DD"),
    ("%d.%m.%Y", "DD.MM.YYYY"),
]
EXCEL_SERIAL = "Excel serial"
_TIME_RE = r"[ T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:\s*[AaPp][Mm])?$"
_LOW, _HIGH = np.datetime64("1900-01-01", "D"), np.datetime64("2200-01-01", "D")
_LOW_DAYS, _HIGH_DAYS = int(_LOW.astype(np.int64)), int(_HIGH.astype(np.int64))
_NANOS_PER_DAY = 86_400 * 10**9
_NAT_INT = np.iinfo(np.int64).min
# Serial days from 1950 to 2199: below that a number is more likely not a date at all.
_SERIAL_LOW, _SERIAL_HIGH = 18264, 109574
_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")
NAT = np.datetime64("NaT", "ns")


def _midnight(parsed: pd.Series) -> np.ndarray:
    """datetime64[ns] at midnight, NaT outside the plausible range."""
    days = parsed.to_numpy(dtype="datetime64[us]", na_value=np.datetime64("NaT")).astype(
        "datetime64[D]"
    )
    # Range check in days, before nanoseconds could overflow.
    days = np.where((days >= _LOW) & (days < _HIGH), days, np.datetime64("NaT"))
    return days.astype("datetime64[ns]")


def _parse_with(texts: pd.Series, fmt: str) -> np.ndarray:
    if fmt == EXCEL_SERIAL:
        num = pd.to_numeric(texts, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        ok = (num >= _SERIAL_LOW) & (num < _SERIAL_HIGH)
        days = np.where(ok, num, 0).astype("int64")
        out = (_EXCEL_EPOCH + days).astype("datetime64[ns]")
        return np.where(ok, out, NAT)
    return _midnight(pd.to_datetime(texts, format=fmt, errors="coerce"))


_EXCEL_CELL_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$"


class DateColumn:
    """One text column's distinct values and how each candidate format parses them.

    Formats are tried on the distinct values only (a ledger has a few thousand
    distinct dates, not a million), then spread back with the factorize codes.

    In Excel files, date cells (which arrive as "2013-01-02 00:00:00") and plain
    numbers in the serial-day range are dates whatever the rest of the column
    looks like; the format is then chosen among the column's text dates only.
    """

    def __init__(self, values: pd.Series, *, excel: bool = False):
        self.codes, uniques = pd.factorize(values)
        self.uniques = pd.Series(uniques, dtype="str").str.strip()
        self.weights = np.bincount(self.codes[self.codes >= 0], minlength=len(self.uniques))
        blank = (self.uniques == "").to_numpy()
        self.empty = blank[self.codes] if len(blank) else np.zeros(len(self.codes), bool)
        self.plain = self.uniques.str.replace(_TIME_RE, "", regex=True)
        self.fixed = np.full(len(self.uniques), NAT)
        if excel and len(self.uniques):
            cells = self.uniques.str.match(_EXCEL_CELL_RE).to_numpy(dtype=bool)
            self.fixed = np.where(cells, _parse_with(self.plain, "%Y-%m-%d"), NAT)
            self.fixed = np.where(np.isnat(self.fixed), _parse_with(self.uniques, EXCEL_SERIAL), self.fixed)
            # Text dates decide the format; cells and serials are counted out.
            self.weights = np.where(np.isnat(self.fixed), self.weights, 0)
        self.filled = int(self.weights[~blank].sum())
        self.parsed: dict[str, np.ndarray] = {}
        self.counts: dict[str, int] = {}

    def try_format(self, fmt: str, *, with_time: bool = False) -> int:
        # with_time: the user's own format may include the time of day.
        parsed = _parse_with(self.uniques if with_time else self.plain, fmt)
        self.parsed[fmt] = parsed
        self.counts[fmt] = int(self.weights[~np.isnat(parsed)].sum())
        return self.counts[fmt]

    def result(self, fmt: str) -> np.ndarray:
        parsed = np.where(np.isnat(self.fixed), self.parsed[fmt], self.fixed)
        if not len(parsed):
            return np.full(len(self.codes), NAT)
        out = parsed[self.codes]
        out[self.codes < 0] = NAT
        return out


def parse_date_columns(
    columns: dict[str, pd.Series], date_format: str | None = None, *, excel: bool = False
) -> dict[str, tuple[np.ndarray, np.ndarray, str]]:
    """Parse raw text columns to datetime64[ns] (NaT = empty or not a date).

    Returns {name: (values, empty mask, format used)}.
    """
    done: dict[str, tuple[np.ndarray, np.ndarray, str]] = {}
    if not date_format:
        for name, values in columns.items():
            fast = _iso_column(values)
            if fast is not None:
                done[name] = (*fast, "%Y-%m-%d")
    cols = {
        name: DateColumn(values, excel=excel)
        for name, values in columns.items()
        if name not in done
    }
    if date_format:
        for col in cols.values():
            col.try_format(date_format, with_time=True)
        chosen = dict.fromkeys(cols, date_format)
    else:
        candidates = [fmt for fmt, _ in DATE_FORMATS] + [EXCEL_SERIAL]
        totals = dict.fromkeys(candidates, 0)
        totals["%Y-%m-%d"] = sum(int((~empty).sum()) for _, empty, _ in done.values())
        tried = []
        for fmt in candidates:
            tried.append(fmt)
            complete = True
            for col in cols.values():
                totals[fmt] += col.try_format(fmt)
                complete &= col.counts[fmt] == col.filled
            if complete:  # parses every value of every column: nothing can beat it
                break
        chosen = {
            name: max(tried, key=lambda f, c=col: (c.counts[f], totals[f], -tried.index(f)))
            for name, col in cols.items()
        }
    done.update({n: (c.result(chosen[n]), c.empty, chosen[n]) for n, c in cols.items()})
    return {name: done[name] for name in columns}


def _iso_column(values: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """Fast path for the commonest case, a column of clean YYYY-MM-DD dates.

    Such a column can only be read one way (no other candidate format parses a
    YYYY-MM-DD value), so the full inference is not needed. None = not that case.
    """
    arr = _arrow(values)
    empty = pc.equal(arr, "")
    try:
        days = pc.cast(pc.if_else(empty, pa.scalar(None, pa.large_string()), arr), pa.date32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    # Integer days since 1970 (nulls as 0, masked below): cheaper than datetime objects.
    ints = pc.fill_null(pc.cast(days, pa.int32()), 0).to_numpy(zero_copy_only=False)
    empty_np = empty.to_numpy(zero_copy_only=False)
    ok = ~empty_np & (ints >= _LOW_DAYS) & (ints < _HIGH_DAYS)
    nanos = np.where(ok, ints.astype(np.int64) * _NANOS_PER_DAY, _NAT_INT)
    return nanos.view("datetime64[ns]"), empty_np


# -------------------------------------------------------------------- duplicates

_MIX = np.uint64(0x9E3779B97F4A7C15)
_LEN_MIX = np.uint64(0xC2B2AE3D27D4EB4F)
_MAX_HASH_WIDTH = 64  # longer identifiers: plain hashing by pandas


def _fingerprints(values: pd.Series) -> np.ndarray | None:
    """64-bit fingerprint per string (equal strings, equal prints), or None.

    Built straight from the Arrow buffers with numpy: about twice as fast as
    hashing the strings one by one, which matters on million-row ledgers.
    """
    arr = _arrow(values)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    n = len(arr)
    if n == 0 or arr.null_count:
        return None
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64, count=n + 1, offset=arr.offset * 8)
    lens = np.diff(offsets)
    width = int(lens.max())
    if width == 0 or width > _MAX_HASH_WIDTH or arr.buffers()[2] is None:
        return None
    data = np.frombuffer(arr.buffers()[2], dtype=np.uint8)
    words = (width + 7) // 8
    mat = np.zeros((n, words * 8), dtype=np.uint8)
    if int(lens.min()) == width:
        mat[:, :width] = data[offsets[0] : offsets[-1]].reshape(n, width)
    else:
        cols = np.arange(width)
        idx = np.minimum(offsets[:-1, None] + cols[None, :], len(data) - 1)
        mat[:, :width] = np.where(cols[None, :] < lens[:, None], data[idx], 0)
    packed = mat.view(np.uint64)
    prints = packed[:, 0].copy()
    for j in range(1, words):  # loop over 8-byte words of the id, not rows
        prints = prints * _MIX + packed[:, j]
    return prints ^ (lens.astype(np.uint64) * _LEN_MIX)


def repeats(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(repeats an earlier non-empty value, position of that value's first row).

    first position is only meaningful where the first array is True.
    """
    n = len(values)
    first_pos = np.arange(n)
    arr = _arrow(values)
    if n < 2 or pc.all(pc.greater(arr[1:], arr[:-1])).as_py():
        # Strictly increasing (exports are often sorted by number): no repeats.
        return np.zeros(n, dtype=bool), first_pos
    filled = (values != "").to_numpy()
    prints = _fingerprints(values)
    if prints is None:
        candidates = np.arange(n)
    else:
        seen = pd.Series(prints).duplicated().to_numpy()
        if not (seen & filled).any():
            return np.zeros(n, dtype=bool), first_pos
        # Every row sharing a fingerprint with a repeat; then compare exactly.
        candidates = np.flatnonzero(np.isin(prints, prints[seen]))
    codes, uniques = pd.factorize(values.iloc[candidates])
    first = np.empty(len(uniques), dtype=np.int64)
    first[codes[::-1]] = candidates[::-1]  # last write wins: the first occurrence
    first_pos[candidates] = first[codes]
    return (first_pos != np.arange(n)) & filled, first_pos
