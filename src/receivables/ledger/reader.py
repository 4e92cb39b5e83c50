"""Read a company's receivables export (CSV or Excel) into a checked Ledger.

Nothing is lost: every data row is either used or rejected with its row number and
one reason string (several problems are joined with "; " in a fixed order: row
shape, empty required fields, dates, numbers, paid amount without a date, currency,
duplicate id, due before invoice date). Beside it, ``reason_code`` holds each problem's
stable code and parameters (see ``reasons``), so the reason can be written again in the
language of a report. Whole-file problems raise LedgerError with a
one-line message. All checks are vectorized over columns.

A clean CSV (nothing to reject, ISO dates) takes a faster road with the same result:
see ``_clean_csv``.

Row numbers are 1-based data rows under the header: row 1 is line 2 of a CSV and, in
Excel, the row right below the header row (Excel row number = row + header row).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import _memory
from ..workers import PARALLEL_ROWS, SerialExecutor
from ._clean_csv import read_clean_invoices
from ._io import RawTable, normalize_name, read_table
from ._parse import (
    NumberFormat,
    _arrow,
    ambiguous,
    parse_amounts_as,
    parse_date_columns,
    repeats,
)
from ._report import ReportRows, report_rows
from .errors import LedgerError, MappingError
from .mapping import (
    CUSTOMER_FIELDS,
    INVOICE_FIELDS,
    PAYMENT_FIELDS,
    REQUIRED_FIELDS,
    SIDE_TABLES,
    ColumnMapping,
    TableMapping,
    load_mapping,
)
from .model import REJECTED_COLUMNS, Ledger, arrow_identity
from .notes import garbled, note_text
from .reasons import CODE_COLUMN, english_and_code, rejected_for_reading

DATE_FIELDS = ["invoice_date", "due_date", "paid_date"]

#: A reason's parameter: a constant, or a function of the bad rows' positions giving values.
Param = object | Callable[[np.ndarray], np.ndarray]

# Order of problems inside one reason string.
SHAPE, EMPTY, DATE, NUMBER, PAID, CURRENCY, REFERENCE, DUPLICATE, ORDER = range(9)


class _Reasons:
    """Collects row problems as masks, each with its reason code and parameters; builds
    the reasons (English text and codes) for bad rows only."""

    def __init__(self, n: int):
        self.n = n
        self.items: list[tuple[np.ndarray, str, str, dict[str, Param]]] = []
        self._stages: list[tuple[int, int]] = []

    def add(self, stage: int, mask: np.ndarray | pd.Series, category: str, code: str, **params: Param) -> None:
        """code: a reason code of ``reasons``; params: its parameters, each a constant or a
        function of the bad rows' positions giving their values."""
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            # Keep items sorted by (stage, insertion) so the reason order is fixed.
            key = (stage, len(self.items))
            at = sum(k < key for k in self._stages)
            self._stages.insert(at, key)
            self.items.insert(at, (mask, category, code, params))

    def bad(self) -> np.ndarray:
        out = np.zeros(self.n, dtype=bool)
        for mask, *_ in self.items:
            out |= mask
        return out

    def build(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(English reasons, reason codes as JSON) of the rows at ``positions``."""
        texts = np.full(len(positions), "", dtype=object)
        codes = np.full(len(positions), "", dtype=object)
        for mask, _, code, params in self.items:
            hit = mask[positions]
            if not hit.any():
                continue
            pos = positions[hit]
            values = {k: v(pos) if callable(v) else v for k, v in params.items()}
            text, obj = english_and_code(code, values, len(pos))
            texts[hit] = np.where(texts[hit] == "", text, texts[hit] + "; " + text)
            codes[hit] = np.where(codes[hit] == "", obj, codes[hit] + ", " + obj)
        codes = np.where(codes == "", "", "[" + codes + "]")
        return texts, codes

    def set_aside(self, mask: np.ndarray, category: str, code: str, **params: Param) -> None:
        """Rows that are not data at all (a report's total rows): this reason alone."""
        if not mask.any():
            return
        self.items = [(m & ~mask, c, k, p) for m, c, k, p in self.items]
        self.add(SHAPE, mask, category, code, **params)

    def most_common(self) -> tuple[str, int]:
        counts = [(int(mask.sum()), category) for mask, category, _, _ in self.items]
        count, category = max(counts, key=lambda c: c[0])
        return category, count


def _value(values: pd.Series) -> Callable[[np.ndarray], np.ndarray]:
    """Parameter function: the trimmed value at each bad position, as written."""

    def value(pos: np.ndarray) -> np.ndarray:
        # Line breaks shown as a backslash and n: a reason stays on one line.
        return values.iloc[pos].str.strip().str.replace(r"\r\n|\n|\r", r"\\n", regex=True).to_numpy(dtype=object)

    return value


def _combined(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _label(fld: str, source: str) -> str:
    return fld if source == fld else f"{fld} ({source})"


def _columns_found(raw: RawTable) -> str:
    found = ", ".join(map(str, raw.frame.columns))
    misread = garbled(raw.frame.columns)
    if misread and raw.kind == "csv":
        found += "; " + note_text(
            "garbled_headers",
            {"headers": ", ".join(misread[:3]), "file": raw.name, "encoding": raw.encoding or "utf-8"},
        )
    return found


def _what_to_do(fld: str, section: str) -> str:
    """The fix a user makes in the mapping file, said as the README says it."""
    where = "in the mapping" if section == "columns" else f"under `{section}:` in the mapping"
    return f"write your column's header after `{fld}:` {where}"


def _resolve(
    raw: RawTable,
    mapped: dict[str, str],
    fields: list[str],
    required: list[str],
    section: str = "columns",
) -> dict[str, str]:
    """Canonical field -> source column, from the mapping or the canonical name.

    section: the mapping's part these columns belong to ("columns", or "payments" /
    "customers" for a separate table), named in the message saying what to do.
    """
    columns = set(raw.frame.columns)
    out = {}
    for fld in fields:
        if fld in mapped:
            if mapped[fld] not in columns:
                raise LedgerError(
                    f"column '{mapped[fld]}' ({fld}) not found in {raw.name}; "
                    f"columns found: {_columns_found(raw)}; {_what_to_do(fld, section)}"
                )
            out[fld] = mapped[fld]
        elif fld in columns:
            out[fld] = fld
        elif fld in required:
            raise LedgerError(
                f"required field '{fld}' is not mapped and {raw.name} has no column "
                f"named {fld}; columns found: {_columns_found(raw)}; "
                f"{_what_to_do(fld, section)}"
            )
    return out


def _header_keys(mapped: dict[str, str], fields: list[str]) -> set[str]:
    return {normalize_name(n) for n in [*mapped.values(), *fields]}


def _no_rows(raw: RawTable) -> LedgerError:
    return LedgerError(f"{raw.name} has column headers but no data rows")


def _nothing_usable(raw: RawTable, reasons: _Reasons, positions: np.ndarray) -> LedgerError:
    n = len(raw.frame)
    if n == 1:
        return LedgerError(
            f"no usable row in {raw.name}: its only data row was rejected: {reasons.build(positions)[0][0]}"
        )
    category, count = reasons.most_common()
    return LedgerError(
        f"no usable row in {raw.name}: all {n} data rows were rejected; most common reason ({count} rows): {category}"
    )


def _rejected_frame(raw: RawTable, positions: np.ndarray, reasons: tuple[np.ndarray, np.ndarray]) -> pd.DataFrame:
    """row, reason (English), reason_code (JSON), then the rows' original values."""
    source = raw.frame.iloc[:0] if len(positions) == 0 else raw.frame.iloc[positions]
    original = source.reset_index(drop=True)
    original.columns = [f"{c} (source)" if c in REJECTED_COLUMNS else c for c in original.columns]
    texts, codes = reasons
    head = pd.DataFrame(
        {
            "row": raw.rows[positions].astype("int64"),
            "reason": pd.Series(texts, dtype="str"),
            CODE_COLUMN: pd.Series(codes, dtype="str"),
        }
    )
    return pd.concat([head, original], axis=1)


def _no_reasons() -> tuple[np.ndarray, np.ndarray]:
    return np.array([], dtype=object), np.array([], dtype=object)


def _split(raw: RawTable, reasons: _Reasons, *, refuse_empty: bool = True) -> tuple[np.ndarray, pd.DataFrame]:
    """(used mask, rejected frame); raises when no row at all is usable (``refuse_empty``)."""
    bad = reasons.bad()
    positions = np.flatnonzero(bad)
    if refuse_empty and len(positions) == len(bad) and len(bad):
        raise _nothing_usable(raw, reasons, positions)
    return ~bad, _rejected_frame(raw, positions, reasons.build(positions))


def _frame(columns: dict) -> pd.DataFrame:
    # Side-by-side columns without index alignment or block consolidation: building
    # with pd.DataFrame(dict) copies every column of a big table once more.
    series = [pd.Series(v.array if isinstance(v, pd.Series) else v, name=k, copy=False) for k, v in columns.items()]
    return pd.concat(series, axis=1)


def _pick(values: pd.Series | np.ndarray, mask: np.ndarray):
    """values[mask], fast for Arrow-backed text (pandas' own path is a slow take)."""
    if not isinstance(values, pd.Series):
        return values[mask]
    if mask.sum() < len(mask) // 8:  # few rows: positions are cheapest
        return values.iloc[np.flatnonzero(mask)]
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        picked = pc.filter(pa.array(values), pa.array(mask))
        return pd.Series(picked.to_pandas(), dtype="str", copy=False)
    return values.to_numpy()[mask]


def _take(frame: pd.DataFrame, used: np.ndarray) -> pd.DataFrame:
    """The used rows, column by column: frame.loc[mask] is several times slower."""
    if used.all():
        return frame
    return _frame({name: _pick(frame[name], used) for name in frame.columns})


TEXT_FIELDS = {"invoice_id", "customer_id", "customer_name", "currency"}


def _check_shape(raw: RawTable, reasons: _Reasons) -> None:
    if raw.shape_problem is not None:
        problem = raw.shape_problem
        reasons.add(
            SHAPE,
            (problem["count"] > 0).to_numpy(),
            "row has more values than the header has columns",
            "row_too_long",
            count=lambda pos: problem["count"].to_numpy()[pos],
            width=lambda pos: problem["width"].to_numpy()[pos],
            extra=lambda pos: problem["extra"].to_numpy(dtype=object)[pos],
        )


def _workers(rows: int) -> Executor:
    # Column parsing is mostly pyarrow/numpy work that releases the GIL, so on big
    # tables the columns are parsed side by side.
    if rows < PARALLEL_ROWS or (os.cpu_count() or 1) < 2:
        return SerialExecutor()
    return ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1))


def _trim(values: pd.Series) -> pd.Series:
    return values.str.strip()


def _trim_and_find_repeats(values: pd.Series) -> tuple[pd.Series, tuple]:
    trimmed = values.str.strip()
    return trimmed, repeats(trimmed)


def _amounts(values: pd.Series, fmt: NumberFormat | None) -> tuple:
    """(values, empty mask, Ambiguity or None) of an amount column."""
    parsed, empty = parse_amounts_as(values, fmt)
    return parsed, empty, ambiguous(values, parsed, fmt)


def _ambiguity_notes(raw: RawTable, cols: dict[str, str], numbers: dict) -> list:
    """Notes for amount columns that another notation reads as other numbers."""
    out = []
    for fld, parsed in numbers.items():
        found = parsed[2]
        if found is None or not found.worrying:
            continue
        examples = ", ".join(f"'{t}' = {a:,.3f} (or {b:,.3f})" for t, a, b in found.examples)
        other = found.fmt.other()
        params = {
            "file": raw.name,
            "label": _label(fld, cols[fld]),
            "count": found.count,
            "examples": examples,
            "decimal": found.fmt.decimal,
            "thousands": found.fmt.thousands or "none",
            "other_decimal": other.decimal,
            "other_thousands": other.thousands or "none",
        }
        if found.only_other:
            params["other_count"] = found.only_other
            params["other_examples"] = ", ".join(f"'{t}'" for t in found.other_examples)
            out.append(("ambiguous_amounts_other", params))
        else:
            out.append(("ambiguous_amounts", params))
    return out


def _parse_columns(
    raw: RawTable,
    cols: dict[str, str],
    date_fields: list[str],
    number_fields: list[str],
    date_format: str | None,
    unique: str | None = None,
    number_format: NumberFormat | None = None,
) -> tuple[dict[str, pd.Series], dict, dict, tuple | None]:
    """Parse every mapped column, side by side on big tables.

    Returns (trimmed text of identifier fields and raw text of the others,
    {date field: (values, empty, format)}, {number field: (values, empty)},
    repeats of the ``unique`` field or None).
    """
    text_sources = {src for fld, src in cols.items() if fld in TEXT_FIELDS}
    unique_source = cols.get(unique) if unique else None
    with _workers(len(raw.frame)) as pool:
        trim_jobs = {
            src: pool.submit(_trim_and_find_repeats if src == unique_source else _trim, raw.frame[src])
            for src in text_sources
        }
        number_jobs = {f: pool.submit(_amounts, raw.frame[cols[f]], number_format) for f in number_fields if f in cols}
        dates = parse_date_columns(
            {f: raw.frame[cols[f]] for f in date_fields if f in cols},
            date_format,
            excel=raw.kind == "excel",
            pool=pool,
        )
        trimmed = {src: job.result() for src, job in trim_jobs.items()}
        found = None
        if unique_source is not None:
            trimmed[unique_source], found = trimmed[unique_source]
        text = {fld: trimmed[src] if fld in TEXT_FIELDS else raw.frame[src] for fld, src in cols.items()}
        return text, dates, {f: j.result() for f, j in number_jobs.items()}, found


def _check_dates(
    text: dict[str, pd.Series],
    cols: dict[str, str],
    parsed: dict[str, tuple[np.ndarray, np.ndarray, str]],
    required: list[str],
    reasons: _Reasons,
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{field: (datetime64 values, empty mask)}; adds empty / not-a-date reasons."""
    out = {}
    for fld, (values, empty, _) in parsed.items():
        label = _label(fld, cols[fld])
        if fld in required:
            reasons.add(EMPTY, empty, f"{label} is empty", "empty", field=fld, column=cols[fld])
        reasons.add(
            DATE,
            ~empty & np.isnat(values),
            f"{label} is not a date",
            "not_a_date",
            field=fld,
            column=cols[fld],
            value=_value(text[fld]),
        )
        out[fld] = values, empty
    return out


def _check_number(
    text: pd.Series,
    fld: str,
    source: str,
    parsed: tuple[np.ndarray, np.ndarray],
    reasons: _Reasons,
    *,
    required: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """(float64 values, empty mask); adds empty / not-a-number reasons."""
    values, empty = parsed[:2]
    label = _label(fld, source)
    if required:
        reasons.add(EMPTY, empty, f"{label} is empty", "empty", field=fld, column=source)
    reasons.add(
        NUMBER,
        ~empty & np.isnan(values),
        f"{label} is not a number",
        "not_a_number",
        field=fld,
        column=source,
        value=_value(text),
    )
    return values, empty


def _check_empty(
    text: dict[str, pd.Series],
    cols: dict[str, str],
    fields: list[str],
    reasons: _Reasons,
    skip: dict[str, np.ndarray] | None = None,
) -> None:
    """skip: rows where a field may be empty, by field."""
    for fld in fields:
        label = _label(fld, cols[fld])
        empty = (text[fld] == "").to_numpy()
        if skip and fld in skip:
            empty = empty & ~skip[fld]
        reasons.add(EMPTY, empty, f"{label} is empty", "empty", field=fld, column=cols[fld])


def _check_duplicates(
    ids: pd.Series, rows: np.ndarray, fld: str, found: tuple, reasons: _Reasons, column: str | None = None
) -> None:
    """found: repeats(ids), computed alongside the other columns; column: the user's."""
    dup, first_pos = found
    reasons.add(
        DUPLICATE,
        dup,
        f"duplicate {fld}",
        "duplicate",
        field=fld,
        column=column or fld,
        value=_value(ids),
        first_row=lambda pos: rows[first_pos[pos]],
    )


def _iso(values: np.ndarray) -> np.ndarray:
    return np.datetime_as_string(values, unit="D").astype(object)


# ---------------------------------------------------------------------- invoices


def _currency(
    raw: RawTable,
    text: dict[str, pd.Series],
    chosen: str | None,
    reasons: _Reasons,
    currency_column: str | None = None,
) -> pd.Series | None:
    if "currency" not in text:
        return None if chosen is None else pd.Series(chosen, index=raw.frame.index, dtype="str")
    cur = text["currency"].str.upper()
    distinct = sorted(set(cur.unique()) - {""})
    if chosen is None and len(distinct) > 1:
        # Said for the mapping file, the one place a command-line user can choose.
        raise LedgerError(
            f"{raw.name} has several currencies ({', '.join(distinct)}); to keep one, add a "
            f"line `currency: {distinct[0]}` (or another value as written in the file) to "
            "the mapping, with no spaces in front"
        )
    if len(distinct) == 1:
        cur = cur.mask(cur == "", distinct[0])  # blank = the file's only currency
    if chosen is not None:
        other = (cur != chosen).to_numpy()
        blank = (cur == "").to_numpy()
        column = currency_column or "currency"
        reasons.add(
            CURRENCY,
            other & ~blank,
            f"currency is not the chosen {chosen}",
            "currency",
            field="currency",
            column=column,
            value=lambda pos: cur.to_numpy(dtype=object)[pos],
            chosen=chosen,
        )
        reasons.add(
            CURRENCY,
            other & blank,
            f"currency is not the chosen {chosen}",
            "currency_empty",
            field="currency",
            column=column,
            chosen=chosen,
        )
    return cur


def _export_total(
    raw: RawTable, column: str, m: ColumnMapping, amount: np.ndarray, used: np.ndarray, report: ReportRows
) -> tuple[str, dict]:
    """The note reconciling the rows used with the export's own grand total (of the
    amounts, or of the open amounts of a balance-only export)."""
    at = report.grand_total
    written = raw.frame[column].iloc[[at]]
    total = float(parse_amounts_as(written, m.number_format)[0][0])
    counted = float(np.nansum(amount[used]))
    left_out = ~used & ~report.any
    params = {
        "file": raw.name,
        "row": int(raw.rows[at]),
        "label": str(report.label.iloc[at]),
        "total": f"{total:,.2f}",
        "sum": f"{counted:,.2f}",
    }
    if np.isnan(total):
        return "export_total_unread", {**params, "total": str(written.iloc[0]).strip()}
    if abs(total - counted) < 0.005 + 1e-9 * abs(total):
        return "export_total_matches", params
    return "export_total_differs", {
        **params,
        "difference": f"{counted - total:+,.2f}",
        "rejected": int(left_out.sum()),
        "rejected_sum": f"{float(np.nansum(amount[left_out])):,.2f}",
    }


@dataclass
class _InvoiceValues:
    """The invoice table's columns as parsed and checked, row for row with the file."""

    text: dict[str, pd.Series]
    invoice_date: np.ndarray
    due_date: np.ndarray
    paid_date: tuple[np.ndarray, np.ndarray] | None  # (dates, empty mask)
    amount: np.ndarray
    open_amount: np.ndarray | None
    paid_amount: np.ndarray | None
    currency: pd.Series | None
    unapplied: np.ndarray


def _invoice_table(
    raw: RawTable, m: ColumnMapping, currency: str | None, separate_payments: bool
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame, np.ndarray | None]:
    """(invoices, payments from paid_date columns, rejected, rejected ids and rows,
    each payment's invoice as a row position of invoices or None)."""
    cols = _resolve(raw, m.columns, _invoice_fields(m, separate_payments), REQUIRED_FIELDS)
    balance_only = _balance_only(cols, m, separate_payments)
    if raw.frame.empty:
        raise _no_rows(raw)
    reasons = _Reasons(len(raw.frame))
    values = _checked_invoice_values(raw, m, cols, currency, balance_only, reasons)
    used, rejected = _split_report_rows(raw, m, cols, values, reasons)
    ids = values.text["invoice_id"]
    if values.unapplied.any():  # a number of their own: "unapplied row 12"
        labels = pd.Series(raw.rows.astype("int64"), dtype="int64").astype("str").radd(UNAPPLIED_PREFIX)
        ids = ids.mask(pd.Series(values.unapplied, index=ids.index), labels.to_numpy())
    invoices = _take(_frame(_invoice_columns(raw, cols, values, ids)), used)
    payments, positions = _invoice_payments(raw, values, ids, used, balance_only)
    text_ids = values.text["invoice_id"]
    rejected_ids = _frame({"invoice_id": _pick(text_ids, ~used), "row": raw.rows[~used]})
    cur = values.currency
    invoices.attrs["balance_only"] = balance_only
    invoices.attrs["currencies"] = [] if cur is None else sorted(set(cur.unique()) - {""})
    invoices.attrs["payment_dates"] = "paid_date" in cols
    invoices.attrs["invoice_amounts"] = cols["amount"] != cols.get("open_amount")
    return invoices, payments, rejected, rejected_ids, positions


def _invoice_fields(m: ColumnMapping, separate_payments: bool) -> list[str]:
    """The fields read from the invoice table: without the payment columns when a
    separate payments table is given (MappingError when the mapping names both)."""
    if not separate_payments:
        return INVOICE_FIELDS
    doubled = [f for f in ("paid_date", "paid_amount") if f in m.columns]
    if doubled:
        raise MappingError(
            f"{doubled[0]} is mapped under columns and a separate payments table is "
            f"given in {m.name}; keep only one source of payments"
        )
    return [f for f in INVOICE_FIELDS if f not in ("paid_date", "paid_amount")]


def _checked_invoice_values(
    raw: RawTable, m: ColumnMapping, cols: dict[str, str], currency: str | None, balance_only: bool, reasons: _Reasons
) -> _InvoiceValues:
    """Every column parsed, each row problem added to ``reasons`` (in their fixed order)."""
    text, parsed_dates, numbers, found = _parse_columns(
        raw,
        cols,
        DATE_FIELDS,
        ["amount", "paid_amount", "open_amount"],
        m.date_format,
        unique="invoice_id",
        number_format=m.number_format,
    )
    raw.notes.extend(_ambiguity_notes(raw, cols, numbers))
    _check_shape(raw, reasons)
    # Payments and credit memos without an invoice number: credits on the customer's
    # account (unapplied), used as such rather than rejected for their empty number.
    unapplied = _unapplied(text, numbers["amount"][0], numbers.get("open_amount"), parsed_dates["invoice_date"][0])
    _check_empty(text, cols, ["invoice_id", "customer_id"], reasons, skip={"invoice_id": unapplied})
    if unapplied.any():  # no due date: due when booked
        due_values, due_empty, due_format = parsed_dates["due_date"]
        parsed_dates["due_date"] = (
            np.where(unapplied & due_empty, parsed_dates["invoice_date"][0], due_values),
            due_empty & ~unapplied,
            due_format,
        )
    dates = _check_dates(text, cols, parsed_dates, ["invoice_date", "due_date"], reasons)

    def number(fld: str, *, required: bool) -> np.ndarray | None:
        if fld not in cols:
            return None
        return _check_number(text[fld], fld, cols[fld], numbers[fld], reasons, required=required)[0]

    amount = number("amount", required=True)
    open_amount = number("open_amount", required=True)
    paid_amount = number("paid_amount", required=False)
    if paid_amount is not None and not balance_only:
        reasons.add(
            PAID,
            dates["paid_date"][1] & (np.nan_to_num(paid_amount) != 0),
            f"{_label('paid_amount', cols['paid_amount'])} given but {_label('paid_date', cols['paid_date'])} is empty",
            "paid_without_date",
            field="paid_amount",
            column=cols["paid_amount"],
            value=_value(text["paid_amount"]),
            date_field="paid_date",
            date_column=cols["paid_date"],
        )
    cur = _currency(raw, text, currency, reasons, cols.get("currency"))
    _check_duplicates(text["invoice_id"], raw.rows, "invoice_id", found, reasons, cols["invoice_id"])
    inv_d, due_d = dates["invoice_date"][0], dates["due_date"][0]
    reasons.add(
        ORDER,
        due_d < inv_d,  # NaT compares False: only rows with both dates
        "due_date is before invoice_date",
        "due_before_invoice",
        field="due_date",
        column=cols["due_date"],
        value=lambda pos: _iso(due_d[pos]),
        other_field="invoice_date",
        other_column=cols["invoice_date"],
        other_value=lambda pos: _iso(inv_d[pos]),
    )
    return _InvoiceValues(text, inv_d, due_d, dates.get("paid_date"), amount, open_amount, paid_amount, cur, unapplied)


def _split_report_rows(
    raw: RawTable, m: ColumnMapping, cols: dict[str, str], values: _InvoiceValues, reasons: _Reasons
) -> tuple[np.ndarray, pd.DataFrame]:
    """(used mask, rejected frame): a report's group, subtotal and footer rows set aside
    with their own reason, its grand total reconciled with the rows used (a note)."""
    text, amount = values.text, values.amount
    report = report_rows(
        raw.frame, np.isnat(values.invoice_date), (text["invoice_id"] == "").to_numpy(), ~np.isnan(amount)
    )
    values.unapplied &= ~report.any
    for mask, category, code in (
        (report.subtotal, "subtotal row", "subtotal_row"),
        (report.footer, "report footer", "report_footer"),
        (report.group, "group row", "group_row"),
    ):
        reasons.set_aside(mask, category, code, value=_value(report.label))
    used, rejected = _split(raw, reasons)
    if report.grand_total is not None:
        balance = values.open_amount is not None
        field = "open_amount" if balance else "amount"
        raw.notes.append(_export_total(raw, cols[field], m, values.open_amount if balance else amount, used, report))
    return used, rejected


def _invoice_columns(raw: RawTable, cols: dict[str, str], values: _InvoiceValues, ids: pd.Series) -> dict:
    """The invoices' columns, all rows: canonical fields, then the file's other columns."""
    out = {
        "invoice_id": ids,
        "customer_id": values.text["customer_id"],
        "invoice_date": values.invoice_date,
        "due_date": values.due_date,
        "amount": values.amount,
    }
    if "customer_name" in cols:
        out["customer_name"] = values.text["customer_name"]
    if values.currency is not None:
        out["currency"] = values.currency
    if values.unapplied.any():
        out["unapplied"] = values.unapplied
    out["row"] = raw.rows.astype("int64")
    sources = set(cols.values())
    for c in raw.frame.columns:  # the file's other columns ride along as text
        if c not in sources and c not in out and c not in INVOICE_FIELDS:
            out[c] = raw.frame[c]
    return out


def _invoice_payments(
    raw: RawTable, values: _InvoiceValues, ids: pd.Series, used: np.ndarray, balance_only: bool
) -> tuple[pd.DataFrame, np.ndarray | None]:
    """(payments the invoice table gives, each one's invoice as a row position among
    the used invoices, or None when the table gives none)."""
    amount, paid_amount = values.amount, values.paid_amount
    if balance_only:
        # What was paid, without when: booked on the invoice's own date, so that the
        # balance as of any day from the invoice on is the export's open amount. The
        # ledger says it has no payment dates: nothing reads these as payment behaviour.
        if values.open_amount is not None:
            paid_sum = amount - values.open_amount
        else:
            paid_sum = np.nan_to_num(paid_amount) if paid_amount is not None else np.zeros(len(amount))
        paid = used & (np.abs(np.nan_to_num(paid_sum)) >= 0.005)
        paid_ids, paid_dates, paid_amounts = _pick(ids, paid), values.invoice_date[paid], paid_sum[paid]
    elif values.paid_date is not None:
        paid_d = values.paid_date[0]
        paid = used & ~np.isnat(paid_d)
        full = amount
        if paid_amount is not None:  # empty paid amount with a date = paid in full
            full = np.where(np.isnan(paid_amount), amount, paid_amount)
        paid_ids, paid_dates, paid_amounts = _pick(values.text["invoice_id"], paid), paid_d[paid], full[paid]
    else:
        return _empty_payments(), None
    payments = _frame(
        {
            "invoice_id": paid_ids,
            "paid_date": paid_dates,
            "paid_amount": paid_amounts,
            "row": raw.rows[paid].astype("int64"),
        }
    )
    return payments, (np.cumsum(used) - 1)[paid]  # each paid invoice, among the used


#: The number an unapplied credit gets in the ledger, followed by its row.
UNAPPLIED_PREFIX = "unapplied row "


def _balance_only(cols: dict[str, str], m: ColumnMapping, separate_payments: bool) -> bool:
    """Whether the mapping gives what was paid without when: an open amount, or a paid
    amount with no paid date. Raises MappingError for mappings that give both ways."""
    if "open_amount" in cols:
        for other in ("paid_date", "paid_amount"):
            if other in m.columns:
                raise MappingError(
                    f"open_amount and {other} are both mapped in {m.name}: the open amount already says "
                    f"what is left to pay; keep one of them (leave {other} empty for a balance-only export)"
                )
        if separate_payments:
            raise MappingError(
                f"open_amount is mapped and a separate payments table is given in {m.name}; keep only one "
                "source of payments"
            )
        return True
    return "paid_amount" in cols and "paid_date" not in cols


def _unapplied(
    text: dict[str, pd.Series], amount: np.ndarray, open_amount: tuple | None, invoice_date: np.ndarray
) -> np.ndarray:
    """Rows without an invoice number that are credits on a customer's account: a
    customer, a date, and a negative amount (or a negative open amount)."""
    credit = np.nan_to_num(amount) < 0
    if open_amount is not None:
        credit |= np.nan_to_num(open_amount[0]) < 0
    return (
        (text["invoice_id"] == "").to_numpy()
        & (text["customer_id"] != "").to_numpy()
        & credit
        & ~np.isnat(invoice_date)
    )


def _empty_payments() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "invoice_id": pd.Series([], dtype="str"),
            "paid_date": pd.Series([], dtype="datetime64[ns]"),
            "paid_amount": pd.Series([], dtype="float64"),
            "row": pd.Series([], dtype="int64"),
        }
    )


