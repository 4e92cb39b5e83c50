"""`make bench`: the receivables engine against its floor and a peer, on a generated
ledger of about 1,000,000 invoices. Writes benchmarks/results.json and prints ratios
(``--only-engine``: (a), (b) and (e) alone, printed, nothing written).

(a) read_s     pandas.read_csv(engine="pyarrow") of the file alone: the floor (best of 5,
               before each of (b)'s PROCESSES processes: the best of all)
(b) engine_s   the engine: load + validate + as-of aging + DSO + 24 months of CEI history
               (best of 5 runs in each of PROCESSES processes, like (a) and (c); target
               engine/read <= 1.5; engine_first_run_s: the best first run of a process)
(c) duckdb_s   the same as-of aging as one DuckDB SQL query over the same CSV: a peer
(d) widget_recompute_ms  as-of aging of 100,000 invoices for a new date (median of 20)
(e) peak_mb    peak memory of (b): the largest over PROCESSES fresh processes, each doing
               (b) REPEAT times (target < 500 MB, run after run); printed after (b)
(f) xlsx_over_csv  `case run` (every case notebook and the report) on a ledger of about
               200,000 invoices saved as .xlsx, over the same ledger as CSV (target <= 1.5)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from benchmarks.ledger import single_file_ledger

HERE = Path(__file__).resolve().parent
AS_OF = "2025-12-31"
EDGES = [0, 30, 60, 90, 180, 365]


REPEAT = 5  # every timing is the best of 5: a shared virtual machine's noise is ±20 %
PROCESSES = 5  # (b) and (e) in this many fresh processes: memory differs from one to the next


def best_of(fn, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def duckdb_aging(csv: Path) -> pd.DataFrame:
    import duckdb

    sql = f"""
    WITH t AS (
      SELECT amount - CASE WHEN paid_date IS NOT NULL AND paid_date <= DATE '{AS_OF}'
                           THEN coalesce(paid_amount, amount) ELSE 0 END AS open_amount,
             DATE '{AS_OF}' - due_date AS dpd
      FROM read_csv('{csv}', header=true, types={{'invoice_id':'VARCHAR','customer_id':'VARCHAR',
           'invoice_date':'DATE','due_date':'DATE','amount':'DOUBLE','paid_date':'DATE','paid_amount':'DOUBLE'}})
      WHERE invoice_date <= DATE '{AS_OF}')
    SELECT CASE WHEN dpd <= 0 THEN 'current' WHEN dpd <= 30 THEN '1-30' WHEN dpd <= 60 THEN '31-60'
                WHEN dpd <= 90 THEN '61-90' WHEN dpd <= 180 THEN '91-180' WHEN dpd <= 365 THEN '181-365'
                ELSE 'over 365' END AS bucket,
           sum(open_amount) AS amount, count(*) AS count
    FROM t WHERE abs(open_amount) >= 0.005 GROUP BY 1
    """
    con = duckdb.connect()
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def widget_recompute_ms(repeat: int = 20) -> float:
    from receivables.datasets import generate
    from receivables.metrics import PreparedLedger

    tables = generate(seed=11, customers=2000, months=36, end=AS_OF)
    inv = tables["invoices"].head(100_000)
    pay = tables["payments"][tables["payments"]["invoice_id"].isin(inv["invoice_id"])]
    prepared = PreparedLedger(inv, pay)
    dates = pd.date_range("2024-01-15", periods=repeat, freq="17D")
    prepared.aging(dates[0])  # warm-up
    times = []
    for d in dates:
        t0 = time.perf_counter()
        prepared.aging(d)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), len(inv)


def case_run_s(ledger: Path, mapping: Path, cache: Path) -> float:
    """One `case run` from a cold table cache, as a company's first run is."""
    import os
    import shutil
    import tempfile

    from receivables.cases.run import run_case

    shutil.rmtree(cache, ignore_errors=True)
    os.environ["RECEIVABLES_CACHE"] = str(cache)  # the notebooks' kernels inherit it
    try:
        with tempfile.TemporaryDirectory() as out:
            t0 = time.perf_counter()
            run_case(ledger, mapping, as_of=AS_OF, out=out)
            return time.perf_counter() - t0
    finally:
        del os.environ["RECEIVABLES_CACHE"]


def excel_speed(customers: int = 4000, months: int = 36) -> dict:
    """(f): the same ledger as CSV and as .xlsx (the .xlsx written once, cached beside it)."""
    import tempfile

    csv, mapping, rows = single_file_ledger(customers, months)
    xlsx = csv.with_suffix(".xlsx")
    if not xlsx.exists():
        frame = pd.read_csv(csv, parse_dates=["invoice_date", "due_date", "paid_date"])
        with pd.ExcelWriter(xlsx.with_suffix(".tmp.xlsx"), engine="xlsxwriter") as book:
            frame.to_excel(book, index=False)
        xlsx.with_suffix(".tmp.xlsx").rename(xlsx)
    with tempfile.TemporaryDirectory() as cache:
        csv_s = case_run_s(csv, mapping, Path(cache) / "t")
        xlsx_s = case_run_s(xlsx, mapping, Path(cache) / "t")
    print(f"(f) case run, {rows:,} invoices: CSV {csv_s:.1f} s, .xlsx {xlsx_s:.1f} s")
    return {
        "excel_rows": rows,
        "case_run_csv_s": round(csv_s, 1),
        "case_run_xlsx_s": round(xlsx_s, 1),
        "xlsx_over_csv": round(xlsx_s / csv_s, 2),
    }


