"""(b) in its own process, so its peak memory is its own: load + validate + as-of aging +
DSO + 24 months of CEI history. Prints one JSON line.

Peak memory (VmHWM, see ``peak_mb``) is the process's, over all its runs, and after the first run
alone (``first_peak_mb``): what one run keeps for reuse must not make the next one
larger. `make bench` starts this in several fresh processes and reports the largest.

Timed like the floor (a): best of ``repeat`` runs in one process, each run doing all of
the work from the file on disk (nothing is kept between runs). The first run's time is
reported too: a fresh process pays once for touching new memory, which in this
virtual machine costs as much as the work itself. A large ledger asks glibc to keep
freed memory for reuse (receivables._memory), as Arrow's allocator does for the floor.
"""

from __future__ import annotations

import contextlib
import gc
import json
import resource
import sys
import time

from receivables.ledger import read_ledger
from receivables.metrics import PreparedLedger


def run(csv: str, mapping: str, as_of: str) -> dict:
    t0 = time.perf_counter()
    ledger = read_ledger(csv, mapping)
    t_load = time.perf_counter()
    prepared = PreparedLedger.from_ledger(ledger)
    summary = prepared.summary(as_of)
    history = prepared.monthly_history(end=as_of, months=24)
    t_end = time.perf_counter()
    assert ledger.rows_read == ledger.rows_used + ledger.rows_rejected
    assert len(history) == 24 and history["cei"].notna().any()
    return {
        "engine_s": t_end - t0,
        "load_s": t_load - t0,
        "metrics_s": t_end - t_load,
        "rows_used": ledger.rows_used,
        "rows_rejected": ledger.rows_rejected,
        "open_balance": summary["open_balance"],
        "aging": summary["aging"],
        "history": history[["month", "closing_ar", "cei"]].to_dict("list"),
    }


def peak_mb() -> float:
    """This process's peak resident memory in MB: VmHWM on Linux. Not ru_maxrss: Linux
    keeps the larger of it across exec, so a process started by another counts that
    one's memory at the moment it started (`make bench` after five pandas reads of the
    ledger: 506 MB reported for an engine peaking at 450 MB)."""
    with contextlib.suppress(OSError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(csv: str, mapping: str, as_of: str, repeat: str = "3") -> None:
    runs = []
    for _ in range(int(repeat)):
        runs.append(run(csv, mapping, as_of))
        gc.collect()  # each run starts from the same state
        runs[-1]["peak_mb"] = peak_mb()  # the process's peak so far
    assert all(r["aging"] == runs[0]["aging"] and r["history"] == runs[0]["history"] for r in runs)
    best = min(runs, key=lambda r: r["engine_s"])
    best["first_run_s"] = runs[0]["engine_s"]
    best["first_peak_mb"] = runs[0]["peak_mb"]  # one run in a fresh process, as `case run`
    best["peak_mb"] = peak_mb()  # over all the runs: memory kept by one run adds to the next
    del best["history"]
    print(json.dumps(best))


if __name__ == "__main__":
    main(*sys.argv[1:5])