# ---------------------------------------------------------------------- payments


def _table_path(table: TableMapping, m: ColumnMapping, ledger_path: Path) -> Path:
    if table.file.is_absolute() or m.base_dir is not None:
        return table.file
    return ledger_path.parent / table.file


def _payment_table(
    table: TableMapping,
    m: ColumnMapping,
    ledger_path: Path,
    invoices: pd.DataFrame,
    rejected_ids: pd.DataFrame,
    notes: list | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, int, np.ndarray | None]:
    """(payments used, rejected, data rows read, each used payment's invoice as a row
    position of ``invoices``, None when the table has no rows)."""
    raw = read_table(
        _table_path(table, m, ledger_path),
        encoding=table.encoding or m.encoding,
        sheet=table.sheet,
        header_keys=_header_keys(table.columns, PAYMENT_FIELDS),
    )
    cols = _resolve(raw, table.columns, PAYMENT_FIELDS, ["invoice_id", "paid_date"], "payments")
    n = len(raw.frame)
    if n == 0:  # no payments yet is a valid state
        empty = _rejected_frame(raw, np.array([], dtype=np.int64), _no_reasons())
        return _empty_payments(), empty, 0, None
    text, parsed_dates, numbers, _ = _parse_columns(
        raw,
        cols,
        ["paid_date"],
        ["paid_amount"],
        table.date_format or m.date_format,
        number_format=m.number_format,
    )
    if notes is not None:
        notes.extend(_ambiguity_notes(raw, cols, numbers))
    reasons = _Reasons(n)
    _check_shape(raw, reasons)
    _check_empty(text, cols, ["invoice_id"], reasons)
    dates = _check_dates(text, cols, parsed_dates, ["paid_date"], reasons)
    amount = np.full(n, np.nan)
    if "paid_amount" in cols:
        amount, _ = _check_number(
            text["paid_amount"],
            "paid_amount",
            cols["paid_amount"],
            numbers["paid_amount"],
            reasons,
            required=False,
        )
    ids = text["invoice_id"]
    # A hash join in Arrow: several times faster than pandas' on million-row tables.
    where = pc.fill_null(pc.index_in(_arrow(ids), value_set=_combined(_arrow(invoices["invoice_id"]))), -1).to_numpy(
        zero_copy_only=False
    )
    unknown = (where < 0) & (ids != "").to_numpy()
    # An id can be both used (its first row) and rejected (a later duplicate); the
    # used one was found above, so only ids without a used invoice get here.
    rej = rejected_ids.loc[rejected_ids["invoice_id"] != ""].drop_duplicates("invoice_id")
    rej_at = pd.Index(rej["invoice_id"]).get_indexer(ids)
    rej_rows = rej["row"].to_numpy()
    reasons.add(
        REFERENCE,
        unknown & (rej_at < 0),
        "invoice_id not in the invoices",
        "unknown_invoice",
        field="invoice_id",
        column=cols["invoice_id"],
        value=_value(ids),
    )
    reasons.add(
        REFERENCE,
        unknown & (rej_at >= 0),
        "invoice_id of a rejected invoice",
        "rejected_invoice",
        field="invoice_id",
        column=cols["invoice_id"],
        value=_value(ids),
        row=lambda pos: rej_rows[rej_at[pos]],
    )
    used, rejected = _split(raw, reasons)
    # Empty paid amount = the invoice paid in full.
    inv_amount = invoices["amount"].to_numpy()
    full = np.where(np.isnan(amount), inv_amount[np.maximum(where, 0)], amount)
    payments = _take(
        _frame(
            {
                "invoice_id": ids,
                "paid_date": dates["paid_date"][0],
                "paid_amount": full,
                "row": raw.rows.astype("int64"),
            }
        ),
        used,
    )
    return payments, rejected, n, where[used]