def engine_against_read(csv: Path, mapping: Path) -> tuple[list[float], list[dict]]:
    """(a), (b) and (e): the floor's best times and the engine processes' results; prints
    lines (a), (b) and (e)."""
    # Best of REPEAT in one process, as (a) is timed; in fresh processes of their own for
    # their peak memory, several of them: one sample says little about the next.
    # The floor is timed as often, each time just before an engine process, so both
    # meet the same moments of a shared machine's load.
    runs, reads = [], []
    for _ in range(PROCESSES):
        reads.append(best_of(lambda: pd.read_csv(csv, engine="pyarrow")))
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.engine_run", str(csv), str(mapping), AS_OF, str(REPEAT)],
            capture_output=True,
            text=True,
            check=True,
            cwd=HERE.parent,
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    assert all(r["aging"] == runs[0]["aging"] and r["open_balance"] == runs[0]["open_balance"] for r in runs)
    best = min(runs, key=lambda r: r["engine_s"])
    read_s = min(reads)
    print(
        f"(a) read_csv pyarrow       {read_s:8.2f} s  (best of {REPEAT} in each of {PROCESSES} rounds, their bests"
        f" {min(reads):.2f}-{max(reads):.2f} s)"
    )
    print(
        f"(b) engine                 {best['engine_s']:8.2f} s  (load+validate {best['load_s']:.2f} s, metrics"
        f" {best['metrics_s']:.2f} s; best of {REPEAT} in each of {PROCESSES} processes, their bests"
        f" {min(r['engine_s'] for r in runs):.2f}-{max(r['engine_s'] for r in runs):.2f} s; first run in a fresh"
        f" process {min(r['first_run_s'] for r in runs):.2f} s)"
    )
    peaks = [r["peak_mb"] for r in runs]
    print(
        f"(e) peak memory of (b)     {max(peaks):8.0f} MB (the largest of {PROCESSES} processes: {min(peaks):.0f}-"
        f"{max(peaks):.0f} MB; after one run {min(r['first_peak_mb'] for r in runs):.0f}-"
        f"{max(r['first_peak_mb'] for r in runs):.0f} MB)"
    )
    return reads, runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--customers", type=int, default=20_000, help="customers of the generated ledger (20,000 ≈ 1M invoices)"
    )
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--only-excel", action="store_true", help="run (f) alone")
    parser.add_argument(
        "--only-engine", action="store_true", help="run (a), (b) and (e) alone: engine/read and peak memory"
    )
    args = parser.parse_args()
    if args.only_excel:
        excel = excel_speed()
        print(f"xlsx_over_csv      = {excel['xlsx_over_csv']:.2f} (target <= 1.5)")
        return

    print("receivables benchmarks")
    csv, mapping, rows = single_file_ledger(args.customers, args.months)
    print(f"  ledger: {rows:,} invoices, {csv.stat().st_size / 1e6:.0f} MB")
    reads, runs = engine_against_read(csv, mapping)
    best = min(runs, key=lambda r: r["engine_s"])
    engine_s = best["engine_s"]
    peaks = [r["peak_mb"] for r in runs]
    peak_mb = max(peaks)
    first_run_s = min(r["first_run_s"] for r in runs)
    read_s = min(reads)
    if args.only_engine:
        print(f"engine_over_read   = {engine_s / read_s:.2f}   (target <= 1.5)")
        print(f"peak_mb            = {peak_mb:.0f}  (target < 500, the largest of {PROCESSES} fresh processes)")
        return

    duck = duckdb_aging(csv)
    duckdb_s = best_of(lambda: duckdb_aging(csv))
    print(f"(c) duckdb as-of aging     {duckdb_s:8.2f} s")
    # The peer must compute the same figure, or the comparison means nothing.
    engine_total = sum(b["amount"] for b in best["aging"])
    assert abs(engine_total - float(duck["amount"].sum())) < 1.0, (engine_total, float(duck["amount"].sum()))

    recompute_ms, n = widget_recompute_ms()
    print(f"(d) widget recompute       {recompute_ms:8.2f} ms (as-of aging of {n:,} invoices, median of 20)")

    excel = excel_speed()
    results = {
        **excel,
        "rows": rows,
        "read_s": round(read_s, 3),
        "engine_s": round(engine_s, 3),
        "duckdb_s": round(duckdb_s, 3),
        "engine_over_read": round(engine_s / read_s, 2),
        "engine_over_duckdb": round(engine_s / duckdb_s, 2),
        "widget_recompute_ms": round(recompute_ms, 2),
        "peak_mb": round(peak_mb, 1),
        "peak_mb_runs": [round(p, 1) for p in peaks],
        "peak_mb_first_run": round(max(r["first_peak_mb"] for r in runs), 1),
        "engine_s_runs": [round(r["engine_s"], 3) for r in runs],
        "read_s_runs": [round(r, 3) for r in reads],
        "engine_first_run_s": round(first_run_s, 3),
    }
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"engine_over_read   = {results['engine_over_read']:.2f}   (target <= 1.5)")
    print(f"engine_over_duckdb = {results['engine_over_duckdb']:.2f}")
    print(f"widget_recompute_ms= {results['widget_recompute_ms']:.2f} (target <= 50)")
    print(f"peak_mb            = {results['peak_mb']:.0f}  (target < 500, the largest of {PROCESSES} fresh processes)")
    print(f"xlsx_over_csv      = {results['xlsx_over_csv']:.2f} (target <= 1.5)")
    print("written benchmarks/results.json")


if __name__ == "__main__":
    main()
