"""Keep freed memory for the next pass over a large ledger, within a bound.

A million-invoice ledger goes through arrays of 4-8 MB each. glibc's malloc serves
those with fresh pages from the system and returns them when they are freed, so every
pass (a new as-of date, a widget's recompute) pays again for the system to hand out
and zero the same memory. This asks glibc to serve arrays up to ``HEAP_BYTES`` from its
reusable heap, once a process works on a large ledger (small ledgers never call it).

What is kept is bounded by ``KEEP_BYTES`` (free memory above it at the top of the heap
goes back to the system). It was 1 GB, and peak memory grew run after run: Arrow
allocates through its own pool (mimalloc), which cannot use what glibc keeps, so the
next file's read came on top of the last ledger's kept heap, and each thread's arena
kept its own (measured on the 1M-invoice benchmark, five runs in one process: peak
420 MB after the first, 520-545 MB after the next). With 64 MB it stays within 30 MB of
the first run, and the passes are as fast. For the same reason ``release_arrow``
hands back what Arrow's pool keeps after a large file is read (60 MB of freed parse
buffers at 1M invoices, about 3 ms).

Only glibc (Linux) is tuned; elsewhere, or when the C library refuses, nothing changes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

LARGE_ROWS = 200_000  # ledgers from this size on tune the allocator
LARGE_FILE_BYTES = 16 * 2**20  # a ledger file from this size on: about 200,000 rows
HEAP_BYTES = 32 * 2**20  # allocations up to 32 MB come from the reusable heap (glibc's maximum)
KEEP_BYTES = 64 * 2**20  # freed heap kept for reuse, up to 64 MB

# mallopt parameters, from glibc's malloc.h
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3

_tuned: bool | None = None  # None: not tried yet


def retain_freed_memory() -> bool:
    """Tune glibc's malloc to reuse freed memory (once per process); True when tuned."""
    global _tuned
    if _tuned is not None:
        return _tuned
    _tuned = False
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
        gnu = libc.gnu_get_libc_version  # glibc only: musl has no such function
    except (OSError, AttributeError):
        return False
    del gnu
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    _tuned = bool(mallopt(_M_MMAP_THRESHOLD, HEAP_BYTES)) and bool(mallopt(_M_TRIM_THRESHOLD, KEEP_BYTES))
    return _tuned


def for_rows(rows: int) -> None:
    """Tune the allocator when a ledger of ``rows`` rows is large enough to gain from it."""
    if rows >= LARGE_ROWS:
        retain_freed_memory()


def for_file(size: int) -> None:
    """The same, before reading a ledger file of ``size`` bytes."""
    if size >= LARGE_FILE_BYTES:
        retain_freed_memory()


def release_arrow(size: int) -> None:
    """After reading a ledger file of ``size`` bytes: hand back the memory Arrow's
    pool kept from reading it, when it is large enough to matter."""
    if size >= LARGE_FILE_BYTES:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