# --------------------------------------------------------------------- customers


def _customer_table(table: TableMapping, m: ColumnMapping, ledger_path: Path) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    raw = read_table(
        _table_path(table, m, ledger_path),
        encoding=table.encoding or m.encoding,
        sheet=table.sheet,
        header_keys=_header_keys(table.columns, CUSTOMER_FIELDS),
    )
    cols = _resolve(raw, table.columns, CUSTOMER_FIELDS, ["customer_id"], "customers")
    if raw.frame.empty:
        raise _no_rows(raw)
    text, _, _, found = _parse_columns(raw, cols, [], [], None, unique="customer_id")
    reasons = _Reasons(len(raw.frame))
    _check_shape(raw, reasons)
    _check_empty(text, cols, ["customer_id"], reasons)
    _check_duplicates(text["customer_id"], raw.rows, "customer_id", found, reasons, cols["customer_id"])
    used, rejected = _split(raw, reasons)
    out = {fld: text[fld] for fld in CUSTOMER_FIELDS if fld in cols}
    out["row"] = raw.rows.astype("int64")
    sources = set(cols.values())
    for c in raw.frame.columns:
        if c not in sources and c not in out:
            out[c] = raw.frame[c]
    customers = _take(_frame(out), used)
    # Which of the user's columns each canonical field came from: rows set aside later
    # (receivables.cases.tables) show the user's headers, as these rejected rows do.
    customers.attrs["source_columns"] = {fld: cols[fld] for fld in CUSTOMER_FIELDS if fld in cols}
    return customers, rejected, len(raw.frame)


