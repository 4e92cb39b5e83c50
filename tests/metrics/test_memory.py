"""The allocator tuning for large ledgers (receivables._memory): memory freed by one pass
is reused by the next instead of being handed back and faulted in again, up to a bound."""

from __future__ import annotations

import platform
import subprocess
import sys
import textwrap

import pytest

GLIBC = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"

PROBE = textwrap.dedent(
    """
    import resource, sys
    import numpy as np
    from receivables import _memory

    rows = int(sys.argv[1])
    _memory.for_rows(rows)

    def rss_mb():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * 4096 / 2**20

    def one_pass(arrays=6):  # arrays of 8 MB, as a million-invoice ledger's passes make
        arrays = [np.ones(1_000_000) for _ in range(arrays)]
        del arrays

    one_pass()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    one_pass()
    one_pass()
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    start = rss_mb()
    one_pass(25)  # 200 MB, freed
    print(_memory._tuned, faults, round(rss_mb() - start))
    """
)


def probe(rows: int) -> tuple[str, int, int]:
    out = subprocess.run([sys.executable, "-c", PROBE, str(rows)], capture_output=True, text=True, check=True)
    tuned, faults, kept = out.stdout.split()
    return tuned, int(faults), int(kept)


@pytest.mark.skipif(not GLIBC, reason="the tuning is for glibc's malloc")
def test_a_large_ledger_reuses_freed_memory_within_a_bound():
    from receivables._memory import KEEP_BYTES

    small_tuned, small_faults, _ = probe(1_000)
    large_tuned, large_faults, kept = probe(1_000_000)
    assert small_tuned == "None"  # a small ledger leaves the process's allocator alone
    assert large_tuned == "True"
    # 96 MB allocated again after being freed: without the tuning it is faulted in anew
    # (tens of thousands of page faults), with it nearly none.
    assert small_faults > 5_000
    assert large_faults < small_faults / 20
    # What is kept is bounded: of 200 MB freed at once, at most KEEP_BYTES stay with the
    # process (1 GB stayed before, and the next file's read came on top of it).
    assert kept <= KEEP_BYTES / 2**20 + 8


def test_reading_or_preparing_a_large_ledger_tunes_it(monkeypatch):
    from receivables import _memory

    calls = []
    monkeypatch.setattr(_memory, "retain_freed_memory", lambda: calls.append(1))
    _memory.for_rows(_memory.LARGE_ROWS - 1)
    _memory.for_file(_memory.LARGE_FILE_BYTES - 1)
    assert calls == []
    _memory.for_rows(_memory.LARGE_ROWS)
    _memory.for_file(_memory.LARGE_FILE_BYTES)
    assert calls == [1, 1]
