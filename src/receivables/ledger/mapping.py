"""Column mappings: how a company's own export maps onto the canonical ledger.

A mapping is a small YAML file a participant can read and edit::

    columns:              # canonical field: column in the user's file
      invoice_id: 发票号
      customer_id: 客户编号
      invoice_date: 开票日期
      due_date: 到期日
      amount: 金额
      paid_date: 收款日期  # optional: empty = still open
      open_amount: 余额     # optional, instead of paid_date: what is still open (a
                            # balance-only export: QuickBooks Open Balance, 未收金额)
    date_format: "%Y-%m-%d"  # optional; without it dates are inferred per column
    sheet: 0                 # optional, Excel only (index from 0, or name)
    encoding: gb18030        # optional, CSV only; detected when absent
    currency: CNY            # optional: which currency to keep
    payments:                # optional separate table of (partial) payments
      file: payments.csv     # relative to the mapping file
      columns: {invoice_id: 发票号, paid_date: 收款日期, paid_amount: 收款金额}
    customers:               # optional separate table (customer_id required)
      file: customers.csv
    promises:                # optional: promises to pay, collection activities and
      file: promises.xlsx    # customers' financial statements, for the case
      columns: {customer_id: 客户编号, made_on: 承诺日期, promised_date: 约定付款日, promised_amount: 承诺金额}
    activities:
      file: activities.csv   # customer_id, date, kind (+ optional invoice_id)
    financials:
      file: financials.csv   # customer_id, year, total_assets, ... (see datasets/electromech)

Fields left out of ``columns`` are looked up under their canonical name, so a file that
already uses canonical names needs no ``columns`` at all. A field written with no value
(``paid_date:``) counts as not mapped. Tables under ``payments``, ``customers``,
``promises``, ``activities`` and ``financials`` accept
``file``, ``columns``, ``date_format``, ``sheet`` and ``encoding``; the last three
default to the top-level values.
"""

from __future__ import annotations

import codecs
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ._io import (
    _check_file,
    _decode_head,
    _first_line,
    excel_sheet_names,
    file_kind,
    normalize_name,
    read_header,
)
from ._parse import DEFAULT_FORMAT, NumberFormat, detect_number_format
from .errors import LedgerError, MappingError
from .notes import note_text

REQUIRED_FIELDS = ["invoice_id", "customer_id", "invoice_date", "due_date", "amount"]
OPTIONAL_FIELDS = ["paid_date", "paid_amount", "open_amount", "customer_name", "currency"]
#: Fields that give what was paid without saying when (a balance-only ledger): the open
#: amount itself, or a paid amount with no paid_date mapped.
BALANCE_FIELDS = ("open_amount",)
INVOICE_FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS
PAYMENT_FIELDS = ["invoice_id", "paid_date", "paid_amount"]
CUSTOMER_FIELDS = ["customer_id", "customer_name"]


@dataclass(frozen=True)
class SideSpec:
    """A table beside the ledger that the case reads: its fields and their kinds."""

    fields: tuple[str, ...]
    required: tuple[str, ...]
    dates: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()


_STATEMENT = ("total_assets", "total_liabilities", "current_assets", "current_liabilities", "retained_earnings", "ebit")
SIDE_TABLES: dict[str, SideSpec] = {
    "promises": SideSpec(
        ("customer_id", "invoice_id", "made_on", "promised_date", "promised_amount"),
        ("customer_id", "made_on", "promised_date", "promised_amount"),
        dates=("made_on", "promised_date"),
        numbers=("promised_amount",),
    ),
    "activities": SideSpec(
        ("customer_id", "invoice_id", "date", "kind"), ("customer_id", "date", "kind"), dates=("date",)
    ),
    "financials": SideSpec(
        ("customer_id", "year", *_STATEMENT, "sales", "book_equity"),
        ("customer_id", "year", *_STATEMENT),
        numbers=("year", *_STATEMENT, "sales", "book_equity"),
    ),
}
SIDE_FIELDS = {name: list(spec.fields) for name, spec in SIDE_TABLES.items()}
TOP_KEYS = [
    "columns",
    "date_format",
    "decimal_mark",
    "thousands_separator",
    "header_row",
    "sheet",
    "encoding",
    "currency",
    "payments",
    "customers",
    *SIDE_FIELDS,
]
DECIMAL_MARKS = (".", ",")
THOUSANDS_SEPARATORS = (",", ".", " ", "'", "")
TABLE_KEYS = ["file", "columns", "date_format", "sheet", "encoding"]