# ------------------------------------------------------------------ side tables


@dataclass
class SideTable:
    """A side table as read: the rows used (typed), the rejected ones (row, reason, then
    the original values), and how many data rows the file had: read = used + rejected."""

    frame: pd.DataFrame
    rejected: pd.DataFrame
    rows_read: int
    source: str = ""


def read_side_table(
    path: str | Path,
    name: str,
    *,
    columns: dict[str, str] | None = None,
    date_format: str | None = None,
    encoding: str | None = None,
    sheet: int | str | None = None,
) -> SideTable:
    """Read a promises, activities or financials table with the ledger's row rules: a row
    lacking a required value, with a date or number that does not parse, is rejected with
    its row number and reason, never dropped silently. Columns beyond the spec are kept as
    text. Raises LedgerError for whole-file problems (unreadable, a required column absent);
    a file whose every row is rejected is returned with no rows used."""
    spec = SIDE_TABLES[name]
    fields, mapped = list(spec.fields), dict(columns or {})
    raw = read_table(path, encoding=encoding, sheet=sheet, header_keys=_header_keys(mapped, fields))
    cols = _resolve(raw, mapped, fields, list(spec.required), name)
    n = len(raw.frame)
    text, parsed_dates, numbers, _ = _parse_columns(raw, cols, list(spec.dates), list(spec.numbers), date_format)
    reasons = _Reasons(n)
    _check_shape(raw, reasons)
    trimmed = {f: _trim(text[f]) for f in cols if f not in spec.dates and f not in spec.numbers}
    required_text = [f for f in spec.required if f in trimmed]
    _check_empty(trimmed, cols, required_text, reasons)
    dates = _check_dates(text, cols, parsed_dates, list(spec.required), reasons)
    out: dict[str, object] = {}
    for fld in fields:
        if fld not in cols:
            continue
        if fld in dates:
            out[fld] = dates[fld][0]
        elif fld in numbers:
            out[fld] = _check_number(text[fld], fld, cols[fld], numbers[fld], reasons, required=fld in spec.required)[0]
        else:
            values = trimmed[fld]
            out[fld] = values if fld in spec.required else values.mask(values == "")
    out["row"] = raw.rows.astype("int64")
    sources = set(cols.values())
    for c in raw.frame.columns:
        if c not in sources and c not in out:
            out[c] = raw.frame[c]
    used, rejected = _split(raw, reasons, refuse_empty=False)
    return SideTable(_take(_frame(out), used).reset_index(drop=True), rejected, n, raw.name)


