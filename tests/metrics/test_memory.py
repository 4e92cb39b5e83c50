"""The allocator tuning for large ledgers (receivables._memory): memory freed by one pass
is reused by the next instead of being handed back and faulted in again."""

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

    def one_pass():  # 25 arrays of 8 MB, as a million-invoice ledger's passes make
        arrays = [np.ones(1_000_000) for _ in range(25)]
        del arrays

    one_pass()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    one_pass()
    one_pass()
    print(_memory._tuned, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
    """
)


def probe(rows: int) -> tuple[str, int]:
    out = subprocess.run([sys.executable, "-c", PROBE, str(rows)], capture_output=True, text=True, check=True)
    tuned, faults = out.stdout.split()
    return tuned, int(faults)


@pytest.mark.skipif(not GLIBC, reason="the tuning is for glibc's malloc")
def test_a_large_ledger_reuses_freed_memory():
    small_tuned, small_faults = probe(1_000)
    large_tuned, large_faults = probe(1_000_000)
    assert small_tuned == "None"  # a small ledger leaves the process's allocator alone
    assert large_tuned == "True"
    # 400 MB allocated again after being freed: without the tuning it is faulted in anew
    # (tens of thousands of page faults), with it nearly none.
    assert small_faults > 5_000
    assert large_faults < small_faults / 20


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
