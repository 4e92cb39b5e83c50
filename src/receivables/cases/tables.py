"""The case's optional tables: customers, collection log, promises, financial statements.

A company's ledger often holds only invoices (and maybe payments). The case notebooks
use more when it is there: the customer master (from the mapping's ``customers:`` table,
else ``customers.csv`` beside the ledger), and ``activities.csv``, ``promises.csv``,
``financials.csv`` beside the ledger, in the layout of ``datasets/electromech/`` (see its
README). A table that is absent, or lacks a column a section needs, is ``None`` and the
section says so in one sentence (`missing_note`) instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from receivables.i18n import check_lang, t

from . import text  # noqa: F401  (registers the case's catalogue keys)

#: Columns each table must have to be used at all.
REQUIRED: dict[str, list[str]] = {
    "customers": ["customer_id"],
    "activities": ["customer_id", "date", "kind"],
    "promises": ["customer_id", "made_on", "promised_date", "promised_amount"],
    "financials": [
        "customer_id", "year", "total_assets", "total_liabilities", "current_assets",
        "current_liabilities", "retained_earnings", "ebit",
    ],
}
DATES = {"activities": ["date"], "promises": ["made_on", "promised_date"]}
NUMBERS = {
    "customers": ["credit_limit", "terms_days"],
    "promises": ["promised_amount"],
    "financials": REQUIRED["financials"][1:] + ["sales", "book_equity"],
}
#: Optional references: empty text means "none" (the whole account).
REFERENCES = {"activities": ["invoice_id"], "promises": ["invoice_id"]}


@dataclass
class CaseTables:
    """The optional tables (None when absent or unusable) and why each is missing."""

    customers: pd.DataFrame | None = None
    activities: pd.DataFrame | None = None
    promises: pd.DataFrame | None = None
    financials: pd.DataFrame | None = None
    why_missing: dict[str, str] = field(default_factory=dict)  # table -> "absent" | "columns: ..."

    def has(self, name: str, *columns: str) -> bool:
        """The table is there and has these columns (with at least one value each)."""
        frame = getattr(self, name)
        if frame is None or frame.empty:
            return False
        for c in columns:
            if c not in frame.columns:
                return False
            values = frame[c]
            if values.dtype == object or str(values.dtype) == "string":
                values = values.mask(values.astype("string").str.strip() == "")
            if values.isna().all():
                return False
        return True


def _read_csv(path: Path) -> pd.DataFrame:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(f"{path.name}: cannot decode as UTF-8 or GB18030")


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Dates and numbers typed (unreadable cells become missing); rows lacking a required
    value dropped; identifiers stripped text."""
    frame = frame.copy()
    frame.columns = [str(c).strip() for c in frame.columns]
    frame["customer_id"] = frame["customer_id"].astype("string").str.strip()
    for c in DATES.get(name, []):
        frame[c] = pd.to_datetime(frame[c], errors="coerce").astype("datetime64[ns]")
    for c in NUMBERS.get(name, []):
        if c in frame.columns:
            text = frame[c].astype("string").str.replace(",", "", regex=False).str.strip()
            frame[c] = pd.to_numeric(text, errors="coerce").astype("float64")
    for c in REFERENCES.get(name, []):
        if c in frame.columns:
            text = frame[c].astype("string").str.strip()
            frame[c] = text.mask(text == "")
    required = [c for c in REQUIRED[name] if c != "customer_id"]
    keep = frame["customer_id"].fillna("").ne("") & frame[required].notna().all(axis=1)
    return frame[keep].reset_index(drop=True)


def _usable(name: str, frame: pd.DataFrame | None, why: dict[str, str]) -> pd.DataFrame | None:
    if frame is None:
        why[name] = "absent"
        return None
    missing = [c for c in REQUIRED[name] if c not in [str(x).strip() for x in frame.columns]]
    if missing:
        why[name] = "columns: " + ", ".join(missing)
        return None
    typed = _typed(name, frame)
    if typed.empty:
        why[name] = "no usable row"
        return None
    return typed


def case_tables(ledger_path: str | Path, ledger=None) -> CaseTables:
    """The optional tables for a ledger file ("" = the bundled case).

    ``ledger``: the `receivables.ledger.Ledger` read from it; its customers table (from
    the mapping) wins over a ``customers.csv`` beside the file.
    """
    if not str(ledger_path):
        from receivables.datasets import case_dir

        folder = case_dir()
    else:
        folder = Path(ledger_path).resolve().parent
    why: dict[str, str] = {}
    found: dict[str, pd.DataFrame | None] = {}
    for name in REQUIRED:
        raw = None
        if name == "customers" and ledger is not None and ledger.customers is not None:
            raw = ledger.customers
        else:
            path = folder / f"{name}.csv"
            if path.is_file() and path.resolve() != Path(str(ledger_path) or "-").resolve():
                raw = _read_csv(path)
        found[name] = _usable(name, raw, why)
    return CaseTables(**found, why_missing=why)


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


def gap_note(tables: CaseTables, name: str, column: str | None = None, lang: str = "en",
             column_note: str | None = None) -> str:
    """"" when ``tables.<name>`` is there (with ``column``), else the one sentence saying
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