# Header names suggest_mapping recognises, best first. Compared after
# normalize_name (lower case, no spaces/underscores/punctuation).
SYNONYMS: dict[str, list[str]] = {
    "invoice_id": [
        "invoice_id",
        "invoice number",
        "invoice no",
        "invoice num",
        "invoice",
        "document no",
        "document number",
        "doc no",
        "bill no",
        "发票号",
        "发票号码",
        "单据编号",
        "单据号",
        "发票编号",
        "应收单号",
        "销售发票号",
    ],
    "customer_id": [
        "customer_id",
        "customer id",
        "customer no",
        "customer number",
        "customer code",
        "customer",
        "client id",
        "client",
        "客户编号",
        "客户编码",
        "客户代码",
        "客户号",
        "往来单位编码",
        "客户",
        "客户名称",
        "往来单位",
        "往来单位名称",
    ],
    "invoice_date": [
        "invoice_date",
        "invoice date",
        "document date",
        "doc date",
        "billing date",
        "开票日期",
        "业务日期",
        "单据日期",
        "发票日期",
        "记账日期",
        "立账日期",
        "开票时间",
    ],
    "due_date": [
        "due_date",
        "due date",
        "net due date",
        "到期日",
        "到期日期",
        "应收日期",
        "收款到期日",
        "付款到期日",
        "账期到期日",
    ],
    "amount": [
        "amount",
        "invoice amount",
        "total",
        "total amount",
        "gross amount",
        # What the customer owes includes VAT: 价税合计 before a bare 金额, which in
        # Chinese invoice exports is usually the amount before tax (beside 税额).
        "价税合计",
        "价税合计本位币",
        "本币价税合计",
        "含税金额",
        "应收金额",
        "应收款金额",
        "发票金额",
        "金额",
    ],
    "paid_date": [
        "paid_date",
        "settled date",
        "paid date",
        "payment date",
        "clearing date",
        "settlement date",
        "收款日期",
        "核销日期",
        "回款日期",
        "到账日期",
        "实际收款日期",
    ],
    "paid_amount": [
        "paid_amount",
        "paid amount",
        "payment amount",
        "amount paid",
        "settled amount",
        "收款金额",
        "已收金额",
        "核销金额",
        "已核销金额",
        "回款金额",
        "实收金额",
        "到账金额",
    ],
    "open_amount": [
        "open_amount",
        "open balance",
        "open amount",
        "amount open",
        "balance due",
        "amount due",
        "outstanding",
        "outstanding amount",
        "amount outstanding",
        "remaining amount",
        "未收金额",
        "未收款金额",
        "应收余额",
        "未核销金额",
        "剩余金额",
        "余额",
        "期末余额",
    ],
    "customer_name": [
        "customer_name",
        "customer name",
        "client name",
        "客户名称",
        "客户全称",
        "往来单位名称",
        "往来单位",
        "客户简称",
    ],
    "currency": ["currency", "currency code", "curr", "ccy", "币种", "币别", "货币"],
}


