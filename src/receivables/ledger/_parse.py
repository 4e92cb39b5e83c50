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

Other notations are read when the mapping names them (``NumberFormat``: decimal_mark
and thousands_separator): "1.234,56-", "€ 1.234,56", "1 234,56", "1'234.56", with the
same signs, brackets and currency symbols. ``ambiguous`` finds the amounts that read
as another number with "." and "," the other way round ("454.844"), for a warning.

Dates: a mapping's date_format is used as given (in Excel files, real date cells
and serial day numbers are accepted besides). Otherwise each column's format is
chosen among DATE_FORMATS (plus Excel serial day numbers) as the one that parses the
most of its non-empty values; ties go to the format that wins over all date columns
of the file, then to the order below. A trailing time of day is ignored (dates are
kept at midnight). Dates outside 1900-2199 are treated as not dates (typos such as
0213 for 2013).
"""

from __future__ import annotations

import re
from concurrent.futures import Executor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# ------------------------------------------------------------------------- amounts

_NUM = (
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"  # 1,234.56: groups of exactly three
    r"|[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?"  # 1234.56, 1.5e3
    r"|\.[0-9]+(?:[eE][-+]?[0-9]+)?)"  # .5
)
_CUR = r"[¥￥$€£]"
_S = r"\s*"
# Every accepted shape, at most one sign: -¥5, ¥-5, 5-, (5), with 元 after the number.
_AMOUNT_RE = (
    rf"^(?:[-+−]?{_S}{_CUR}?{_S}{_NUM}{_S}元?"
    rf"|{_CUR}{_S}[-+−]{_S}{_NUM}{_S}元?"
    rf"|{_CUR}?{_S}{_NUM}{_S}元?{_S}-"
    rf"|\({_S}{_CUR}?{_S}{_NUM}{_S}元?{_S}\))$"
)
_NEGATIVE_RE = rf"^\(|^[-−]|^{_CUR}{_S}[-−]|-$"  # only asked of accepted shapes
_NUMBER_PART_RE = r"(?P<n>[0-9][0-9,]*(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?)"
_NULL = pa.scalar(None, pa.large_string())


def _arrow(values: pd.Series) -> pa.Array | pa.ChunkedArray:
    return pa.array(values, type=pa.large_string(), from_pandas=True)


def _floats(arr) -> np.ndarray:
    return pc.cast(arr, pa.float64()).to_numpy(zero_copy_only=False)


def parse_amounts(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(float64 values, empty mask) for raw text; NaN where empty or not an amount.

    All steps are pyarrow kernels over the whole column; the regular expressions
    run only when the column is not made of plain numbers.
    """
    arr = _arrow(values)
    empty = pc.equal(arr, "")
    try:  # fast path: every non-empty value is a plain number without spaces
        out = _floats(pc.if_else(empty, _NULL, arr))
        empty_np = empty.to_numpy(zero_copy_only=False)
        if np.isfinite(out[~empty_np]).all():  # "inf" and "nan" are not amounts
            return out, empty_np
    except pa.ArrowInvalid:
        pass
    text = pc.utf8_trim_whitespace(arr)
    empty = pc.equal(text, "")
    accepted = pc.match_substring_regex(text, _AMOUNT_RE)
    out = np.full(len(text), np.nan)
    where = np.flatnonzero(accepted.to_numpy(zero_copy_only=False))
    if len(where):
        chosen = text if len(where) == len(text) else text.filter(accepted)
        try:  # commas and plain numbers: the common case of formatted amounts
            out[where] = _floats(pc.replace_substring(chosen, ",", ""))
        except pa.ArrowInvalid:  # currency signs, brackets, trailing minus
            out[where] = _parse_formatted(chosen)
    return out, empty.to_numpy(zero_copy_only=False)


