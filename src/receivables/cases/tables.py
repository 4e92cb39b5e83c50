"""The case's optional tables: customers, collection log, promises, financial statements.

A company's ledger often holds only invoices (and maybe payments). The case notebooks
use more when it is there: the customer master (from the mapping's ``customers:`` table,
else ``customers.csv`` beside the ledger), and ``activities.csv``, ``promises.csv``,
``financials.csv`` beside the ledger, in the layout of ``datasets/electromech/`` (see its
README), or the tables the mapping names under ``promises:``, ``activities:`` and
``financials:``. These are read with the ledger's row rules: a row that cannot be used is
kept with its row number and reason (``CaseTables.rejected``; ``case run`` writes them to
``rejected-<table>.csv``). A table that is absent, or lacks a column a section needs, is
``None`` and the section says so in one sentence (`missing_note`) instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from receivables.i18n import check_lang, t
from receivables.ledger import (
    SIDE_TABLES,
    LedgerError,
    parse_amounts,
    read_customer_table,
    read_side_table,
)
from receivables.ledger.reasons import english_and_code

#: Columns each table must have to be used at all.
REQUIRED: dict[str, list[str]] = {
    "customers": ["customer_id"],
    **{name: list(spec.required) for name, spec in SIDE_TABLES.items()},
}
NUMBERS = {"customers": ["credit_limit", "terms_days"]}
#: Tables read beside the invoices that the sentences name in the reader's language (cases.table.*).
SIDE_NAMES = ("payments", "customers", "promises", "activities", "financials")


@dataclass
class CaseTables:
    """The optional tables (None when absent or unusable) and why each is missing."""

    customers: pd.DataFrame | None = None
    activities: pd.DataFrame | None = None
    promises: pd.DataFrame | None = None
    financials: pd.DataFrame | None = None
    why_missing: dict[str, str] = field(default_factory=dict)  # table -> "absent", "no usable row", an error
    # Tables read beside the invoices (payments, customers, promises, activities,
    # financials): their rejected rows (row, reason, original values) and rows read.
    rejected: dict[str, pd.DataFrame] = field(default_factory=dict)
    rows_read: dict[str, int] = field(default_factory=dict)

    def has(self, name: str, *columns: str) -> bool:
        """The table is there and has these columns (with at least one value each)."""
        frame = getattr(self, name)
        if frame is None or frame.empty:
            return False
        for c in columns:
            if c not in frame.columns:
                return False
            values = frame[c]
            if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
                values = values.mask(values.astype("string").str.strip() == "")
            if values.isna().all():
                return False
        return True


def _customers(ledger, path: Path | None, why: dict[str, str], rejected: dict, rows_read: dict):
    """The customer master (the mapping's table, else ``customers.csv`` beside the ledger)
    with ids as stripped text and its number columns typed. A row whose credit_limit or
    terms_days is written but is not a number is not used: it joins the table's rejected
    rows with its row number, reason and reason code, under the user's headers, as the
    reader's own rejections do."""
    if ledger is not None and ledger.customers is not None:
        frame, bad, n = ledger.customers, ledger.customers_rejected, ledger.rows_read_customers
    elif path is not None and path.is_file():
        try:
            side = read_customer_table(path)
        except LedgerError as exc:
            why["customers"] = str(exc)
            return None
        frame, bad, n = side.frame, side.rejected, side.rows_read
    else:
        why["customers"] = "absent"
        return None
    sources = dict(frame.attrs.get("source_columns", {}))  # canonical field -> the user's header
    frame = frame.copy()
    frame.columns = [str(c).strip() for c in frame.columns]
    frame["customer_id"] = frame["customer_id"].astype("string").str.strip()
    original = frame.copy()  # the values as written, for the rows set aside below
    reasons = pd.Series("", index=frame.index, dtype=object)
    codes = pd.Series("", index=frame.index, dtype=object)  # reason codes (receivables.ledger.reasons)
    for c in NUMBERS["customers"]:
        if c in frame.columns:
            text = frame[c].astype("string").fillna("").astype(str)
            values, empty = parse_amounts(text)
            wrong = ~empty & np.isnan(values)
            if wrong.any():
                said, coded = english_and_code(
                    "not_a_number",
                    {"field": c, "column": c, "value": text[wrong].to_numpy(dtype=object)},
                    int(wrong.sum()),
                )
                reasons[wrong] = np.where(reasons[wrong] == "", said, reasons[wrong] + "; " + said)
                codes[wrong] = np.where(codes[wrong] == "", coded, codes[wrong] + ", " + coded)
            frame[c] = values
    wrong = (reasons != "").to_numpy()
    if wrong.any():
        extra = original.loc[wrong].drop(columns=["row"], errors="ignore").astype("string")
        extra = extra.rename(columns={f: c for f, c in sources.items() if c not in extra.columns})
        extra.insert(0, "reason_code", ("[" + codes[wrong] + "]").astype(str))
        extra.insert(0, "reason", reasons[wrong].astype(str))
        extra.insert(0, "row", frame.loc[wrong, "row"].astype("int64") if "row" in frame else 0)
        bad = pd.concat([bad, extra], ignore_index=True).sort_values("row", kind="stable", ignore_index=True)
        frame = frame.loc[~wrong].reset_index(drop=True)
    rejected["customers"], rows_read["customers"] = bad, n
    if frame.empty:
        why["customers"] = "no usable row"
        return None
    return frame


def _side_table(name: str, path: Path | None, ledger, why: dict[str, str], rejected: dict, rows_read: dict):
    """A promises / activities / financials table: the one the mapping named, else
    ``<name>.csv`` beside the ledger, read with the ledger's row rules (rejected rows are
    kept with their reasons). A file beside the ledger that cannot be used is skipped with
    its one-line reason; one the mapping named stops the run like the ledger would."""
    side = ledger.side.get(name) if ledger is not None else None
    if side is None:
        if path is None or not path.is_file():
            why[name] = "absent"
            return None
        try:
            side = read_side_table(path, name)
        except LedgerError as exc:
            why[name] = str(exc)
            return None
    rejected[name], rows_read[name] = side.rejected, side.rows_read
    if side.frame.empty:
        why[name] = "no usable row"
        return None
    return side.frame


def case_tables(ledger_path: str | Path | None, ledger=None) -> CaseTables:
    """The optional tables for a ledger file (None = the bundled case).

    ``ledger``: the `receivables.ledger.Ledger` read from it; its customers, promises,
    activities and financials tables (named in the mapping) win over the ``<name>.csv``
    files beside the ledger.
    """
    if ledger_path is None:
        from receivables.datasets import case_dir

        folder = case_dir()
    else:
        folder = Path(ledger_path).resolve().parent
    why: dict[str, str] = {}
    rejected: dict[str, pd.DataFrame] = {}
    rows_read: dict[str, int] = {}
    found: dict[str, pd.DataFrame | None] = {}
    if ledger is not None and ledger.payments_rejected is not None:  # a separate payments table
        rejected["payments"], rows_read["payments"] = ledger.payments_rejected, ledger.rows_read_payments
    for name in REQUIRED:
        path: Path | None = folder / f"{name}.csv"
        if ledger_path is not None and path.resolve() == Path(ledger_path).resolve():
            path = None  # the ledger itself is not its own side table
        if name == "customers":
            found[name] = _customers(ledger, path, why, rejected, rows_read)
        else:
            found[name] = _side_table(name, path, ledger, why, rejected, rows_read)
    return CaseTables(**found, why_missing=why, rejected=rejected, rows_read=rows_read)


def rejected_lines(tables: CaseTables, lang: str = "en") -> list[str]:
    """One sentence per table read beside the invoices that had rows it could not use."""
    check_lang(lang)
    return [
        t("cases.rejected_side", lang).format(
            table=t(f"cases.table.{name}", lang) if name in SIDE_NAMES else name,
            name=name,
            rejected=len(frame),
            read=tables.rows_read[name],
        )
        for name, frame in tables.rejected.items()
        if len(frame)
    ]


def rejected_note(tables: CaseTables, lang: str = "en") -> str:
    """`rejected_lines` as one paragraph ("" when none), so the sections' figures are read
    knowing what they leave out."""
    return " ".join(rejected_lines(tables, lang))


def missing_note(what: str, lang: str = "en") -> str:
    """One sentence: this section needs a table the ledger does not have, so it is skipped.

    ``what``: "customers", "debtor_type", "credit_limit", "activities", "excuses",
    "promises", "financials" or "roll_history".
    """
    check_lang(lang)
    return t(f"cases.missing.{what}", lang)


def customer_names(book, tables: CaseTables | None = None, lang: str = "en") -> pd.Series:
    """customer_id -> a readable name: the customer table's name in ``lang`` (name_zh /
    name_en / customer_name), else the invoices' customer_name, else the id."""
    ids = book.invoices["customer_id"].astype(str)
    names = pd.Series(ids.to_numpy(), index=ids.to_numpy())
    if "customer_name" in book.invoices.columns:
        given = book.invoices["customer_name"].astype("string").fillna("").str.strip()
        names = pd.Series(given.where(given != "", ids).to_numpy(), index=ids.to_numpy())
    names = names[~names.index.duplicated(keep="last")]
    if tables is not None and tables.customers is not None:
        cust = tables.customers.assign(customer_id=tables.customers["customer_id"].astype(str))
        order = ["name_zh", "customer_name", "name_en"] if lang == "zh" else ["name_en", "customer_name", "name_zh"]
        for col in reversed(order):
            if col in cust.columns:
                text = cust[col].astype("string").fillna("").str.strip()
                mapped = pd.Series(text.to_numpy(), index=cust["customer_id"].to_numpy())
                mapped = mapped[mapped != ""]
                mapped = mapped[~mapped.index.duplicated()]
                names = mapped.combine_first(names)
    return names.rename("name")


def money(value) -> str:
    """An amount for prose: thousands separators, two decimals ("—" when undefined)."""
    if value is None or pd.isna(value):
        return "—"
    return f"{float(value):,.2f}"


def pct(value, decimals: int = 1) -> str:
    """A percentage for prose: 12.3% ("—" when undefined); ``value`` is already in %."""
    if value is None or pd.isna(value):
        return "—"
    return f"{float(value):.{decimals}f}%"


def gap_note(
    tables: CaseTables, name: str, column: str | None = None, lang: str = "en", column_note: str | None = None
) -> str:
    """ "" when ``tables.<name>`` is there (with ``column``), else the one sentence saying
    what is missing: the table's note, or the column's (``column_note``, default the
    column name) when the table is there without it."""
    if not tables.has(name):
        return missing_note(name, lang)
    if column is not None and not tables.has(name, column):
        return missing_note(column_note or column, lang)
    return ""


def name_of(customer_ids, names: pd.Series | None) -> pd.Series:
    """Readable names for customer ids (the id itself where ``names`` has none)."""
    ids = pd.Series(customer_ids).astype(str)
    if names is None or not len(names):
        return ids.astype("string")
    return ids.map(names.astype("string")).astype("string").fillna(ids.astype("string"))
