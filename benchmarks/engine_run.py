"""(b) in its own process, so its peak memory is its own: load + validate + as-of aging +
DSO + 24 months of CEI history. Prints one JSON line."""

from __future__ import annotations

import json
import resource
import sys
import time

from receivables.ledger import read_ledger
from receivables.metrics import PreparedLedger


def main(csv: str, mapping: str, as_of: str) -> None:
    t0 = time.perf_counter()
    ledger = read_ledger(csv, mapping)
    t_load = time.perf_counter()
    prepared = PreparedLedger.from_ledger(ledger)
    summary = prepared.summary(as_of)
    history = prepared.monthly_history(end=as_of, months=24)
    t_end = time.perf_counter()
    assert ledger.rows_read == ledger.rows_used + ledger.rows_rejected
    assert len(history) == 24 and history["cei"].notna().any()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "engine_s": t_end - t0, "load_s": t_load - t0, "metrics_s": t_end - t_load,
        "rows_used": ledger.rows_used, "rows_rejected": ledger.rows_rejected,
        "open_balance": summary["open_balance"], "aging": summary["aging"], "peak_mb": peak_mb,
    }))


if __name__ == "__main__":
    main(*sys.argv[1:4])
