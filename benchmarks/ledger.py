"""The benchmark's input: a generated ledger as one CSV, one row per invoice, with the
paid date and paid amount of its payments (a partial payment leaves paid_amount < amount).
It is the shape of a typical ERP export; generated once and cached in benchmarks/data/."""

from __future__ import annotations

import time
from pathlib import Path

from receivables.datasets import generate

DATA = Path(__file__).resolve().parent / "data"
MAPPING = """columns:
  invoice_id: invoice_id
  customer_id: customer_id
  invoice_date: invoice_date
  due_date: due_date
  amount: amount
  paid_date: paid_date
  paid_amount: paid_amount
date_format: "%Y-%m-%d"
"""


def single_file_ledger(customers: int, months: int, seed: int = 7) -> tuple[Path, Path, int]:
    """(csv path, mapping path, invoice count), generating the file if it is not cached."""
    DATA.mkdir(parents=True, exist_ok=True)
    csv = DATA / f"ledger-s{seed}-c{customers}-m{months}.csv"
    mapping = DATA / "ledger-mapping.yml"
    mapping.write_text(MAPPING, encoding="utf-8")
    if not csv.exists():
        t0 = time.perf_counter()
        tables = generate(seed=seed, customers=customers, months=months, end="2025-12-31")
        inv, pay = tables["invoices"], tables["payments"]
        paid = pay.groupby("invoice_id", sort=False).agg(
            paid_date=("paid_date", "max"), paid_amount=("paid_amount", "sum")
        )
        ledger = inv[["invoice_id", "customer_id", "invoice_date", "due_date", "amount"]].join(paid, on="invoice_id")
        ledger.to_csv(csv.with_suffix(".tmp"), index=False, date_format="%Y-%m-%d", float_format="%.2f")
        csv.with_suffix(".tmp").rename(csv)
        print(f"  generated {len(ledger):,} invoices into {csv.name} in {time.perf_counter() - t0:.1f} s")
    with open(csv, "rb") as f:
        rows = sum(1 for _ in f) - 1
    return csv, mapping, rows