def read_customer_table(
    path: str | Path,
    *,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
    sheet: int | str | None = None,
) -> SideTable:
    """A customer master on its own (``customers.csv`` beside a ledger), with the rules of a
    customers table named in the mapping: an empty or repeated customer_id is rejected
    with its row number and reason. Raises LedgerError for whole-file problems."""
    table = TableMapping(file=Path(path).resolve(), columns=dict(columns or {}), encoding=encoding, sheet=sheet)
    frame, rejected, n = _customer_table(table, ColumnMapping(), Path(path))
    return SideTable(frame, rejected, n, Path(path).name)


# -------------------------------------------------------------------------- API


def read_ledger(
    path: str | Path,
    mapping: ColumnMapping | dict | str | Path | None = None,
    *,
    encoding: str | None = None,
    sheet: int | str | None = None,
    currency: str | None = None,
) -> Ledger:
    """Read and check a receivables export; see the module docstring for the rules.

    ``mapping``: a ColumnMapping, a dict, or the path of a YAML mapping (see
    ``receivables.ledger.mapping``); None when the file already uses canonical
    names. ``encoding`` (CSV), ``sheet`` (Excel) and ``currency`` override the
    mapping's values. Raises LedgerError for problems with a whole file.
    """
    path = Path(path)
    size = 0
    with contextlib.suppress(OSError):  # a missing file gets its message below
        size = path.stat().st_size
        _memory.for_file(size)
    m = load_mapping(mapping) if mapping is not None else ColumnMapping()
    chosen = (currency or m.currency or "").strip().upper() or None
    notes: list = []
    clean = read_clean_invoices(path, m, encoding or m.encoding, chosen, _resolve)
    if clean is not None:  # a clean CSV: nothing rejected, read without its text
        parts, empty_raw = clean
        invoices = _frame(parts["invoices"])
        payments = _empty_payments() if parts["payments"] is None else _frame(parts["payments"])
        positions = parts["positions"]
        ids_increasing = parts["ids_increasing"]
        rows_read = len(invoices)
        kind = "full" if parts["payment_dates"] else "invoices"
        rejected = _rejected_frame(empty_raw, np.empty(0, dtype=np.int64), _no_reasons())
        rejected_ids = _frame({"invoice_id": pd.Series([], dtype="str"), "row": np.empty(0, dtype=np.int64)})
    else:
        raw = read_table(
            path,
            encoding=encoding or m.encoding,
            sheet=sheet if sheet is not None else m.sheet,
            header_keys=_header_keys(m.columns, INVOICE_FIELDS),
            header_row=m.header_row,
        )
        invoices, payments, rejected, rejected_ids, positions = _invoice_table(raw, m, chosen, m.payments is not None)
        rows_read = len(raw.frame)
        ids_increasing = False  # not known: metrics find out
        notes.extend(raw.notes)
        kind = (
            "balance"
            if invoices.attrs.get("balance_only")
            else "full"
            if invoices.attrs.get("payment_dates")
            else "invoices"
        )
    if m.payments is not None:
        kind = "full"
    ledger = Ledger(
        invoices=invoices,
        payments=payments,
        rejected=rejected,
        rows_read=rows_read,
        source=str(path),
        payment_positions=positions,
        notes=notes,
        kind=kind,
        has_invoice_amounts=invoices.attrs.get("invoice_amounts", True),
        currencies=list(invoices.attrs.get("currencies", [])),
    )
    if m.payments is not None:
        (
            ledger.payments,
            ledger.payments_rejected,
            ledger.rows_read_payments,
            ledger.payment_positions,
        ) = _payment_table(m.payments, m, path, invoices, rejected_ids, ledger.notes)
    if m.customers is not None:
        ledger.customers, ledger.customers_rejected, ledger.rows_read_customers = _customer_table(m.customers, m, path)
    for key, table in m.side.items():
        ledger.side[key] = read_side_table(
            _table_path(table, m, path),
            key,
            columns=table.columns,
            date_format=table.date_format or m.date_format,
            encoding=table.encoding or m.encoding,
            sheet=table.sheet,
        )
    if ids_increasing:
        ledger.increasing_ids_of = arrow_identity(ledger.invoices["invoice_id"])
    if ledger.payment_positions is not None:
        ledger.payment_positions.flags.writeable = False
        ledger.payment_positions_of = (
            arrow_identity(ledger.invoices["invoice_id"]),
            arrow_identity(ledger.payments["invoice_id"]),
        )
    _memory.release_arrow(size)  # the parse buffers Arrow's pool kept
    return ledger