@dataclass(frozen=True)
class NumberFormat:
    """How a file writes amounts: its decimal mark and thousands separator ("" = none)."""

    decimal: str = "."
    thousands: str = ","

    @property
    def default(self) -> bool:
        return self.decimal == "." and self.thousands in (",", "")

    def other(self) -> NumberFormat:
        """The same notation with "." and "," the other way round."""
        decimal = "," if self.decimal == "." else "."
        return NumberFormat(decimal, self.decimal)


DEFAULT_FORMAT = NumberFormat()
#: The notations `mapping suggest` tries, most usual first (ties go to the first).
FORMATS = (
    NumberFormat(".", ","),
    NumberFormat(",", "."),
    NumberFormat(",", " "),
    NumberFormat(".", " "),
    NumberFormat(".", "'"),
    NumberFormat(",", ""),
)


def _format_re(fmt: NumberFormat) -> str:
    d = re.escape(fmt.decimal)
    group = "" if not fmt.thousands else (rf"[0-9]{{1,3}}(?:{re.escape(fmt.thousands)}[0-9]{{3}})+(?:{d}[0-9]+)?|")
    num = rf"(?:{group}[0-9]+(?:{d}[0-9]*)?|{d}[0-9]+)"
    return (
        rf"^(?:[-+−]?{_S}{_CUR}?{_S}{num}{_S}元?"
        rf"|{_CUR}{_S}[-+−]{_S}{num}{_S}元?"
        rf"|{_CUR}?{_S}{num}{_S}元?{_S}-"
        rf"|\({_S}{_CUR}?{_S}{num}{_S}元?{_S}\))$"
    )


def parse_amounts_as(values: pd.Series, fmt: NumberFormat | None) -> tuple[np.ndarray, np.ndarray]:
    """parse_amounts in the notation ``fmt`` (None: the default one)."""
    if fmt is None or fmt == DEFAULT_FORMAT:
        return parse_amounts(values)
    text = pc.utf8_trim_whitespace(_arrow(values))
    empty = pc.equal(text, "")
    accepted = pc.match_substring_regex(text, _format_re(fmt))
    out = np.full(len(text), np.nan)
    where = np.flatnonzero(accepted.to_numpy(zero_copy_only=False))
    if len(where):
        chosen = text.filter(accepted)
        if fmt.thousands:
            chosen = pc.replace_substring(chosen, fmt.thousands, "")
        chosen = pc.replace_substring(chosen, fmt.decimal, ".")
        out[where] = parse_amounts(pd.Series(chosen.to_pandas(), dtype="str"))[0]
    return out, empty.to_numpy(zero_copy_only=False)


_MAYBE_GROUPED = r"^[^0-9]*[0-9]{1,3}[.,][0-9]{3}[^0-9]*$"


@dataclass
class Ambiguity:
    """Amounts that read as another number under ``fmt.other()``: how many, some
    examples (text, as read, as the other reading), and how many values only the other
    notation reads."""

    fmt: NumberFormat
    count: int
    examples: list[tuple[str, float, float]]
    only_other: int
    other_examples: list[str]
    only_this: int = 0  # values only this notation reads

    @property
    def worrying(self) -> bool:
        """Nothing else in the column decides it, or it points the other way."""
        return self.count > 0 and (self.only_other > 0 or not self.only_this)


