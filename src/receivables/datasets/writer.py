"""Write the generated tables as a reproducible folder, and read such a folder back.

Files: one CSV per table (UTF-8 without BOM, "\\n" line ends, no index, dates
YYYY-MM-DD, amounts with 2 decimals, rows in the generator's stable order), a
``mapping.yml`` for ``receivables.ledger.read_ledger`` and a ``manifest.json`` with
the recipe (seed, sizes, command), row counts and the sha256 of every CSV. Nothing
time- or machine-dependent goes into any file, so the same seed gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

from receivables import paths

from .generator import TABLES

# Column kinds per table: "str" (text, "" when empty), "ref" (an optional invoice id:
# missing when empty), "date", "amount" (float, 2 decimals), "int".
SCHEMA: dict[str, dict[str, str]] = {
    "customers": {
        "customer_id": "str",
        "name_zh": "str",
        "name_en": "str",
        "nature": "str",
        "nature_en": "str",
        "industry": "str",
        "industry_en": "str",
        "region": "str",
        "region_en": "str",
        "city": "str",
        "city_en": "str",
        "terms_days": "int",
        "credit_limit": "amount",
        "contact_name": "str",
        "contact_role": "str",
        "contact_role_en": "str",
        "phone": "str",
        "sales_rep": "str",
        "debtor_type": "str",
        "story": "str",
    },
    "financials": {
        "customer_id": "str",
        "year": "int",
        "total_assets": "amount",
        "total_liabilities": "amount",
        "current_assets": "amount",
        "current_liabilities": "amount",
        "retained_earnings": "amount",
        "ebit": "amount",
        "sales": "amount",
        "book_equity": "amount",
    },
    "invoices": {
        "invoice_id": "str",
        "customer_id": "str",
        "customer_name": "str",
        "invoice_date": "date",
        "due_date": "date",
        "amount": "amount",
        "currency": "str",
        "product_line": "str",
    },
    "payments": {
        "invoice_id": "str",
        "paid_date": "date",
        "paid_amount": "amount",
        "method": "str",
    },
    "promises": {
        "customer_id": "str",
        "invoice_id": "ref",
        "made_on": "date",
        "promised_date": "date",
        "promised_amount": "amount",
        "contact": "str",
        "status_reference": "str",
    },
    "activities": {
        "customer_id": "str",
        "invoice_id": "ref",
        "date": "date",
        "kind": "str",
        "excuse_code": "str",
        "note_zh": "str",
        "note_en": "str",
    },
}

MAPPING_YML = """\
# Column mapping of the case ledger, for receivables.ledger.read_ledger:
#   read_ledger("invoices.csv", mapping="mapping.yml")  (paths relative to this file)
# Written by `receivables data generate`; the CSVs already use the canonical names.
columns:
  invoice_id: invoice_id
  customer_id: customer_id
  invoice_date: invoice_date
  due_date: due_date
  amount: amount
  customer_name: customer_name
  currency: currency
date_format: "%Y-%m-%d"
payments:
  file: payments.csv
  columns: {invoice_id: invoice_id, paid_date: paid_date, paid_amount: paid_amount}
customers:
  file: customers.csv
"""


def command_for(params: dict, out: str | Path) -> str:
    """The CLI command that makes this folder, as the README quotes it."""
    return (
        f"receivables data generate --seed {params['seed']} --customers {params['customers']}"
        f" --months {params['months']} --end {params['end']} --out {Path(out).as_posix()}"
    )


def _csv_bytes(df: pd.DataFrame, kinds: dict[str, str] | None) -> bytes:
    out = {}
    for col in df.columns:
        kind = (kinds or {}).get(col)
        s = df[col]
        if kind == "date" or pd.api.types.is_datetime64_any_dtype(s):
            text = np.datetime_as_string(s.to_numpy().astype("datetime64[D]"), unit="D")
            out[col] = pd.Series(text, index=df.index, dtype="str").where(s.notna(), "")
        elif kind == "amount" or pd.api.types.is_float_dtype(s):
            out[col] = s.astype("float64")
        else:
            out[col] = s
    frame = pd.DataFrame(out)
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.2f").encode("utf-8")


def write_dataset(
    tables: dict[str, pd.DataFrame],
    out_dir: str | Path,
    *,
    command: str | None = None,
) -> list[Path]:
    """Write ``tables`` into ``out_dir`` (created if needed); return the files written.

    ``command`` goes into the manifest; by default the ``receivables data generate``
    command for the tables' ``params`` (when they come from ``generate``) and ``out_dir``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    params = dict(getattr(tables, "params", {}) or {})
    written: list[Path] = []
    rows: dict[str, int] = {}
    digests: dict[str, str] = {}
    names = [t for t in TABLES if t in tables] + [t for t in tables if t not in TABLES]
    for name in names:
        data = _csv_bytes(tables[name], SCHEMA.get(name))
        path = out / f"{name}.csv"
        path.write_bytes(data)
        written.append(path)
        rows[f"{name}.csv"] = len(tables[name])
        digests[f"{name}.csv"] = hashlib.sha256(data).hexdigest()
    mapping = out / "mapping.yml"
    mapping.write_bytes(MAPPING_YML.encode("utf-8"))
    written.append(mapping)
    if command is None and params:
        command = command_for(params, out_dir)
    manifest = {
        **params,
        "command": command or "",
        "rows": rows,
        "sha256": digests,
    }
    path = out / "manifest.json"
    path.write_bytes((json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    written.append(path)
    return written


def verify_dataset(folder: str | Path) -> list[str]:
    """Problems found comparing a folder's CSVs with its manifest ([] = all match)."""
    folder = Path(folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    problems = []
    for name, digest in manifest.get("sha256", {}).items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{name}: contents differ from the manifest's sha256")
    return problems


def read_dataset(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read a folder written by ``write_dataset`` with the generator's types.

    Text stays text (identifiers keep their leading zeros; empty cells are "", except
    the optional ``invoice_id`` of promises and activities: missing), dates become
    datetime64, amounts float64, counts int64.
    """
    folder = Path(folder)
    tables: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        path = folder / f"{name}.csv"
        if not path.is_file():
            continue
        df = pd.read_csv(path, dtype="str", keep_default_na=False, encoding="utf-8")
        for col, kind in SCHEMA[name].items():
            if col not in df:
                continue
            if kind == "date":
                df[col] = pd.to_datetime(df[col], format="%Y-%m-%d").astype("datetime64[ns]")
            elif kind == "amount":
                df[col] = df[col].astype("float64")
            elif kind == "int":
                df[col] = df[col].astype("int64")
            elif kind == "ref":
                df[col] = df[col].mask(df[col] == "")
        tables[name] = df
    return tables


def case_dir() -> Path:
    """The frozen default case, ``datasets/electromech/`` of the kit (receivables.paths)."""
    return paths.case_data_dir()