def erp_headers() -> dict[str, dict]:
    """erp_headers.yml: system -> {"about": text, "columns": {field: [headers]}}."""
    from importlib.resources import files

    text = files("receivables.ledger").joinpath("erp_headers.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _all_synonyms() -> dict[str, list[str]]:
    """The kit's own names, then each system's default headers (erp_headers.yml)."""
    out = {f: list(names) for f, names in SYNONYMS.items()}
    for system in erp_headers().values():  # a dozen systems, not rows
        for fld, headers in system["columns"].items():
            out[fld].extend(str(h) for h in headers)
    return out


_NORMALIZED = {f: list(dict.fromkeys(normalize_name(s) for s in names)) for f, names in _all_synonyms().items()}
HEADER_KEYS = {key for keys in _NORMALIZED.values() for key in keys}


@dataclass
class TableMapping:
    """A separate payments or customers table."""

    file: Path
    columns: dict[str, str] = field(default_factory=dict)
    date_format: str | None = None
    sheet: int | str | None = None
    encoding: str | None = None


@dataclass
class ColumnMapping:
    columns: dict[str, str] = field(default_factory=dict)
    date_format: str | None = None
    sheet: int | str | None = None
    encoding: str | None = None
    currency: str | None = None
    # How amounts are written (decimal_mark, thousands_separator): default 1,234.56.
    number_format: NumberFormat = DEFAULT_FORMAT
    # The header's row (1-based, as Excel numbers rows); None: found below title rows.
    header_row: int | None = None
    payments: TableMapping | None = None
    customers: TableMapping | None = None
    # promises / activities / financials tables, by name, when mapped
    side: dict[str, TableMapping] = field(default_factory=dict)
    # Where relative table files are looked up: the mapping file's folder; None for a
    # mapping given as a dict (then: the ledger file's folder).
    base_dir: Path | None = None
    name: str = "the mapping"  # for messages


def _hint(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_keys(d: dict, allowed: list[str], where: str, name: str) -> None:
    for key in d:
        if key not in allowed:
            raise MappingError(
                f"unknown key '{key}'{where} in {name}{_hint(str(key), allowed)}; allowed keys: {', '.join(allowed)}"
            )


def _columns(raw: Any, fields: list[str], where: str, name: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise MappingError(f"'columns'{where} in {name} must list field: column pairs")
    out = {}
    for key, column in raw.items():
        if key not in fields:
            raise MappingError(
                f"unknown field '{key}' under columns{where} in {name}"
                f"{_hint(str(key), fields)}; fields: {', '.join(fields)}"
            )
        if column is None or str(column).strip() == "":
            continue  # written but left empty: not mapped
        if isinstance(column, (dict, list)):
            raise MappingError(f"field '{key}'{where} in {name} must name one column")
        out[key] = str(column).strip()
    return out


def _date_format(value: Any, where: str, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise MappingError(f'date_format{where} in {name} must be text such as "%Y-%m-%d"')
    return value


def _sheet(value: Any, where: str, name: str) -> int | str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)) or (isinstance(value, int) and value < 0):
        raise MappingError(f"sheet{where} in {name} must be a sheet number (from 0) or a name")
    return value


def _encoding(value: Any, where: str, name: str) -> str | None:
    if value is None:
        return None
    try:
        codecs.lookup(str(value))
    except LookupError:
        raise MappingError(f"unknown encoding '{value}'{where} in {name}") from None
    return str(value)


def _number_format(raw: dict, name: str) -> NumberFormat:
    decimal = raw.get("decimal_mark")
    thousands = raw.get("thousands_separator")
    if decimal is None and thousands is None:
        return DEFAULT_FORMAT
    decimal = "." if decimal is None else str(decimal)
    if decimal not in DECIMAL_MARKS:
        raise MappingError(f'decimal_mark in {name} must be "." or ","; not "{decimal}"')
    if thousands is None:
        thousands = "," if decimal == "." else "."
    thousands = str(thousands)
    if thousands not in THOUSANDS_SEPARATORS:
        raise MappingError(
            f'thousands_separator in {name} must be one of "," "." " " "\'" or "" (none); not "{thousands}"'
        )
    if thousands == decimal:
        raise MappingError(f'decimal_mark and thousands_separator in {name} must differ (both "{decimal}")')
    return NumberFormat(decimal, thousands)


def _table(raw: Any, key: str, fields: list[str], name: str, base: Path | None) -> TableMapping:
    where = f" under {key}"
    if not isinstance(raw, dict):
        raise MappingError(f"'{key}' in {name} must have at least file: <path>")
    _check_keys(raw, TABLE_KEYS, where, name)
    if not raw.get("file"):
        raise MappingError(f"'{key}' in {name} needs file: <path of the {key} table>")
    path = Path(str(raw["file"]))
    if base is not None and not path.is_absolute():
        path = base / path
    return TableMapping(
        file=path,
        columns=_columns(raw.get("columns"), fields, f" of {key}", name),
        date_format=_date_format(raw.get("date_format"), where, name),
        sheet=_sheet(raw.get("sheet"), where, name),
        encoding=_encoding(raw.get("encoding"), where, name),
    )


_FIELD_NAMES = set(
    INVOICE_FIELDS
    + PAYMENT_FIELDS
    + CUSTOMER_FIELDS
    + TOP_KEYS
    + TABLE_KEYS
    + [f for fields in SIDE_FIELDS.values() for f in fields]
)


def _typing_slip(text: str, name: str) -> str | None:
    """The usual slips of someone editing a draft by hand, said plainly with the line
    they are on (YAML's own message points at the line after, in its own words)."""
    for number, line in enumerate(text.splitlines(), start=1):  # lines of a small file
        body = line.split("#", 1)[0]
        key = body.strip().split(":", 1)[0].split("\uff1a", 1)[0].strip()
        if key not in _FIELD_NAMES:
            continue
        if "\t" in line[: len(line) - len(line.lstrip())]:
            return f"line {number} of {name} is indented with a tab; indent it with spaces like the lines around it"
        if "\uff1a" in body and ":" not in body:
            return (
                f"line {number} of {name} has a Chinese colon (\uff1a) after {key}; "
                f"type an English colon and a space: {key}: ..."
            )
        rest = body.strip()[len(key) :]
        if rest.startswith(":") and rest[1:2] not in ("", " "):
            return f"line {number} of {name} needs a space after the colon: {key}: {rest[1:].strip()}"
        if key in INVOICE_FIELDS and line[:1] not in (" ", "\t") and key not in TOP_KEYS:
            return (
                f"line {number} of {name}: {key} belongs under columns: and must be "
                "indented with two spaces like the lines around it"
            )
    return None


def load_mapping(path_or_dict: str | Path | dict | ColumnMapping) -> ColumnMapping:
    """Load and check a mapping from a YAML file or a dict. Raises MappingError."""
    if isinstance(path_or_dict, ColumnMapping):
        return path_or_dict
    base: Path | None = None
    name = "the mapping"
    if isinstance(path_or_dict, dict):
        raw: Any = path_or_dict
    else:
        path = Path(path_or_dict)
        name, base = path.name, path.parent
        if not path.is_file():
            raise MappingError(f"mapping file not found: {path}")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise MappingError(f"{name} is not UTF-8 text; save it as UTF-8") from None
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            typo = _typing_slip(text, name)
            if typo:
                raise MappingError(typo) from None
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or "syntax error"
            raise MappingError(f"{name} is not valid YAML{where}: {problem}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise MappingError(f"{name} must be a list of keys such as columns:, date_format:")
    _check_keys(raw, TOP_KEYS, "", name)
    currency = raw.get("currency")
    if currency is not None and (not isinstance(currency, str) or not currency.strip()):
        raise MappingError(f"currency in {name} must be a currency code such as CNY")
    payments = raw.get("payments")
    customers = raw.get("customers")
    number_format = _number_format(raw, name)
    header_row = raw.get("header_row")
    if header_row is not None and (isinstance(header_row, bool) or not isinstance(header_row, int) or header_row < 1):
        raise MappingError(f"header_row in {name} must be the number of the header's row, from 1")
    return ColumnMapping(
        number_format=number_format,
        header_row=header_row,
        columns=_columns(raw.get("columns"), INVOICE_FIELDS, "", name),
        date_format=_date_format(raw.get("date_format"), "", name),
        sheet=_sheet(raw.get("sheet"), "", name),
        encoding=_encoding(raw.get("encoding"), "", name),
        currency=currency.strip().upper() if currency else None,
        payments=None if payments is None else _table(payments, "payments", PAYMENT_FIELDS, name, base),
        customers=None if customers is None else _table(customers, "customers", CUSTOMER_FIELDS, name, base),
        side={
            key: _table(raw[key], key, fields, name, base)
            for key, fields in SIDE_FIELDS.items()
            if raw.get(key) is not None
        },
        base_dir=base,
        name=name,
    )


# ------------------------------------------------------------------ drafting one


def match_columns(headers: list[str]) -> dict[str, str]:
    """Canonical field -> header, by the SYNONYMS table; each header used once."""
    by_key: dict[str, str] = {}
    for h in headers:  # loop over column names, not rows
        by_key.setdefault(normalize_name(h), h)
    found: dict[str, str] = {}
    used: set[str] = set()
    # customer_name before customer_id would steal 客户名称 from a file whose only
    # customer column it is; canonical order lets customer_id pick first.
    for fld in INVOICE_FIELDS:
        for key in _NORMALIZED[fld]:
            header = by_key.get(key)
            if header is not None and header not in used:
                found[fld] = header
                used.add(header)
                break
    return found


def _match_score(headers: list[str]) -> tuple[int, int]:
    found = match_columns(headers)
    return sum(f in found for f in REQUIRED_FIELDS), len(found)


def _ledger_sheet(path: Path) -> int | str | None:
    """The sheet of a workbook that looks most like a ledger: most required fields
    recognised, then most fields; the first sheet wins ties. None: not a workbook
    with several sheets (then the first sheet is read, as without a mapping)."""
    if file_kind(path, _check_file(path)) != "excel":
        return None
    names = excel_sheet_names(path)
    if len(names) < 2:
        return None
    scores = []
    for index in range(len(names)):  # loop over sheets, not rows
        try:
            headers = read_header(path, sheet=index, header_keys=HEADER_KEYS)[0]
        except (LedgerError, ValueError):  # an empty or unreadable sheet
            headers = []
        scores.append(_match_score(headers))
    best = max(range(len(names)), key=lambda i: (scores[i], -i))
    return names[best] if best else None


class Draft(dict):
    """A drafted mapping (a dict load_mapping reads) with ``notes``: key -> a comment
    write_mapping puts beside that key (how a value was found, when it is a guess)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.notes: dict[str, str] = {}


def suggest_mapping(path: str | Path, *, sheet: int | str | None = None) -> dict:
    """Draft a mapping from a file's headers: {"columns": {...}} (+ encoding, sheet).

    In a workbook with several sheets and no ``sheet`` given, the sheet whose headers
    look most like a ledger is used and named in the draft (exports often put a cover
    or summary sheet first). Only a draft: write it with write_mapping, check it, then
    pass it to read_ledger.
    """
    path = Path(path)
    if sheet is None:
        sheet = _ledger_sheet(path)
    headers, kind, encoding = read_header(path, sheet=sheet, header_keys=HEADER_KEYS)
    draft = Draft({"columns": match_columns(headers)})
    _draft_balance_only(draft)
    if kind == "csv" and encoding not in (None, "utf-8", "utf-8-sig"):
        draft["encoding"] = encoding
        text, _, found = _decode_head(_check_file(path), None, path.name)
        if found is not None:  # detected, not read from a BOM: said beside it
            draft.notes["encoding"] = (
                note_text("encoding_detected", {})
                if found.certain
                else note_text("encoding_guessed", {"others": ", ".join(found.others[:4]), "line": _first_line(text)})
            )
    if kind == "excel" and sheet is not None:
        draft["sheet"] = sheet
    _draft_number_format(path, draft)
    return draft


def _draft_balance_only(draft: Draft) -> None:
    """Make a draft of a balance-only export run as it is: one way of saying what was paid.

    With payment dates, an open-amount column is left out (the payments say it); with an
    open amount, a paid amount without dates is left out (the open amount says it); an
    export with an open amount and no invoice amount uses the open amount for both, said
    beside it. Each choice gets a note in the draft."""
    columns = draft["columns"]
    if "open_amount" in columns and "paid_date" in columns:
        draft.notes["open_amount"] = note_text(
            "draft_open_amount_dropped", {"open": columns.pop("open_amount"), "paid_date": columns["paid_date"]}
        )
        return
    if "open_amount" in columns and "paid_amount" in columns:
        draft.notes["paid_amount"] = note_text(
            "draft_paid_amount_dropped", {"paid": columns.pop("paid_amount"), "open": columns["open_amount"]}
        )
    if "open_amount" in columns and "amount" not in columns:
        columns["amount"] = columns["open_amount"]
        draft.notes["amount"] = note_text("draft_amount_is_open", {"open": columns["open_amount"]})
    if "open_amount" in columns:
        draft.notes["kind"] = note_text("draft_balance_only", {"column": columns["open_amount"]})
    elif "paid_amount" in columns and "paid_date" not in columns:
        draft.notes["kind"] = note_text("draft_paid_without_dates", {"column": columns["paid_amount"]})


def _draft_number_format(path: Path, draft: Draft) -> None:
    """decimal_mark and thousands_separator from the amounts, when not 1,234.56; a
    comment when amounts read as other numbers the other way round ("454.844")."""
    import pandas as pd

    from ._io import read_table
    from ._parse import ambiguous, parse_amounts_as

    fields = [f for f in ("amount", "paid_amount", "open_amount") if f in draft["columns"]]
    if not fields:
        return
    raw = read_table(
        path,
        encoding=draft.get("encoding"),
        sheet=draft.get("sheet"),
        header_keys={normalize_name(draft["columns"][f]) for f in fields},
    )
    present = list(dict.fromkeys(draft["columns"][f] for f in fields if draft["columns"][f] in raw.frame.columns))
    if not present:
        return
    values = pd.concat([raw.frame[c] for c in present], ignore_index=True)
    fmt = detect_number_format(values)
    if fmt != DEFAULT_FORMAT:
        draft["decimal_mark"], draft["thousands_separator"] = fmt.decimal, fmt.thousands
        draft.notes["decimal_mark"] = note_text("number_format", {})
    found = ambiguous(values, parse_amounts_as(values, fmt)[0], fmt)
    if found is not None and found.worrying:
        examples = ", ".join(f"'{t}' = {a:,.3f} (or {b:,.3f})" for t, a, b in found.examples)
        other = found.fmt.other()
        draft.notes["amounts"] = note_text(
            "ambiguous_amounts",
            {
                "file": path.name,
                "label": "amount",
                "count": found.count,
                "examples": examples,
                "decimal": fmt.decimal,
                "thousands": fmt.thousands or "none",
                "other_decimal": other.decimal,
                "other_thousands": other.thousands or "none",
            },
        )


def file_headers(path: str | Path, *, sheet: int | str | None = None, encoding: str | None = None) -> list[str]:
    """The column headers of a ledger file as the kit reads them (the header row found
    below any title rows), for showing the user what to map."""
    return read_header(path, sheet=sheet, encoding=encoding, header_keys=HEADER_KEYS)[0]


def _yaml_scalar(value: Any) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    return text.strip().removesuffix("...").strip()


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def write_mapping(
    mapping: dict,
    path: str | Path,
    *,
    headers: list[str] | None = None,
    source: str | None = None,
) -> Path:
    """Write a draft mapping as commented YAML that load_mapping reads back.

    ``headers``: the file's column headers, listed in a comment so the user can copy
    the right one; ``source``: the file's name, for the first line.
    """
    path = Path(path)
    columns = dict(mapping.get("columns") or {})
    missing_required = [f for f in REQUIRED_FIELDS if f not in columns]
    missing_optional = [f for f in OPTIONAL_FIELDS if f not in columns]
    about = f" of {_one_line(source)}" if source else ""
    if mapping.get("sheet") is not None:
        about += f" (sheet {_one_line(mapping['sheet'])})"
    lines = [
        f"# DRAFT column mapping, guessed from the column headers{about}:",
        "# check every line before use. Left: the kit's field (keep it as it is); right,",
        "# after the colon and a space: the header of the column in your file that holds it,",
        "# exactly as written there. A field your file does not have: leave the right side empty.",
    ]
    if headers is not None:
        lines.append("# Columns in your file: " + ", ".join(_one_line(h) for h in headers))
    lines += [
        f"# Required fields not found: {', '.join(missing_required) or 'none'}",
        f"# Optional fields not found: {', '.join(missing_optional) or 'none'}",
        "columns:",
    ]
    notes = getattr(mapping, "notes", {})
    for fld in INVOICE_FIELDS:
        if fld in notes:  # how the draft chose this field, above its line
            lines.append(f"  # {_one_line(notes[fld])}")
        if fld in columns:
            lines.append(f"  {fld}: {_yaml_scalar(columns[fld])}")
        else:
            need = "required" if fld in REQUIRED_FIELDS else "optional"
            lines.append(f"  {fld}:   # {need}, not found: write your column's name here")
    for key in TOP_KEYS[1:]:
        if mapping.get(key) is not None:
            dumped = yaml.safe_dump({key: mapping[key]}, allow_unicode=True, sort_keys=False)
            note = getattr(mapping, "notes", {}).get(key)
            if note:
                lines.append(f"# {_one_line(note)}")
            lines.extend(dumped.rstrip("\n").splitlines())
    if "date_format" not in mapping:
        lines.append('# date_format: "%m/%d/%Y"   # only if dates are read wrongly')
    for key, note in notes.items():
        if key not in mapping and key not in INVOICE_FIELDS:  # about the file, not a line of the draft
            lines.append(f"# {_one_line(note)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