def ambiguous(values: pd.Series, parsed: np.ndarray, fmt: NumberFormat | None) -> Ambiguity | None:
    """The amounts of a column that another notation reads as another number, or None.

    Cheap when there are none: plain numbers are ambiguous only with exactly three
    decimals and at most three digits before the point, which ``parsed`` tells.
    """
    fmt = fmt or DEFAULT_FORMAT
    if fmt.decimal not in ".," or fmt.thousands not in (".", ",", ""):
        return None
    finite = parsed[np.isfinite(parsed)]
    if fmt == DEFAULT_FORMAT and len(finite):
        small = np.abs(finite) < 1000
        thousandths = np.abs(finite * 1000 - np.round(finite * 1000)) < 1e-6
        hundredths = np.abs(finite * 100 - np.round(finite * 100)) < 1e-6
        if (
            not (small & thousandths & ~hundredths).any()
            and not pc.any(pc.match_substring(_arrow(values), ",")).as_py()
        ):
            return None
    text = pc.utf8_trim_whitespace(_arrow(values))
    if not pc.any(pc.match_substring_regex(text, _MAYBE_GROUPED)).as_py():
        return None
    other, _ = parse_amounts_as(values, fmt.other())
    both = np.isfinite(parsed) & np.isfinite(other) & (parsed != other)
    if not both.any():
        return None
    only_other = ~np.isfinite(parsed) & np.isfinite(other)
    only_this = np.isfinite(parsed) & ~np.isfinite(other)
    at = np.flatnonzero(both)[:3]
    shown = values.iloc[at].str.strip().tolist()
    return Ambiguity(
        fmt,
        int(both.sum()),
        [(t, float(parsed[i]), float(other[i])) for t, i in zip(shown, at, strict=True)],
        int(only_other.sum()),
        values.iloc[np.flatnonzero(only_other)[:3]].str.strip().tolist(),
        int(only_this.sum()),
    )


def detect_number_format(values: pd.Series) -> NumberFormat:
    """The notation among FORMATS that reads most of a column's non-empty amounts."""
    best, best_count = DEFAULT_FORMAT, -1
    for fmt in FORMATS:  # a handful of notations, not rows
        parsed, _ = parse_amounts_as(values, fmt)
        count = int(np.isfinite(parsed).sum())
        if count > best_count:
            best, best_count = fmt, count
    return best


def _parse_formatted(arr) -> np.ndarray:
    """Values of strings already known to match _AMOUNT_RE."""
    number = pc.struct_field(pc.extract_regex(arr, _NUMBER_PART_RE), "n")
    values = _floats(pc.replace_substring(number, ",", ""))
    negative = pc.match_substring_regex(arr, _NEGATIVE_RE).to_numpy(zero_copy_only=False)
    return np.where(negative, -values, values)


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
    days = parsed.to_numpy(dtype="datetime64[us]", na_value=np.datetime64("NaT")).astype("datetime64[D]")
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
            serials = _parse_with(self.uniques, EXCEL_SERIAL)
            self.fixed = np.where(np.isnat(self.fixed), serials, self.fixed)
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
    columns: dict[str, pd.Series],
    date_format: str | None = None,
    *,
    excel: bool = False,
    pool: Executor | None = None,
) -> dict[str, tuple[np.ndarray, np.ndarray, str]]:
    """Parse raw text columns to datetime64[ns] (NaT = empty or not a date).

    Returns {name: (values, empty mask, format used)}. ``pool``: columns' fast
    paths run on it side by side (pyarrow releases the GIL).
    """
    done: dict[str, tuple[np.ndarray, np.ndarray, str]] = {}
    # A column of clean YYYY-MM-DD dates reads the same with or without that format
    # given (Arrow's cast accepts a subset of what "%Y-%m-%d" does, with equal values).
    if not date_format or date_format == "%Y-%m-%d":
        fast_all = (pool.map if pool is not None else map)(_iso_column, columns.values())
        for name, fast in zip(columns, fast_all, strict=True):
            if fast is not None:
                done[name] = (*fast, "%Y-%m-%d")
    rest = {name: values for name, values in columns.items() if name not in done}
    made = (pool.map if pool is not None else map)(lambda values: DateColumn(values, excel=excel), rest.values())
    cols = dict(zip(rest, made, strict=True))
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
_GATHER_BLOCK = 1 << 16


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
        # Gather each id's bytes, zero-padded; in blocks of rows to bound memory.
        cols = np.arange(width)
        for start in range(0, n, _GATHER_BLOCK):
            stop = min(start + _GATHER_BLOCK, n)
            idx = np.minimum(offsets[start:stop, None] + cols[None, :], len(data) - 1)
            inside = cols[None, :] < lens[start:stop, None]
            mat[start:stop, :width] = np.where(inside, data[idx], 0)
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