def write_rejected(ledger: Ledger, path: str | Path, *, table: str = "invoices", lang: str = "en") -> Path:
    """Write rejected rows (row, reason, original columns) as a CSV Excel opens well.

    table: "invoices" (default), "payments", "customers", or a side table the mapping
    named ("promises", "activities", "financials"). lang: the language of the reasons and
    of the two columns in front ("en": row, reason; "zh": 原文件行号, 拒收原因).
    """
    frames = {
        "invoices": ledger.rejected,
        "payments": ledger.payments_rejected,
        "customers": ledger.customers_rejected,
        **{key: side.rejected for key, side in ledger.side.items()},
    }
    if table not in frames:
        raise ValueError(f"table must be one of {', '.join(frames)}, not {table!r}")
    return write_rejected_rows(frames[table], path, lang=lang)


def write_rejected_rows(frame: pd.DataFrame | None, path: str | Path, *, lang: str = "en") -> Path:
    """Write a table's rejected rows (None: no row) as `write_rejected` does: the reasons
    written in ``lang`` from their codes, without the code column."""
    shown = rejected_for_reading(frame, lang)
    path = Path(path)
    # UTF-8 with BOM: Excel then shows Chinese text correctly on double-click.
    shown.to_csv(path, index=False, encoding="utf-8-sig")
    return path
